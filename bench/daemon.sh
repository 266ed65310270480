#!/usr/bin/env bash
# Resident session benchmark: one-shot commands served warm over TLS.
#   bench/daemon.sh [RUNS] [CALLS] [LINES]     (defaults 20, 10000 and 1000)
# Serves the sandbox on loopback behind a TLS front (bench/TlsFront.java, the chain of bench/tls.sh,
# trusted through a copy of the JDK's trust store given in ASTRA_JAVA_OPTS), starts a resident
# session (astra daemon start) in a home of its own, and prints:
#   1. warm `astra org -o json` over TLS against `java Hello`, alternating RUNS times each: medians
#      and the ratio; and the same command cold (ASTRA_DAEMON=off), RUNS/2 times;
#   2. the TLS connections that 30 warm calls open (counted by the front);
#   3. a bash loop of 1,000 one-shot commands (served) against `astra script` of the same 1,000
#      lines (one cold process): both times and the ratio;
#   4. the session's resident memory (VmRSS) every CALLS/10 calls, CALLS calls in all.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
CALLS="${2:-10000}"
LINES="${3:-1000}"
HOME_DIR="$(mktemp -d)"
export HOME="$HOME_DIR" ASTRA_HOME="$HOME_DIR/.astra" XDG_CACHE_HOME="$HOME_DIR/.cache"
unset XDG_RUNTIME_DIR ASTRA_DAEMON
JAVA="$(ASTRA_PRINT_JAVA=1 ./astra)"
JDK="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
OUT=bench/out
mkdir -p "$OUT"
"$JDK/bin/javac" -d "$OUT" bench/Hello.java bench/TlsFront.java
command -v openssl >/dev/null || { echo "bench/daemon.sh needs openssl" >&2; exit 2; }
. bench/tls.sh

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
./astra version >/dev/null   # builds the jar and the class archive if needed
HTTP_PORT="$(free_port)"
./astra sandbox serve --port "$HTTP_PORT" -o json > "$OUT/serve-daemon.json" 2>/dev/null &
SERVER=$!
TLS_PORT="$(free_port)"
rm -f "$OUT/tls-connections"
"$JAVA" -cp "$OUT" TlsFront "$TLS/leaf.p12" "$TLS_PORT" "$HTTP_PORT" "$OUT/tls-connections" &
FRONT=$!
trap 'ASTRA_DAEMON=on ./astra daemon stop >/dev/null 2>&1 || true; kill $SERVER $FRONT 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 100); do [[ -s "$OUT/tls-connections" ]] && break; sleep 0.1; done
for _ in $(seq 100); do grep -q adminToken "$OUT/serve-daemon.json" 2>/dev/null && break; sleep 0.1; done
TOKEN="$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' "$OUT/serve-daemon.json")"
export ASTRA_JAVA_OPTS="-Djavax.net.ssl.trustStore=$PWD/$TLS/cacerts"
export ASTRA_DB_APPLICATION_TOKEN="$TOKEN" ASTRA_LOCAL_ENDPOINT="https://127.0.0.1:$TLS_PORT"
CMD=(./astra org -o json --env local)

ASTRA_DAEMON=off "${CMD[@]}" > "$OUT/cold.json"   # cold, and the one-shot archive made
./astra daemon start --idle 0 >/dev/null
SESSION_PID="$(./astra daemon status -o json | sed -n 's/.*"pid" : \([0-9]*\).*/\1/p')"
"${CMD[@]}" > "$OUT/served.json"                  # the first served call records the client's archive
cmp -s "$OUT/cold.json" "$OUT/served.json" || { echo "served and cold outputs differ" >&2; exit 1; }

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { local name=$1 t0 t1; shift; t0=$(now_ms); "$@" >/dev/null; t1=$(now_ms); echo $((t1 - t0)) >> "$OUT/$name.ms"; }
rm -f "$OUT"/{served,hello,cold}.ms
for _ in 1 2; do "${CMD[@]}" >/dev/null; "$JAVA" -cp "$OUT" Hello >/dev/null; done
for i in $(seq "$RUNS"); do
  timed served "${CMD[@]}"
  timed hello "$JAVA" -cp "$OUT" Hello
  if (( i % 2 == 0 )); then ASTRA_DAEMON=off timed cold "${CMD[@]}"; fi
done
S=$(median < "$OUT/served.ms"); H=$(median < "$OUT/hello.ms"); C=$(median < "$OUT/cold.ms")
echo "java:                          $JAVA ($("$JAVA" -version 2>&1 | head -1))"
echo "java Hello (median):           ${H} ms"
awk -v s="$S" -v h="$H" -v c="$C" 'BEGIN {
  printf "served org -o json over TLS:   %s ms, %.2f x java Hello\n", s, s / h
  printf "cold   org -o json over TLS:   %s ms (ASTRA_DAEMON=off); served / cold %.2f\n", c, s / c }'

before=$(cat "$OUT/tls-connections")
for _ in $(seq 30); do "${CMD[@]}" >/dev/null; done
echo "TLS connections for 30 calls:  $(( $(cat "$OUT/tls-connections") - before ))"

SCRIPT="$OUT/daemon-lines.astra"
for _ in $(seq "$LINES"); do echo "org -o json"; done > "$SCRIPT"
t0=$(now_ms); for _ in $(seq "$LINES"); do "${CMD[@]}" >/dev/null; done; t1=$(now_ms)
LOOP=$((t1 - t0))
t0=$(now_ms); ASTRA_DAEMON=off ./astra script "$SCRIPT" --env local >/dev/null 2>&1; t1=$(now_ms)
SCRIPTED=$((t1 - t0))
awk -v n="$LINES" -v l="$LOOP" -v s="$SCRIPTED" 'BEGIN {
  printf "%d one-shots in a bash loop: %.1f s (%.0f ms each); astra script of the same lines: %.1f s; loop / script %.2f\n",
    n, l / 1000, l / n, s / 1000, l / s }'

rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SESSION_PID/status"; }
echo "session RSS after 0 calls (of this part): $(( $(rss) / 1024 )) MiB"
STEP=$((CALLS / 10)); (( STEP > 0 )) || STEP=1
for ((done_calls = STEP; done_calls <= CALLS; done_calls += STEP)); do
  # two clients at a time, as a CI machine runs them
  for ((k = 0; k < STEP; k += 2)); do "${CMD[@]}" >/dev/null & "${CMD[@]}" >/dev/null; wait $!; done
  echo "session RSS after $done_calls calls: $(( $(rss) / 1024 )) MiB"
done
echo "served: $(./astra daemon status -o json | sed -n 's/.*"served" : \([0-9]*\).*/\1/p') commands"
