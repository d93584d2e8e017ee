//! Settings from the environment (and `.env`), read and validated once at start-up,
//! before any network I/O. The bot token never appears in logs or errors.

use std::fmt;
use std::net::SocketAddr;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

use crate::discord::cooldown::Rate;

/// A Discord bot token. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

/// A setting that is missing or malformed; the message names the variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "DISCORD_TOKEN is not set: put your bot's token in .env (see .env.example) or the environment"
    )]
    MissingToken,
    #[error(
        "DISCORD_TOKEN is not a Discord bot token: expected three parts separated by dots, from the Bot page of the developer portal"
    )]
    InvalidToken,
    #[error("{name} must be a Discord id (digits only), not `{value}`")]
    InvalidId { name: &'static str, value: String },
    #[error("IPWEST_COOLDOWN must look like `5/10s` (questions per seconds), not `{0}`")]
    InvalidCooldown(String),
    #[error(
        "DISCORD_PUBLIC_KEY is not set: copy your application's Public Key from the developer portal into .env"
    )]
    MissingPublicKey,
    #[error("DISCORD_PUBLIC_KEY must be the 64 hex digits of your application's Public Key")]
    InvalidPublicKey,
    #[error("IPWEST_BIND must be an address and port such as 127.0.0.1:8080, not `{0}`")]
    InvalidBind(String),
    #[error("{0} must be `on` or `off`, not `{1}`")]
    InvalidSwitch(&'static str, String),
    #[error("IPWEST_RETENTION_DAYS must be a whole number of days, at least 1, not `{0}`")]
    InvalidRetention(String),
    #[error(
        "IPWEST_ADMIN_TOKEN must be at least {MIN_ADMIN_TOKEN} characters, or unset to turn the admin pages off; make one with `openssl rand -hex 24`"
    )]
    ShortAdminToken,
    #[error(
        "IPWEST_PUBLIC_URL must be the site's address, starting with https:// or http://, such as https://ipwest.example.org, not `{0}`"
    )]
    InvalidPublicUrl(String),
}

impl Token {
    /// Checks the token's shape: three dot-separated parts, the first the base64 of
    /// the bot's numeric id.
    pub fn parse(text: &str) -> Result<Token, ConfigError> {
        let text = text.trim().trim_start_matches("Bot ").trim();
        let parts: Vec<&str> = text.split('.').collect();
        let valid = parts.len() == 3
            && parts.iter().all(|p| !p.is_empty())
            && decode_id(parts[0]).is_some();
        if valid {
            Ok(Token(text.to_owned()))
        } else {
            Err(ConfigError::InvalidToken)
        }
    }

    /// The bot's application id, which the token's first part encodes.
    pub fn application_id(&self) -> u64 {
        self.0
            .split('.')
            .next()
            .and_then(decode_id)
            .expect("checked by Token::parse")
    }

    /// The token itself, for the Discord client only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn decode_id(part: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .or_else(|_| STANDARD_NO_PAD.decode(part.trim_end_matches('=')))
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.parse().ok()
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The gateway bot's settings.
#[derive(Debug, Clone)]
pub struct BotConfig {
    /// `DISCORD_TOKEN`.
    pub token: Token,
    /// `DISCORD_GUILD_ID`: register commands to this server only (instant, for testing).
    pub guild_id: Option<u64>,
    /// `DISCORD_API_BASE`: another base URL for Discord's API (a rate-limit proxy, a test
    /// stand-in).
    pub api_base: Option<String>,
    /// `IPWEST_COOLDOWN`: how many questions a user may ask per window.
    pub cooldown: Rate,
    /// `IPWEST_MESSAGE_CONTENT=on`: request the privileged Message Content intent, so
    /// that servers may have questions answered without a mention.
    pub message_content: bool,
}

impl BotConfig {
    /// Reads the settings through `var` (the environment, in `main`).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<BotConfig, ConfigError> {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let token = Token::parse(&set("DISCORD_TOKEN").ok_or(ConfigError::MissingToken)?)?;
        Ok(BotConfig {
            token,
            guild_id: id(set("DISCORD_GUILD_ID"), "DISCORD_GUILD_ID")?,
            api_base: set("DISCORD_API_BASE").map(|b| b.trim().trim_end_matches('/').to_owned()),
            cooldown: set("IPWEST_COOLDOWN").map_or(Ok(Rate::default()), |c| parse_rate(&c))?,
            message_content: switch(set("IPWEST_MESSAGE_CONTENT"), |v| {
                ConfigError::InvalidSwitch("IPWEST_MESSAGE_CONTENT", v)
            })?,
        })
    }
}

/// An on/off setting; off when unset.
fn switch(
    value: Option<String>,
    invalid: impl FnOnce(String) -> ConfigError,
) -> Result<bool, ConfigError> {
    match value {
        None => Ok(false),
        Some(value) => match value.trim().to_ascii_lowercase().as_str() {
            "on" | "true" | "yes" | "1" => Ok(true),
            "off" | "false" | "no" | "0" => Ok(false),
            _ => Err(invalid(value)),
        },
    }
}

/// The HTTP interactions endpoint's settings.
#[derive(Debug, Clone)]
pub struct EndpointConfig {
    /// `DISCORD_PUBLIC_KEY`: the application's Ed25519 public key.
    pub public_key: [u8; 32],
    /// `IPWEST_BIND`: where to listen.
    pub bind: SocketAddr,
    /// `IPWEST_COOLDOWN`, as for the gateway bot.
    pub cooldown: Rate,
}

/// Where the endpoint listens by default: loopback, behind a TLS reverse proxy.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

impl EndpointConfig {
    /// Reads the settings through `var`; `bind` (from `--bind`) wins over `IPWEST_BIND`.
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
        bind: Option<&str>,
    ) -> Result<EndpointConfig, ConfigError> {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let key = set("DISCORD_PUBLIC_KEY").ok_or(ConfigError::MissingPublicKey)?;
        Ok(EndpointConfig {
            public_key: parse_hex_key(key.trim()).ok_or(ConfigError::InvalidPublicKey)?,
            bind: bind_address(&var, bind)?,
            cooldown: set("IPWEST_COOLDOWN").map_or(Ok(Rate::default()), |c| parse_rate(&c))?,
        })
    }
}

/// Where to listen: `flag` (from `--bind`), else `IPWEST_BIND`, else [`DEFAULT_BIND`].
pub fn bind_address(
    var: impl Fn(&str) -> Option<String>,
    flag: Option<&str>,
) -> Result<SocketAddr, ConfigError> {
    let bind = flag
        .map(str::to_owned)
        .or_else(|| var("IPWEST_BIND").filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| DEFAULT_BIND.to_owned());
    bind.trim()
        .parse()
        .map_err(|_| ConfigError::InvalidBind(bind.clone()))
}

fn parse_hex_key(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut key = [0; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(key)
}

/// The admin pages' token (`IPWEST_ADMIN_TOKEN`). Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken(String);

/// Fewest characters an admin token may have: a short one can be guessed.
pub const MIN_ADMIN_TOKEN: usize = 16;

impl AdminToken {
    /// The token, when it is long enough to be safe.
    pub fn parse(text: &str) -> Result<AdminToken, ConfigError> {
        let text = text.trim();
        if text.chars().count() < MIN_ADMIN_TOKEN {
            return Err(ConfigError::ShortAdminToken);
        }
        Ok(AdminToken(text.to_owned()))
    }

    /// The token itself, for the login's comparison only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminToken(…)")
    }
}

/// The web pages' settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebConfig {
    /// `IPWEST_ADMIN_TOKEN`: the admin pages' token; none: they are off.
    pub admin_token: Option<AdminToken>,
    /// `IPWEST_PUBLIC_URL`: where the pages are published, without a trailing `/`;
    /// the bot's answers link to their facts there.
    pub public_url: Option<String>,
}

impl WebConfig {
    /// Reads the settings through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<WebConfig, ConfigError> {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let admin_token = set("IPWEST_ADMIN_TOKEN")
            .map(|t| AdminToken::parse(&t))
            .transpose()?;
        let public_url = set("IPWEST_PUBLIC_URL")
            .map(|url| public_url(&url).ok_or(ConfigError::InvalidPublicUrl(url)))
            .transpose()?;
        Ok(WebConfig {
            admin_token,
            public_url,
        })
    }
}

/// `url` without its trailing `/`, when it is an http(s) address with a host.
fn public_url(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let valid =
        !host.is_empty() && !host.contains(char::is_whitespace) && !host.contains(['?', '#']);
    valid.then(|| url.to_owned())
}

/// Where the store is and what it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// `DATABASE_URL`: `sqlite://…` (the default, [`crate::store::DEFAULT_URL`]) or
    /// `postgres://…`.
    pub url: String,
    /// `IPWEST_LOG_QUESTIONS`: log questions asked outside servers (DMs, the console,
    /// user-installed apps); off by default.
    pub log_questions: bool,
    /// `IPWEST_RETENTION_DAYS`: how long logged questions and votes are kept (90).
    pub retention_days: u32,
}

/// Days logged questions and votes are kept by default.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

impl StoreConfig {
    /// Reads the settings through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<StoreConfig, ConfigError> {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let log_questions = switch(set("IPWEST_LOG_QUESTIONS"), |v| {
            ConfigError::InvalidSwitch("IPWEST_LOG_QUESTIONS", v)
        })?;
        let retention_days = match set("IPWEST_RETENTION_DAYS") {
            None => DEFAULT_RETENTION_DAYS,
            Some(value) => value
                .trim()
                .parse()
                .ok()
                .filter(|days| *days > 0)
                .ok_or(ConfigError::InvalidRetention(value))?,
        };
        Ok(StoreConfig {
            url: set("DATABASE_URL").map_or_else(
                || crate::store::DEFAULT_URL.to_owned(),
                |url| url.trim().to_owned(),
            ),
            log_questions,
            retention_days,
        })
    }
}

/// An optional Discord id setting.
pub fn id(value: Option<String>, name: &'static str) -> Result<Option<u64>, ConfigError> {
    value
        .map(|v| {
            v.trim().parse::<u64>().map_err(|_| ConfigError::InvalidId {
                name,
                value: v.clone(),
            })
        })
        .transpose()
}

fn parse_rate(text: &str) -> Result<Rate, ConfigError> {
    crate::settings::parse_rate(text).ok_or_else(|| ConfigError::InvalidCooldown(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn store_settings_default_to_a_local_file_and_no_question_logs() {
        let config = StoreConfig::from_vars(|_| None).unwrap();
        assert_eq!(config.url, "sqlite://ipwest.db");
        assert!(!config.log_questions);
        assert_eq!(config.retention_days, 90);
        let set = |vars: &'static [(&'static str, &'static str)]| {
            StoreConfig::from_vars(move |name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            })
        };
        let config = set(&[
            ("IPWEST_LOG_QUESTIONS", "On"),
            ("IPWEST_RETENTION_DAYS", "7"),
            ("DATABASE_URL", "postgres://db/ipwest"),
        ])
        .unwrap();
        assert!(config.log_questions);
        assert_eq!(config.retention_days, 7);
        assert_eq!(config.url, "postgres://db/ipwest");
        assert_eq!(
            set(&[("IPWEST_LOG_QUESTIONS", "maybe")]),
            Err(ConfigError::InvalidSwitch(
                "IPWEST_LOG_QUESTIONS",
                "maybe".into()
            ))
        );
        assert_eq!(
            set(&[("IPWEST_RETENTION_DAYS", "0")]),
            Err(ConfigError::InvalidRetention("0".into()))
        );
    }

    /// A token of the right shape for application 1310000000000000001 (not a real one).
    const TOKEN: &str =
        "MTMxMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789ABCD";

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn reads_a_full_configuration() {
        let config = BotConfig::from_vars(vars(&[
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_GUILD_ID", "1310000000000000100"),
            ("DISCORD_API_BASE", "http://127.0.0.1:8081/"),
            ("IPWEST_COOLDOWN", "3/20s"),
        ]))
        .unwrap();
        assert_eq!(config.token.application_id(), 1_310_000_000_000_000_001);
        assert_eq!(config.guild_id, Some(1_310_000_000_000_000_100));
        assert_eq!(config.api_base.as_deref(), Some("http://127.0.0.1:8081"));
        assert_eq!(
            config.cooldown,
            Rate {
                limit: 3,
                window: Duration::from_secs(20)
            }
        );
    }

    #[test]
    fn reads_the_endpoint_settings() {
        let key = "67c6bd767ca099e79efac9fcce4d2022a63bf7dea780e7f3d813f694c1597089";
        let config = EndpointConfig::from_vars(vars(&[("DISCORD_PUBLIC_KEY", key)]), None).unwrap();
        assert_eq!(config.public_key[..2], [0x67, 0xc6]);
        assert_eq!(config.bind.to_string(), DEFAULT_BIND);
        let with_env = vars(&[("DISCORD_PUBLIC_KEY", key), ("IPWEST_BIND", "0.0.0.0:9000")]);
        assert_eq!(
            EndpointConfig::from_vars(&with_env, None)
                .unwrap()
                .bind
                .to_string(),
            "0.0.0.0:9000"
        );
        assert_eq!(
            EndpointConfig::from_vars(&with_env, Some("127.0.0.1:1"))
                .unwrap()
                .bind
                .to_string(),
            "127.0.0.1:1"
        );
        let error =
            |pairs: &[(&str, &str)]| EndpointConfig::from_vars(vars(pairs), None).unwrap_err();
        assert_eq!(error(&[]), ConfigError::MissingPublicKey);
        for bad in [
            "abc",
            &key[1..],
            &format!("{}zz", &key[2..]),
            "é".repeat(32).as_str(),
        ] {
            assert_eq!(
                error(&[("DISCORD_PUBLIC_KEY", bad)]),
                ConfigError::InvalidPublicKey,
                "{bad}"
            );
        }
        assert_eq!(
            error(&[("DISCORD_PUBLIC_KEY", key), ("IPWEST_BIND", "everywhere")]),
            ConfigError::InvalidBind("everywhere".into())
        );
    }

    #[test]
    fn names_the_variable_that_is_wrong_and_never_shows_the_token() {
        let error = |pairs: &[(&str, &str)]| BotConfig::from_vars(vars(pairs)).unwrap_err();
        assert_eq!(error(&[]), ConfigError::MissingToken);
        assert_eq!(error(&[("DISCORD_TOKEN", "  ")]), ConfigError::MissingToken);
        for bad in [
            "not-a-token",
            "a.b",
            "a.b.c",
            "bm90LWFuLWlk.x.y",
            "MTMx.x.y.z",
        ] {
            assert_eq!(
                error(&[("DISCORD_TOKEN", bad)]),
                ConfigError::InvalidToken,
                "{bad}"
            );
        }
        assert!(
            error(&[("DISCORD_TOKEN", TOKEN), ("DISCORD_GUILD_ID", "my-server")])
                .to_string()
                .starts_with("DISCORD_GUILD_ID")
        );
        assert!(
            error(&[("DISCORD_TOKEN", TOKEN), ("IPWEST_COOLDOWN", "fast")])
                .to_string()
                .starts_with("IPWEST_COOLDOWN")
        );
        let config = BotConfig::from_vars(vars(&[("DISCORD_TOKEN", TOKEN)])).unwrap();
        assert!(!format!("{config:?}").contains("GhJkLm"));
        assert_eq!(
            Token::parse(&format!("Bot {TOKEN}")).unwrap().expose(),
            TOKEN
        );
    }

    #[test]
    fn the_web_settings_turn_admin_on_and_name_the_public_address() {
        let config = WebConfig::from_vars(vars(&[])).unwrap();
        assert_eq!(config.admin_token, None);
        let token = "0123456789abcdef0123";
        let config = WebConfig::from_vars(vars(&[
            ("IPWEST_ADMIN_TOKEN", token),
            ("IPWEST_PUBLIC_URL", "https://ipwest.example.org/"),
        ]))
        .unwrap();
        assert_eq!(
            config.admin_token.as_ref().map(AdminToken::expose),
            Some(token)
        );
        assert!(!format!("{config:?}").contains(token));
        assert_eq!(
            config.public_url.as_deref(),
            Some("https://ipwest.example.org")
        );
        assert_eq!(
            WebConfig::from_vars(vars(&[("IPWEST_ADMIN_TOKEN", "hunter2")])),
            Err(ConfigError::ShortAdminToken)
        );
        for bad in ["ipwest.example.org", "ftp://x", "https://", "https://a b"] {
            assert!(
                WebConfig::from_vars(vars(&[("IPWEST_PUBLIC_URL", bad)])).is_err(),
                "{bad}"
            );
        }
    }
}
