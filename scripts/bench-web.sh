#!/usr/bin/env bash
# Load test of the web pages on loopback: `ipwest web` pinned to one core (taskset),
# wrk on the other, with 50 connections asking for one fact page (with its chart),
# then the home page, then a search. Prints pages/s and wrk's latency percentiles.
# Installs wrk from Debian's packages when missing. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
PORT=${PORT:-18081}
CONNECTIONS=${CONNECTIONS:-50}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
target=${CARGO_TARGET_DIR:-target}/release
cargo build --release --quiet --bin ipwest

work=$(mktemp -d)
trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT
DATABASE_URL="sqlite://$work/ipwest.db" RUST_LOG=${RUST_LOG:-warn} \
  taskset -c 0 "$target/ipwest" web --bind "127.0.0.1:$PORT" 2>/dev/null &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

# load TITLE PATH: one wrk run, on the core the server does not use.
load() {
  local bytes
  bytes=$(curl -sf "http://127.0.0.1:$PORT$2" | wc -c)
  echo "== $1 ($2, $bytes bytes): wrk -c$CONNECTIONS -d$DURATION"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency \
    "http://127.0.0.1:$PORT$2" | grep -E 'Requests/sec|^ +(50|75|90|99)%|Non-2xx'
}

load "a fact page with a chart" "/facts/western-gdp-growth-2023"
load "the home page" "/"
load "a search" "/?q=how+many+GI+products+does+guangxi+have"
