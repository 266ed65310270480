#!/usr/bin/env bash
# Start-up benchmark of one-shot commands (issue 2).
#   bench/startup.sh [RUNS]
# Serves the local sandbox on loopback (astra sandbox serve), then alternates, RUNS times each:
#   ./astra org -o json --env local --local-endpoint URL --token T     (the one-shot command)
#   java -cp bench/out Hello                                            (the floor: same java binary)
# and prints the medians, their ratio, and the peak resident memory of the one-shot runs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
export ASTRA_HOME="${ASTRA_HOME:-$(mktemp -d)}"
JAVA="$(ASTRA_PRINT_JAVA=1 ./astra)"
mkdir -p bench/out
"${JAVA%/java}/javac" -d bench/out bench/Hello.java

./astra version >/dev/null   # builds the jar and the class archive if needed
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18765)"
./astra sandbox serve --port "$PORT" -o json > bench/out/serve.json 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q adminToken bench/out/serve.json 2>/dev/null && break; sleep 0.1; done
TOKEN="$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' bench/out/serve.json)"
URL="http://127.0.0.1:$PORT"

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > bench/out/astra.ms; : > bench/out/hello.ms; : > bench/out/astra.kb
./astra org -o json --env local --local-endpoint "$URL" --token "$TOKEN" >/dev/null  # warm the page cache
for _ in $(seq "$RUNS"); do
  t0=$(now_ms); /usr/bin/time -f %M -o bench/out/rss ./astra org -o json --env local --local-endpoint "$URL" --token "$TOKEN" >/dev/null; t1=$(now_ms)
  echo $((t1 - t0)) >> bench/out/astra.ms; cat bench/out/rss >> bench/out/astra.kb
  t0=$(now_ms); "$JAVA" -cp bench/out Hello >/dev/null; t1=$(now_ms)
  echo $((t1 - t0)) >> bench/out/hello.ms
done
A=$(median < bench/out/astra.ms); H=$(median < bench/out/hello.ms); KB=$(sort -n bench/out/astra.kb | tail -1)
echo "java:                       $JAVA ($("$JAVA" -version 2>&1 | head -1))"
echo "runs:                       $RUNS each, alternating"
echo "astra org -o json (median): ${A} ms"
echo "java Hello (median):        ${H} ms"
awk -v a="$A" -v h="$H" 'BEGIN { printf "ratio:                      %.2f x the floor\n", a / h }'
awk -v k="$KB" 'BEGIN { printf "peak RSS of astra:          %.1f MiB\n", k / 1024 }'
