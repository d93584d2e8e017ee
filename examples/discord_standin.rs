//! The loopback Discord stand-in of `tests/support` as a program, for measuring the
//! bot outside `cargo test` (see `scripts/idle-rss.sh`). Prints its API base URL,
//! then serves until killed.

#[path = "../tests/support/mod.rs"]
mod support;

#[tokio::main]
async fn main() {
    let stand_in = support::StandIn::start().await;
    println!("{}", stand_in.api_base);
    std::future::pending::<()>().await;
}
