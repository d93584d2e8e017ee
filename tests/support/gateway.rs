//! The stand-in's gateway: one session that outlives connections, so that a client
//! can resume it, and the controls a test drives it with.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, broadcast};
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

use super::{APPLICATION_ID, Log, SESSION_ID, StandIn};

/// The gateway session: it outlives connections, so that a client can resume it.
#[derive(Default)]
pub(super) struct Session {
    /// Set by [`StandIn::forget_session`]: the next RESUME is refused.
    forgotten: bool,
    sequence: u64,
    /// Every dispatch with its sequence number, for replay on RESUME.
    events: Vec<(u64, String, Value)>,
}

/// What the test tells the connected gateway socket to do.
#[derive(Debug, Clone)]
pub(super) enum Control {
    /// Send a recorded dispatch.
    Send(u64, String, Value),
    /// Close the websocket with this code.
    Close(u16),
    /// Drop the TCP connection without a closing handshake (a reset).
    Reset,
    /// Ask the client to reconnect (op 7).
    Reconnect,
}

/// What every gateway connection shares.
#[derive(Clone)]
pub(super) struct Gateway {
    pub(super) url: String,
    pub(super) log: Arc<Mutex<Log>>,
    pub(super) changed: Arc<Notify>,
    pub(super) session: Arc<Mutex<Session>>,
    pub(super) controls: broadcast::Sender<Control>,
}

pub(super) async fn serve_gateway(listener: TcpListener, gateway: Gateway) {
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

impl StandIn {
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

    /// The IDENTIFY payloads received so far, waiting up to `timeout` for the first.
    pub async fn identify(&self, timeout: Duration) -> Option<Value> {
        self.wait(timeout, |log| log.identifies.first().cloned())
            .await
    }
}
