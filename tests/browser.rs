//! The web pages in a real browser: headless Chromium driven through chromedriver
//! (WebDriver) against `ipwest serve` on a loopback port. A visitor searches, opens a
//! fact, follows a related one and switches language; an admin is refused with a
//! wrong token, logs in with the right one and finds the question a member asked in a
//! DM; a form posted without its CSRF token is refused. Each step leaves a screenshot
//! in `target/browser/`.
//!
//! Without Debian's `chromium` and `chromium-driver` the test says so in one line and
//! skips, unless `IPWEST_REQUIRE_BROWSER` is set (CI sets it): then it fails.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/serve.rs"]
mod serve;
#[path = "support/signing.rs"]
mod signing;
#[path = "support/workspace.rs"]
mod workspace;

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::{Client, ClientBuilder, Locator};
use fixtures::fixture;
use futures_util::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value, json};
use serve::Serve;
use tokio::process::{Child, Command};
use workspace::workspace;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Longest any step waits for the browser or the server.
const WAIT: Duration = Duration::from_secs(10);

/// The admin token the server is started with.
const TOKEN: &str = "browser-test-admin-token-0123456789";
/// A token as long, but not it.
const WRONG_TOKEN: &str = "not-the-admin-token-0123456789";

/// Asked in a DM, where questions are logged: nothing in the fact base answers it.
const UNANSWERED: &str = "who won the football world cup in 1998";
/// Typed into the search box: answered by Guangxi's 211 GIs.
const SEARCH: &str = "how many GI products does guangxi have";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_and_an_admin_use_the_pages_in_a_browser() {
    let installed = Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists();
    if !installed {
        // CI installs them: there a missing browser is a failure, not a skip.
        if std::env::var_os("IPWEST_REQUIRE_BROWSER").is_some() {
            panic!(
                "IPWEST_REQUIRE_BROWSER is set but {CHROMIUM} or {CHROMEDRIVER} is missing: \
                 install chromium and chromium-driver (Debian)"
            );
        }
        eprintln!("browser test skipped: install chromium and chromium-driver (Debian) to run it");
        return;
    }
    let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("browser");
    std::fs::create_dir_all(&shots).unwrap();

    let (data, database) = workspace("browser");
    let serve = Serve::start(
        &data,
        &database,
        &[
            ("IPWEST_ADMIN_TOKEN", TOKEN),
            ("IPWEST_LOG_QUESTIONS", "on"),
        ],
    )
    .await;

    // a. A question the bot cannot answer, asked in a DM: logged, since questions
    // outside servers are.
    let title = ask_in_dm(&serve, UNANSWERED).await;
    assert!(
        title.contains("don't know"),
        "{UNANSWERED:?} should get an \"I don't know\" reply, got {title:?}"
    );

    let driver = Driver::start(&shots.join("chromedriver.log")).await;
    let profile = std::env::temp_dir().join(format!("ipwest-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(&profile))
        .connect(&driver.url)
        .await
        .unwrap_or_else(|error| panic!("chromedriver did not start {CHROMIUM}: {error}"));

    let site = format!("http://{}", serve.address());
    let browsed = AssertUnwindSafe(browse(&client, &site, &shots))
        .catch_unwind()
        .await;
    if browsed.is_err()
        && let Ok(png) = client.screenshot().await
    {
        let _ = std::fs::write(shots.join("failed.png"), png);
    }
    let closed = client.close().await;
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
    if let Err(panic) = browsed {
        std::panic::resume_unwind(panic);
    }
    closed.expect("the browser session closes");
    serve.stop().await;
}

/// Steps b to g, in the browser, against the server at `site`.
async fn browse(client: &Client, site: &str, shots: &Path) {
    // b. Search, and open the fact the live search finds.
    client
        .goto(&format!("{site}/"))
        .await
        .expect("the home page");
    let search = client
        .find(Locator::Css("#q"))
        .await
        .expect("the search box");
    search.send_keys(SEARCH).await.expect("typing a question");
    // The live search shows the answer to the whole question, then puts it in the
    // address: only then is the first link the answer's.
    until("the live search to answer the whole question", async || {
        let url = client.current_url().await.ok()?;
        url.query_pairs()
            .any(|(name, value)| name == "q" && value == SEARCH)
            .then_some(())
    })
    .await;
    let answer = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(r#"#results a[href^="/facts/"]"#))
        .await
        .expect("a fact among the results");
    shot(client, shots, "01-search").await;
    answer.click().await.expect("opening the fact");
    let fact = until("the fact's page", async || {
        let url = client.current_url().await.ok()?;
        url.path()
            .starts_with("/facts/")
            .then(|| url.path().to_owned())
    })
    .await;
    let h1 = client
        .find(Locator::Css("h1"))
        .await
        .expect("a heading")
        .text()
        .await
        .expect("its text");
    assert!(!h1.trim().is_empty(), "the fact {fact} has a title");
    let body = text(client, "body").await;
    assert!(
        body.contains("211"),
        "the fact {fact} gives Guangxi's 211 GIs:\n{body}"
    );
    shot(client, shots, "02-fact").await;

    // c. Follow the first related fact.
    let related = client
        .find(Locator::XPath(
            "//h2[.='Related facts']/following-sibling::ul[1]//a",
        ))
        .await
        .unwrap_or_else(|error| panic!("the fact {fact} lists related facts: {error}"));
    let href = related
        .attr("href")
        .await
        .expect("the link's address")
        .expect("the link has an address");
    assert!(href.starts_with("/facts/"), "{href}");
    assert_ne!(href, fact, "a related fact is another fact");
    related.click().await.expect("following the related fact");
    until("the related fact's page", async || {
        let url = client.current_url().await.ok()?;
        (url.path() == href).then_some(())
    })
    .await;
    shot(client, shots, "03-related").await;

    // d. Switch to Chinese and back.
    client
        .find(Locator::Css(r#"header nav a[hreflang="zh"]"#))
        .await
        .expect("the switch to Chinese")
        .click()
        .await
        .expect("switching to Chinese");
    until("the page in Chinese", async || {
        (page_lang(client).await? == "zh-Hans").then_some(())
    })
    .await;
    let url = client.current_url().await.expect("the address");
    assert_eq!(url.path(), href, "the switch keeps the page");
    let h1 = text(client, "h1").await;
    assert!(
        h1.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "the title is in Chinese: {h1:?}"
    );
    shot(client, shots, "04-chinese").await;
    client
        .find(Locator::Css(r#"header nav a[hreflang="en"]"#))
        .await
        .expect("the switch to English")
        .click()
        .await
        .expect("switching to English");
    until("the page in English", async || {
        (page_lang(client).await? == "en").then_some(())
    })
    .await;
    shot(client, shots, "05-english").await;

    // e. A wrong admin token is refused.
    client
        .goto(&format!("{site}/admin/login"))
        .await
        .expect("the login page");
    log_in(client, WRONG_TOKEN).await;
    let problem = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(r#"p.problem[role="alert"]"#))
        .await
        .expect("the login's problem");
    assert_eq!(
        problem.text().await.expect("its text"),
        "That token is not right."
    );
    let url = client.current_url().await.expect("the address");
    assert_eq!(url.path(), "/admin/login");
    shot(client, shots, "06-wrong-token").await;

    // f. The right one shows the gaps, with the question asked in the DM.
    log_in(client, TOKEN).await;
    until("the gaps page", async || {
        let url = client.current_url().await.ok()?;
        (url.path() == "/admin/gaps").then_some(())
    })
    .await;
    until("the question asked in the DM among the gaps", async || {
        let source = client.source().await.ok()?;
        if source.contains(UNANSWERED) {
            return Some(());
        }
        // The store is written in the background: look again.
        let _ = client.refresh().await;
        None
    })
    .await;
    client
        .find(Locator::Css("main table"))
        .await
        .expect("the gaps in a table");
    shot(client, shots, "07-gaps").await;

    // g. A form posted without its CSRF token is refused.
    client
        .execute(
            r#"const form = document.querySelector('form[action="/admin/reload"]');
               form.querySelector('input[name="csrf"]').remove();
               setTimeout(() => form.submit(), 0);"#,
            vec![],
        )
        .await
        .expect("posting the reload form without its token");
    until("the refusal of the form", async || {
        let source = client.source().await.ok()?;
        source
            .contains("This form has expired or did not come from this site")
            .then_some(())
    })
    .await;
    let url = client.current_url().await.expect("the address");
    assert_eq!(url.path(), "/admin/reload");
    shot(client, shots, "08-no-csrf").await;
}

/// Types `token` into the login form and sends it.
async fn log_in(client: &Client, token: &str) {
    client
        .find(Locator::Css("#token"))
        .await
        .expect("the token field")
        .send_keys(token)
        .await
        .expect("typing the token");
    client
        .find(Locator::Css(r#"main form button[type="submit"]"#))
        .await
        .expect("the login button")
        .click()
        .await
        .expect("logging in");
}

/// The title of the answer to `/ask question` in a DM with the bot.
async fn ask_in_dm(serve: &Serve, question: &str) -> String {
    let mut payload = fixture("slash_ask_hidden_dm");
    assert!(payload.get("guild_id").is_none(), "a DM is in no server");
    // Asked now: a question is logged at its interaction's time, which Discord writes
    // in the id, and the fixture's is older than the store keeps questions.
    payload["id"] = json!(snowflake_now());
    payload["data"]["options"] = json!([{ "name": "question", "type": 3, "value": question }]);
    let answer = serve.interaction(&payload).await;
    answer["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A Discord id (snowflake) made now: milliseconds since 2015, above 22 bits.
fn snowflake_now() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let since_2015 = now.as_millis() as u64 - 1_420_070_400_000;
    (since_2015 << 22).to_string()
}

/// The text of the first element `css` selects.
async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("no {css}: {error}"))
        .text()
        .await
        .unwrap_or_else(|error| panic!("no text in {css}: {error}"))
}

/// The page's `<html lang>`, once a page is there to ask.
async fn page_lang(client: &Client) -> Option<String> {
    let lang = client
        .execute("return document.documentElement.lang", vec![])
        .await
        .ok()?;
    lang.as_str().map(str::to_owned)
}

/// Saves a screenshot of the page as `shots/name.png`.
async fn shot(client: &Client, shots: &Path, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
}

/// Asks `check` every 100 ms until it gives a value, for up to [`WAIT`]; then fails
/// saying what it waited for.
async fn until<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "waited {WAIT:?} for {what} in vain"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A chromedriver on a free loopback port, killed when dropped (the browser with it).
struct Driver {
    _child: Child,
    url: String,
}

impl Driver {
    /// Starts chromedriver, logging to `log`, and waits until it answers.
    async fn start(log: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("{CHROMEDRIVER} did not start: {error}"));
        let url = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        until("chromedriver to answer", async || {
            let status = http.get(format!("{url}/status")).send().await.ok()?;
            status.status().is_success().then_some(())
        })
        .await;
        Driver { _child: child, url }
    }
}

/// Headless Chromium with a fresh profile in `profile`, talking to nothing but the
/// server under test.
fn capabilities(profile: &Path) -> Map<String, Value> {
    let Value::Object(capabilities) = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    }) else {
        unreachable!("json! of an object is an object")
    };
    capabilities
}
