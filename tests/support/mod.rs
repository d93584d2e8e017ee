//! A stand-in for Discord on 127.0.0.1: the subset of the REST API and the gateway
//! that ipwest uses, recording everything the bot sends. Point the bot at it with
//! `DISCORD_API_BASE` (serenity's `HttpBuilder::proxy`).
#![allow(dead_code)] // each test binary uses a part of it

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, broadcast};
use tokio_tungstenite::tungstenite::Message as Frame;

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
    pub body: Value,
}

#[derive(Default)]
struct Log {
    requests: Vec<Recorded>,
    identifies: Vec<Value>,
}

/// The running stand-in.
pub struct StandIn {
    /// What to set `DISCORD_API_BASE` to.
    pub api_base: String,
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    dispatches: broadcast::Sender<(String, Value)>,
}

#[derive(Clone)]
struct Shared {
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    gateway_url: String,
}

impl StandIn {
    /// Starts the REST API and the gateway on ports of 127.0.0.1 chosen by the system.
    pub async fn start() -> StandIn {
        let log = Arc::new(Mutex::new(Log::default()));
        let changed = Arc::new(Notify::new());
        let (dispatches, _) = broadcast::channel(64);
        let gateway = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gateway_url = format!("ws://{}", gateway.local_addr().unwrap());
        tokio::spawn(serve_gateway(
            gateway,
            gateway_url.clone(),
            log.clone(),
            changed.clone(),
            dispatches.clone(),
        ));
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
            dispatches,
        }
    }

    /// Sends a gateway dispatch (`INTERACTION_CREATE`, `MESSAGE_CREATE`, …) to the bot.
    pub fn dispatch(&self, event: &str, data: Value) {
        self.dispatches
            .send((event.to_owned(), data))
            .expect("the bot is connected");
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

    /// The IDENTIFY payloads received so far, waiting up to `timeout` for the first.
    pub async fn identify(&self, timeout: Duration) -> Option<Value> {
        self.wait(timeout, |log| log.identifies.first().cloned())
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

async fn api_request(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    {
        let mut log = shared.log.lock().unwrap();
        log.requests.push(Recorded {
            method: method.to_string(),
            path: path.clone(),
            body: body.clone(),
        });
    }
    shared.changed.notify_waiters();
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => axum::Json(json!({"url": shared.gateway_url})).into_response(),
        ("GET", ["gateway", "bot"]) => axum::Json(json!({
            "url": shared.gateway_url,
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]) => {
            let commands = body.as_array().cloned().unwrap_or_default();
            let created: Vec<Value> = commands.into_iter().enumerate().map(|(i, c)| registered(c, i)).collect();
            axum::Json(Value::Array(created)).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["channels", channel, "messages"]) => axum::Json(sent_message(channel, &body)).into_response(),
        _ => (StatusCode::NOT_FOUND, axum::Json(json!({"message": "Unknown route", "code": 0}))).into_response(),
    }
}

/// A registered command as Discord returns it.
fn registered(mut command: Value, index: usize) -> Value {
    let object = command.as_object_mut().unwrap();
    object.insert("id".into(), json!(format!("13100000000000090{index:02}")));
    object.insert("application_id".into(), json!(APPLICATION_ID));
    object.insert("version".into(), json!("1310000000000000900"));
    object.entry("type").or_insert(json!(1));
    object.entry("description").or_insert(json!(""));
    command
}

/// A sent message as Discord returns it.
fn sent_message(channel: &str, body: &Value) -> Value {
    json!({
        "id": "1310000000000003000", "channel_id": channel, "content": body["content"].as_str().unwrap_or(""),
        "author": {"id": APPLICATION_ID, "username": "ipwest", "discriminator": "0", "global_name": null, "avatar": null, "bot": true},
        "timestamp": "2024-11-25T09:00:01.000000+00:00", "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": body["embeds"].clone(), "components": body["components"].clone(), "pinned": false, "type": 19, "flags": 0
    })
}

async fn serve_gateway(
    listener: TcpListener,
    url: String,
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    dispatches: broadcast::Sender<(String, Value)>,
) {
    while let Ok((stream, _)) = listener.accept().await {
        let (log, changed, url) = (log.clone(), changed.clone(), url.clone());
        let events = dispatches.subscribe();
        tokio::spawn(async move {
            let _ = session(stream, url, log, changed, events).await;
        });
    }
}

async fn session(
    stream: TcpStream,
    url: String,
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    mut events: broadcast::Receiver<(String, Value)>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Without it every small frame waits for the peer's delayed ACK (about 40 ms).
    stream.set_nodelay(true)?;
    let mut socket = tokio_tungstenite::accept_async(stream).await?;
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null});
    socket.send(Frame::text(hello.to_string())).await?;
    let mut sequence = 0u64;
    loop {
        tokio::select! {
            frame = socket.next() => {
                let Some(Ok(Frame::Text(text))) = frame else { return Ok(()) };
                let payload: Value = serde_json::from_str(&text)?;
                match payload["op"].as_u64() {
                    Some(1) => socket.send(Frame::text(json!({"op": 11, "d": null}).to_string())).await?,
                    Some(2) => {
                        log.lock().unwrap().identifies.push(payload["d"].clone());
                        changed.notify_waiters();
                        sequence += 1;
                        let ready = ready(&url, &payload["d"]);
                        socket.send(Frame::text(json!({"op": 0, "t": "READY", "s": sequence, "d": ready}).to_string())).await?;
                    }
                    _ => {}
                }
            }
            event = events.recv() => {
                let Ok((name, data)) = event else { continue };
                sequence += 1;
                socket.send(Frame::text(json!({"op": 0, "t": name, "s": sequence, "d": data}).to_string())).await?;
            }
        }
    }
}

fn ready(url: &str, identify: &Value) -> Value {
    json!({
        "v": 10,
        "user": {"id": APPLICATION_ID, "username": "ipwest", "discriminator": "0", "global_name": null, "avatar": null, "bot": true, "flags": 0},
        "guilds": [],
        "session_id": "stand-in-session",
        "resume_gateway_url": url,
        "shard": identify["shard"],
        "application": {"id": APPLICATION_ID, "flags": 0},
    })
}

/// The local address of a URL's host and port, for tests that need it.
pub fn addr(base: &str) -> SocketAddr {
    base.trim_start_matches("http://")
        .trim_start_matches("ws://")
        .parse()
        .unwrap()
}

/// A payload from `tests/fixtures/discord/`.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/discord/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
