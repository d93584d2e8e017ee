//! The stand-in's REST API: records every request, injects failures, and answers
//! the routes ipwest calls as Discord does.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

use super::{APPLICATION_ID, Log, Recorded};

#[derive(Clone)]
pub(super) struct Shared {
    pub(super) log: Arc<Mutex<Log>>,
    pub(super) changed: Arc<Notify>,
    pub(super) gateway_url: String,
}

pub(super) async fn api_request(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let (body, files) = match serde_json::from_slice(&body) {
        Ok(json) => (json, Vec::new()),
        Err(_) => multipart(&body),
    };
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
            files,
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

/// A multipart body's `payload_json` and its files (name and bytes): how the bot
/// uploads a chart. Each part is headers, a blank line, then its bytes up to the next
/// boundary, which is the body's first line.
fn multipart(body: &[u8]) -> (Value, Vec<(String, Vec<u8>)>) {
    let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
        return (Value::Null, Vec::new());
    };
    let boundary = [b"\r\n", &body[..end]].concat();
    let (mut payload, mut files) = (Value::Null, Vec::new());
    let mut rest = &body[end..];
    while let Some(start) = find(rest, b"\r\n\r\n") {
        let headers = String::from_utf8_lossy(&rest[..start]).into_owned();
        let content = &rest[start + 4..];
        let size = find(content, &boundary).unwrap_or(content.len());
        if headers.contains("name=\"payload_json\"") {
            payload = serde_json::from_slice(&content[..size]).unwrap_or(Value::Null);
        } else if let Some(name) = headers.split("filename=\"").nth(1) {
            let name = name.split('"').next().unwrap_or_default().to_owned();
            files.push((name, content[..size].to_vec()));
        }
        rest = &content[size..];
        if rest.len() <= boundary.len() {
            break;
        }
        rest = &rest[boundary.len()..];
    }
    (payload, files)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
