#!/usr/bin/env bash
# org apply of many independent changes against a distant API: one at a time, and several at once.
#   bench/apply.sh [INVITES [LATENCY]]       (default 150 100ms)
# Serves a sandbox that answers every request after LATENCY (astra sandbox serve --latency), then
# applies a file of INVITES new users as a one-shot ./astra command twice, in fresh sandboxes: with
# --parallel 1 (one request at a time, as before) and with the default parallelism, printing the wall
# time of each and their ratio. Then, against a sandbox that also throttles (--max-in-flight 2: a 429
# with Retry-After beyond two requests at once), the default apply must succeed and org diff exit 0.
# Goal: under 6 s at the default parallelism for 150 invites at 100 ms (one at a time: about 16 s).
set -euo pipefail
cd "$(dirname "$0")/.."
INVITES="${1:-150}"
LATENCY="${2:-100ms}"
OUT=bench/out
mkdir -p "$OUT"
./astra version >/dev/null   # builds the jar and the class archive if needed

now_ms() { date +%s%N | cut -c1-13; }
SERVER=''
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi' EXIT

# serve HOME [OPTIONS...]: a sandbox of a fresh astra home in the background; sets URL and TOKEN
serve() {
  local home=$1; shift
  rm -rf "$home"; mkdir -p "$home"
  ASTRA_HOME="$home" HOME="$home" ./astra sandbox serve -o json "$@" > "$home/serve.json" 2>/dev/null &
  SERVER=$!
  for _ in $(seq 200); do grep -q adminToken "$home/serve.json" 2>/dev/null && break; sleep 0.1; done
  TOKEN="$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' "$home/serve.json")"
  URL="$(sed -n 's/.*"endpoint" : "\(.*\)".*/\1/p' "$home/serve.json")"
}
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=''; }

FILE="$OUT/apply-$INVITES.yaml"
{
  echo "users:"
  echo "  - email: admin@sandbox.local"
  echo "    roles: [Organization Administrator]"
  for i in $(seq "$INVITES"); do
    echo "  - email: bench$i@example.com"
    echo "    roles: [RO User]"
  done
} > "$FILE"

# timed NAME ARGS...: one apply as users run it; prints nothing, sets MS
timed() {
  local t0 t1 home="$OUT/apply-client"
  rm -rf "$home"; mkdir -p "$home"
  t0=$(now_ms)
  ASTRA_HOME="$home/.astra" ASTRARC="$home/astrarc" HOME="$home" ./astra org apply "$FILE" --yes "$@" \
    --env local --local-endpoint "$URL" --token "$TOKEN" > "$OUT/apply.out" 2> "$OUT/apply.err" \
    || { echo "org apply $* failed:"; tail -3 "$OUT/apply.err"; exit 1; }
  t1=$(now_ms)
  MS=$((t1 - t0))
}

serve "$OUT/apply-sandbox-1" --latency "$LATENCY"
timed --parallel 1
SEQ=$MS
stop
serve "$OUT/apply-sandbox-n" --latency "$LATENCY"
timed
PAR=$MS
stop

serve "$OUT/apply-sandbox-t" --latency "$LATENCY" --max-in-flight 2
timed
THROTTLED=$MS
home="$OUT/apply-client"
set +e
ASTRA_HOME="$home/.astra" ASTRARC="$home/astrarc" HOME="$home" ./astra org diff "$FILE" \
  --env local --local-endpoint "$URL" --token "$TOKEN" >/dev/null 2>&1
DIFF=$?
set -e
stop

secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
echo "org apply of $INVITES invites, sandbox answering after $LATENCY (one-shot ./astra runs):"
echo "  --parallel 1:               $(secs "$SEQ")"
echo "  default (--parallel 8):     $(secs "$PAR")"
awk -v a="$SEQ" -v b="$PAR" 'BEGIN { printf "  ratio:                      %.1fx faster\n", a / b }'
echo "  throttled (--max-in-flight 2): $(secs "$THROTTLED"), then org diff exit $DIFF"
[ "$DIFF" -eq 0 ] || { echo "org diff after the throttled apply did not exit 0"; exit 1; }
