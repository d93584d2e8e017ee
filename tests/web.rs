//! The web pages over HTTP, in process: every route's status and content, the
//! languages, the security headers, and the admin login with its session, CSRF tokens
//! and failed-login limit.

#[path = "support/workspace.rs"]
mod workspace;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use ipwest::config::{AdminToken, WebConfig};
use ipwest::live::Live;
use ipwest::store::{Asked, Event, Store};
use ipwest::web::{self, LOGIN_ATTEMPTS, Web};
use ipwest::{Engine, data};
use tower::ServiceExt;
use workspace::workspace;

const TOKEN: &str = "a-long-enough-admin-token";
/// Largest page the site may send, with its stylesheet and script.
const MAX_PAGE: usize = 50 * 1024;

/// A response, read whole.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Page {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).map_or("", |v| v.to_str().unwrap())
    }

    /// Every `Set-Cookie` line.
    fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    /// The whole `Set-Cookie` line of the cookie `name`, attributes and all.
    fn set_cookie(&self, name: &str) -> String {
        let prefix = format!("{name}=");
        let line = self.cookies().into_iter().find(|c| c.starts_with(&prefix));
        line.unwrap_or_else(|| panic!("no cookie {name} set"))
    }

    /// The cookie `name` this response sets, as a `Cookie` header sends it back.
    fn cookie_header(&self, name: &str) -> String {
        let value = self.cookie(name);
        format!(
            "{name}={}",
            value.unwrap_or_else(|| panic!("no cookie {name} set"))
        )
    }

    /// The value of the cookie `name` this response sets.
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies().iter().find_map(|c| {
            let pair = c.split(';').next()?;
            let (n, v) = pair.split_once('=')?;
            (n == name && !v.is_empty()).then(|| v.to_owned())
        })
    }

    /// The value of the hidden `csrf` field of the page's first form that has one.
    fn csrf(&self) -> String {
        let text = self.text();
        let at = text.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
        text[at..].split('"').next().unwrap().to_owned()
    }
}

struct Site {
    app: Router,
    store: Store,
}

/// A visit to the login form: its cookie and the form's CSRF token.
struct Visit {
    cookie: String,
    csrf: String,
}

impl Site {
    async fn new(name: &str, admin: Option<&str>, public_url: Option<&str>) -> Site {
        Site::with_data(name, admin, public_url, None).await
    }

    /// A site answering from `data` (a directory it reloads), or the built-in copy.
    async fn with_data(
        name: &str,
        admin: Option<&str>,
        public_url: Option<&str>,
        data: Option<std::path::PathBuf>,
    ) -> Site {
        let dir = std::env::temp_dir().join(format!("ipwest-web-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::connect(&format!("sqlite://{}/ipwest.db", dir.display()))
            .await
            .unwrap();
        let engine = Arc::new(Engine::new(data::bundled().unwrap()));
        let config = WebConfig {
            admin_token: admin.map(|t| AdminToken::parse(t).unwrap()),
            public_url: public_url.map(str::to_owned),
        };
        let site = Web::new(
            Arc::new(Live::new(engine, data)),
            Some(store.clone()),
            config,
        );
        let app = web::router(Arc::new(site))
            .layer(MockConnectInfo(SocketAddr::from(([192, 0, 2, 1], 4000))));
        Site { app, store }
    }

    async fn send(&self, request: Request<Body>) -> Page {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 1 << 22)
            .await
            .unwrap()
            .to_vec();
        Page {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }

    async fn get_with(&self, path: &str, headers: &[(header::HeaderName, &str)]) -> Page {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    async fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> Page {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Opens the login form: its visit cookie (as a `Cookie` header) and CSRF token.
    async fn visit(&self) -> Visit {
        let form = self.get("/admin/login").await;
        Visit {
            cookie: form.cookie_header("ipwest_login"),
            csrf: form.csrf(),
        }
    }

    /// Posts `token` in the login form of `visit`.
    async fn try_token(&self, visit: &Visit, token: &str) -> Page {
        let form = [("token", token), ("csrf", &visit.csrf)];
        self.post("/admin/login", &visit.cookie, &form).await
    }

    /// Logs in: the session cookie, as a `Cookie` header.
    async fn log_in(&self) -> String {
        let done = self.try_token(&self.visit().await, TOKEN).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        done.cookie_header("ipwest_admin")
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn asked(id: u64, at: i64, question: &str) -> Event {
    Event::Asked(Asked {
        asked_in: id,
        at,
        guild: None,
        verdict: "unknown",
        question: question.to_owned(),
        candidates: Vec::new(),
    })
}

#[tokio::test]
async fn the_home_page_lists_every_topic_and_fact() {
    let site = Site::new("home", None, None).await;
    let page = site.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    let text = page.text();
    let base = data::bundled().unwrap();
    for fact in base.facts() {
        assert!(
            text.contains(&format!("href=\"/facts/{}\"", fact.id)),
            "{}",
            fact.id
        );
    }
    for (topic, _) in base.topics() {
        assert!(text.contains(topic), "{topic}");
    }
    assert!(text.contains("<form class=\"search\" role=\"search\" method=\"get\" action=\"/\">"));
    assert!(text.contains("<label for=\"q\">"));
}

#[tokio::test]
async fn a_search_answers_as_ask_does_with_and_without_javascript() {
    let site = Site::new("search", None, None).await;
    let page = site
        .get("/?q=how+many+GI+products+does+western+china+have")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(
        text.contains("href=\"/facts/western-gi-products\""),
        "{text}"
    );
    assert!(text.contains("931"));
    assert!(text.contains("value=\"how many GI products does western china have\""));

    let live = site
        .get("/search?q=how%20many%20GI%20products%20does%20western%20china%20have")
        .await;
    assert_eq!(live.status, StatusCode::OK);
    let fragment = live.text();
    assert!(!fragment.contains("<html"), "a fragment, not a page");
    assert!(fragment.contains("href=\"/facts/western-gi-products\"") && fragment.contains("931"));
    assert_eq!(site.get("/search?q=%20").await.text(), "");

    let unknown = site
        .get("/search?q=how+many+patents+does+france+have")
        .await
        .text();
    assert!(unknown.contains("I don't know that"), "{unknown}");
    assert!(unknown.contains("href=\"/#topic-patents\""), "{unknown}");

    let chinese = site.get("/search?q=广西有多少个地理标志").await.text();
    assert!(
        chinese.contains("/facts/guangxi-gi-count") && chinese.contains("211"),
        "{chinese}"
    );
}

#[tokio::test]
async fn a_question_is_escaped_and_never_runs_as_markup() {
    let site = Site::new("escape", None, None).await;
    let text = site
        .get("/?q=%3Cscript%3Ealert(1)%3C/script%3E+%40everyone")
        .await
        .text();
    assert!(!text.contains("<script>alert"), "{text}");
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; @everyone"));
}

#[tokio::test]
async fn a_fact_page_has_figures_source_date_places_related_facts_and_a_chart() {
    let site = Site::new("fact", None, None).await;
    let page = site.get("/facts/western-gdp-growth-2023").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    for expected in [
        "<h1>Western China's GDP growth in 2023</h1>",
        "<dt>Western GDP growth, 2023</dt><dd>5.5 percent</dd>",
        "IP Takes Lead in Western China",
        "<time datetime=\"2023\">2023</time>",
        "<li>western China</li>",
        "href=\"/facts/china-gdp-growth-2023\"",
        "<svg aria-hidden=\"true\"",
        "National GDP growth, 2023</a>: 5.2 percent",
        "href=\"/charts/gdp-growth-2023\"",
        "<meta property=\"og:title\" content=\"Western China's GDP growth in 2023\">",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    let plain = site.get("/facts/western-china-provinces").await.text();
    assert!(!plain.contains("<svg"), "no chart where no figures compare");
}

#[tokio::test]
async fn pages_with_their_stylesheet_and_script_stay_under_50_kb() {
    let site = Site::new("size", None, None).await;
    let style = site.get("/static/style.css").await;
    let script = site.get("/static/search.js").await;
    assert_eq!(style.status, StatusCode::OK);
    assert!(style.header(header::CONTENT_TYPE).starts_with("text/css"));
    assert!(
        script
            .header(header::CONTENT_TYPE)
            .starts_with("text/javascript")
    );
    let base = data::bundled().unwrap();
    let mut paths = vec!["/".to_owned(), "/?q=GI+products&lang=zh".to_owned()];
    paths.extend(base.facts().iter().map(|f| format!("/facts/{}", f.id)));
    for path in paths {
        let page = site.get(&path).await;
        let total = page.body.len() + style.body.len() + script.body.len();
        assert!(total <= MAX_PAGE, "{path}: {total} bytes");
        // Inline SVG names its namespace, which is no request.
        let text = page
            .text()
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path} refers outside the site"
        );
    }
}

#[tokio::test]
async fn unknown_facts_charts_and_paths_are_404_pages() {
    let site = Site::new("missing", None, None).await;
    let fact = site.get("/facts/no-such-fact").await;
    assert_eq!(fact.status, StatusCode::NOT_FOUND);
    assert!(fact.text().contains("There is no fact “no-such-fact”."));
    assert_eq!(
        site.get("/charts/no-such-chart").await.status,
        StatusCode::NOT_FOUND
    );
    let other = site.get("/wp-login.php").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(site.get("/healthz").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_chart_comes_as_a_png_image() {
    let site = Site::new("png", None, None).await;
    let png = site.get("/charts/china-eu-gi-lists").await;
    assert_eq!(png.status, StatusCode::OK);
    assert_eq!(png.header(header::CONTENT_TYPE), "image/png");
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[tokio::test]
async fn the_language_follows_the_switch_then_the_cookie_then_the_browser() {
    let site = Site::new("lang", None, None).await;
    let english = site.get("/facts/guangxi-gi-count").await.text();
    assert!(
        english.contains("<html lang=\"en\">")
            && english.contains("href=\"/facts/guangxi-gi-count?lang=zh\"")
    );

    let browser = [(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.5")];
    let chinese = site
        .get_with("/facts/guangxi-gi-count", &browser)
        .await
        .text();
    assert!(chinese.contains("<html lang=\"zh-Hans\">"), "{chinese}");
    assert!(chinese.contains("广西") && chinese.contains("211"));
    assert!(
        chinese.contains("?lang=en"),
        "the switch leads back to English"
    );

    let switched = site
        .get_with("/facts/guangxi-gi-count?lang=en", &browser)
        .await;
    assert!(switched.text().contains("<html lang=\"en\">"));
    assert_eq!(switched.cookie("lang").as_deref(), Some("en"));

    let kept = [
        (header::COOKIE, "lang=zh-TW"),
        (header::ACCEPT_LANGUAGE, "en"),
    ];
    let traditional = site.get_with("/facts/guangxi-gi-count", &kept).await.text();
    assert!(
        traditional.contains("<html lang=\"zh-Hant-TW\">"),
        "{traditional}"
    );
    assert!(traditional.contains("地理標誌"), "{traditional}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = Site::new("headers", Some(TOKEN), None).await;
    for path in [
        "/",
        "/facts/guangxi-gi-count",
        "/nope",
        "/static/style.css",
        "/admin/login",
        "/admin/gaps",
        "/charts/gdp-growth-2023",
    ] {
        let page = site.get(path).await;
        let policy = page.header(header::CONTENT_SECURITY_POLICY);
        assert!(
            policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{path}");
        assert_eq!(
            page.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            page.header(header::REFERRER_POLICY),
            "same-origin",
            "{path}"
        );
    }
}

#[tokio::test]
async fn without_a_token_the_admin_pages_are_off() {
    let site = Site::new("off", None, None).await;
    for path in [
        "/admin/login",
        "/admin/gaps",
        "/admin/feedback",
        "/admin/stats",
    ] {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.text().contains("IPWEST_ADMIN_TOKEN"), "{path}");
    }
    let post = site.post("/admin/login", "", &[("token", TOKEN)]).await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn no_admin_page_without_a_session() {
    let site = Site::new("nosession", Some(TOKEN), None).await;
    for path in [
        "/admin",
        "/admin/gaps",
        "/admin/feedback",
        "/admin/stats?since=7d",
    ] {
        let page = site.get(path).await;
        assert!(page.status.is_redirection(), "{path}: {}", page.status);
        let to = page.header(header::LOCATION);
        assert!(to == "/admin/login" || to == "/admin/gaps", "{path} → {to}");
    }
    let forged = [(header::COOKIE, "ipwest_admin=9999999999.00.00")];
    assert!(
        site.get_with("/admin/gaps", &forged)
            .await
            .status
            .is_redirection()
    );
    let reload = site.post("/admin/reload", "", &[("csrf", "x")]).await;
    assert!(reload.status.is_redirection());
}

#[tokio::test]
async fn the_right_token_opens_the_gaps_and_a_wrong_one_does_not() {
    let site = Site::new("login", Some(TOKEN), None).await;
    site.store
        .record(&[
            asked(1, now() - 60, "how many patents does france have"),
            asked(2, now() - 40 * 86_400, "what is the gdp of tibet in 1990"),
        ])
        .await
        .unwrap();

    let form = site.get("/admin/login").await;
    assert_eq!(form.status, StatusCode::OK);
    let visit_cookie = form.set_cookie("ipwest_login");
    assert!(
        visit_cookie.contains("HttpOnly") && visit_cookie.contains("SameSite=Strict"),
        "{visit_cookie}"
    );
    let visit = Visit {
        cookie: form.cookie_header("ipwest_login"),
        csrf: form.csrf(),
    };

    let wrong = site.try_token(&visit, "not-the-admin-token!").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("That token is not right."));
    assert_eq!(wrong.cookie("ipwest_admin"), None);

    let right = site.try_token(&visit, TOKEN).await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    assert_eq!(right.header(header::LOCATION), "/admin/gaps");
    let session_cookie = right.set_cookie("ipwest_admin");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session_cookie.contains(attribute), "{session_cookie}");
    }
    assert!(!session_cookie.contains("Secure"), "plain http: no Secure");
    let session = right.cookie_header("ipwest_admin");

    let gaps = site
        .get_with("/admin/gaps", &[(header::COOKIE, &session)])
        .await;
    assert_eq!(gaps.status, StatusCode::OK);
    let text = gaps.text();
    assert!(text.contains("how many patents does france have"), "{text}");
    assert!(text.contains("what is the gdp of tibet in 1990"));
    assert_eq!(gaps.header(header::CACHE_CONTROL), "no-store");

    let recent = site
        .get_with("/admin/gaps?since=7d", &[(header::COOKIE, &session)])
        .await
        .text();
    assert!(recent.contains("how many patents does france have"));
    assert!(
        !recent.contains("tibet"),
        "the date filter leaves out older questions"
    );

    for path in ["/admin/feedback", "/admin/stats"] {
        let page = site.get_with(path, &[(header::COOKIE, &session)]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused() {
    let site = Site::new("csrf", Some(TOKEN), None).await;
    let visit = site.visit().await;
    let no_token = site
        .post("/admin/login", &visit.cookie, &[("token", TOKEN)])
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let other_visit = Visit {
        cookie: "ipwest_login=00112233445566778899aabbccddeeff".to_owned(),
        ..visit
    };
    let refused = site.try_token(&other_visit, TOKEN).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let session = site.log_in().await;
    let reload = site.post("/admin/reload", &session, &[]).await;
    assert_eq!(reload.status, StatusCode::FORBIDDEN);
    let page = site
        .get_with("/admin/gaps", &[(header::COOKIE, &session)])
        .await;
    let reloaded = site
        .post("/admin/reload", &session, &[("csrf", &page.csrf())])
        .await;
    assert_eq!(reloaded.status, StatusCode::OK);
    assert!(
        reloaded.text().contains("Reloaded: the fact base has"),
        "{}",
        reloaded.text()
    );
    let logout = site
        .post("/admin/logout", &session, &[("csrf", "forged")])
        .await;
    assert_eq!(logout.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_address_that_keeps_failing_must_wait() {
    let site = Site::new("limit", Some(TOKEN), None).await;
    let visit = site.visit().await;
    for _ in 0..LOGIN_ATTEMPTS {
        let wrong = site.try_token(&visit, "still-not-the-token").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let refused = site.try_token(&visit, TOKEN).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.header(header::RETRY_AFTER).parse::<u64>().unwrap() > 0);
    assert_eq!(
        refused.cookie("ipwest_admin"),
        None,
        "not even the right token"
    );
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure() {
    let site = Site::new("https", Some(TOKEN), Some("https://ipwest.example.org")).await;
    let right = site.try_token(&site.visit().await, TOKEN).await;
    let session_cookie = right.set_cookie("ipwest_admin");
    assert!(session_cookie.contains("Secure"), "{session_cookie}");
}

#[tokio::test]
async fn logging_out_ends_the_session_here() {
    let site = Site::new("logout", Some(TOKEN), None).await;
    let session = site.log_in().await;
    let page = site
        .get_with("/admin/feedback", &[(header::COOKIE, &session)])
        .await;
    let out = site
        .post("/admin/logout", &session, &[("csrf", &page.csrf())])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let removed = out.set_cookie("ipwest_admin");
    assert!(
        removed.contains("Max-Age=0") || removed.contains("1970"),
        "{removed}"
    );
}

#[tokio::test]
async fn the_reload_button_lists_the_problems_of_a_broken_fact_base_and_keeps_the_old_one() {
    let (data, _) = workspace("web-reload");
    let site = Site::with_data("reload", Some(TOKEN), None, Some(data.clone())).await;
    let session = site.log_in().await;
    let facts = std::fs::read_to_string(data.join("facts.toml")).unwrap();
    let broken = facts.replacen("topic = \"Economy\"", "topik = \"Economy\"", 1);
    std::fs::write(data.join("facts.toml"), broken).unwrap();

    let page = site
        .get_with("/admin/gaps", &[(header::COOKIE, &session)])
        .await;
    let reload = site
        .post("/admin/reload", &session, &[("csrf", &page.csrf())])
        .await;
    assert_eq!(reload.status, StatusCode::OK);
    let text = reload.text();
    assert!(
        text.contains("Not reloaded; still answering from the previous fact base:"),
        "{text}"
    );
    assert!(
        text.contains("facts.toml:") && text.contains("`topik`"),
        "{text}"
    );
    let still = site.get("/facts/ip-driven-development").await;
    assert_eq!(still.status, StatusCode::OK, "the old base still answers");
}
