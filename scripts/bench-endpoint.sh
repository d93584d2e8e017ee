#!/usr/bin/env bash
# Load test of the HTTP interactions endpoint on loopback: `ipwest serve` pinned to
# one core (taskset), wrk on the other, replaying one validly signed PING and one
# validly signed /ask. Prints requests/s and the latency percentiles wrk measures.
# Installs wrk from Debian's packages when missing. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
# Built for this CPU, as for a dedicated server: curve25519-dalek then compiles in its
# AVX2 backend, which halves the cost of verifying a signature (the bulk of a request).
# NATIVE=0 measures the portable build instead.
if [ "${NATIVE:-1}" = 1 ]; then
  export RUSTFLAGS="${RUSTFLAGS:-} -C target-cpu=native" CARGO_TARGET_DIR=target/native
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

for request in ping ask; do
  eval "$("$target/examples/sign_request" "$work/$request.json")"
  body=$(sed 's/\\/\\\\/g; s/"/\\"/g' "$work/$request.json")
  cat >"$work/$request.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = "$SIGNATURE"
wrk.headers["X-Signature-Timestamp"] = "$TIMESTAMP"
LUA
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/interactions" \
    -H "X-Signature-Ed25519: $SIGNATURE" -H "X-Signature-Timestamp: $TIMESTAMP" --data-binary @"$work/$request.json")
  [ "$status" = 200 ] || { echo "signed $request answered $status, not 200"; exit 1; }
  echo "== signed $request, server on 1 core, wrk -c$CONNECTIONS -d$DURATION on the other"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/$request.lua" \
    "http://127.0.0.1:$PORT/interactions" | grep -E 'Requests/sec|^ +(50|75|90|99)%|Non-2xx'
done
