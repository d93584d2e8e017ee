//! `ipwest serve` as an operator runs it: a process on a loopback port, answering
//! signed requests, reloading its facts while it runs.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/serve.rs"]
mod serve;
#[path = "support/signing.rs"]
mod signing;
#[path = "support/workspace.rs"]
mod workspace;

use std::time::Duration;

use fixtures::fixture;
use serde_json::{Value, json};
use serve::Serve;
use workspace::workspace;

/// Asks `question` until the answer's title is `title`, for up to [`serve::WAIT`].
async fn until_titled(serve: &Serve, question: &str, title: &str) -> bool {
    for _ in 0..150 {
        if serve.ask(question).await == title {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_file_keeps_the_old_facts_and_a_fixed_one_is_swapped_in() {
    let (data, database) = workspace("reload");
    let serve = Serve::start(&data, &database, &[]).await;
    let question = "guangxi gi jobs";
    assert_eq!(serve.ask(question).await, "Jobs from Guangxi's GIs");

    let facts = data.join("facts.toml");
    let good = std::fs::read_to_string(&facts).unwrap();
    std::fs::write(&facts, format!("{good}\n[[facts]]\nid = 3\n")).unwrap();
    serve.signal("-HUP");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        serve.ask(question).await,
        "Jobs from Guangxi's GIs",
        "the old base answers"
    );

    let renamed = good.replace(
        "title = \"Jobs from Guangxi's GIs\"",
        "title = \"Work from Guangxi's GIs\"",
    );
    assert_ne!(renamed, good);
    std::fs::write(&facts, renamed).unwrap();
    assert!(
        until_titled(&serve, question, "Work from Guangxi's GIs").await,
        "a change to the file is picked up without a signal"
    );
    let log = serve.stop().await;
    let problem = format!("{}:", facts.display());
    assert!(
        log.lines()
            .any(|l| l.contains("not reloaded") && l.contains(&problem)),
        "every problem is logged at file:line:column:\n{log}"
    );
    assert!(log.contains("fact base reloaded"), "{log}");
}

#[path = "support/postgres.rs"]
mod postgres;

/// `payload` as sent by the user `id`.
fn from_user(mut payload: Value, id: &str) -> Value {
    payload["member"]["user"]["id"] = json!(id);
    payload
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_share_the_cooldown_and_the_votes() {
    let Some(cluster) = postgres::Cluster::start() else {
        return;
    };
    let database = cluster.database();
    let (data, _) = workspace("instances");
    let first = Serve::start(&data, &database, &[]).await;
    let second = Serve::start(&data, &database, &[]).await;

    // One user alternating between the two: the sixth question in 10 s waits.
    let mut titles = Vec::new();
    for i in 0..6 {
        let serve = if i % 2 == 0 { &first } else { &second };
        titles.push(serve.ask("guangxi gi jobs").await);
    }
    assert_eq!(titles[..5], ["Jobs from Guangxi's GIs"; 5]);
    assert_eq!(titles[5], "Slow down", "{titles:?}");

    // Another user votes 👍 on one, then 👎 on the other: one vote, changed.
    let vote = |up: bool| {
        let mut press = fixture("button_fact");
        let direction = if up { "up" } else { "down" };
        press["data"]["custom_id"] = json!(format!("vote:{direction}:guangxi-gi-employment"));
        from_user(press, "1310000000000000301")
    };
    let thanks = first.interaction(&vote(true)).await;
    assert_eq!(thanks["data"]["embeds"][0]["title"], "Thanks!");
    let form = second.interaction(&vote(false)).await;
    assert_eq!(form["type"], 9);
    first.stop().await;
    second.stop().await;

    let store = ipwest::store::Store::connect(&database).await.unwrap();
    let feedback = store.feedback().await.unwrap();
    assert_eq!(feedback.len(), 1, "{feedback:?}");
    assert_eq!((feedback[0].up, feedback[0].down), (0, 1));
}
