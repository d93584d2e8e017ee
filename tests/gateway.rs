//! The gateway bot as it really runs: serenity's client against the loopback Discord
//! stand-in in `tests/support`.

mod support;

#[path = "support/postgres.rs"]
mod postgres;

use postgres::Cluster;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ipwest::config::BotConfig;
use ipwest::discord::gateway::{self, INTENTS, Shards};
use ipwest::discord::service::{Logging, Service};
use ipwest::store::Store;
use ipwest::store::recorder::{self, Recorder};
use ipwest::{Engine, data};
use serde_json::{Value, json};
use support::fixtures::fixture;
use support::{Recorded, StandIn, TOKEN};
use tokio::sync::oneshot;

const WAIT: Duration = Duration::from_secs(10);
/// How long to wait for something that must not happen.
const QUIET: Duration = Duration::from_millis(500);
const EPHEMERAL: u64 = 1 << 6;

/// The bot running against a stand-in.
struct Running {
    stand_in: StandIn,
    stop: oneshot::Sender<()>,
    bot: tokio::task::JoinHandle<serenity::Result<()>>,
    next_id: AtomicU64,
    /// The commands the bot registered.
    registered: Recorded,
    service: Arc<Service>,
}

/// Starts the stand-in and the bot, and waits until the bot has registered its commands.
async fn start(cooldown: Option<&str>) -> Running {
    start_with(cooldown, |service| service).await
}

/// [`start`], with the service made ready by `prepare` (to record, say).
async fn start_with(cooldown: Option<&str>, prepare: impl FnOnce(Service) -> Service) -> Running {
    let stand_in = StandIn::start().await;
    let base = stand_in.api_base.clone();
    let cooldown = cooldown.map(str::to_owned);
    let config = BotConfig::from_vars(|name| match name {
        "DISCORD_TOKEN" => Some(TOKEN.to_owned()),
        "DISCORD_API_BASE" => Some(base.clone()),
        "IPWEST_COOLDOWN" => cooldown.clone(),
        _ => None,
    })
    .unwrap();
    let engine = Arc::new(Engine::new(data::bundled().unwrap()));
    let service = Arc::new(prepare(Service::new(engine, config.cooldown)));
    let (stop, stopped) = oneshot::channel::<()>();
    let running = Arc::clone(&service);
    let bot = tokio::spawn(gateway::run(config, running, Shards::Auto, async {
        let _ = stopped.await;
    }));
    let registered = stand_in
        .request(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("the bot registers its commands");
    Running {
        stand_in,
        stop,
        bot,
        next_id: AtomicU64::new(1_310_000_000_000_005_000),
        registered,
        service,
    }
}

impl Running {
    /// Dispatches an interaction under a fresh id and returns the callback's body.
    async fn interaction(&self, payload: Value) -> Value {
        let (id, payload) = self.with_fresh_id(payload);
        self.stand_in.dispatch("INTERACTION_CREATE", payload);
        self.answered(&id)
            .await
            .expect("the interaction is answered")
            .body
    }

    /// The payload under a fresh interaction id, and that id.
    fn with_fresh_id(&self, mut payload: Value) -> (String, Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed).to_string();
        payload["id"] = json!(id);
        (id, payload)
    }

    /// The successful callback for interaction `id`, waiting for it.
    async fn answered(&self, id: &str) -> Option<Recorded> {
        let prefix = callback_prefix(id);
        self.stand_in
            .request(WAIT, |r| r.path.starts_with(&prefix) && r.status == 200)
            .await
    }

    /// Every callback (successful or not) for interaction `id` so far.
    fn callbacks(&self, id: &str) -> Vec<Recorded> {
        let prefix = callback_prefix(id);
        self.stand_in
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with(&prefix))
            .collect()
    }

    /// Dispatches a message and returns the bot's reply to it, waiting up to `wait`.
    async fn message(&self, payload: Value, wait: Duration) -> Option<Value> {
        let id = payload["id"].clone();
        self.stand_in.dispatch("MESSAGE_CREATE", payload);
        let reply = |r: &Recorded| {
            r.path.ends_with("/messages") && r.body["message_reference"]["message_id"] == id
        };
        self.stand_in.request(wait, reply).await.map(|r| r.body)
    }

    /// Stops the bot and checks it shut down cleanly.
    async fn stop(self) {
        self.stop.send(()).unwrap();
        let result = tokio::time::timeout(WAIT, self.bot)
            .await
            .expect("the bot stops within seconds");
        result
            .expect("the bot task does not panic")
            .expect("a clean shutdown");
    }
}

fn callback_prefix(id: &str) -> String {
    format!("/api/v10/interactions/{id}/")
}

fn title(response: &Value) -> &str {
    response["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default()
}

fn ask(question: &str) -> Value {
    let mut payload = fixture("slash_ask");
    payload["data"]["options"][0]["value"] = json!(question);
    payload
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_identifies_with_only_the_intents_needed_and_registers_the_commands() {
    let running = start(None).await;
    let identify = running
        .stand_in
        .identify(WAIT)
        .await
        .expect("the bot identifies");
    assert_eq!(
        identify["intents"],
        json!(INTENTS.bits()),
        "only guild messages and DMs"
    );
    assert_eq!(identify["token"], json!(format!("Bot {TOKEN}")));
    let registered = &running.registered;
    assert_eq!(
        registered.path,
        "/api/v10/applications/1310000000000000001/commands"
    );
    let names: Vec<&str> = registered
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ask",
            "fact",
            "topics",
            "place",
            "random",
            "about",
            "help",
            "settings",
            "Ask ipwest"
        ]
    );
    let ask = &registered.body[0];
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["required"], true);
    assert_eq!(ask["integration_types"], json!([0, 1]));
    assert_eq!(ask["contexts"], json!([0, 1, 2]));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_interaction_is_answered() {
    let running = start(None).await;
    let answer = running.interaction(fixture("slash_ask")).await;
    assert_eq!(answer["type"], 4);
    assert_eq!(title(&answer), "GI products recognized in western China");
    assert_eq!(
        answer["data"]["embeds"][0]["fields"][0]["value"],
        "931 GI products"
    );

    let choices = running.interaction(fixture("autocomplete_fact")).await;
    assert_eq!(choices["type"], 8);
    let choices = choices["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);

    let button = running.interaction(fixture("button_fact")).await;
    assert_eq!(title(&button), "Guangxi's geographical indications");
    let menu = running.interaction(fixture("select_topic")).await;
    assert_eq!(title(&menu), "Clean energy");
    let context_menu = running.interaction(fixture("context_menu_ask")).await;
    assert_eq!(title(&context_menu), "Jobs from Guangxi's GIs");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chart_button_sends_the_chart_as_a_png_attachment() {
    let running = start(None).await;
    let mut question = fixture("slash_ask");
    question["data"]["options"][0]["value"] = json!("western china gdp growth 2023");
    let answer = running.interaction(question).await;
    let buttons = &answer["data"]["components"][0]["components"];
    let chart = buttons
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["label"] == "📊 Chart")
        .unwrap_or_else(|| panic!("no chart button in {buttons}"));
    assert_eq!(chart["custom_id"], "chart:gdp-growth-2023");

    let (id, press) = running.with_fresh_id(press_on_answer("chart:gdp-growth-2023", "1"));
    running.stand_in.dispatch("INTERACTION_CREATE", press);
    let sent = running.answered(&id).await.expect("the press is answered");
    let [(name, png)] = sent.files.as_slice() else {
        panic!(
            "one file expected, got {:?} with {}",
            sent.files.iter().map(|f| &f.0).collect::<Vec<_>>(),
            sent.body
        );
    };
    assert_eq!(name, "gdp-growth-2023.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG image");
    let embed = &sent.body["data"]["embeds"][0];
    assert_eq!(embed["image"]["url"], "attachment://gdp-growth-2023.png");
    let text = embed["description"].as_str().unwrap();
    assert!(
        text.contains("5.5 percent") && text.contains("5.2 percent"),
        "{text}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_dms_get_replies_that_ping_nobody_and_bots_are_ignored() {
    let running = start(None).await;
    let no_ping = json!({"parse": [], "users": [], "roles": [], "replied_user": false});
    let mention = running
        .message(fixture("message_mention"), WAIT)
        .await
        .expect("a reply to the mention");
    assert_eq!(mention["allowed_mentions"], no_ping);
    assert_eq!(
        mention["embeds"][0]["title"],
        "Valid invention patents in western China"
    );
    let dm = running
        .message(fixture("message_dm"), WAIT)
        .await
        .expect("a reply to the DM");
    assert_eq!(
        dm["embeds"][0]["title"],
        "What a geographical indication is"
    );
    assert_eq!(dm["allowed_mentions"], no_ping);
    assert!(
        running
            .message(fixture("message_from_bot"), QUIET)
            .await
            .is_none()
    );
    assert!(
        running
            .message(fixture("message_not_for_us"), QUIET)
            .await
            .is_none()
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswerable_question_with_everyone_in_it_gets_an_honest_reply_and_pings_nobody() {
    let running = start(None).await;
    let answer = running
        .interaction(ask(
            "@everyone how many patents does eastern China have? <@&1310000000000000999>",
        ))
        .await;
    assert_eq!(title(&answer), "I don't know that");
    assert_eq!(
        answer["data"]["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": []})
    );
    assert!(!answer.to_string().contains("@everyone"));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sixth_question_in_ten_seconds_is_asked_to_slow_down() {
    let running = start(None).await;
    for _ in 0..5 {
        let answer = running.interaction(ask("guangxi gi jobs")).await;
        assert_eq!(title(&answer), "Jobs from Guangxi's GIs");
    }
    let sixth = running.interaction(ask("guangxi gi jobs")).await;
    assert_eq!(title(&sixth), "Slow down");
    assert_eq!(
        sixth["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    let autocomplete = running.interaction(fixture("autocomplete_fact")).await;
    assert_eq!(autocomplete["type"], 8, "typing is never limited");
    running.stop().await;
}

/// Time from dispatching INTERACTION_CREATE to receiving the callback, over a few
/// hundred interactions; printed, not asserted (see README.md for the figures).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dispatch_to_callback_latency() {
    // Two bots, one recording every event (questions too) to SQLite and one recording
    // nothing, asked in turn so that both see the same noise.
    let url = sqlite_url("latency");
    let bare = start(Some("1000000/1s")).await;
    let recording = start_with(Some("1000000/1s"), recording(&url, true).await).await;
    let questions = [
        "guangxi gi jobs",
        "How many GI products does western China have?",
        "how long is the china-laos railway",
    ];
    let mut micros = [Vec::new(), Vec::new()];
    for i in 0..600 {
        let (running, times) = if i % 2 == 0 {
            (&bare, &mut micros[0])
        } else {
            (&recording, &mut micros[1])
        };
        let question = ask(questions[i / 2 % questions.len()]);
        let started = Instant::now();
        running.interaction(question).await;
        times.push(started.elapsed().as_micros());
    }
    for (name, mut times) in ["store off", "store on"].into_iter().zip(micros) {
        times.sort_unstable();
        let median = times[times.len() / 2];
        let p99 = times[times.len() * 99 / 100];
        println!(
            "dispatch -> callback, {name}, over {} interactions: median {median} us, p99 {p99} us",
            times.len()
        );
    }
    recording.service.close(WAIT).await;
    assert_eq!(recording.service.recorder().counters().dropped(), 0);
    bare.stop().await;
    recording.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_with_links_to_its_pages_records_and_exits_cleanly_on_sigterm() {
    let stand_in = StandIn::start().await;
    let dir = std::env::temp_dir().join(format!("ipwest-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let database = format!("sqlite://{}/ipwest.db", dir.display());
    let web = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let site = format!("http://{web}");
    let mut bot = tokio::process::Command::new(env!("CARGO_BIN_EXE_ipwest"))
        .args(["run", "--web", &web.to_string()])
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &stand_in.api_base)
        .env("DATABASE_URL", &database)
        .env("IPWEST_PUBLIC_URL", &site)
        .env("RUST_LOG", "warn")
        .current_dir(&dir)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    stand_in
        .request(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("the bot is up");
    let payload = ask("how many GI products does western China have");
    let id = payload["id"].as_str().unwrap().to_owned();
    stand_in.dispatch("INTERACTION_CREATE", payload);
    let answer = stand_in
        .request(WAIT, |r| r.path.starts_with(&callback_prefix(&id)))
        .await
        .expect("the question is answered");
    // The answer links to its fact's page, which `run --web` serves beside the bot.
    let link = answer.body["data"]["embeds"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(link, format!("{site}/facts/western-gi-products"));
    let page = reqwest::get(&link).await.expect("the pages are served");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("931"));
    let pid = bot.id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(WAIT, bot.wait())
        .await
        .expect("exits within seconds")
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let stats = Store::connect(&database)
        .await
        .unwrap()
        .stats(0)
        .await
        .unwrap();
    assert_eq!(stats.by_verdict.get("answer"), Some(&1), "{stats:?}");
}

#[tokio::test]
async fn an_unreachable_database_stops_the_bot_at_start_with_one_line() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_ipwest"))
        .arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DATABASE_URL", "postgres://bot:pw@127.0.0.1:1/ipwest")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.starts_with(
            "ipwest: cannot open the database at postgres://bot:***@127.0.0.1:1/ipwest"
        ),
        "{error}"
    );
}

/// A way the stand-in breaks the bot's connection.
type Fault = fn(&StandIn);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_resumes_after_a_close_a_reset_and_a_reconnect_request() {
    let running = start(None).await;
    let faults: [(&str, Fault); 3] = [
        ("close 4000", |s| s.close(4000)),
        ("TCP reset", |s| s.reset()),
        ("op 7 RECONNECT", |s| s.reconnect()),
    ];
    for (count, (fault, inject)) in faults.iter().enumerate() {
        inject(&running.stand_in);
        running
            .stand_in
            .resumes(count + 1, WAIT)
            .await
            .unwrap_or_else(|| panic!("the bot resumes after a {fault}"));
        let answer = running.interaction(ask("guangxi gi jobs")).await;
        assert_eq!(
            title(&answer),
            "Jobs from Guangxi's GIs",
            "answered after a {fault}"
        );
    }
    assert_eq!(
        running.stand_in.identify_count(),
        1,
        "resumed each time, never identified again"
    );
    let resume = &running.stand_in.resumes(3, WAIT).await.unwrap()[0];
    assert_eq!(resume["session_id"], "stand-in-session");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_lost_in_a_drop_is_replayed_on_resume_and_answered_exactly_once() {
    let running = start(None).await;
    // Sent just before the drop: received, so not replayed.
    let (sent, payload) = running.with_fresh_id(ask("talatan electricity"));
    running.stand_in.dispatch("INTERACTION_CREATE", payload);
    running
        .answered(&sent)
        .await
        .expect("answered before the drop");
    // Lost in the drop: only the resume replays it.
    let (lost, payload) = running.with_fresh_id(ask("guangxi gi jobs"));
    running
        .stand_in
        .dispatch_lost("INTERACTION_CREATE", payload);
    running.stand_in.reset();
    running
        .stand_in
        .resumes(1, WAIT)
        .await
        .expect("the bot resumes");
    let replayed = running
        .answered(&lost)
        .await
        .expect("the lost interaction is answered after the resume");
    assert_eq!(title(&replayed.body), "Jobs from Guangxi's GIs");
    tokio::time::sleep(QUIET).await;
    assert_eq!(running.callbacks(&lost).len(), 1, "answered exactly once");
    assert_eq!(
        running.callbacks(&sent).len(),
        1,
        "not answered again on resume"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_the_callback_is_retried_and_a_500_is_survived() {
    let running = start(None).await;
    let (limited, payload) = running.with_fresh_id(ask("guangxi gi jobs"));
    running.stand_in.fail(&callback_prefix(&limited), 429, 1);
    running.stand_in.dispatch("INTERACTION_CREATE", payload);
    let landed = running
        .answered(&limited)
        .await
        .expect("the reply lands after the 429");
    assert_eq!(title(&landed.body), "Jobs from Guangxi's GIs");
    let statuses: Vec<u16> = running
        .callbacks(&limited)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 200]);

    let (failed, payload) = running.with_fresh_id(ask("guangxi gi jobs"));
    running.stand_in.fail(&callback_prefix(&failed), 500, 1);
    running.stand_in.dispatch("INTERACTION_CREATE", payload);
    let prefix = callback_prefix(&failed);
    running
        .stand_in
        .request(WAIT, |r| r.path.starts_with(&prefix))
        .await
        .expect("the bot tried");
    let next = running.interaction(ask("talatan electricity")).await;
    assert_eq!(
        title(&next),
        "Electricity from the Talatan park",
        "still serving after a 500"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_session_makes_the_bot_identify_again_and_serve() {
    let running = start(None).await;
    running.stand_in.forget_session();
    running.stand_in.close(4000);
    // serenity waits about 5 s before identifying anew.
    let identifies = running
        .stand_in
        .identifies(2, Duration::from_secs(20))
        .await;
    assert!(identifies.is_some(), "the bot identifies again after op 9");
    let answer = running.interaction(ask("guangxi gi jobs")).await;
    assert_eq!(title(&answer), "Jobs from Guangxi's GIs");
    running.stop().await;
}

/// A press of `custom_id` on the answer message 1310000000000002000 to interaction
/// `asked_in`.
fn press_on_answer(custom_id: &str, asked_in: &str) -> Value {
    let mut payload = fixture("button_fact");
    payload["data"]["custom_id"] = json!(custom_id);
    let user = payload["message"]["author"].clone();
    payload["message"]["interaction_metadata"] = json!({
        "id": asked_in, "type": 2, "user": user,
        "authorizing_integration_owners": {"0": "1310000000000000100"}
    });
    payload
}

fn comment(text: &str, asked_in: &str) -> Value {
    let mut payload = press_on_answer("unused", asked_in);
    payload["type"] = json!(5);
    payload["data"] = json!({
        "custom_id": "vote-comment",
        "components": [{"type": 1, "components": [
            {"type": 4, "custom_id": "comment", "value": text}
        ]}]
    });
    payload
}

fn sqlite_url(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ipwest-gw-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}/ipwest.db", dir.display())
}

async fn recording(url: &str, outside_servers: bool) -> impl FnOnce(Service) -> Service {
    let store = Store::connect(url).await.unwrap();
    move |service: Service| {
        service.recording(
            Recorder::start(store, recorder::CAPACITY),
            Logging { outside_servers },
        )
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_changed_and_its_comment_reach_the_store_and_only_logged_questions_are_kept() {
    let url = sqlite_url("votes");
    let running = start_with(Some("1000/10s"), recording(&url, true).await).await;
    let (asked_in, answer) =
        running.with_fresh_id(ask("how many GI products does western China have"));
    running.stand_in.dispatch("INTERACTION_CREATE", answer);
    running.answered(&asked_in).await.expect("answered");

    let thanks = running
        .interaction(press_on_answer("vote:up:western-gi-products", &asked_in))
        .await;
    assert_eq!(title(&thanks), "Thanks!");
    let form = running
        .interaction(press_on_answer("vote:down:western-gi-products", &asked_in))
        .await;
    assert_eq!(form["type"], 9);
    running
        .interaction(comment("The date is wrong", &asked_in))
        .await;

    // Not known: in a server whose logging is off, then in a DM, where it is on.
    running
        .interaction(ask("how many GIs does tibet have"))
        .await;
    running
        .interaction({
            let mut dm = fixture("slash_ask_hidden_dm");
            dm["data"]["options"][0]["value"] = json!("Tibet: number of geographical indications?");
            dm
        })
        .await;

    // The server's admins turn logging on: its questions are kept from then on.
    let mut settings = fixture("slash_topics");
    settings["data"]["name"] = json!("settings");
    settings["data"]["options"] = json!([{"name": "log_questions", "type": 5, "value": true}]);
    let saved = running.interaction(settings).await;
    assert_eq!(title(&saved), "Settings saved");
    running
        .interaction(ask("how many trademarks does tibet have"))
        .await;

    // The bot records after the callback the stand-in has seen: closing waits for it.
    running.service.close(WAIT).await;
    let store = Store::connect(&url).await.unwrap();
    let feedback = store.feedback().await.unwrap();
    assert_eq!(feedback.len(), 1);
    assert_eq!(
        (feedback[0].up, feedback[0].down),
        (0, 1),
        "one vote, changed"
    );
    assert_eq!(feedback[0].comments, ["The date is wrong"]);
    let gaps = store.gaps(0).await.unwrap();
    let asked: Vec<&str> = gaps.iter().map(|g| g.question.as_str()).collect();
    assert_eq!(
        asked,
        [
            "Tibet: number of geographical indications?",
            "how many trademarks does tibet have"
        ]
    );
    assert!(store.settings().await.unwrap()[&1_310_000_000_000_000_100].log_questions);
    let stats = store.stats(0).await.unwrap();
    assert_eq!(stats.by_verdict.get("answer"), Some(&1), "{stats:?}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_database_down_answers_flow_and_the_votes_land_once_it_is_back() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let url = cluster.database();
    let running = start_with(None, recording(&url, false).await).await;
    cluster.stop();
    let answer = running.interaction(ask("guangxi gi jobs")).await;
    assert_eq!(title(&answer), "Jobs from Guangxi's GIs");
    let thanks = running
        .interaction(press_on_answer(
            "vote:up:guangxi-gi-employment",
            "1310000000000001000",
        ))
        .await;
    assert_eq!(title(&thanks), "Thanks!");
    let counters = running.service.recorder().counters();
    for _ in 0..200 {
        if counters.failed_writes() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(counters.failed_writes() > 0, "the store was down");
    assert_eq!(counters.recorded(), 0);

    cluster.restart();
    running
        .service
        .recorder()
        .close(Duration::from_secs(30))
        .await;
    assert_eq!(counters.dropped(), 0);
    let feedback = Store::connect(&url)
        .await
        .unwrap()
        .feedback()
        .await
        .unwrap();
    assert_eq!(feedback.len(), 1);
    assert_eq!((feedback[0].up, feedback[0].down), (1, 0));
    running.stop().await;
}
