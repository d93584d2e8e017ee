//! The HTTP interactions endpoint with really signed requests: through the router
//! without a socket (`oneshot`), and over 127.0.0.1.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ed25519_dalek::SigningKey;
use ipwest::discord::cooldown::Rate;
use ipwest::discord::endpoint;
use ipwest::discord::service::Service;
use ipwest::{Engine, data};
use serde_json::{Value, json};
use serenity::interactions_endpoint::Verifier;
use support::fixtures::fixture;
use support::signing::{key, now, signature};
use tower::ServiceExt;

fn app() -> axum::Router {
    let verifier = Verifier::try_new(key().verifying_key().to_bytes()).unwrap();
    let service = Service::new(
        Arc::new(Engine::new(data::bundled().unwrap())),
        Rate::default(),
    );
    endpoint::app(Arc::new(service), verifier, None)
}

/// A POST /interactions of `body`, signed by `signer` at `timestamp`.
fn signed_by(signer: &SigningKey, body: &[u8], timestamp: u64) -> Request<Body> {
    let timestamp = timestamp.to_string();
    let signature = signature(signer, &timestamp, body);
    Request::post("/interactions")
        .header("content-type", "application/json")
        .header("x-signature-ed25519", signature)
        .header("x-signature-timestamp", timestamp)
        .body(Body::from(body.to_vec()))
        .unwrap()
}

fn signed(payload: &Value) -> Request<Body> {
    signed_by(&key(), payload.to_string().as_bytes(), now())
}

async fn send(request: Request<Body>) -> (StatusCode, Value) {
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn ping() -> Value {
    json!({"id": "1310000000000001011", "application_id": "1310000000000000001", "type": 1, "token": "t", "version": 1})
}

#[tokio::test]
async fn ping_gets_pong() {
    assert_eq!(
        send(signed(&ping())).await,
        (StatusCode::OK, json!({"type": 1, "data": null}))
    );
}

#[tokio::test]
async fn commands_autocomplete_and_buttons_use_the_same_handler_as_the_gateway() {
    let (status, ask) = send(signed(&fixture("slash_ask"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ask["type"], 4);
    assert_eq!(
        ask["data"]["embeds"][0]["title"],
        "GI products recognized in western China"
    );
    assert_eq!(ask["data"]["allowed_mentions"]["parse"], json!([]));

    let (_, choices) = send(signed(&fixture("autocomplete_fact"))).await;
    assert_eq!(choices["type"], 8);
    assert_eq!(choices["data"]["choices"][0]["value"], "guangxi-gi-count");

    let (_, button) = send(signed(&fixture("button_fact"))).await;
    assert_eq!(
        button["data"]["embeds"][0]["title"],
        "Guangxi's geographical indications"
    );
    assert_eq!(button["data"]["flags"], 64);
}

#[tokio::test]
async fn requests_that_are_not_signed_by_discord_are_refused() {
    let body = fixture("slash_ask").to_string();
    let unauthorized = |(status, value): (StatusCode, Value)| {
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{value}");
        value["error"].as_str().unwrap().to_owned()
    };
    let mut bad_signature = signed_by(&key(), body.as_bytes(), now());
    bad_signature
        .headers_mut()
        .insert("x-signature-ed25519", "00".repeat(64).parse().unwrap());
    unauthorized(send(bad_signature).await);

    let mut tampered = signed_by(&key(), body.as_bytes(), now());
    *tampered.body_mut() = Body::from(body.replace("western China", "eastern China"));
    unauthorized(send(tampered).await);

    let stale = signed_by(&key(), body.as_bytes(), now() - 6 * 60);
    assert!(unauthorized(send(stale).await).contains("timestamp"));

    let other_key = SigningKey::from_bytes(&[8; 32]);
    unauthorized(send(signed_by(&other_key, body.as_bytes(), now())).await);

    let unsigned = Request::post("/interactions")
        .body(Body::from(body))
        .unwrap();
    assert!(unauthorized(send(unsigned).await).contains("missing"));
}

#[tokio::test]
async fn oversized_malformed_and_unknown_bodies_get_short_errors_that_do_not_echo_them() {
    let marker = "ECHO-MARKER";
    let huge = format!("{{\"type\": 2, \"x\": \"{}\"}}", marker.repeat(10_000));
    let (status, value) = send(signed_by(&key(), huge.as_bytes(), now())).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!value.to_string().contains(marker));

    let malformed = format!("{{\"type\": 2, {marker}");
    let (status, value) = send(signed_by(&key(), malformed.as_bytes(), now())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!value.to_string().contains(marker));

    let mut unknown = ping();
    unknown["type"] = json!(99);
    assert_eq!(send(signed(&unknown)).await.0, StatusCode::BAD_REQUEST);
}

/// The endpoint's own parse must read every body exactly as serenity's `Interaction`
/// does: the same interaction where serenity accepts it, `None` where serenity refuses.
#[test]
fn parse_agrees_with_serenity_on_every_fixture_and_on_broken_bodies() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/discord");
    let mut bodies: Vec<Value> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    let mut broken = Vec::new();
    for body in &bodies {
        for (field, value) in [("type", json!(9)), ("type", json!("2")), ("id", json!([]))] {
            let mut body = body.clone();
            body[field] = value;
            broken.push(body);
        }
        let mut body = body.clone();
        body.as_object_mut().unwrap().remove("data");
        broken.push(body);
    }
    bodies.extend(broken);
    bodies.push(ping());

    let mut accepted = 0;
    for body in &bodies {
        let bytes = body.to_string().into_bytes();
        // The variant and every field, as serenity serialises them.
        let seen = |i: serenity::all::Interaction| (i.kind(), serde_json::to_value(i).unwrap());
        let ours = endpoint::parse(&bytes).map(seen);
        let serenity = serde_json::from_slice(&bytes).ok().map(seen);
        assert_eq!(ours, serenity, "{body}");
        accepted += usize::from(ours.is_some());
    }
    // Both outcomes were exercised: interactions of every kind, and refusals.
    assert!(accepted >= 10 && accepted < bodies.len(), "{accepted}");
}

#[tokio::test]
async fn wrong_method_or_path_and_the_health_check() {
    let get = Request::get("/interactions").body(Body::empty()).unwrap();
    assert_eq!(send(get).await.0, StatusCode::METHOD_NOT_ALLOWED);
    let nowhere = Request::post("/somewhere").body(Body::empty()).unwrap();
    let (status, value) = send(nowhere).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(value["error"].is_string());
    let health = Request::get("/healthz").body(Body::empty()).unwrap();
    assert_eq!(
        send(health).await,
        (StatusCode::OK, json!({"status": "ok"}))
    );
}

#[tokio::test]
async fn serves_over_loopback_and_shuts_down_gracefully() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(ipwest::web::serve(listener, app(), async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    for (payload, expected_type) in [(ping(), 1), (fixture("slash_ask"), 4)] {
        let body = payload.to_string();
        let timestamp = now().to_string();
        let signature = signature(&key(), &timestamp, body.as_bytes());
        let response = client
            .post(format!("http://{address}/interactions"))
            .header("content-type", "application/json")
            .header("x-signature-ed25519", signature)
            .header("x-signature-timestamp", timestamp)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let value: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(value["type"], expected_type);
    }
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chart_goes_to_the_callback_as_an_upload_and_the_request_gets_202() {
    let stand_in = support::StandIn::start().await;
    let uploads = serenity::all::HttpBuilder::new(support::TOKEN)
        .proxy(&stand_in.api_base)
        .ratelimiter_disabled(true)
        .build();
    let verifier = Verifier::try_new(key().verifying_key().to_bytes()).unwrap();
    let service = Service::new(
        Arc::new(Engine::new(data::bundled().unwrap())),
        Rate::default(),
    );
    let app = endpoint::app(Arc::new(service), verifier, Some(Arc::new(uploads)));
    let mut press = fixture("button_fact");
    press["data"]["custom_id"] = json!("chart:gdp-growth-2023");
    let id = press["id"].as_str().unwrap().to_owned();

    let response = app.oneshot(signed(&press)).await.unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let body = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert!(body.is_empty(), "202 and no body, as Discord asks");

    let callback = format!("/api/v10/interactions/{id}/");
    let upload = stand_in
        .request(std::time::Duration::from_secs(10), |r| {
            r.path.starts_with(&callback)
        })
        .await
        .expect("the chart is sent to the callback");
    let [(name, png)] = upload.files.as_slice() else {
        panic!("one file expected: {:?}", upload.body);
    };
    assert_eq!(name, "gdp-growth-2023.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(upload.body["type"], 4);
    assert_eq!(
        upload.body["data"]["embeds"][0]["image"]["url"],
        "attachment://gdp-growth-2023.png"
    );
}
