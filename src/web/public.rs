//! The public pages: search (`/`, and `/search` for the live results), a fact
//! (`/facts/<id>`), a chart as an image (`/charts/<id>`), and the 404 page.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::Web;
use super::negotiate::PageLang;
use super::pages::{self, Shell, anchor, card_body, fact_href, fact_links};
use crate::Engine;
use crate::chart::{self, Drawn};
use crate::facts::{AsOf, FactBase};
use crate::lang::Lang;
use crate::reply::{FactCard, Link, Reply, place_name, topic_name};
use crate::ui::{self, Text};

/// Longest question the search takes, as `/ask` does.
const MAX_QUESTION: usize = 500;

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

impl Search {
    /// The question, cut to [`MAX_QUESTION`] characters; `None` when blank.
    fn question(&self) -> Option<&str> {
        let question = self.q.trim();
        let end = question
            .char_indices()
            .nth(MAX_QUESTION)
            .map_or(question.len(), |(i, _)| i);
        Some(&question[..end]).filter(|q| !q.is_empty())
    }
}

/// The engine's reply to `question`, in the question's language or the page's: a
/// Chinese question gets Chinese, as does any question on a Chinese page.
fn answer(engine: &Engine, question: &str, page: Lang) -> (Reply, Lang) {
    let lang = Lang::choose(Some(page), Lang::of(question));
    let outcome = engine.ask(question, AsOf::today());
    (Reply::new(engine.base(), &outcome, lang), lang)
}

/// `/`: the search box, the reply to `?q=` if any, and every topic with its facts.
pub async fn home(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Query(search): Query<Search>,
) -> Html<String> {
    let engine = web.live.engine();
    let base = engine.base();
    let t = |text| ui::text(lang, text);
    let question = search.question();
    let here = question.map_or_else(|| "/".to_owned(), |q| format!("/?q={}", encode(q)));
    let body = html! {
        h1 { (t(Text::WebTitle)) }
        p.lead { (t(Text::WebIntro)) }
        form.search role="search" method="get" action="/" {
            label for="q" { (t(Text::WebSearchLabel)) }
            input #q type="search" name="q" value=(question.unwrap_or_default())
                placeholder=(t(Text::WebSearchPlaceholder)) autocomplete="off"
                maxlength=(MAX_QUESTION);
            button type="submit" { (t(Text::WebSearchButton)) }
        }
        section #results aria-live="polite" {
            @if let Some(question) = question {
                @let (reply, reply_lang) = answer(&engine, question, lang);
                (pages::reply(&reply, reply_lang))
            }
        }
        h2 { (t(Text::WebTopics)) }
        (topics(base, lang))
    };
    let shell = Shell {
        summary: Some(t(Text::WebIntro)),
        ..shell(base, lang, t(Text::WebTitle), &here)
    };
    Html(pages::page(shell, body))
}

/// `/search?q=`: the results region alone, for the live search.
pub async fn search(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Query(search): Query<Search>,
) -> Html<String> {
    let Some(question) = search.question() else {
        return Html(String::new());
    };
    let (reply, lang) = answer(&web.live.engine(), question, lang);
    Html(lang.script(&pages::reply(&reply, lang).into_string()))
}

/// `/facts/<id>`: the fact, its figures and charts, where it is from, its places and
/// related facts.
pub async fn fact(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Path(id): Path<String>,
) -> Response {
    let engine = web.live.engine();
    let base = engine.base();
    let Some(fact) = base.get(&id) else {
        let text = ui::fill(lang, Text::WebNoFact, &[("id", &id)]);
        return missing(base, lang, &text);
    };
    let t = |text| ui::text(lang, text);
    let card = FactCard::new(base, fact, lang);
    let charts: Vec<Drawn> = base
        .charts_of(&fact.id)
        .map(|c| Drawn::new(base, c, lang))
        .collect();
    let topic = topic_name(base, &fact.topic, lang);
    let body = html! {
        article {
            p.verdict { a href=(format!("/#{}", anchor(&topic))) { (topic) } }
            h1 { (card.title) }
            (card_body(&card, lang))
            @if !charts.is_empty() {
                h2 { (t(Text::WebChart)) }
                @for drawn in &charts {
                    (pages::chart(drawn, lang))
                    p.meta { a href=(format!("/charts/{}", drawn.id)) download { (t(Text::WebChartPng)) } }
                }
            }
            @if !fact.places.is_empty() {
                h2 { (t(Text::WebPlaces)) }
                ul { @for place in &fact.places { li { (place_name(base, place, lang)) } } }
            }
            @if !card.related.is_empty() {
                h2 { (t(Text::WebRelated)) }
                (fact_links(&card.related))
            }
        }
    };
    let here = fact_href(&fact.id);
    let shell = Shell {
        summary: Some(&card.text),
        ..shell(base, lang, &card.title, &here)
    };
    Html(pages::page(shell, body)).into_response()
}

/// `/charts/<id>`: a chart as a PNG image, in the page's language.
pub async fn chart_png(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Path(id): Path<String>,
) -> Response {
    let engine = web.live.engine();
    let base = engine.base();
    let id = id.strip_suffix(".png").unwrap_or(&id);
    let Some(found) = base.chart(id) else {
        return missing(base, lang, ui::text(lang, Text::WebNotFoundText));
    };
    let png = chart::png(&Drawn::new(base, found, lang).in_script(lang));
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        png,
    )
        .into_response()
}

/// Any other path: the 404 page.
pub async fn not_found(State(web): State<Arc<Web>>, PageLang(lang): PageLang) -> Response {
    let engine = web.live.engine();
    missing(engine.base(), lang, ui::text(lang, Text::WebNotFoundText))
}

/// A 404 page saying `text`, with the way back.
fn missing(base: &FactBase, lang: Lang, text: &str) -> Response {
    let title = ui::text(lang, Text::WebNotFoundTitle);
    let body = html! {
        h1 { (title) }
        p { (text) }
        p { a href="/" { (ui::text(lang, Text::WebHome)) } }
    };
    let page = pages::page(shell(base, lang, title, "/"), body);
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

/// Every topic, with links to its facts.
fn topics(base: &FactBase, lang: Lang) -> Markup {
    html! {
        @for (topic, _) in base.topics() {
            @let name = topic_name(base, topic, lang);
            @let facts: Vec<Link> = base.facts().iter()
                .filter(|f| f.topic == topic)
                .map(|f| Link::new(base, f, lang))
                .collect();
            h3 id=(anchor(&name)) { (name) }
            (fact_links(&facts))
        }
    }
}

/// The shell of a public page.
pub(super) fn shell<'a>(
    base: &'a FactBase,
    lang: Lang,
    title: &'a str,
    here: &'a str,
) -> Shell<'a> {
    Shell {
        lang,
        title,
        here,
        admin: None,
        source: source_title(base, lang),
        summary: None,
    }
}

/// The title of the article every fact comes from, in `lang`.
fn source_title(base: &FactBase, lang: Lang) -> &str {
    let chinese = base
        .translations()
        .sources
        .get("article")
        .filter(|_| lang.is_chinese());
    match chinese {
        Some(title) => title,
        None => base
            .sources()
            .get("article")
            .map_or("", |s| s.title.as_str()),
    }
}

/// `text` percent-encoded for a query string.
fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
