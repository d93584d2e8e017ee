//! `ipwest serve` as an operator runs it, for the tests that need a real process: on a
//! loopback port, with its data directory and store (`tests/support/workspace.rs`). Shared by
//! `tests/serve.rs` and `tests/browser.rs`; the test file that includes it also
//! declares `fixtures` and `signing` (`tests/support/`) at its root.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncReadExt;
use tokio::process::{Child, Command};

use crate::fixtures::fixture;
use crate::signing::{hex, key, now, signature};

/// Longest a running `ipwest serve` may take to stop.
pub const WAIT: Duration = Duration::from_secs(15);

/// A running `ipwest serve`.
pub struct Serve {
    child: Child,
    address: String,
    http: reqwest::Client,
}

impl Serve {
    /// Starts `ipwest serve` on a free loopback port with the facts of `data`, the
    /// store at `database` and the settings `env`, and waits until `/healthz` answers.
    pub async fn start(data: &Path, database: &str, env: &[(&str, &str)]) -> Serve {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let address = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_ipwest"))
            .args(["serve", "--bind", &address, "--data"])
            .arg(data)
            .env("DISCORD_PUBLIC_KEY", hex(key().verifying_key().as_bytes()))
            .env("DATABASE_URL", database)
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let serve = Serve {
            child,
            address,
            http: reqwest::Client::new(),
        };
        for _ in 0..300 {
            let health = serve
                .http
                .get(format!("http://{}/healthz", serve.address))
                .send()
                .await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return serve;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("ipwest serve did not come up");
    }

    /// Where it listens: `127.0.0.1:PORT`.
    #[allow(dead_code)] // only tests/browser.rs opens pages
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The JSON response to a signed interaction.
    pub async fn interaction(&self, payload: &Value) -> Value {
        let body = payload.to_string();
        let timestamp = now().to_string();
        let response = self
            .http
            .post(format!("http://{}/interactions", self.address))
            .header("content-type", "application/json")
            .header(
                "x-signature-ed25519",
                signature(&key(), &timestamp, body.as_bytes()),
            )
            .header("x-signature-timestamp", &timestamp)
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    /// The title of the answer to `/ask question` in a server.
    #[allow(dead_code)] // only tests/serve.rs asks in a server
    pub async fn ask(&self, question: &str) -> String {
        let mut payload = fixture("slash_ask");
        payload["data"]["options"][0]["value"] = json!(question);
        let answer = self.interaction(&payload).await;
        answer["data"]["embeds"][0]["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Sends it the signal `name` (`-HUP`, `-TERM`).
    pub fn signal(&self, name: &str) {
        let pid = self.child.id().unwrap().to_string();
        let sent = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    /// Stops it with SIGTERM and returns what it logged.
    pub async fn stop(mut self) -> String {
        self.signal("-TERM");
        let status = tokio::time::timeout(WAIT, self.child.wait())
            .await
            .unwrap()
            .unwrap();
        assert!(status.success(), "{status}");
        let mut log = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .await
            .unwrap();
        log
    }
}
