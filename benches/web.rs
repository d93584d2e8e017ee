//! How fast the web side draws: a chart as SVG (for the pages) and as PNG (for
//! Discord's "Chart" button), and a whole fact page with its chart through the
//! router, in process. The load on a real socket is `scripts/bench-web.sh`.
//!
//! `cargo bench --bench web`

use std::hint::black_box;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use criterion::{Criterion, criterion_group, criterion_main};
use ipwest::chart::{self, Drawn};
use ipwest::config::WebConfig;
use ipwest::lang::Lang;
use ipwest::live::Live;
use ipwest::web::{self, Web};
use ipwest::{Engine, data};
use tower::ServiceExt;

fn charts(c: &mut Criterion) {
    let base = data::bundled().expect("the bundled data loads");
    let gdp = base.chart("gdp-growth-2023").expect("the GDP chart");
    let drawn = Drawn::new(&base, gdp, Lang::En);
    c.bench_function("chart: GDP growth as SVG", |b| {
        b.iter(|| chart::svg(black_box(&drawn)))
    });
    c.bench_function("chart: GDP growth as PNG", |b| {
        b.iter(|| chart::png(black_box(&drawn)))
    });
    let chinese = Drawn::new(&base, gdp, Lang::ZH);
    c.bench_function("chart: GDP growth as PNG, in Chinese", |b| {
        b.iter(|| chart::png(black_box(&chinese)))
    });
}

fn fact_page(c: &mut Criterion) {
    let engine = Arc::new(Engine::new(
        data::bundled().expect("the bundled data loads"),
    ));
    let config = WebConfig {
        admin_token: None,
        public_url: None,
    };
    let app = web::router(Arc::new(Web::new(
        Arc::new(Live::new(engine, None)),
        None,
        config,
    )));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    c.bench_function("page: a fact with its chart, through the router", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let request = Request::get("/facts/western-gdp-growth-2023")
                    .body(Body::empty())
                    .expect("a request");
                let response = app.clone().oneshot(request).await.expect("a response");
                axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await
                    .expect("a body")
            })
        })
    });
}

criterion_group!(benches, charts, fact_page);
criterion_main!(benches);
