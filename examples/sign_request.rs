//! Signs a request body as Discord would, with a fixed test key, for load tests of
//! `ipwest serve` (see `scripts/bench-endpoint.sh`).
//!
//! `sign_request BODY_FILE` prints shell assignments: PUBLIC_KEY (to give the server
//! as DISCORD_PUBLIC_KEY), TIMESTAMP (now) and SIGNATURE.

use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: sign_request BODY_FILE");
    let body = std::fs::read(path).expect("readable body file");
    let key = SigningKey::from_bytes(&[7; 32]);
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let signature = key.sign(&[timestamp.as_bytes(), &body[..]].concat());
    println!("PUBLIC_KEY={}", hex(&key.verifying_key().to_bytes()));
    println!("TIMESTAMP={timestamp}");
    println!("SIGNATURE={}", hex(&signature.to_bytes()));
}
