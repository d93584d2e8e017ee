//! The pages' HTML, from maud templates: the shell every page shares, and the public
//! pages' parts. Pure: plain data in, HTML out. Text is written in English or in
//! Simplified Chinese, and the finished page is converted whole to the page's script.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::assets::{script_href, style_href};
use super::negotiate::{html_lang, tag};
use crate::chart::{self, Drawn};
use crate::facts::Scale;
use crate::lang::Lang;
use crate::reply::{FactCard, Link, Reply, latest_note, small_talk_lines, unstated_text};
use crate::ui::{self, Text};

/// What the shell around a page's body needs.
pub struct Shell<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// This page's path and query without `lang`, for the language switch.
    pub here: &'a str,
    /// The admin's links and buttons, on admin pages after login.
    pub admin: Option<AdminNav<'a>>,
    /// The source the footer names.
    pub source: &'a str,
    /// What the page says, in a sentence or two: for search engines, and for the
    /// preview Discord and other apps show of a link to it.
    pub summary: Option<&'a str>,
}

/// The admin's navigation: its forms carry the session's CSRF token.
pub struct AdminNav<'a> {
    pub csrf: &'a str,
}

/// A whole page: the shell around `body`, in the page's script.
pub fn page(shell: Shell<'_>, body: Markup) -> String {
    let lang = shell.lang;
    let t = |text| ui::text(lang, text);
    let other = if lang.is_chinese() {
        Lang::En
    } else {
        Lang::ZH
    };
    let separator = if shell.here.contains('?') { '&' } else { '?' };
    let switch = format!("{}{separator}lang={}", shell.here, tag(other));
    let markup = html! {
        (DOCTYPE)
        html lang=(html_lang(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shell.title) " · ipwest" }
                @if let Some(summary) = shell.summary {
                    meta name="description" content=(summary);
                    meta property="og:title" content=(shell.title);
                    meta property="og:description" content=(summary);
                    meta property="og:site_name" content="ipwest";
                }
                link rel="stylesheet" href=(style_href());
                script src=(script_href()) defer {}
            }
            body {
                a.skip href="#main" { (t(Text::WebSkip)) }
                header {
                    a.brand href="/" { "ipwest" }
                    nav {
                        a href="/" { (t(Text::WebHome)) }
                        @if let Some(admin) = &shell.admin {
                            a href="/admin/gaps" { (t(Text::WebGapsTitle)) }
                            a href="/admin/feedback" { (t(Text::WebFeedbackTitle)) }
                            a href="/admin/stats" { (t(Text::WebStatsTitle)) }
                            form method="post" action="/admin/reload" {
                                input type="hidden" name="csrf" value=(admin.csrf);
                                button.quiet type="submit" { (t(Text::WebReload)) }
                            }
                            form method="post" action="/admin/logout" {
                                input type="hidden" name="csrf" value=(admin.csrf);
                                button.quiet type="submit" { (t(Text::WebLogout)) }
                            }
                        }
                        a href=(switch) hreflang=(tag(other)) lang=(html_lang(other))
                            title=(t(Text::WebSwitchLabel)) {
                            (ui::text(lang, Text::WebSwitch))
                        }
                    }
                }
                main #main { (body) }
                footer {
                    p { (ui::fill(lang, Text::WebFooter, &[("source", shell.source)])) }
                }
            }
        }
    };
    lang.script(&markup.into_string())
}

/// The link to fact `id`'s page.
pub fn fact_href(id: &str) -> String {
    format!("/facts/{id}")
}

/// A list of links to facts.
pub fn fact_links(links: &[Link]) -> Markup {
    html! {
        ul.facts {
            @for link in links {
                li { a href=(fact_href(&link.id)) { (link.title) } }
            }
        }
    }
}

/// A fact's figures, source and date.
pub fn card_body(card: &FactCard, lang: Lang) -> Markup {
    let t = |text| ui::text(lang, text);
    html! {
        p { (card.text) }
        @if !card.figures.is_empty() {
            dl.figures aria-label=(t(Text::WebFigures)) {
                @for figure in &card.figures {
                    dt { (figure.label) }
                    dd { (figure.value) }
                }
            }
        }
        @let line = ui::fill(lang, Text::SourceAsOf, &[("source", &card.source)]);
        @let (before, after) = line.split_once("{as_of}").unwrap_or((&line, ""));
        p.meta {
            (before) time datetime=(card.as_of_iso) { (card.as_of) } (after)
        }
    }
}

/// The engine's reply to a search, as the results region shows it.
pub fn reply(reply: &Reply, lang: Lang) -> Markup {
    let t = |text| ui::text(lang, text);
    match reply {
        Reply::Answer {
            card,
            also,
            latest_only,
            ..
        } => html! {
            article.card {
                p.verdict { (t(Text::WebAnswer)) }
                h2 { a href=(fact_href(&card.id)) { (card.title) } }
                @if *latest_only {
                    p.note { (latest_note(lang, &card.as_of)) }
                }
                (card_body(card, lang))
            }
            @if !also.is_empty() {
                h3 { (t(Text::WebAlso)) }
                (fact_links(also))
            }
        },
        Reply::Fact(card) => html! {
            article.card {
                h2 { a href=(fact_href(&card.id)) { (card.title) } }
                (card_body(card, lang))
            }
        },
        Reply::DidYouMean { suggestions, .. } => html! {
            h2 { (t(Text::DidYouMeanTitle)) }
            p { (t(Text::DidYouMeanText)) }
            (fact_links(suggestions))
        },
        Reply::Unknown { topics, .. } => html! {
            h2 { (t(Text::UnknownTitle)) }
            p { (t(Text::UnknownText)) }
            (topic_line(topics, lang))
        },
        Reply::Unstated {
            asked,
            subject,
            facts,
            ..
        } => html! {
            h2 { (t(Text::UnstatedTitle)) }
            p { (unstated_text(lang, asked, subject.as_deref())) }
            (fact_links(facts))
        },
        Reply::SmallTalk {
            kind,
            topics,
            examples,
        } => html! {
            @for line in small_talk_lines(lang, *kind, topics, examples) {
                p { (line) }
            }
        },
        Reply::Facts { heading, facts } => html! {
            h2 { (heading) }
            ul.facts {
                @for fact in facts {
                    li { a href=(fact_href(&fact.id)) { (fact.title) } }
                }
            }
        },
        Reply::Topics(topics) => {
            let names: Vec<String> = topics.iter().map(|t| t.name.clone()).collect();
            topic_line(&names, lang)
        }
        Reply::Notice(notice) => html! {
            h2 { (notice.title) }
            p { (notice.text) }
        },
    }
}

/// "I know about: …", each topic a link to its list on the home page.
fn topic_line(topics: &[String], lang: Lang) -> Markup {
    let (before, after) = ui::text(lang, Text::IKnowAbout)
        .split_once("{topics}")
        .unwrap_or(("", ""));
    html! {
        p {
            (before)
            @for (i, topic) in topics.iter().enumerate() {
                @if i > 0 { (ui::text(lang, Text::ListSeparator)) }
                a href=(format!("/#{}", anchor(topic))) { (topic) }
            }
            (after)
        }
    }
}

/// The id of a topic's heading on the home page.
pub fn anchor(topic: &str) -> String {
    let mut id = String::from("topic-");
    for c in topic.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// A chart: the drawing, hidden from screen readers, and its figures as text, each
/// linked to its fact.
pub fn chart(drawn: &Drawn, lang: Lang) -> Markup {
    html! {
        figure.chart {
            (PreEscaped(chart::svg(drawn).replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)))
            figcaption {
                @for (i, bar) in drawn.bars.iter().enumerate() {
                    @if i > 0 { " · " }
                    @match &bar.fact {
                        Some(fact) => a href=(fact_href(fact)) { (bar.label) },
                        None => (bar.label),
                    }
                    ": " (bar.shown)
                }
                @if drawn.scale == Scale::Whole {
                    " " (ui::text(lang, Text::WebChartOfWhole))
                }
            }
        }
    }
}
