#!/usr/bin/env bash
# The release as users get it, against itself warm and against the checkout (needs target/release:
# mvn -B -Prelease -DskipTests package).
#   bench/release.sh [RUNS]           times each pair below RUNS times (default 10), alternating A B A B,
#                                     and prints each pair's medians and the median of its ratios
#   bench/release.sh --serve [RUNS]   makes the same (RUNS + 3 new installs), prints the pairs' commands
#                                     and serves the sandbox until Ctrl-C: to time the pairs with a
#                                     side-by-side timer of your own (its warm-up included in RUNS + 3)
# Each command of a pair is a whole process, as users run it: `astra org -o json` against the sandbox
# served on loopback (astra sandbox serve), the one request of a one-shot command.
#   first / warm           the first command after an install (each run on a new install, made by
#                          install.sh beforehand and never run since but by install.sh's own check)
#                          against the same command on an install already used
#   installed / checkout   the installed one-shot against the checkout's ./astra, both warm
#   install / version      install.sh into a new prefix then `astra version` (the time from the
#                          installer to a first answer) against one warm `astra version`
# and the sizes of the archive, the .deb and the installed folder. The first and warm commands go
# through the same small wrapper (it picks the install), so that it costs both the same.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVE=0
if [[ ${1:-} == --serve ]]; then SERVE=1; shift; fi
RUNS="${1:-10}"
REL=$PWD/target/release
[[ -f $REL/SHA256SUMS ]] || { echo "no release in $REL: mvn -B -Prelease -DskipTests package" >&2; exit 2; }
OUT=$PWD/bench/out/release
rm -rf "$OUT"; mkdir -p "$OUT/home"
export HOME="$OUT/home" ASTRA_HOME="$OUT/home/.astra"
unset ASTRA_JAVA ASTRA_JAVA_OPTS XDG_CACHE_HOME

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { local t0 t1; t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms); echo $((t1 - t0)); }
install_into() { sh "$REL/install.sh" --from "$REL" --prefix "$1" >/dev/null; }

./astra version >/dev/null   # the checkout built and prepared
install_into "$OUT/prefix-warm"
PORT=$(free_port)
./astra sandbox serve --port "$PORT" -o json > "$OUT/serve.json" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q adminToken "$OUT/serve.json" 2>/dev/null && break; sleep 0.1; done
TOKEN=$(sed -n 's/.*"adminToken" : "\(.*\)".*/\1/p' "$OUT/serve.json")
[[ -n $TOKEN ]] || { echo "the sandbox did not start" >&2; exit 1; }
API="org -o json --env local --local-endpoint http://127.0.0.1:$PORT --token $TOKEN"

# the pairs' commands: each takes the next install of its kind (a counter file, builtins only)
wrapper() { # NAME COUNTER COMMAND...
  local name=$1 counter=$2; shift 2
  echo 0 > "$OUT/$counter"
  # shellcheck disable=SC2016
  printf '#!/bin/sh\nread -r N < "%s"; echo $((N + 1)) > "%s"\n%s\n' "$OUT/$counter" "$OUT/$counter" "$*" > "$OUT/$name"
  chmod +x "$OUT/$name"
}
wrapper first first.n "exec \"$OUT/prefix-first/\$N/bin/astra\" $API"
wrapper warm warm.n "exec \"$OUT/prefix-warm/bin/astra\" $API"
wrapper installed installed.n "exec \"$OUT/prefix-warm/bin/astra\" $API"
wrapper checkout checkout.n "exec \"$PWD/astra\" $API"
wrapper install install.n "sh \"$REL/install.sh\" --from \"$REL\" --prefix \"$OUT/prefix-new/\$N\" >/dev/null && exec \"$OUT/prefix-new/\$N/bin/astra\" version"
wrapper version version.n "exec \"$OUT/prefix-warm/bin/astra\" version"
# shellcheck disable=SC2086
"$OUT/prefix-warm/bin/astra" $API >/dev/null && ./astra $API >/dev/null

sizes() {
  du -k "$REL"/astra-shell-*-linux-x64.tar.gz | awk '{ printf "archive:                %.1f MiB\n", $1 / 1024 }'
  du -k "$REL"/astra-shell_*_amd64.deb | awk '{ printf ".deb:                   %.1f MiB\n", $1 / 1024 }'
  du -sk "$OUT"/prefix-warm/share/astra-shell/* | awk '{ printf "installed:              %.1f MiB\n", $1 / 1024 }'
}

if [[ $SERVE == 1 ]]; then
  for i in $(seq 0 $((RUNS + 2))); do install_into "$OUT/prefix-first/$i"; done
  echo "pairs (A against B), each command taking the next install of its kind:"
  echo "  $OUT/first      against $OUT/warm"
  echo "  $OUT/installed  against $OUT/checkout"
  echo "  $OUT/install    against $OUT/version"
  sizes
  echo "serving the sandbox on port $PORT: Ctrl-C to stop"
  wait "$SERVER"
  exit 0
fi

for i in $(seq 0 $((RUNS - 1))); do
  install_into "$OUT/prefix-first/$i"
  echo "$(ms "$OUT/first") $(ms "$OUT/warm")" >> "$OUT/first-warm"
  rm -rf "$OUT/prefix-first/$i"
  echo "$(ms "$OUT/installed") $(ms "$OUT/checkout")" >> "$OUT/installed-checkout"
  echo "$(ms "$OUT/install") $(ms "$OUT/version")" >> "$OUT/install-version"
  rm -rf "$OUT/prefix-new/$i"
done
ratio() { awk '{ printf "%.3f\n", $1 / $2 }' "$OUT/$1" | median; }
col() { awk -v c="$2" '{ print $c }' "$OUT/$1" | median; }
echo "runs:                   $RUNS pairs each, alternating; medians"
echo "first / warm:           $(col first-warm 1) ms / $(col first-warm 2) ms: $(ratio first-warm) x (median of the pairs' ratios)"
echo "installed / checkout:   $(col installed-checkout 1) ms / $(col installed-checkout 2) ms: $(ratio installed-checkout) x"
echo "install.sh to answer:   $(col install-version 1) ms, $(ratio install-version) x a warm 'astra version' ($(col install-version 2) ms)"
sizes
