//! The web pages: the fact base for everyone (search, facts, topics, charts) and, behind
//! a login, what members asked and could not get. One axum router, served alone
//! (`ipwest web`), next to the interactions endpoint (`ipwest serve`) or next to the
//! gateway bot (`ipwest run --web`), answering from the same live engine and reading
//! the same store. Pages are rendered on the server by maud templates; a little
//! JavaScript makes the search live, and every page works without it.

mod admin;
mod assets;
mod auth;
mod negotiate;
mod pages;
mod public;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use crate::live::Live;
use crate::store::Store;

pub use auth::LOGIN_ATTEMPTS;

use crate::config::WebConfig;

/// What the pages need: the engine, the store (for the admin pages), and settings.
pub struct Web {
    live: Arc<Live>,
    store: Option<Store>,
    /// `None`: the admin pages are off.
    admin: Option<auth::Admin>,
}

impl Web {
    /// Pages answering from `live`, reading `store` for the admin pages, which are on
    /// when `config` has an admin token.
    pub fn new(live: Arc<Live>, store: Option<Store>, config: WebConfig) -> Web {
        let secure = config
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        Web {
            live,
            store,
            admin: config
                .admin_token
                .map(|token| auth::Admin::new(token, secure)),
        }
    }
}

/// The pages' routes, with the security headers every response carries.
pub fn router(web: Arc<Web>) -> Router {
    Router::new()
        .route("/", get(public::home))
        .route("/search", get(public::search))
        .route("/facts/{id}", get(public::fact))
        .route("/charts/{id}", get(public::chart_png))
        .route(assets::STYLE_PATH, get(assets::style))
        .route(assets::SCRIPT_PATH, get(assets::script))
        .route("/admin", get(admin::index))
        .route("/admin/login", get(admin::login_form).post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/admin/gaps", get(admin::gaps))
        .route("/admin/feedback", get(admin::feedback))
        .route("/admin/stats", get(admin::stats))
        .route("/admin/reload", post(admin::reload))
        .route("/healthz", get(crate::discord::endpoint::healthz))
        .fallback(public::not_found)
        .with_state(web)
        .layer(middleware::from_fn(negotiate::remember))
        .layer(middleware::from_fn(security_headers))
}

/// The Content-Security-Policy of every page: nothing but this site's own files, no
/// inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
    base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Serves `app` (the pages, the endpoint, or both) on `listener` until `shutdown`
/// completes; requests in flight finish. Answers go out at once (`TCP_NODELAY`), not
/// held back to coalesce with the next, and handlers know each client's address (the
/// failed-login limit counts per address).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
