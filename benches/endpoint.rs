//! Where a signed request's time goes in `ipwest serve`, without sockets: each stage
//! of a signed `/ask` and a signed PING (verify the signature, parse the interaction,
//! answer it, serialise the response; serenity's own parse for comparison), then the
//! whole request through the router.
//! `scripts/bench-endpoint.sh` measures the same requests over loopback TCP.
//!
//! Run: `cargo bench --bench endpoint`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use criterion::{Criterion, criterion_group, criterion_main};
use ipwest::discord::cooldown::Rate;
use ipwest::discord::endpoint;
use ipwest::discord::service::Service;
use ipwest::{Engine, data};
use serenity::all::Interaction;
use serenity::interactions_endpoint::Verifier;
use tower::ServiceExt;

#[path = "../tests/support/signing.rs"]
mod signing;

const ASK: &str = include_str!("../tests/fixtures/discord/slash_ask.json");
const PING: &str = r#"{"id":"1310000000000001011","application_id":"1310000000000000001","type":1,"token":"t","version":1}"#;

/// A body as Discord sends it (compact JSON) with its signature headers.
struct Signed {
    body: Vec<u8>,
    timestamp: String,
    signature: String,
}

impl Signed {
    fn new(json: &str) -> Signed {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let body = serde_json::to_vec(&value).unwrap();
        let timestamp = signing::now().to_string();
        let signature = signing::signature(&signing::key(), &timestamp, &body);
        Signed {
            body,
            timestamp,
            signature,
        }
    }

    fn request(&self) -> Request<Body> {
        Request::post("/interactions")
            .header("content-type", "application/json")
            .header("x-signature-ed25519", &self.signature)
            .header("x-signature-timestamp", &self.timestamp)
            .body(Body::from(self.body.clone()))
            .unwrap()
    }
}

fn service() -> Service {
    // One user asks again and again: lift the cooldown to measure answers.
    let rate = Rate {
        limit: usize::MAX,
        window: Duration::from_secs(1),
    };
    Service::new(Arc::new(Engine::new(data::bundled().unwrap())), rate)
}

fn stages(c: &mut Criterion) {
    let verifier = Verifier::try_new(signing::key().verifying_key().to_bytes()).unwrap();
    let service = service();
    // The service is async (a shared cooldown may ask the store); with none, it never waits.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    for (name, json) in [("ask", ASK), ("ping", PING)] {
        let signed = Signed::new(json);
        let mut group = c.benchmark_group(format!("endpoint/{name}"));
        group.bench_function("verify", |b| {
            b.iter(|| {
                verifier.verify(
                    &signed.signature,
                    &signed.timestamp,
                    black_box(&signed.body),
                )
            })
        });
        group.bench_function("parse", |b| {
            b.iter(|| endpoint::parse(black_box(&signed.body)).unwrap())
        });
        // Serenity's own `Interaction` parse, through a `serde_json::Value`.
        group.bench_function("parse_serenity", |b| {
            b.iter(|| serde_json::from_slice::<Interaction>(black_box(&signed.body)).unwrap())
        });
        let interaction: Interaction = serde_json::from_slice(&signed.body).unwrap();
        group.bench_function("answer", |b| {
            b.iter(|| {
                runtime.block_on(service.interaction(black_box(&interaction), Instant::now()))
            })
        });
        let response = runtime
            .block_on(service.interaction(&interaction, Instant::now()))
            .response;
        group.bench_function("serialise", |b| {
            b.iter(|| serde_json::to_vec(black_box(&response)).unwrap())
        });
        group.finish();
    }
}

fn whole_request(c: &mut Criterion) {
    let verifier = Verifier::try_new(signing::key().verifying_key().to_bytes()).unwrap();
    let app = endpoint::app(Arc::new(service()), verifier, None);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    for (name, json) in [("ask", ASK), ("ping", PING)] {
        let signed = Signed::new(json);
        c.bench_function(&format!("endpoint/{name}/router"), |b| {
            b.iter(|| {
                let response = runtime
                    .block_on(app.clone().oneshot(signed.request()))
                    .unwrap();
                assert!(response.status().is_success());
            })
        });
    }
}

criterion_group!(benches, stages, whole_request);
criterion_main!(benches);
