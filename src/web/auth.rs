//! The admin login: one token (`IPWEST_ADMIN_TOKEN`), compared in constant time; a
//! session cookie signed with a key derived from it, so that every instance sharing
//! the token accepts it and changing the token ends every session; a CSRF token on
//! every form, bound to the session (or, on the login form, to a per-visit cookie);
//! and a limit on failed logins per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::config::AdminToken;

/// Failed logins an address may make in [`LOGIN_WINDOW`] before it must wait.
pub const LOGIN_ATTEMPTS: u32 = 5;
/// The window failed logins are counted in.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a session lasts.
pub const SESSION: Duration = Duration::from_secs(12 * 60 * 60);
/// Most addresses whose failures are remembered; the oldest are forgotten first.
const TRACKED: usize = 10_000;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ipwest_admin";
/// The login form's per-visit cookie, which its CSRF token is bound to.
pub const LOGIN_COOKIE: &str = "ipwest_login";

type HmacSha256 = Hmac<Sha256>;

/// The admin side's secrets and the failed-login counts.
pub struct Admin {
    /// Signs sessions and CSRF tokens.
    key: [u8; 32],
    /// The token's digest, which a typed token's digest is compared with.
    digest: [u8; 32],
    /// Cookies are `Secure`: the site is published over https.
    pub secure: bool,
    failures: Mutex<HashMap<IpAddr, Failures>>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
}

impl Admin {
    pub fn new(token: AdminToken, secure: bool) -> Admin {
        let key = Sha256::new()
            .chain_update(b"ipwest admin session key\0")
            .chain_update(token.expose().as_bytes())
            .finalize()
            .into();
        Admin {
            key,
            digest: Sha256::digest(token.expose().as_bytes()).into(),
            secure,
            failures: Mutex::default(),
        }
    }

    /// Whether `typed` is the token: its digest is compared in constant time, so
    /// neither the time taken nor the length tells how much of it was right.
    pub fn is_token(&self, typed: &str) -> bool {
        let typed: [u8; 32] = Sha256::digest(typed.trim().as_bytes()).into();
        typed.ct_eq(&self.digest).into()
    }

    /// A new session's cookie value: when it ends, a random nonce, and their MAC.
    pub fn new_session(&self, now: SystemTime) -> String {
        let expires = seconds(now) + SESSION.as_secs();
        let body = format!("{expires}.{}", random_hex());
        format!("{body}.{}", self.sign("session", &body))
    }

    /// Whether `cookie` is a session this key made that has not ended.
    pub fn is_session(&self, cookie: &str, now: SystemTime) -> bool {
        let Some((body, mac)) = cookie.rsplit_once('.') else {
            return false;
        };
        let expires = body.split('.').next().and_then(|e| e.parse::<u64>().ok());
        self.verify("session", body, mac) && expires.is_some_and(|e| e > seconds(now))
    }

    /// The CSRF token of the forms of the session (or login visit) `binding`.
    pub fn csrf(&self, binding: &str) -> String {
        self.sign("csrf", binding)
    }

    /// Whether `token` is the CSRF token of `binding`, compared in constant time.
    pub fn is_csrf(&self, binding: &str, token: &str) -> bool {
        !binding.is_empty() && self.verify("csrf", binding, token)
    }

    /// `Err(wait)` when `address` has failed [`LOGIN_ATTEMPTS`] times within the
    /// window: it may try again after `wait`.
    pub fn may_try(&self, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let failures = self.failures.lock().expect("not poisoned");
        match failures.get(&address) {
            Some(f) if f.count >= LOGIN_ATTEMPTS && now < f.since + LOGIN_WINDOW => {
                Err(f.since + LOGIN_WINDOW - now)
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed login from `address`.
    pub fn failed(&self, address: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().expect("not poisoned");
        if failures.len() >= TRACKED {
            failures.retain(|_, f| now < f.since + LOGIN_WINDOW);
            if failures.len() >= TRACKED {
                let oldest = failures
                    .iter()
                    .min_by_key(|(_, f)| f.since)
                    .map(|(a, _)| *a);
                oldest.map(|a| failures.remove(&a));
            }
        }
        let entry = failures.entry(address).or_insert(Failures {
            count: 0,
            since: now,
        });
        if now >= entry.since + LOGIN_WINDOW {
            *entry = Failures {
                count: 0,
                since: now,
            };
        }
        entry.count += 1;
    }

    /// Forgets `address`'s failures after it logged in.
    pub fn succeeded(&self, address: IpAddr) {
        self.failures.lock().expect("not poisoned").remove(&address);
    }

    fn mac(&self, purpose: &str, body: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(body.as_bytes());
        mac
    }

    fn sign(&self, purpose: &str, body: &str) -> String {
        hex(&self.mac(purpose, body).finalize().into_bytes())
    }

    fn verify(&self, purpose: &str, body: &str, mac: &str) -> bool {
        let Some(mac) = unhex(mac) else {
            return false;
        };
        self.mac(purpose, body).verify_slice(&mac).is_ok()
    }
}

/// 16 random bytes, in hex: a session's nonce, or a login visit's cookie.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    hex(&bytes)
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "correct horse battery staple";

    fn admin() -> Admin {
        Admin::new(AdminToken::parse(TOKEN).unwrap(), false)
    }

    #[test]
    fn only_the_token_itself_logs_in() {
        let admin = admin();
        assert!(admin.is_token(TOKEN));
        assert!(admin.is_token(&format!(" {TOKEN}\n")));
        assert!(!admin.is_token("correct horse battery stapl"));
        assert!(!admin.is_token(""));
    }

    #[test]
    fn a_session_holds_until_it_ends_and_cannot_be_forged() {
        let admin = admin();
        let now = SystemTime::now();
        let session = admin.new_session(now);
        assert!(admin.is_session(&session, now));
        assert!(!admin.is_session(&session, now + SESSION + Duration::from_secs(1)));
        let (body, mac) = session.rsplit_once('.').unwrap();
        let later = body.replacen(|c: char| c.is_ascii_digit(), "9", 1);
        assert!(!admin.is_session(&format!("{later}.{mac}"), now));
        let other = Admin::new(AdminToken::parse("another token, as long").unwrap(), false);
        assert!(!other.is_session(&session, now));
        assert!(!admin.is_session("", now));
    }

    #[test]
    fn a_csrf_token_belongs_to_one_session() {
        let admin = admin();
        let token = admin.csrf("session-a");
        assert!(admin.is_csrf("session-a", &token));
        assert!(!admin.is_csrf("session-b", &token));
        assert!(!admin.is_csrf("session-a", ""));
        assert!(!admin.is_csrf("", &admin.csrf("")));
    }

    #[test]
    fn an_address_waits_after_too_many_failures_and_others_do_not() {
        let admin = admin();
        let (here, there): (IpAddr, IpAddr) =
            ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let start = Instant::now();
        for _ in 0..LOGIN_ATTEMPTS {
            assert!(admin.may_try(here, start).is_ok());
            admin.failed(here, start);
        }
        assert!(admin.may_try(here, start).is_err());
        assert!(admin.may_try(there, start).is_ok());
        assert!(admin.may_try(here, start + LOGIN_WINDOW).is_ok());
    }
}
