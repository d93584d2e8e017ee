//! The stylesheet and the search script, compiled in and served with a long cache
//! life: their paths carry a hash of their content, so a new build gets new paths.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;

use crate::hash::fnv1a;

static STYLE: &str = include_str!("static/style.css");
static SCRIPT: &str = include_str!("static/search.js");

/// The route of the stylesheet; pages link it with [`style_href`].
pub const STYLE_PATH: &str = "/static/style.css";
/// The route of the search script; pages link it with [`script_href`].
pub const SCRIPT_PATH: &str = "/static/search.js";

/// How long browsers keep the files: a year, as their links change with them.
const CACHE: &str = "public, max-age=31536000, immutable";

/// The stylesheet's link, versioned by its content.
pub fn style_href() -> &'static str {
    static HREF: LazyLock<String> = LazyLock::new(|| versioned(STYLE_PATH, STYLE));
    &HREF
}

/// The search script's link, versioned by its content.
pub fn script_href() -> &'static str {
    static HREF: LazyLock<String> = LazyLock::new(|| versioned(SCRIPT_PATH, SCRIPT));
    &HREF
}

fn versioned(path: &str, content: &str) -> String {
    format!(
        "{path}?v={:08x}",
        fnv1a(content.bytes().map(u64::from)) as u32
    )
}

pub async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        STYLE,
    )
}

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        SCRIPT,
    )
}
