//! The admin pages, behind the login (`/admin/login`): what members asked and could
//! not get (`/admin/gaps`, grouped as `ipwest gaps` groups them), their votes and
//! comments (`/admin/feedback`), the replies served (`/admin/stats`), and a button
//! that reloads the fact base (`/admin/reload`). With no `IPWEST_ADMIN_TOKEN` they
//! are off: every admin path is a 404 that says how to turn them on.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use axum::Form;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::{Markup, html};
use serde::Deserialize;

use super::Web;
use super::auth::{Admin, LOGIN_COOKIE, SESSION, SESSION_COOKIE, random_hex};
use super::negotiate::PageLang;
use super::pages::{self, AdminNav, Shell, fact_href};
use super::public::shell;
use crate::chart::{Drawn, DrawnBar};
use crate::data::DataError;
use crate::facts::Scale;
use crate::lang::Lang;
use crate::report;
use crate::store::Store;
use crate::ui::{self, Text};

/// Longest the admin pages wait for the store.
const STORE_WAIT: Duration = Duration::from_secs(3);
/// Most days the per-day chart draws: the latest.
const CHART_DAYS: usize = 14;

/// The client's address, when the server was told it.
pub struct Peer(Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Peer, Infallible> {
        let connected = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Peer(connected.map(|c| c.0.ip())))
    }
}

/// A logged-in admin's request: the session and its CSRF token. Extracting it refuses
/// the request without one: a 404 while the admin pages are off, else the way to the
/// login.
pub struct Session {
    web: Arc<Web>,
    value: String,
    csrf: String,
}

impl Session {
    /// Whether a form's `csrf` field is this session's token.
    fn sent(&self, csrf: &str) -> bool {
        let admin = self.web.admin.as_ref();
        admin.is_some_and(|admin| admin.is_csrf(&self.value, csrf))
    }
}

impl FromRequestParts<Arc<Web>> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web>) -> Result<Session, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        let refused = match session(web, &jar) {
            Ok(session) => return Ok(session),
            Err(refused) => refused,
        };
        let Ok(PageLang(lang)) = PageLang::from_request_parts(parts, web).await;
        Err(match refused {
            Refused::Off => off(web, lang),
            Refused::LogIn => Redirect::to("/admin/login").into_response(),
        })
    }
}

/// A logged-in admin's form, posted with the session's CSRF token; a form without it
/// is refused with a 403.
pub struct Posted(Session);

impl FromRequest<Arc<Web>> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, web: &Arc<Web>) -> Result<Posted, Response> {
        let (mut parts, body) = request.into_parts();
        let session = Session::from_request_parts(&mut parts, web).await?;
        let Ok(PageLang(lang)) = PageLang::from_request_parts(&mut parts, web).await;
        let form = Form::<Csrf>::from_request(Request::from_parts(parts, body), web).await;
        match form {
            Ok(Form(form)) if session.sent(&form.csrf) => Ok(Posted(session)),
            _ => Err(bad_form(web, lang)),
        }
    }
}

/// Why an admin request has no session.
enum Refused {
    /// The admin pages are off.
    Off,
    /// No session, or an ended or forged one.
    LogIn,
}

/// The session of `jar`, if it has one.
fn session(web: &Arc<Web>, jar: &CookieJar) -> Result<Session, Refused> {
    let admin = web.admin.as_ref().ok_or(Refused::Off)?;
    match jar.get(SESSION_COOKIE).map(Cookie::value) {
        Some(value) if admin.is_session(value, SystemTime::now()) => Ok(Session {
            web: Arc::clone(web),
            value: value.to_owned(),
            csrf: admin.csrf(value),
        }),
        _ => Err(Refused::LogIn),
    }
}

/// `/admin`: the gaps.
pub async fn index() -> Redirect {
    Redirect::to("/admin/gaps")
}

/// `GET /admin/login`: the login form, with a per-visit cookie its CSRF token is bound to.
pub async fn login_form(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    jar: CookieJar,
) -> Response {
    let Some(admin) = &web.admin else {
        return off(&web, lang);
    };
    if session(&web, &jar).is_ok() {
        return Redirect::to("/admin/gaps").into_response();
    }
    let visit = jar
        .get(LOGIN_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 32)
        .unwrap_or_else(random_hex);
    let form = login_page(&web, lang, &admin.csrf(&visit), None);
    let jar = jar.add(cookie(
        admin,
        LOGIN_COOKIE,
        visit,
        "/admin",
        Duration::from_secs(3600),
    ));
    (jar, Html(form)).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/login`: a right token starts a session; a wrong one is counted
/// against the address, which must wait after [`super::LOGIN_ATTEMPTS`].
pub async fn login(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Peer(address): Peer,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let Some(admin) = &web.admin else {
        return off(&web, lang);
    };
    let address = address.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let now = Instant::now();
    if let Err(wait) = admin.may_try(address, now) {
        let minutes = wait.as_secs().div_ceil(60).to_string();
        let text = ui::fill(lang, Text::WebLoginSlow, &[("minutes", &minutes)]);
        let page = message_page(&web, lang, ui::text(lang, Text::WebLoginTitle), &text);
        let retry = wait.as_secs().max(1).to_string();
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry)],
            Html(page),
        )
            .into_response();
    }
    let visit = jar.get(LOGIN_COOKIE).map_or("", Cookie::value);
    if !admin.is_csrf(visit, &form.csrf) {
        return bad_form(&web, lang);
    }
    if !admin.is_token(&form.token) {
        admin.failed(address, now);
        let page = login_page(
            &web,
            lang,
            &admin.csrf(visit),
            Some(ui::text(lang, Text::WebLoginWrong)),
        );
        return (StatusCode::UNAUTHORIZED, Html(page)).into_response();
    }
    admin.succeeded(address);
    let session = admin.new_session(SystemTime::now());
    let jar = jar
        .remove(Cookie::build(LOGIN_COOKIE).path("/admin"))
        .add(cookie(admin, SESSION_COOKIE, session, "/", SESSION));
    (jar, Redirect::to("/admin/gaps")).into_response()
}

#[derive(Deserialize)]
pub struct Csrf {
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/logout`: ends the session here.
pub async fn logout(jar: CookieJar, _: Posted) -> Response {
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    (jar, Redirect::to("/")).into_response()
}

#[derive(Deserialize)]
pub struct Period {
    /// `1d`, `7d`, `30d`; none: everything kept.
    since: Option<String>,
}

/// The periods the gaps and the stats can be filtered to, with their names.
const PERIODS: [(Option<&str>, Text); 4] = [
    (Some("1d"), Text::WebPeriodDay),
    (Some("7d"), Text::WebPeriodWeek),
    (Some("30d"), Text::WebPeriodMonth),
    (None, Text::WebPeriodAll),
];

impl Period {
    /// The chosen period (an unknown one counts as all) and its start, in Unix seconds.
    fn start(&self) -> (Option<&str>, i64) {
        let chosen = self
            .since
            .as_deref()
            .filter(|s| PERIODS.iter().any(|(p, _)| *p == Some(*s)));
        let seconds = chosen.and_then(|s| report::parse_period(s).ok());
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        (chosen, seconds.map_or(0, |s| now - s))
    }
}

/// `/admin/gaps`: the unanswered questions, grouped by what they ask for.
pub async fn gaps(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    session: Session,
    Query(period): Query<Period>,
) -> Response {
    let t = |text| ui::text(lang, text);
    let (chosen, since) = period.start();
    let read = read(&web.store, |store| async move { store.gaps(since).await }).await;
    let body = match read {
        Err(unread) => html! { p.problem { (unread.text(lang)) } },
        Ok(logged) => {
            let gaps = report::gaps(&web.live.engine(), &logged);
            html! {
                (periods("/admin/gaps", chosen, lang))
                @if gaps.is_empty() {
                    p { (t(Text::WebGapsNone)) }
                } @else {
                    table {
                        thead { tr {
                            th scope="col" { (t(Text::WebCount)) }
                            th scope="col" { (t(Text::WebAsks)) }
                            th scope="col" { (t(Text::WebExamples)) }
                            th scope="col" { (t(Text::WebVerdicts)) }
                            th scope="col" { (t(Text::WebLastSeen)) }
                        } }
                        tbody {
                            @for gap in &gaps {
                                tr {
                                    td.count { (gap.count) }
                                    td { (gap.asks) }
                                    td { ul { @for example in &gap.examples { li { (example) } } } }
                                    td { (gap.verdicts.join(", ")) }
                                    td { time datetime=(gap.last_seen) { (gap.last_seen.replace(['T', 'Z'], " ").trim()) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    admin_page(
        &web,
        lang,
        &session,
        Text::WebGapsTitle,
        "/admin/gaps",
        body,
    )
}

/// `/admin/feedback`: the votes per fact, and what the 👎 voters wrote.
pub async fn feedback(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    session: Session,
) -> Response {
    let t = |text| ui::text(lang, text);
    let read = read(&web.store, |store| async move { store.feedback().await }).await;
    let body = match read {
        Err(unread) => html! { p.problem { (unread.text(lang)) } },
        Ok(votes) => {
            let feedback = report::feedback(web.live.engine().base(), votes);
            html! {
                @if feedback.is_empty() {
                    p { (t(Text::WebFeedbackNone)) }
                } @else {
                    table {
                        thead { tr {
                            th scope="col" { (t(Text::WebFact)) }
                            th scope="col" { "👍" }
                            th scope="col" { "👎" }
                            th scope="col" { (t(Text::WebComments)) }
                        } }
                        tbody {
                            @for fact in &feedback {
                                tr {
                                    td {
                                        @if fact.title.is_empty() {
                                            (fact.id) " " (t(Text::WebGone))
                                        } @else {
                                            a href=(fact_href(&fact.id)) { (fact.title) }
                                        }
                                    }
                                    td.count { (fact.up) }
                                    td.count { (fact.down) }
                                    td { ul { @for comment in &fact.comments { li { (comment) } } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    admin_page(
        &web,
        lang,
        &session,
        Text::WebFeedbackTitle,
        "/admin/feedback",
        body,
    )
}

/// `/admin/stats`: the replies served per day and per verdict, as charts and numbers.
pub async fn stats(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    session: Session,
    Query(period): Query<Period>,
) -> Response {
    let t = |text| ui::text(lang, text);
    let (chosen, since) = period.start();
    let read = read(&web.store, |store| async move { store.stats(since).await }).await;
    let body = match read {
        Err(unread) => html! { p.problem { (unread.text(lang)) } },
        Ok(stats) if stats.answers == 0 => html! {
            (periods("/admin/stats", chosen, lang))
            p { (t(Text::WebStatsNone)) }
        },
        Ok(stats) => {
            let days: Vec<(&String, &i64)> = stats.by_day.iter().rev().take(CHART_DAYS).collect();
            let per_day = counts("per-day", days.into_iter().rev());
            let per_verdict = counts("per-verdict", stats.by_verdict.iter());
            let total = stats.answers.to_string();
            html! {
                (periods("/admin/stats", chosen, lang))
                p { (ui::fill(lang, Text::WebTotal, &[("count", &total)])) }
                h2 { (t(Text::WebPerDay)) }
                (pages::chart(&per_day, lang))
                h2 { (t(Text::WebPerVerdict)) }
                (pages::chart(&per_verdict, lang))
            }
        }
    };
    admin_page(
        &web,
        lang,
        &session,
        Text::WebStatsTitle,
        "/admin/stats",
        body,
    )
}

/// `POST /admin/reload`: loads the fact base again and says how it went: its size, or
/// every problem (and the old base keeps answering).
pub async fn reload(
    State(web): State<Arc<Web>>,
    PageLang(lang): PageLang,
    Posted(session): Posted,
) -> Response {
    let body = match web.live.reload().await {
        Ok(facts) => {
            html! { p { (ui::fill(lang, Text::WebReloaded, &[("count", &facts.to_string())])) } }
        }
        Err(DataError::Invalid(problems)) => html! {
            p.problem { (ui::text(lang, Text::WebReloadFailed)) }
            ul { @for problem in problems.problems() { li { code { (problem) } } } }
        },
        Err(error) => html! {
            p.problem { (ui::text(lang, Text::WebReloadFailed)) }
            ul { li { code { (error) } } }
        },
    };
    admin_page(&web, lang, &session, Text::WebReload, "/admin/gaps", body)
}

/// Why the store could not be read.
enum Unread {
    /// There is no store.
    Off,
    /// It failed, or did not answer in time.
    Failed(String),
}

impl Unread {
    /// What the page says, in `lang`.
    fn text(&self, lang: Lang) -> String {
        match self {
            Unread::Off => ui::text(lang, Text::WebStoreOff).to_owned(),
            Unread::Failed(error) => ui::fill(lang, Text::WebStoreFailed, &[("error", error)]),
        }
    }
}

/// What the store said, or why it could not be read.
async fn read<T, F>(store: &Option<Store>, query: impl FnOnce(Store) -> F) -> Result<T, Unread>
where
    F: Future<Output = Result<T, sqlx::Error>>,
{
    let store = store.clone().ok_or(Unread::Off)?;
    match tokio::time::timeout(STORE_WAIT, query(store)).await {
        Ok(Ok(read)) => Ok(read),
        Ok(Err(error)) => Err(Unread::Failed(error.to_string())),
        Err(_) => Err(Unread::Failed(format!(
            "no answer within {} s",
            STORE_WAIT.as_secs()
        ))),
    }
}

/// A chart of counts, one bar each.
fn counts<'a>(id: &str, counts: impl Iterator<Item = (&'a String, &'a i64)>) -> Drawn {
    Drawn {
        id: id.to_owned(),
        scale: Scale::Largest,
        bars: counts
            .map(|(label, count)| DrawnBar {
                label: label.clone(),
                shown: count.to_string(),
                value: *count as f64,
                fact: None,
            })
            .collect(),
    }
}

/// The links that filter a page to a period; the chosen one is marked.
fn periods(path: &str, chosen: Option<&str>, lang: Lang) -> Markup {
    html! {
        nav.periods aria-label=(ui::text(lang, Text::WebPeriodLabel)) {
            (ui::text(lang, Text::WebPeriodLabel)) ":"
            @for (period, name) in PERIODS {
                @let href = period.map_or_else(|| path.to_owned(), |p| format!("{path}?since={p}"));
                @if period == chosen {
                    a href=(href) aria-current="page" { (ui::text(lang, name)) }
                } @else {
                    a href=(href) { (ui::text(lang, name)) }
                }
            }
        }
    }
}

/// An admin page: the shell with the admin's navigation around `body`.
fn admin_page(
    web: &Web,
    lang: Lang,
    session: &Session,
    title: Text,
    here: &str,
    body: Markup,
) -> Response {
    let engine = web.live.engine();
    let title = ui::text(lang, title);
    let base_shell = shell(engine.base(), lang, title, here);
    let shell = Shell {
        admin: Some(AdminNav {
            csrf: &session.csrf,
        }),
        ..base_shell
    };
    let body = html! { h1 { (title) } (body) };
    let mut response = Html(pages::page(shell, body)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// The login form, with `problem` above it if the last try failed.
fn login_page(web: &Web, lang: Lang, csrf: &str, problem: Option<&str>) -> String {
    let t = |text| ui::text(lang, text);
    let body = html! {
        h1 { (t(Text::WebLoginTitle)) }
        @if let Some(problem) = problem {
            p.problem role="alert" { (problem) }
        }
        form.search method="post" action="/admin/login" {
            input type="hidden" name="csrf" value=(csrf);
            label for="token" { (t(Text::WebTokenLabel)) }
            input #token type="password" name="token" autocomplete="current-password" required;
            button type="submit" { (t(Text::WebLoginButton)) }
        }
    };
    let engine = web.live.engine();
    pages::page(
        shell(engine.base(), lang, t(Text::WebLoginTitle), "/admin/login"),
        body,
    )
}

/// A page that only says `text`.
fn message_page(web: &Web, lang: Lang, title: &str, text: &str) -> String {
    let engine = web.live.engine();
    let body = html! { h1 { (title) } p.problem role="alert" { (text) } };
    pages::page(shell(engine.base(), lang, title, "/"), body)
}

/// The 403 for a form without its CSRF token (or with another session's).
fn bad_form(web: &Web, lang: Lang) -> Response {
    let text = ui::text(lang, Text::WebBadForm);
    let page = message_page(web, lang, ui::text(lang, Text::Sorry), text);
    (StatusCode::FORBIDDEN, Html(page)).into_response()
}

/// The 404 of every admin path while the admin pages are off.
fn off(web: &Web, lang: Lang) -> Response {
    let text = ui::text(lang, Text::WebAdminOff);
    let page = message_page(web, lang, ui::text(lang, Text::WebAdmin), text);
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

/// A cookie only this site's own pages send: HttpOnly, SameSite=Strict, and Secure
/// when the site is published over https.
fn cookie(
    admin: &Admin,
    name: &'static str,
    value: String,
    path: &'static str,
    life: Duration,
) -> Cookie<'static> {
    Cookie::build((name, value))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(admin.secure)
        .max_age(time::Duration::seconds(life.as_secs() as i64))
        .build()
}
