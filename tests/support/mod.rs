//! A stand-in for Discord on 127.0.0.1: the subset of the REST API and the gateway
//! that ipwest uses, recording everything the bot sends. Point the bot at it with
//! `DISCORD_API_BASE` (serenity's `HttpBuilder::proxy`).
#![allow(dead_code)] // each test binary uses a part of it

pub mod signing;

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
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

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
    pub body: Value,
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

/// The gateway session: it outlives connections, so that a client can resume it.
#[derive(Default)]
struct Session {
    /// Set by [`StandIn::forget_session`]: the next RESUME is refused.
    forgotten: bool,
    sequence: u64,
    /// Every dispatch with its sequence number, for replay on RESUME.
    events: Vec<(u64, String, Value)>,
}

/// What the test tells the connected gateway socket to do.
#[derive(Debug, Clone)]
enum Control {
    /// Send a recorded dispatch.
    Send(u64, String, Value),
    /// Close the websocket with this code.
    Close(u16),
    /// Drop the TCP connection without a closing handshake (a reset).
    Reset,
    /// Ask the client to reconnect (op 7).
    Reconnect,
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

    /// Sends a gateway dispatch (`INTERACTION_CREATE`, `MESSAGE_CREATE`, …) to the bot.
    pub fn dispatch(&self, event: &str, data: Value) {
        let sequence = self.record(event, &data);
        self.controls
            .send(Control::Send(sequence, event.to_owned(), data))
            .expect("the bot is connected");
    }

    /// Records a dispatch in the session without sending it, as one lost when the
    /// connection dropped: the bot gets it only by resuming.
    pub fn dispatch_lost(&self, event: &str, data: Value) {
        self.record(event, &data);
    }

    fn record(&self, event: &str, data: &Value) -> u64 {
        let mut session = self.session.lock().unwrap();
        session.sequence += 1;
        let sequence = session.sequence;
        session
            .events
            .push((sequence, event.to_owned(), data.clone()));
        sequence
    }

    /// Closes the bot's websocket with `code` (4000: unknown error, resumable).
    pub fn close(&self, code: u16) {
        self.controls
            .send(Control::Close(code))
            .expect("the bot is connected");
    }

    /// Drops the bot's TCP connection without a closing handshake.
    pub fn reset(&self) {
        self.controls
            .send(Control::Reset)
            .expect("the bot is connected");
    }

    /// Makes the gateway forget the session, so that the next RESUME gets op 9.
    pub fn forget_session(&self) {
        self.session.lock().unwrap().forgotten = true;
    }

    /// Sends op 7 RECONNECT.
    pub fn reconnect(&self) {
        self.controls
            .send(Control::Reconnect)
            .expect("the bot is connected");
    }

    /// Answers the next `times` requests whose path starts with `prefix` with `status`.
    pub fn fail(&self, prefix: &str, status: u16, times: usize) {
        self.log
            .lock()
            .unwrap()
            .failures
            .push((prefix.to_owned(), status, times));
    }

    /// The RESUME payloads received, waiting up to `timeout` for the `count`th.
    pub async fn resumes(&self, count: usize, timeout: Duration) -> Option<Vec<Value>> {
        self.wait(timeout, |log| {
            (log.resumes.len() >= count).then(|| log.resumes.clone())
        })
        .await
    }

    /// How many IDENTIFYs the bot sent (more than one: it could not resume).
    pub fn identify_count(&self) -> usize {
        self.log.lock().unwrap().identifies.len()
    }

    /// The IDENTIFY payloads received, waiting up to `timeout` for the `count`th.
    pub async fn identifies(&self, count: usize, timeout: Duration) -> Option<Vec<Value>> {
        self.wait(timeout, |log| {
            (log.identifies.len() >= count).then(|| log.identifies.clone())
        })
        .await
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
    let failure = {
        let mut log = shared.log.lock().unwrap();
        let failure = log
            .failures
            .iter_mut()
            .find(|(prefix, _, times)| *times > 0 && path.starts_with(prefix.as_str()));
        let status = failure.map(|(_, status, times)| {
            *times -= 1;
            *status
        });
        log.requests.push(Recorded {
            method: method.to_string(),
            path: path.clone(),
            body: body.clone(),
            status: status.unwrap_or(200),
        });
        status
    };
    shared.changed.notify_waiters();
    if let Some(status) = failure {
        let status = StatusCode::from_u16(status).unwrap();
        let body =
            json!({"message": "injected failure", "code": 0, "retry_after": 0.05, "global": false});
        return (status, axum::Json(body)).into_response();
    }
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
        // Interaction follow-ups and edits of the original response.
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            axum::Json(sent_message("1310000000000000200", &body)).into_response()
        }
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

/// What every gateway connection shares.
#[derive(Clone)]
struct Gateway {
    url: String,
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
    session: Arc<Mutex<Session>>,
    controls: broadcast::Sender<Control>,
}

async fn serve_gateway(listener: TcpListener, gateway: Gateway) {
    while let Ok((stream, _)) = listener.accept().await {
        let gateway = gateway.clone();
        let controls = gateway.controls.subscribe();
        tokio::spawn(async move {
            let _ = connection(stream, gateway, controls).await;
        });
    }
}

async fn connection(
    stream: TcpStream,
    gateway: Gateway,
    mut controls: broadcast::Receiver<Control>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Without it every small frame waits for the peer's delayed ACK (about 40 ms).
    stream.set_nodelay(true)?;
    let mut socket = tokio_tungstenite::accept_async(stream).await?;
    let text = |value: Value| Frame::text(value.to_string());
    socket
        .send(text(
            json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null}),
        ))
        .await?;
    loop {
        tokio::select! {
            frame = socket.next() => {
                let Some(Ok(Frame::Text(frame))) = frame else { return Ok(()) };
                let payload: Value = serde_json::from_str(&frame)?;
                match payload["op"].as_u64() {
                    Some(1) => socket.send(text(json!({"op": 11, "d": null}))).await?,
                    Some(2) => {
                        gateway.log.lock().unwrap().identifies.push(payload["d"].clone());
                        gateway.changed.notify_waiters();
                        let sequence = gateway.next_sequence("READY", Value::Null);
                        let ready = ready(&gateway.url, &payload["d"]);
                        socket.send(text(json!({"op": 0, "t": "READY", "s": sequence, "d": ready}))).await?;
                    }
                    Some(6) if payload["d"]["session_id"] != SESSION_ID || gateway.take_forgotten() => {
                        // Unknown session: the client must identify anew.
                        socket.send(text(json!({"op": 9, "d": false}))).await?;
                    }
                    Some(6) => {
                        let after = payload["d"]["seq"].as_u64().unwrap_or(0);
                        let missed: Vec<(u64, String, Value)> =
                            gateway.session.lock().unwrap().events.iter().filter(|(s, _, _)| *s > after).cloned().collect();
                        for (sequence, name, data) in missed {
                            socket.send(text(json!({"op": 0, "t": name, "s": sequence, "d": data}))).await?;
                        }
                        let sequence = gateway.next_sequence("RESUMED", json!({}));
                        socket.send(text(json!({"op": 0, "t": "RESUMED", "s": sequence, "d": {}}))).await?;
                        gateway.log.lock().unwrap().resumes.push(payload["d"].clone());
                        gateway.changed.notify_waiters();
                    }
                    _ => {}
                }
            }
            control = controls.recv() => match control {
                Ok(Control::Send(sequence, name, data)) => {
                    socket.send(text(json!({"op": 0, "t": name, "s": sequence, "d": data}))).await?;
                }
                Ok(Control::Close(code)) => {
                    let frame = CloseFrame { code: code.into(), reason: "stand-in closed".into() };
                    socket.send(Frame::Close(Some(frame))).await?;
                    return Ok(());
                }
                Ok(Control::Reset) => {
                    // Linger 0: closing sends a TCP reset, not a FIN (and so cannot block).
                    #[allow(deprecated)]
                    socket.get_ref().set_linger(Some(Duration::ZERO))?;
                    return Ok(());
                }
                Ok(Control::Reconnect) => socket.send(text(json!({"op": 7, "d": null}))).await?,
                Err(_) => {}
            }
        }
    }
}

impl Gateway {
    /// Whether the session was forgotten; a new session starts with the next IDENTIFY.
    fn take_forgotten(&self) -> bool {
        std::mem::take(&mut self.session.lock().unwrap().forgotten)
    }

    /// Records an event the gateway itself sends (READY, RESUMED) and returns its
    /// sequence number.
    fn next_sequence(&self, name: &str, data: Value) -> u64 {
        let mut session = self.session.lock().unwrap();
        session.sequence += 1;
        let sequence = session.sequence;
        if name != "READY" && name != "RESUMED" {
            session.events.push((sequence, name.to_owned(), data));
        }
        sequence
    }
}

fn ready(url: &str, identify: &Value) -> Value {
    json!({
        "v": 10,
        "user": {"id": APPLICATION_ID, "username": "ipwest", "discriminator": "0", "global_name": null, "avatar": null, "bot": true, "flags": 0},
        "guilds": [],
        "session_id": SESSION_ID,
        "resume_gateway_url": url,
        "shard": identify["shard"],
        "application": {"id": APPLICATION_ID, "flags": 0},
    })
}

/// A payload from `tests/fixtures/discord/`.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/discord/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
