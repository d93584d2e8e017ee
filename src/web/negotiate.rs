//! The language of a page: the switch (`?lang=`), then the cookie the switch sets,
//! then the browser's `Accept-Language`, then English.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::lang::{Lang, Script};

/// The cookie that keeps the language a visitor switched to.
pub const COOKIE: &str = "lang";

/// The language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageLang, Self::Rejection> {
        let switched = parts.uri.query().and_then(switch);
        let cookie = || {
            parts
                .headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(name, _)| *name == COOKIE)
                .and_then(|(_, value)| of_tag(value))
        };
        let accepted = || {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(accept_language)
        };
        Ok(PageLang(
            switched
                .or_else(cookie)
                .or_else(accepted)
                .unwrap_or_default(),
        ))
    }
}

/// The language `?lang=` switches to, if the query has a known one.
fn switch(query: &str) -> Option<Lang> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| of_tag(value))
}

/// The language of a tag: "en", "zh", "zh-CN", "zh-Hans", "zh-TW", "zh-HK", "zh-Hant".
pub fn of_tag(tag: &str) -> Option<Lang> {
    let tag = tag.trim().to_ascii_lowercase();
    let (language, region) = tag.split_once(['-', '_']).unwrap_or((&tag, ""));
    match (language, region) {
        ("en", _) => Some(Lang::En),
        ("zh", "tw") => Some(Lang::Zh(Script::Taiwan)),
        ("zh", "hk" | "mo") => Some(Lang::Zh(Script::HongKong)),
        ("zh", region) if region.starts_with("hant") => Some(Lang::Zh(Script::Traditional)),
        ("zh", _) => Some(Lang::ZH),
        _ => None,
    }
}

/// The tag the switch and the cookie use for `lang`.
pub fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh(Script::Simplified) => "zh",
        Lang::Zh(Script::Traditional) => "zh-Hant",
        Lang::Zh(Script::Taiwan) => "zh-TW",
        Lang::Zh(Script::HongKong) => "zh-HK",
    }
}

/// The language of the page's `<html lang>`.
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh(Script::Simplified) => "zh-Hans",
        Lang::Zh(Script::Traditional) => "zh-Hant",
        Lang::Zh(Script::Taiwan) => "zh-Hant-TW",
        Lang::Zh(Script::HongKong) => "zh-Hant-HK",
    }
}

/// The best language of an `Accept-Language` header that the site writes, by the
/// weights (`q=`) the browser gives; `None` when it names none of them.
pub fn accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(of_tag) else {
            continue;
        };
        let weight = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
        if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// Remembers the language a visitor switched to (`?lang=`) in a cookie, for a year,
/// so the pages they open next keep it.
pub async fn remember(request: Request, next: Next) -> Response {
    let switched = request.uri().query().and_then(switch);
    let mut response = next.run(request).await;
    if let Some(lang) = switched {
        let cookie = format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            tag(lang)
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_preferred_language_wins_by_weight() {
        assert_eq!(accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::ZH));
        assert_eq!(accept_language("en-US,en;q=0.9,zh;q=0.8"), Some(Lang::En));
        assert_eq!(
            accept_language("fr;q=1, zh-TW;q=0.5, en;q=0.4"),
            Some(Lang::Zh(Script::Taiwan))
        );
        assert_eq!(accept_language("de, fr;q=0.5"), None);
        assert_eq!(accept_language("zh;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(accept_language(""), None);
    }

    #[test]
    fn tags_name_each_script() {
        assert_eq!(of_tag("zh-Hant"), Some(Lang::Zh(Script::Traditional)));
        assert_eq!(of_tag("zh_hk"), Some(Lang::Zh(Script::HongKong)));
        assert_eq!(of_tag("zh-Hans-CN"), Some(Lang::ZH));
        assert_eq!(of_tag("ja"), None);
        for lang in [
            Lang::En,
            Lang::ZH,
            Lang::Zh(Script::Taiwan),
            Lang::Zh(Script::HongKong),
            Lang::Zh(Script::Traditional),
        ] {
            assert_eq!(of_tag(tag(lang)), Some(lang));
        }
    }
}
