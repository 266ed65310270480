#!/usr/bin/env bash
# The release as users get it, against the checkout (needs target/release: mvn -B -Prelease -DskipTests package).
#   bench/release.sh [RUNS]                 (default 10)
# Each figure is a ratio of whole-process wall times, the two sides alternating, one pair per round:
#   first command after install / the same command warm: each round installs afresh (install.sh
#       --from target/release into a new prefix, not timed), then runs `astra org -o json` against a
#       served sandbox twice, the first timed against the second;
#   installed one-shot / the checkout's: the same command through PREFIX/bin/astra and ./astra;
#   install.sh to a first answer: `install.sh` then `astra version`, against one warm `astra version`;
# and the sizes of the archive and of the installed folder.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
REL=target/release
[[ -f $REL/SHA256SUMS ]] || { echo "no release in $REL: mvn -B -Prelease -DskipTests package" >&2; exit 2; }
OUT=bench/out/release
rm -rf "$OUT"; mkdir -p "$OUT"
export HOME="$PWD/$OUT/home" ASTRA_HOME="$PWD/$OUT/home/.astra"
mkdir -p "$HOME"
unset ASTRA_JAVA ASTRA_JAVA_OPTS XDG_CACHE_HOME

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { local t0 t1; t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms); echo $((t1 - t0)); }
install_fresh() { rm -rf "$OUT/prefix"; sh "$REL/install.sh" --from "$REL" --prefix "$PWD/$OUT/prefix" >/dev/null; }

./astra version >/dev/null   # the checkout built and prepared
install_fresh
ASTRA=$PWD/$OUT/prefix/bin/astra
PORT=$(free_port)
./astra sandbox serve --port "$PORT" -o json > "$OUT/serve.json" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q adminToken "$OUT/serve.json" 2>/dev/null && break; sleep 0.1; done
TOKEN=$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' "$OUT/serve.json")
API=(org -o json --env local --local-endpoint "http://127.0.0.1:$PORT" --token "$TOKEN")
"$ASTRA" "${API[@]}" >/dev/null && ./astra "${API[@]}" >/dev/null

for _ in $(seq "$RUNS"); do
  install_fresh
  first=$(ms "$ASTRA" "${API[@]}"); warm=$(ms "$ASTRA" "${API[@]}")
  echo "$first $warm" >> "$OUT/first-warm"
  inst=$(ms "$ASTRA" "${API[@]}"); co=$(ms ./astra "${API[@]}")
  echo "$inst $co" >> "$OUT/installed-checkout"
  t0=$(now_ms); install_fresh; "$ASTRA" version >/dev/null; t1=$(now_ms)
  warm=$(ms "$ASTRA" version)
  echo "$((t1 - t0)) $warm" >> "$OUT/install-answer"
done
ratio() { awk '{ printf "%.3f\n", $1 / $2 }' "$1" | median; }
col() { awk -v c="$2" '{ print $c }' "$1" | median; }
echo "runs:                              $RUNS pairs each, alternating"
echo "first command after install:       $(col "$OUT/first-warm" 1) ms against $(col "$OUT/first-warm" 2) ms warm: $(ratio "$OUT/first-warm") x (median of pairs)"
echo "installed one-shot / checkout's:   $(col "$OUT/installed-checkout" 1) ms against $(col "$OUT/installed-checkout" 2) ms: $(ratio "$OUT/installed-checkout") x"
echo "install.sh to a first answer:      $(col "$OUT/install-answer" 1) ms, $(ratio "$OUT/install-answer") x a warm 'astra version'"
echo "archive:                           $(du -k "$REL"/astra-shell-*-linux-x64.tar.gz | cut -f1 | awk '{ printf "%.1f MiB", $1 / 1024 }')"
echo "installed:                         $(du -sk "$OUT/prefix/share/astra-shell" | cut -f1 | awk '{ printf "%.1f MiB", $1 / 1024 }')"
