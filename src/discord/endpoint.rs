//! The HTTP interactions endpoint: Discord POSTs each interaction, signed with
//! Ed25519, and the answer goes back in the HTTP response. No gateway and no shared
//! state, so it scales out behind any load balancer. Every request is verified over
//! its raw body before anything parses it; the answer comes from the same [`Service`]
//! (and so the same handler) as the gateway bot's.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use serenity::all::{Http, Interaction, InteractionType};
use serenity::builder::Builder;
use serenity::interactions_endpoint::Verifier;

use super::service::{self, Service};

/// Largest request body accepted; interactions are a few KiB.
pub const MAX_BODY: usize = 64 * 1024;
/// Oldest (or furthest in the future) signature timestamp accepted: a captured
/// request cannot be replayed later.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);
/// Longest a client may take to send its body; Discord wants the answer within 3 s.
pub const READ_TIMEOUT: Duration = Duration::from_secs(2);

const SIGNATURE: &str = "x-signature-ed25519";
const TIMESTAMP: &str = "x-signature-timestamp";

/// What the endpoint needs.
struct Endpoint {
    service: Arc<Service>,
    verifier: Verifier,
    uploads: Option<Arc<Http>>,
}

/// The endpoint's one route, `POST /interactions`, to serve beside the web pages.
///
/// A response with files (a chart) cannot be the JSON body of Discord's request: with
/// `uploads` (a client with the bot's token), the endpoint answers 202 and sends it to
/// the interaction's callback as a multipart upload, as Discord documents.
pub fn routes(service: Arc<Service>, verifier: Verifier, uploads: Option<Arc<Http>>) -> Router {
    let state = Arc::new(Endpoint {
        service,
        verifier,
        uploads,
    });
    Router::new()
        .route(
            "/interactions",
            post(interactions).fallback(method_not_allowed),
        )
        .with_state(state)
}

/// The endpoint alone: `POST /interactions`, `GET /healthz`, and JSON errors.
pub fn app(service: Arc<Service>, verifier: Verifier, uploads: Option<Arc<Http>>) -> Router {
    routes(service, verifier, uploads)
        .route("/healthz", get(healthz).fallback(method_not_allowed))
        .fallback(not_found)
}

/// `GET /healthz`: the process is up.
pub async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(json!({"status": "ok"}))
}

async fn interactions(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    let body = match tokio::time::timeout(READ_TIMEOUT, to_bytes(body, MAX_BODY)).await {
        Err(_) => {
            return error(
                StatusCode::REQUEST_TIMEOUT,
                "the request body took too long",
            );
        }
        Ok(Err(_)) => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is too large",
            );
        }
        Ok(Ok(body)) => body,
    };
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) = (header(SIGNATURE), header(TIMESTAMP)) else {
        return error(StatusCode::UNAUTHORIZED, "missing request signature");
    };
    if !is_recent(timestamp, SystemTime::now()) {
        return error(
            StatusCode::UNAUTHORIZED,
            "stale or invalid request timestamp",
        );
    }
    if endpoint
        .verifier
        .verify(signature, timestamp, &body)
        .is_err()
    {
        return error(StatusCode::UNAUTHORIZED, "invalid request signature");
    }
    let Some(interaction) = parse(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "not an interaction this endpoint handles",
        );
    };
    let handled = endpoint.service.interaction(&interaction, started).await;
    if handled.summary.files > 0
        && let Some(http) = endpoint.uploads.clone()
    {
        let (id, token) = (interaction.id(), interaction.token().to_owned());
        let (response, summary) = (handled.response, handled.summary);
        tokio::spawn(async move {
            let sent = response.execute(&http, (id, &token)).await;
            service::log(&summary, started, sent);
        });
        endpoint.service.record(handled.events);
        return StatusCode::ACCEPTED.into_response();
    }
    service::log(&handled.summary, started, Ok::<(), &str>(()));
    let response = axum::Json(handled.response).into_response();
    // Only queued: the store is never in the answer's way.
    endpoint.service.record(handled.events);
    response
}

/// The interaction in `body`, as serenity's `Interaction` deserialises it, or `None`
/// for malformed JSON or a type serenity does not know. Serenity parses the body into a
/// `serde_json::Value` before picking the variant; reading `type` first and then the
/// variant straight from the bytes takes 40% off the parse of a command (`cargo bench
/// --bench endpoint`).
pub fn parse(body: &[u8]) -> Option<Interaction> {
    #[derive(Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: InteractionType,
    }
    let Kind { kind } = serde_json::from_slice(body).ok()?;
    let parsed = match kind {
        InteractionType::Ping => serde_json::from_slice(body).map(Interaction::Ping),
        InteractionType::Command => serde_json::from_slice(body).map(Interaction::Command),
        InteractionType::Component => serde_json::from_slice(body).map(Interaction::Component),
        InteractionType::Autocomplete => {
            serde_json::from_slice(body).map(Interaction::Autocomplete)
        }
        InteractionType::Modal => serde_json::from_slice(body).map(Interaction::Modal),
        _ => return None,
    };
    parsed.ok()
}

/// Whether a signature timestamp (Unix seconds) is within [`MAX_CLOCK_SKEW`] of `now`.
fn is_recent(timestamp: &str, now: SystemTime) -> bool {
    let Ok(seconds) = timestamp.parse::<u64>() else {
        return false;
    };
    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    now.abs_diff(seconds) <= MAX_CLOCK_SKEW.as_secs()
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not found: Discord posts to /interactions",
    )
}

async fn method_not_allowed() -> Response {
    error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}

/// A short JSON error that never echoes the request.
fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": message}))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_older_or_newer_than_five_minutes_are_refused() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert!(is_recent("1700000000", now));
        assert!(is_recent("1699999700", now));
        assert!(is_recent("1700000300", now));
        assert!(!is_recent("1699999699", now));
        assert!(!is_recent("1700000301", now));
        assert!(!is_recent("", now));
        assert!(!is_recent("17e8", now));
        assert!(!is_recent("-5", now));
    }
}
