#!/usr/bin/env bash
# Script benchmark: a long script against one-shot commands.
#   bench/script.sh [LINES]      (default 1000)
# Serves the sandbox on loopback, writes a script of LINES lines (user invite, get, delete in turn),
# runs it with 'astra script', then runs its first 20 lines as 20 one-shot commands, and prints
# both times, lines per second, and the ratio per line.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${1:-1000}"
export ASTRA_HOME="$(mktemp -d)"
mkdir -p bench/out
./astra version >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18766)"
./astra sandbox serve --port "$PORT" -o json > bench/out/serve-script.json 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q adminToken bench/out/serve-script.json 2>/dev/null && break; sleep 0.1; done
export ASTRA_DB_APPLICATION_TOKEN="$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' bench/out/serve-script.json)"
export ASTRA_LOCAL_ENDPOINT="http://127.0.0.1:$PORT"

SCRIPT=bench/out/bench.astra
{
  echo "# $LINES lines: invite, get, delete"
  for ((i = 0; i < LINES; i++)); do
    n=$((i / 3))
    case $((i % 3)) in
      0) echo "user invite bench$n@example.com -r \"RO User\"" ;;
      1) echo "user get bench$n@example.com" ;;
      2) echo "user delete bench$n@example.com" ;;
    esac
  done
} > "$SCRIPT"

now_ms() { date +%s%N | cut -c1-13; }
t0=$(now_ms)
./astra script "$SCRIPT" --env local > /dev/null 2> bench/out/script-summary.txt
t1=$(now_ms)
SCRIPT_MS=$((t1 - t0))

t0=$(now_ms)
sed -n '2,21p' "$SCRIPT" | while IFS= read -r line; do
  eval "./astra $line --env local" > /dev/null
done
t1=$(now_ms)
ONESHOT_MS=$((t1 - t0))

echo "script:                 $LINES lines in ${SCRIPT_MS} ms ($(tail -1 bench/out/script-summary.txt | sed 's/^\[[A-Z]*\] *//'))"
awk -v l="$LINES" -v ms="$SCRIPT_MS" 'BEGIN { printf "lines per second:       %.0f (%.1f ms a line)\n", l / (ms / 1000), ms / l }'
awk -v ms="$ONESHOT_MS" 'BEGIN { printf "20 one-shot commands:   %d ms (%.0f ms a command)\n", ms, ms / 20 }'
awk -v s="$SCRIPT_MS" -v l="$LINES" -v o="$ONESHOT_MS" 'BEGIN { printf "a line in a script costs 1/%.0f of a one-shot command\n", (o / 20) / (s / l) }'
