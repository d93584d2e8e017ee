#!/usr/bin/env bash
# Idle memory of the running gateway bot: starts the loopback Discord stand-in and
# `ipwest run` against it, waits until the bot has connected and registered its
# commands, lets it idle, then prints its resident memory (VmRSS) and peak (VmHWM).
# It records to a SQLite store in a temporary directory, as `run` does by default.
# Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE_SECONDS=${IDLE_SECONDS:-5}

cargo build --release --quiet --bin ipwest --example discord_standin
standin_out=$(mktemp)
target/release/examples/discord_standin >"$standin_out" &
standin=$!
trap 'kill $standin ${bot:-} 2>/dev/null || true; rm -rf "$standin_out" ${store:-}' EXIT
for _ in $(seq 50); do [ -s "$standin_out" ] && break; sleep 0.1; done
api_base=$(head -1 "$standin_out")

log=$(mktemp)
store=$(mktemp -d)
DATABASE_URL="sqlite://$store/ipwest.db" DISCORD_TOKEN="MTMxMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789ABCD" \
  DISCORD_API_BASE="$api_base" RUST_LOG=info target/release/ipwest run 2>"$log" &
bot=$!
for _ in $(seq 100); do grep -q "commands registered" "$log" && break; sleep 0.1; done
grep -q "commands registered" "$log" || { echo "the bot did not connect:"; cat "$log"; exit 1; }
sleep "$IDLE_SECONDS"
echo "ipwest run, connected and idle for ${IDLE_SECONDS}s ($(nproc) cores, $(uname -m)):"
grep -E '^(VmRSS|VmHWM)' "/proc/$bot/status"
