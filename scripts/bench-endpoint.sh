#!/usr/bin/env bash
# Load test of the HTTP interactions endpoint on loopback: `ipwest serve` pinned to
# one core (taskset), wrk on the other, replaying one validly signed PING and one
# validly signed /ask. Prints requests/s and the latency percentiles wrk measures.
# The first line is the floor, HTTP alone: the /ask body unsigned, refused (401)
# before any verification. The last is /ask at 4 connections, where latency is the
# time to answer rather than queueing behind 32 connections.
# Installs wrk from Debian's packages when missing. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
PORT=${PORT:-18080}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
target=${CARGO_TARGET_DIR:-target}/release
cargo build --release --quiet --bin ipwest --example sign_request

work=$(mktemp -d)
trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT
# Bodies without a final newline: the signature covers every byte wrk sends.
printf '%s' '{"id":"1310000000000001011","application_id":"1310000000000000001","type":1,"token":"t","version":1}' >"$work/ping.json"
python3 -c 'import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")))' \
  tests/fixtures/discord/slash_ask.json >"$work/ask.json"

eval "$("$target/examples/sign_request" "$work/ping.json" | sed 's/^/PING_/')"
# One user replays the same /ask, so lift the per-user cooldown to measure answers.
DISCORD_PUBLIC_KEY=$PING_PUBLIC_KEY IPWEST_COOLDOWN=1000000000/1s RUST_LOG=${RUST_LOG:-info} \
  taskset -c 0 "$target/ipwest" serve --bind "127.0.0.1:$PORT" 2>/dev/null &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

# script NAME BODY_FILE [SIGNED]: a wrk script posting the body, signed if asked.
script() {
  local body
  body=$(sed 's/\\/\\\\/g; s/"/\\"/g' "$2")
  printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/json"\n' \
    "$body" >"$work/$1.lua"
  [ -z "${3:-}" ] && return
  eval "$("$target/examples/sign_request" "$2")"
  printf 'wrk.headers["X-Signature-Ed25519"] = "%s"\nwrk.headers["X-Signature-Timestamp"] = "%s"\n' \
    "$SIGNATURE" "$TIMESTAMP" >>"$work/$1.lua"
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/interactions" \
    -H "X-Signature-Ed25519: $SIGNATURE" -H "X-Signature-Timestamp: $TIMESTAMP" --data-binary @"$2")
  [ "$status" = 200 ] || { echo "signed $1 answered $status, not 200"; exit 1; }
}

# load TITLE SCRIPT CONNECTIONS: one wrk run, on the core the server does not use.
load() {
  echo "== $1: wrk -c$3 -d$DURATION"
  taskset -c 1 wrk -t1 -c"$3" -d"$DURATION" --latency -s "$work/$2.lua" \
    "http://127.0.0.1:$PORT/interactions" | grep -E 'Requests/sec|^ +(50|75|90|99)%'
}

script unsigned "$work/ask.json"
script ping "$work/ping.json" signed
script ask "$work/ask.json" signed
load "floor: unsigned /ask, refused before verification" unsigned 32
load "signed PING" ping 32
load "signed /ask" ask 32
load "signed /ask, 4 connections" ask 4
