#!/usr/bin/env bash
# Start-up benchmark of one-shot commands, on both paths users take.
#   bench/startup.sh [RUNS]                 (default 20)
# It alternates, RUNS times each, on the same java binary:
#   HTTP:   ./astra org -o json --env local --local-endpoint http://127.0.0.1:P --token T
#           against the sandbox served on loopback (astra sandbox serve);
#   HTTPS:  the same command against https://127.0.0.1:Q, a loopback TLS server (openssl s_server)
#           standing in for api.astra.datastax.com: a chain shaped as a public CA's (an RSA-2048 root,
#           an RSA-2048 intermediate, an RSA-2048 leaf for 127.0.0.1), the client trusting a copy of
#           the JDK's own trust store with that root added, so it loads a full trust store as it does
#           against Astra. It serves the users listing (the one request of `org`) as a file;
#   floor:  java -cp bench/out Hello.
# and prints each path's median, its ratio to the floor, and the peak resident memory of each path.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
export ASTRA_HOME="${ASTRA_HOME:-$(mktemp -d)}"
JAVA="$(ASTRA_PRINT_JAVA=1 ./astra)"
JDK="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
OUT=bench/out
mkdir -p "$OUT"
"$JDK/bin/javac" -d "$OUT" bench/Hello.java
command -v openssl >/dev/null || { echo "bench/startup.sh needs openssl" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

. bench/tls.sh   # the certificate chain and the trust store, in $TLS

./astra version >/dev/null   # builds the jar and the class archive if needed

HTTP_PORT="$(free_port)"
./astra sandbox serve --port "$HTTP_PORT" -o json > "$OUT/serve.json" 2>/dev/null &
SERVER=$!
TLS_SERVER=''
trap 'kill $SERVER $TLS_SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q adminToken "$OUT/serve.json" 2>/dev/null && break; sleep 0.1; done
TOKEN="$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' "$OUT/serve.json")"
HTTP_URL="http://127.0.0.1:$HTTP_PORT"

# the HTTPS stand-in serves what the sandbox answers to the same request
WWW="$OUT/www"; mkdir -p "$WWW/v2/organizations"
curl -s -H "Authorization: Bearer $TOKEN" "$HTTP_URL/v2/organizations/users" > "$WWW/v2/organizations/users"
HTTPS_PORT="$(free_port)"
(cd "$WWW" && exec openssl s_server -quiet -accept "127.0.0.1:$HTTPS_PORT" -cert ../tls/leaf.pem -key ../tls/leaf.key \
  -cert_chain ../tls/inter.pem -WWW </dev/null >/dev/null 2>&1) &
TLS_SERVER=$!
HTTPS_URL="https://127.0.0.1:$HTTPS_PORT"
TRUST="-Djavax.net.ssl.trustStore=$PWD/$TLS/cacerts"

HTTP=(./astra org -o json --env local --local-endpoint "$HTTP_URL" --token "$TOKEN")
HTTPS=(env "ASTRA_JAVA_OPTS=$TRUST ${ASTRA_JAVA_OPTS:-}" ./astra org -o json --env local --local-endpoint "$HTTPS_URL" --token "$TOKEN")
for _ in $(seq 50); do "${HTTPS[@]}" >/dev/null 2>&1 && break; sleep 0.1; done
"${HTTP[@]}" >/dev/null   # warm the page cache, and check both paths answer
"${HTTPS[@]}" > "$OUT/https-check.json" || { echo "the HTTPS path failed:"; cat "$OUT/https-check.json"; exit 1; }

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { # name command...: appends the wall time and the peak RSS of one run
  local name=$1 t0 t1; shift
  t0=$(now_ms); /usr/bin/time -f %M -o "$OUT/rss" "$@" >/dev/null; t1=$(now_ms)
  echo $((t1 - t0)) >> "$OUT/$name.ms"; cat "$OUT/rss" >> "$OUT/$name.kb"
}
rm -f "$OUT"/{http,https,hello}.{ms,kb}
for _ in $(seq "$RUNS"); do
  timed http "${HTTP[@]}"
  timed https "${HTTPS[@]}"
  timed hello "$JAVA" -cp "$OUT" Hello
done
P=$(median < "$OUT/http.ms"); S=$(median < "$OUT/https.ms"); H=$(median < "$OUT/hello.ms")
echo "java:                     $JAVA ($("$JAVA" -version 2>&1 | head -1))"
echo "runs:                     $RUNS each, alternating"
echo "java Hello (median):      ${H} ms"
awk -v t="$P" -v h="$H" -v k="$(sort -n "$OUT/http.kb" | tail -1)" \
  'BEGIN { printf "HTTP  org -o json:        %s ms, %.2f x the floor, peak RSS %.1f MiB\n", t, t / h, k / 1024 }'
awk -v t="$S" -v h="$H" -v k="$(sort -n "$OUT/https.kb" | tail -1)" \
  'BEGIN { printf "HTTPS org -o json:        %s ms, %.2f x the floor, peak RSS %.1f MiB\n", t, t / h, k / 1024 }'
