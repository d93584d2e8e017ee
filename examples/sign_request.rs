//! Signs a request body as Discord would, with a fixed test key, for load tests of
//! `ipwest serve` (see `scripts/bench-endpoint.sh`).
//!
//! `sign_request BODY_FILE` prints shell assignments: PUBLIC_KEY (to give the server
//! as DISCORD_PUBLIC_KEY), TIMESTAMP (now) and SIGNATURE.

#[path = "../tests/support/signing.rs"]
mod signing;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: sign_request BODY_FILE");
    let body = std::fs::read(path).expect("readable body file");
    let key = signing::key();
    let timestamp = signing::now().to_string();
    println!(
        "PUBLIC_KEY={}",
        signing::hex(&key.verifying_key().to_bytes())
    );
    println!("SIGNATURE={}", signing::signature(&key, &timestamp, &body));
    println!("TIMESTAMP={timestamp}");
}
