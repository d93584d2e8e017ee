//! The `ipwest` command: parses arguments, loads the fact base, and hands the
//! console's streams to the library.

use std::io::{self, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::sync::Arc;

use ipwest::config::{self, BotConfig, ConfigError, EndpointConfig, StoreConfig, Token, WebConfig};
use ipwest::console::ConsoleCommand;
use ipwest::discord::service::{Logging, Service};
use ipwest::discord::{self, endpoint, gateway, gateway::Shards};
use ipwest::facts::{AsOf, FactBase};
use ipwest::lang::{Code, Lang};
use ipwest::live::{self, Live};
use ipwest::reply::Reply;
use ipwest::store::event::{self, Asking};
use ipwest::store::recorder::{self, Recorder};
use ipwest::store::{self, Event, Store};
use ipwest::web::{self, Web};
use ipwest::{Engine, console, data, report};
use serenity::interactions_endpoint::Verifier;
use tracing_subscriber::EnvFilter;

/// Answers questions about intellectual property in western China.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Directory holding facts.toml and synonyms.toml [env: IPWEST_DATA] [default: the
    /// copy built in]
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Answer a question; with none, answer each line of standard input (or open a
    /// prompt on a terminal)
    Ask {
        /// Print JSON: one object, or one per input line
        #[arg(long)]
        json: bool,
        /// Answer in this language [default: each question's own]
        #[arg(long, value_enum)]
        lang: Option<Code>,
        /// The question (several words are joined)
        question: Vec<String>,
    },
    /// List the facts
    Facts {
        /// Print the whole fact base as loaded, as JSON
        #[arg(long)]
        json: bool,
    },
    /// Validate the fact base and print a summary
    Check,
    /// Run the Discord bot over the gateway (needs DISCORD_TOKEN)
    Run {
        /// Run only shards FIRST..LAST (both included) of --total, to split a large
        /// bot over several processes [default: as many as Discord recommends]
        #[arg(long, value_name = "FIRST..LAST", requires = "total", value_parser = parse_shard_range)]
        shards: Option<(u32, u32)>,
        /// The number of shards of the whole bot
        #[arg(long, value_name = "N", requires = "shards")]
        total: Option<u32>,
        /// Also serve the web pages at this address and port (127.0.0.1:8080)
        #[arg(long, value_name = "ADDR")]
        web: Option<String>,
    },
    /// Register the slash commands with Discord without running the bot
    Register {
        /// Register to this server only, which is instant [default: DISCORD_GUILD_ID, or global]
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
        /// Remove the commands instead
        #[arg(long)]
        remove: bool,
    },
    /// Print the link that adds the bot to a server
    Invite,
    /// Serve Discord's HTTP interactions endpoint (needs DISCORD_PUBLIC_KEY) and the
    /// web pages
    Serve {
        /// Address and port to listen on [env: IPWEST_BIND] [default: 127.0.0.1:8080]
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// Serve the web pages alone: the facts for everyone, the gaps for admins
    /// (IPWEST_ADMIN_TOKEN)
    Web {
        /// Address and port to listen on [env: IPWEST_BIND] [default: 127.0.0.1:8080]
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// What members asked that the bot could not answer, grouped by what it asks for,
    /// most asked first (reads DATABASE_URL)
    Gaps {
        /// Only questions asked in this period: 7d, 12h, 30m, 2w [default: all kept]
        #[arg(long, value_name = "PERIOD", value_parser = report::parse_period)]
        since: Option<i64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The 👍 and 👎 per fact, with what the 👎 voters wrote (reads DATABASE_URL)
    Feedback {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Replies served per verdict, fact and day (reads DATABASE_URL)
    Stats {
        /// Only this period: 7d, 12h, 30m, 2w [default: all]
        #[arg(long, value_name = "PERIOD", value_parser = report::parse_period)]
        since: Option<i64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The bot's own commands: fact, topics, place, random, about
    #[command(flatten)]
    Bot(ConsoleCommand),
}

/// Longest the buffered events may take to reach the store when the process stops.
const CLOSE_WITHIN: std::time::Duration = std::time::Duration::from_secs(10);

fn main() -> ExitCode {
    // A missing .env is fine: settings may come from the environment itself.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`ipwest facts | head`): nothing left to say.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ipwest: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Invite = cli.command {
        return invite();
    }
    // An empty setting (as left by a copied .env.example) means unset.
    let data_dir = cli
        .data
        .clone()
        .or_else(|| setting("IPWEST_DATA").map(PathBuf::from));
    let base = match &data_dir {
        Some(dir) => data::read_dir(dir),
        None => data::bundled().map_err(Into::into),
    };
    let base = match base {
        Ok(base) => base,
        Err(data::DataError::Invalid(problems)) => {
            eprint!("{problems}");
            return Ok(ExitCode::FAILURE);
        }
        Err(error) => return Err(error.into()),
    };
    let stdout = io::stdout().lock();
    match cli.command {
        Command::Run { shards, total, web } => {
            let Some(config) = bot_config()? else {
                return Ok(ExitCode::from(2));
            };
            let Some(web_config) = usable(WebConfig::from_vars(setting)) else {
                return Ok(ExitCode::from(2));
            };
            let bind = web.map(|bind| config::bind_address(setting, Some(&bind)));
            let Some(web_bind) = usable(bind.transpose()) else {
                return Ok(ExitCode::from(2));
            };
            let shards = match (shards, total) {
                (Some((first, last)), Some(total)) if last < total => Shards::Range {
                    range: first..last + 1,
                    total,
                },
                (Some(_), Some(total)) => anyhow::bail!("--shards must stay below --total {total}"),
                _ => Shards::Auto,
            };
            let Some(store_config) = store_config() else {
                return Ok(ExitCode::from(2));
            };
            init_logging();
            let runtime = runtime()?;
            let live = live(&runtime, base, data_dir);
            let service = Service::live(Arc::clone(&live), config.cooldown)
                .reading_messages(config.message_content)
                .publishing_at(web_config.public_url.clone());
            let Some((service, store)) = runtime.block_on(with_store(service, &store_config))
            else {
                return Ok(ExitCode::from(2));
            };
            if let Some(bind) = web_bind {
                let listener = runtime.block_on(listen(bind))?;
                tracing::info!(address = %bind, "serving the web pages");
                let pages = web::router(Arc::new(Web::new(live, Some(store), web_config)));
                runtime.spawn(web::serve(listener, pages, shutdown_signal()));
            }
            runtime.block_on(async {
                let ran =
                    gateway::run(config, Arc::clone(&service), shards, shutdown_signal()).await;
                service.close(CLOSE_WITHIN).await;
                ran
            })?;
        }
        Command::Register { guild, remove } => {
            let Some(config) = bot_config()? else {
                return Ok(ExitCode::from(2));
            };
            let guild = guild.or(config.guild_id);
            let count =
                runtime()?.block_on(gateway::register(&gateway::http(&config), guild, remove))?;
            let place = guild.map_or("globally".to_owned(), |g| format!("in server {g}"));
            let done = if remove {
                "removed all commands"
            } else {
                "registered"
            };
            println!("{done} {place}: {count} commands now");
        }
        Command::Serve { bind } => {
            let config = match EndpointConfig::from_vars(setting, bind.as_deref()) {
                Ok(config) => config,
                Err(error) => {
                    eprintln!("ipwest: {error}");
                    return Ok(ExitCode::from(2));
                }
            };
            let verifier = Verifier::try_new(config.public_key)
                .context("DISCORD_PUBLIC_KEY is not a valid Ed25519 key")?;
            let Some(web_config) = usable(WebConfig::from_vars(setting)) else {
                return Ok(ExitCode::from(2));
            };
            let Some(store_config) = store_config() else {
                return Ok(ExitCode::from(2));
            };
            // With the bot's token, a chart is uploaded to the interaction's callback.
            let uploads = match setting("DISCORD_TOKEN") {
                None => None,
                Some(_) => match usable(BotConfig::from_vars(setting)) {
                    Some(bot) => Some(Arc::new(gateway::http(&bot))),
                    None => return Ok(ExitCode::from(2)),
                },
            };
            init_logging();
            let runtime = runtime()?;
            let live = live(&runtime, base, data_dir);
            let mut service = Service::live(Arc::clone(&live), config.cooldown)
                .publishing_at(web_config.public_url.clone());
            if uploads.is_none() {
                service = service.answering_over_http();
            }
            let Some((service, store)) = runtime.block_on(with_store(service, &store_config))
            else {
                return Ok(ExitCode::from(2));
            };
            runtime.block_on(async {
                let listener = listen(config.bind).await?;
                tracing::info!(address = %config.bind, "serving the interactions endpoint at POST /interactions, and the web pages");
                let pages = web::router(Arc::new(Web::new(live, Some(store), web_config)));
                let app = endpoint::routes(Arc::clone(&service), verifier, uploads).merge(pages);
                let served = web::serve(listener, app, shutdown_signal()).await;
                service.close(CLOSE_WITHIN).await;
                served?;
                anyhow::Ok(())
            })?;
        }
        Command::Web { bind } => {
            let settings = config::bind_address(setting, bind.as_deref())
                .and_then(|bind| Ok((bind, WebConfig::from_vars(setting)?)));
            let Some((bind, web_config)) = usable(settings) else {
                return Ok(ExitCode::from(2));
            };
            let Some(store_config) = store_config() else {
                return Ok(ExitCode::from(2));
            };
            init_logging();
            let runtime = runtime()?;
            let live = live(&runtime, base, data_dir);
            let store = runtime.block_on(Store::connect(&store_config.url));
            let Some(store) = store.map_err(|error| eprintln!("ipwest: {error}")).ok() else {
                return Ok(ExitCode::from(2));
            };
            runtime.block_on(async {
                let listener = listen(bind).await?;
                tracing::info!(address = %bind, "serving the web pages");
                let pages = web::router(Arc::new(Web::new(live, Some(store), web_config)));
                web::serve(listener, pages, shutdown_signal()).await?;
                anyhow::Ok(())
            })?;
        }
        Command::Invite => unreachable!("handled before loading the fact base"),
        Command::Check => write(stdout, &console::summary(&base))?,
        Command::Facts { json: true } => {
            let mut text = serde_json::to_string_pretty(&base)?;
            text.push('\n');
            write(stdout, &text)?;
        }
        Command::Facts { json: false } => write(stdout, &console::list_facts(&base))?,
        Command::Gaps { since, json } => {
            let Some(store) = open_store()? else {
                return Ok(ExitCode::from(2));
            };
            let logged = runtime()?.block_on(store.gaps(since_now(since)))?;
            let gaps = report::gaps(&Engine::new(base), &logged);
            print_report(stdout, json, gaps.as_slice(), report::gaps_text)?;
        }
        Command::Feedback { json } => {
            let Some(store) = open_store()? else {
                return Ok(ExitCode::from(2));
            };
            let votes = runtime()?.block_on(store.feedback())?;
            let feedback = report::feedback(&base, votes);
            print_report(stdout, json, feedback.as_slice(), report::feedback_text)?;
        }
        Command::Stats { since, json } => {
            let Some(store) = open_store()? else {
                return Ok(ExitCode::from(2));
            };
            let stats = runtime()?.block_on(store.stats(since_now(since)))?;
            print_report(stdout, json, &stats, report::stats_text)?;
        }
        Command::Bot(command) => {
            let engine = Engine::new(base);
            let (reply, lang) = command.run(&engine, AsOf::today(), seed());
            if let Reply::Notice(notice) = &reply
                && notice.problem
            {
                eprint!("{}", console::render(&reply, lang));
                return Ok(ExitCode::FAILURE);
            }
            write(stdout, &console::render(&reply, lang))?;
        }
        Command::Ask {
            json,
            lang,
            question,
        } => {
            let engine = Engine::new(base);
            let session = console::Session {
                engine: &engine,
                today: AsOf::today(),
                lang: lang.map(Lang::of_code),
            };
            let stdin = io::stdin();
            // Questions asked here are kept only where the operator logs questions.
            let mut asked = Vec::new();
            let log = |question: &str, reply: &Reply| {
                let now = since_now(Some(0));
                let asking = Asking {
                    id: 0,
                    at: now,
                    guild: None,
                    question: Some(question),
                };
                asked.extend(
                    event::of_reply(asking, reply)
                        .into_iter()
                        .filter(|e| matches!(e, Event::Asked(_))),
                );
            };
            if !question.is_empty() {
                let question = question.join(" ");
                let input = io::Cursor::new(question.replace(['\n', '\r'], " "));
                console::answer_lines(session, input, stdout, json, log)?;
            } else if !json && stdin.is_terminal() {
                console::prompt(session, stdin.lock(), stdout, log)?;
            } else {
                console::answer_lines(session, stdin.lock(), stdout, json, log)
                    .context("reading questions")?;
            }
            log_console_questions(asked);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The store's settings, or `None` after printing why they are unusable.
fn store_config() -> Option<StoreConfig> {
    StoreConfig::from_vars(setting)
        .map_err(|error| eprintln!("ipwest: {error}"))
        .ok()
}

/// The engine `run` and `serve` answer from, reloaded from `dir` (when the base came
/// from one) on SIGHUP and when its files change, watched on `runtime`.
fn live(runtime: &tokio::runtime::Runtime, base: FactBase, dir: Option<PathBuf>) -> Arc<Live> {
    let _inside = runtime.enter();
    let live = Arc::new(Live::new(Arc::new(Engine::new(base)), dir));
    live::watch(Arc::clone(&live));
    live
}

/// Settings that were read, or `None` after one line saying what is wrong with them.
fn usable<T>(read: Result<T, ConfigError>) -> Option<T> {
    read.map_err(|error| eprintln!("ipwest: {error}")).ok()
}

/// A listener on `address`.
async fn listen(address: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))
}

/// `service` recording into the store `config` names, with the servers' settings
/// from it and retention applied, and the store; `None` after one line saying why the
/// store cannot be used.
async fn with_store(service: Service, config: &StoreConfig) -> Option<(Arc<Service>, Store)> {
    let store = match Store::connect(&config.url).await {
        Ok(store) => store,
        Err(error) => {
            eprintln!("ipwest: {error}");
            return None;
        }
    };
    tracing::info!(database = %store::redact(&config.url), "recording to the store");
    store::keep_for(store.clone(), config.retention_days);
    match store.settings().await {
        Ok(settings) => service.set_settings(settings),
        Err(error) => {
            eprintln!("ipwest: cannot read the servers' settings: {error}");
            return None;
        }
    }
    let logging = Logging {
        outside_servers: config.log_questions,
    };
    let recorder = Recorder::start(store.clone(), recorder::CAPACITY);
    let mut service = service.recording(recorder, logging);
    if store.is_shared() {
        service = service.sharing_cooldown(store.clone());
    }
    let service = Arc::new(service);
    service.refresh_settings(store.clone());
    Some((service, store))
}

/// Records the questions asked at the console, once answered, where the operator logs
/// questions (`IPWEST_LOG_QUESTIONS`); a failing store is a warning, never an error.
fn log_console_questions(asked: Vec<Event>) {
    let Some(config) = store_config().filter(|c| c.log_questions && !asked.is_empty()) else {
        return;
    };
    let recorded = runtime().map_err(anyhow::Error::from).and_then(|runtime| {
        runtime.block_on(async {
            let store = Store::connect(&config.url).await?;
            store.record(&asked).await?;
            anyhow::Ok(())
        })
    });
    if let Err(error) = recorded {
        eprintln!("ipwest: warning: the questions were answered but not logged: {error:#}");
    }
}

/// The store `DATABASE_URL` names, for the reports; `None` after one line saying
/// why it cannot be used.
fn open_store() -> anyhow::Result<Option<Store>> {
    let Some(config) = store_config() else {
        return Ok(None);
    };
    Ok(runtime()?
        .block_on(Store::connect(&config.url))
        .map_err(|error| eprintln!("ipwest: {error}"))
        .ok())
}

/// The start of the last `period` seconds, or of time.
fn since_now(period: Option<i64>) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    period.map_or(0, |period| now - period)
}

/// A report as JSON or as text.
fn print_report<T: serde::Serialize + ?Sized>(
    out: impl Write,
    json: bool,
    report: &T,
    text: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    let shown = if json {
        serde_json::to_string_pretty(report)? + "\n"
    } else {
        text(report)
    };
    Ok(write(out, &shown)?)
}

/// A number to choose at random with: the clock's nanoseconds.
fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()) ^ d.as_secs())
}

/// An environment variable that is set to something.
fn setting(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The bot's settings, or `None` after printing why they are unusable.
fn bot_config() -> anyhow::Result<Option<BotConfig>> {
    match BotConfig::from_vars(setting) {
        Ok(config) => Ok(Some(config)),
        Err(error) => {
            eprintln!("ipwest: {error}");
            Ok(None)
        }
    }
}

fn invite() -> anyhow::Result<ExitCode> {
    let from_env = config::id(
        std::env::var("DISCORD_APPLICATION_ID").ok(),
        "DISCORD_APPLICATION_ID",
    );
    let from_token = || {
        std::env::var("DISCORD_TOKEN")
            .ok()
            .and_then(|t| Token::parse(&t).ok())
            .map(|t| t.application_id())
    };
    let id = match from_env {
        Ok(id) => id.or_else(from_token),
        Err(error) => {
            eprintln!("ipwest: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let Some(id) = id else {
        eprintln!("ipwest: set DISCORD_APPLICATION_ID or DISCORD_TOKEN to make the invite link");
        return Ok(ExitCode::from(2));
    };
    println!("{}", discord::invite_url(id));
    Ok(ExitCode::SUCCESS)
}

fn parse_shard_range(text: &str) -> Result<(u32, u32), String> {
    let (first, last) = text
        .split_once("..")
        .ok_or("expected FIRST..LAST, for example 0..3")?;
    let parse = |n: &str| {
        n.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{n}` is not a shard number"))
    };
    let (first, last) = (parse(first)?, parse(last)?);
    if first > last {
        return Err(format!("{first} is after {last}"));
    }
    Ok((first, last))
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Logs to stderr, at RUST_LOG's level (default: ipwest's info, serenity's warnings).
fn init_logging() {
    let filter =
        setting("RUST_LOG").map_or_else(|| EnvFilter::new("info,serenity=warn"), EnvFilter::new);
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .init();
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("installing a SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

fn write(mut out: impl Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
