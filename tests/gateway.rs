//! The gateway bot as it really runs: serenity's client against the loopback Discord
//! stand-in in `tests/support`.

mod support;

use std::sync::Arc;
use std::time::Duration;

use ipwest::config::BotConfig;
use ipwest::discord::gateway::{self, INTENTS, Shards};
use ipwest::{Engine, data};
use serde_json::json;
use support::{StandIn, TOKEN, fixture};
use tokio::sync::oneshot;

const WAIT: Duration = Duration::from_secs(10);

/// Starts the bot against `stand_in`; sending on the returned channel shuts it down.
fn start_bot(
    stand_in: &StandIn,
) -> (
    oneshot::Sender<()>,
    tokio::task::JoinHandle<serenity::Result<()>>,
) {
    let base = stand_in.api_base.clone();
    let config = BotConfig::from_vars(|name| match name {
        "DISCORD_TOKEN" => Some(TOKEN.to_owned()),
        "DISCORD_API_BASE" => Some(base.clone()),
        _ => None,
    })
    .unwrap();
    let engine = Arc::new(Engine::new(data::bundled().unwrap()));
    let (stop, stopped) = oneshot::channel::<()>();
    let bot = tokio::spawn(gateway::run(config, engine, Shards::Auto, async {
        let _ = stopped.await;
    }));
    (stop, bot)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_registers_answers_and_shuts_down() {
    let stand_in = StandIn::start().await;
    let (stop, bot) = start_bot(&stand_in);

    let identify = stand_in.identify(WAIT).await.expect("the bot identifies");
    assert_eq!(
        identify["intents"],
        json!(INTENTS.bits()),
        "only guild messages and DMs"
    );
    assert_eq!(identify["token"], json!(format!("Bot {TOKEN}")));

    let registered = stand_in
        .request(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("commands are registered");
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
            "Ask ipwest"
        ]
    );
    let ask = &registered.body[0];
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["required"], true);
    assert_eq!(ask["integration_types"], json!([0, 1]));
    assert_eq!(ask["contexts"], json!([0, 1, 2]));

    stand_in.dispatch("INTERACTION_CREATE", fixture("slash_ask"));
    let callback = stand_in
        .request(WAIT, |r| {
            r.path
                .starts_with("/api/v10/interactions/1310000000000001001/")
        })
        .await
        .expect("the interaction is answered");
    assert!(callback.path.ends_with("/callback"));
    assert_eq!(callback.body["type"], 4);
    assert_eq!(
        callback.body["data"]["embeds"][0]["title"],
        "GI products recognized in western China"
    );

    stand_in.dispatch("MESSAGE_CREATE", fixture("message_mention"));
    let reply = stand_in
        .request(WAIT, |r| {
            r.method == "POST" && r.path == "/api/v10/channels/1310000000000000200/messages"
        })
        .await
        .expect("the mention is answered");
    assert_eq!(
        reply.body["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
    assert_eq!(
        reply.body["message_reference"]["message_id"],
        "1310000000000002002"
    );

    stop.send(()).unwrap();
    let result = tokio::time::timeout(WAIT, bot)
        .await
        .expect("the bot stops within seconds");
    result
        .expect("the bot task does not panic")
        .expect("a clean shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_exits_cleanly_on_sigterm() {
    let stand_in = StandIn::start().await;
    let mut bot = tokio::process::Command::new(env!("CARGO_BIN_EXE_ipwest"))
        .arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &stand_in.api_base)
        .env("RUST_LOG", "warn")
        .current_dir(std::env::temp_dir())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    stand_in
        .request(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("the bot is up");
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
}
