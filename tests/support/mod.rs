//! A stand-in for Discord on 127.0.0.1: the subset of the REST API and the gateway
//! that ipwest uses, recording everything the bot sends. Point the bot at it with
//! `DISCORD_API_BASE` (serenity's `HttpBuilder::proxy`).
//!
//! `rest` serves the API, `gateway` the websocket, `signing` signs interactions for
//! the HTTP endpoint, and `fixtures` reads recorded payloads.
#![allow(dead_code)] // each test binary uses a part of it

pub mod fixtures;
mod gateway;
mod rest;
pub mod signing;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::serve::ListenerExt;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{Notify, broadcast};

use gateway::{Control, Gateway, Session, serve_gateway};
use rest::{Shared, api_request};

/// The gateway session the stand-in hands out; RESUMEs of any other get op 9.
pub const SESSION_ID: &str = "stand-in-session";

/// The bot's application (and user) id, matching [`TOKEN`].
pub const APPLICATION_ID: &str = "1310000000000000001";
/// A token of the right shape for [`APPLICATION_ID`]; not a real token.
pub const TOKEN: &str =
    "MTMxMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789ABCD";

/// A request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The JSON body; of a multipart upload, its `payload_json`.
    pub body: Value,
    /// The files of a multipart upload: each part's file name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The status the stand-in answered with.
    pub status: u16,
}

#[derive(Default)]
struct Log {
    requests: Vec<Recorded>,
    identifies: Vec<Value>,
    resumes: Vec<Value>,
    /// Failures to inject: (path prefix, status, how many more times).
    failures: Vec<(String, u16, usize)>,
}

/// The running stand-in.
pub struct StandIn {
    /// What to set `DISCORD_API_BASE` to.
    pub api_base: String,
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    session: Arc<Mutex<Session>>,
    controls: broadcast::Sender<Control>,
}

impl StandIn {
    /// Starts the REST API and the gateway on ports of 127.0.0.1 chosen by the system.
    pub async fn start() -> StandIn {
        let log = Arc::new(Mutex::new(Log::default()));
        let changed = Arc::new(Notify::new());
        let (controls, _) = broadcast::channel(256);
        let session = Arc::new(Mutex::new(Session::default()));
        let gateway = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gateway_url = format!("ws://{}", gateway.local_addr().unwrap());
        let gateway_state = Gateway {
            url: gateway_url.clone(),
            log: log.clone(),
            changed: changed.clone(),
            session: session.clone(),
            controls: controls.clone(),
        };
        tokio::spawn(serve_gateway(gateway, gateway_state));
        let api = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let api_base = format!("http://{}", api.local_addr().unwrap());
        let shared = Shared {
            log: log.clone(),
            changed: changed.clone(),
            gateway_url,
        };
        let app = Router::new().fallback(api_request).with_state(shared);
        // Without TCP_NODELAY every small response waits for the peer's delayed ACK.
        let api = api.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move { axum::serve(api, app).await });
        StandIn {
            api_base,
            log,
            changed,
            session,
            controls,
        }
    }

    /// Answers the next `times` requests whose path starts with `prefix` with `status`.
    pub fn fail(&self, prefix: &str, status: u16, times: usize) {
        self.log
            .lock()
            .unwrap()
            .failures
            .push((prefix.to_owned(), status, times));
    }

    /// The first request matching `wanted`, waiting up to `timeout` for it.
    pub async fn request(
        &self,
        timeout: Duration,
        wanted: impl Fn(&Recorded) -> bool,
    ) -> Option<Recorded> {
        self.wait(timeout, |log| {
            log.requests.iter().find(|r| wanted(r)).cloned()
        })
        .await
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().requests.clone()
    }

    async fn wait<T>(&self, timeout: Duration, found: impl Fn(&Log) -> Option<T>) -> Option<T> {
        tokio::time::timeout(timeout, async {
            loop {
                let notified = self.changed.notified();
                if let Some(value) = found(&self.log.lock().unwrap()) {
                    return value;
                }
                notified.await;
            }
        })
        .await
        .ok()
    }
}
