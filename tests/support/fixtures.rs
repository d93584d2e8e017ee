//! Recorded Discord payloads.

use serde_json::Value;

/// A payload from `tests/fixtures/discord/`.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/discord/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
