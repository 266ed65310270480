#!/usr/bin/env bash
# Builds the release of astra shell into target/release/:
#   astra-shell-VERSION-linux-x64.tar.gz  the launcher, application.yml, the application extracted
#                                         (lib/app), a Java runtime made with jlink (runtime/), the
#                                         class archives trained against that runtime (lib/), the
#                                         completion scripts and a man page
#   astra-shell_VERSION_amd64.deb         the same layout in /usr/lib/astra-shell
#   astra-shell.rb                        a Homebrew formula for the archive(s)
#   install.sh                            the installer
#   SHA256SUMS                            the checksum of every file above
# and, given the jmods of another platform's JDK (-Drelease.jmods=DIR), that platform's archive too
# (its class archives are made on its first start: this machine cannot run its runtime).
#
# Run by Maven: `mvn -Prelease -DskipTests package` (a JDK 25 or later is required), and by every
# `mvn verify` before the integration tests, which test the release when it was built (there a
# missing JDK 25 skips it, saying so). The build itself may run on JDK 17: the JDK 25 is looked
# for, in this order, in -Drelease.jdk=DIR, JAVA_HOME, /usr/lib/jvm, /Library/Java, the java on PATH.
#   release.sh --basedir=DIR --version=V [--required=true] [--jdk=DIR] [--jmods=DIR] [--jmods-platform=P]
set -euo pipefail
BASEDIR=. VERSION='' REQUIRED=false JDK='' JMODS='' JMODS_PLATFORM=macos-aarch64
for arg in "$@"; do
  case $arg in
    --basedir=*) BASEDIR=${arg#*=} ;;
    --version=*) VERSION=${arg#*=} ;;
    --required=*) REQUIRED=${arg#*=} ;;
    --jdk=*) JDK=${arg#*=} ;;
    --jmods=*) JMODS=${arg#*=} ;;
    --jmods-platform=*) JMODS_PLATFORM=${arg#*=} ;;
    *) echo "release.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
[[ -n $VERSION ]] || { echo "release.sh: --version=V is needed" >&2; exit 2; }
# in CI (.ci/run, CI=true) the release is built and tested: a missing JDK 25 is an error there
if [[ ${CI:-} == true ]]; then REQUIRED=true; fi
cd "$BASEDIR"
export LC_ALL=C
OUT=target/release
WORK=target/release-work
NAME=astra-shell-$VERSION
RELEASES=https://github.com/astrashell/astra-shell/releases

say() { echo "[release] $*"; }
step() { echo "[release] $(( SECONDS - START )) s: $*"; }
fail() { echo "[release] ERROR: $*" >&2; exit 1; }
skip() {
  if [[ $REQUIRED == true ]]; then fail "$*"; fi
  say "$*: the release is not built and its tests are skipped (mvn -Prelease -DskipTests package builds it)"
  rm -rf "$OUT" "$WORK"
  exit 0
}

major_of() { # JDK_HOME: its feature version, from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}
find_jdk() {
  local c m
  if [[ -n $JDK ]]; then
    m=$(major_of "$JDK")
    [[ -x $JDK/bin/jlink && -n $m && $m -ge 25 ]] || fail "-Drelease.jdk=$JDK is not a JDK 25 or later (no bin/jlink, or its release file says ${m:-nothing})"
    return
  fi
  local candidates=()
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/*-25* /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  if command -v java >/dev/null; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
  # the first JDK 25, else the first later one
  local later=''
  for c in "${candidates[@]}"; do
    [[ -x $c/bin/jlink && -x $c/bin/jdeps ]] || continue
    m=$(major_of "$c")
    [[ -n $m ]] || continue
    if [[ $m == 25 ]]; then JDK=$c; return; fi
    if [[ $m -gt 25 && -z $later ]]; then later=$c; fi
  done
  [[ -n $later ]] || skip "no JDK 25 or later found (JAVA_HOME, /usr/lib/jvm, PATH): give one with -Drelease.jdk=DIR"
  JDK=$later
}

[[ -f target/astra-shell.jar ]] || fail "target/astra-shell.jar is missing: run the package phase first"
# up to date when made from the same inputs (by content: the jar itself is written anew by every
# package, with new times)
STAMP=target/release-inputs.sha256
inputs_digest() {
  { find target/classes -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum pom.xml astra application.yml install.sh packaging/*
    echo "$VERSION $JDK $JMODS $JMODS_PLATFORM"; } | sha256sum | cut -d' ' -f1
}
DIGEST=$(inputs_digest)
if [[ -f $OUT/SHA256SUMS && -f $STAMP && $(cat "$STAMP") == "$DIGEST" ]]; then
  say "up to date: $OUT"; exit 0
fi
rm -f "$STAMP"
for tool in tar gzip sha256sum; do command -v $tool >/dev/null || skip "$tool is needed to build the release"; done
command -v dpkg-deb >/dev/null || skip "dpkg-deb is needed to build the .deb (apt-get install dpkg)"
START=$SECONDS
find_jdk
say "JDK for jlink, jdeps and the training runs: $JDK ($(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JDK/release"))"
rm -rf "$OUT" "$WORK"
mkdir -p "$OUT" "$WORK"
STAGE=$WORK/linux-x64/$NAME
mkdir -p "$STAGE/lib" "$STAGE/completion" "$STAGE/man"

# 1. the application, extracted: a thin jar and its libraries (no fat jar in the release)
"$JDK/bin/java" -Djarmode=tools -jar target/astra-shell.jar extract --destination "$STAGE/lib/app" >/dev/null
# the resident session's client, a jar of its own (a few classes: it starts faster than the application's)
cp target/astra-shell-client.jar "$STAGE/lib/app/client.jar"
cp -p astra application.yml "$STAGE/"
chmod 755 "$STAGE/astra"

step "jlink"
# 2. the runtime: the modules jdeps finds in the application, plus what TLS may need, without the
#    graphics and sound native libraries (java.desktop is there for java.beans alone)
MODULES=$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$(major_of "$JDK")" \
  --class-path "$STAGE/lib/app/lib/*" "$STAGE/lib/app/astra-shell.jar" "$STAGE"/lib/app/lib/*.jar 2>/dev/null | tail -n 1)
[[ $MODULES == java.base* ]] || fail "jdeps found no modules (it said: $MODULES)"
# (jdk.crypto.ec: empty since JDK 22, whose java.base holds the EC algorithms; named for older JDKs)
if "$JDK/bin/java" --list-modules | grep -q "^jdk.crypto.ec@"; then MODULES=$MODULES,jdk.crypto.ec; fi
say "runtime modules: $MODULES"
NO_NATIVE='glob:/java.desktop/lib/**'
jlink_runtime() { # OUTPUT [MODULE_PATH]
  local mp=()
  [[ -n ${2:-} ]] && mp=(--module-path "$2")
  "$JDK/bin/jlink" "${mp[@]}" --add-modules "$MODULES" --exclude-files="$NO_NATIVE" \
    --strip-debug --no-man-pages --no-header-files --output "$1"
}
jlink_runtime "$STAGE/runtime"
for lib in "$STAGE"/runtime/lib/lib{awt,jsound,fontmanager,splashscreen}*; do
  [[ ! -e $lib ]] || fail "a graphics or sound library is left in the runtime: $lib"
done

step "grammar and key"
# 3. what the launcher reads: the launcher's grammar, the application's key
"$STAGE/runtime/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$STAGE/lib/app/astra-shell.jar" \
  io.astrashell.cli.LaunchGrammar > "$STAGE/lib/grammar.sh"
APP_KEY=$(cat "$STAGE/lib/app/astra-shell.jar" "$STAGE"/lib/app/lib/*.jar | cksum | cut -d' ' -f1)
printf "APP_KEY='%s'\n" "$APP_KEY" > "$STAGE/lib/app.sh"
cp "$STAGE/lib/app.sh" "$WORK/app-key.sh"

step "training"
# 4. the class archives, trained by the launcher itself against that runtime, as a user's first
#    starts would (a one-shot command, then the prompt), in a home of their own; then shipped in
#    lib/ with what the launcher learnt of the runtime, so that an install makes nothing
TRAIN=$(mktemp -d)
trap 'rm -rf "$TRAIN"' EXIT
train_env=(env -u XDG_RUNTIME_DIR -u ASTRA_DAEMON -u ASTRA_JAVA -u ASTRA_JAVA_OPTS -u ASTRA_NO_CACHE -u JAVA_TOOL_OPTIONS -u ASTRA_DB_APPLICATION_TOKEN
  HOME="$TRAIN" ASTRA_HOME="$TRAIN/.astra" ASTRARC="$TRAIN/.astrarc" XDG_CACHE_HOME="$TRAIN/cache")
for start in version prompt; do
  if [[ $start == version ]]; then args=(version); else args=(); fi
  "${train_env[@]}" "$STAGE/astra" "${args[@]}" </dev/null >/dev/null 2>"$WORK/$start.log" \
    || { cat "$WORK/$start.log" >&2; fail "the staged install did not start ($start)"; }
  grep '^astra:' "$WORK/$start.log" || true
done
# the client's archive: one call served by a resident session of the staged install
"${train_env[@]}" "$STAGE/astra" daemon start --idle 60s </dev/null >/dev/null 2>"$WORK/daemon.log" \
  || { cat "$WORK/daemon.log" >&2; fail "the staged install's resident session did not start"; }
"${train_env[@]}" "$STAGE/astra" version </dev/null >/dev/null 2>>"$WORK/daemon.log" \
  || { cat "$WORK/daemon.log" >&2; fail "the staged install's resident session did not serve"; }
"${train_env[@]}" "$STAGE/astra" daemon stop </dev/null >/dev/null 2>>"$WORK/daemon.log" || true
# shellcheck disable=SC1091
. "$STAGE/cache/jvm.sh"
for mode in one-shot prompt client; do
  f=$STAGE/cache/astra-$APP_KEY-$JVM_ID-$mode.aot
  [[ -f $f ]] || fail "the $mode class archive was not made (in cache/: $(cd "$STAGE/cache" && echo *))"
  mv "$f" "$STAGE/lib/"
done
printf "RUNTIME_VERSION='%s'\nRUNTIME_ID='%s'\nRUNTIME_NO_REPLAY='%s'\n" "$JVM_VERSION" "$JVM_ID" "$JVM_NO_REPLAY" >> "$STAGE/lib/app.sh"
rm -rf "$STAGE/cache"
# the install as shipped makes nothing and says nothing
said=$("${train_env[@]}" "$STAGE/astra" version 2>&1 >/dev/null)
[[ -z $said && ! -e $STAGE/cache ]] || fail "the staged install prepared something again: $said"

step "completion and man page"
# 5. completion scripts and a man page, from the shell itself
"${train_env[@]}" "$STAGE/astra" completion bash > "$STAGE/completion/astra.bash"
"${train_env[@]}" "$STAGE/astra" completion zsh > "$STAGE/completion/_astra"
{
  printf '.TH ASTRA 1 "" "astra shell %s" "User Commands"\n' "$VERSION"
  printf '.SH NAME\nastra \\- astra shell: administer an Astra organization (users, roles, tokens, profiles)\n'
  printf '.SH SYNOPSIS\n.B astra\n.br\n.B astra\n\\fIcommand\\fR [\\fIoptions\\fR]\n'
  printf '.SH DESCRIPTION\nWithout a command, \\fBastra\\fR opens the astra> prompt; with one, it runs it and exits with its status.\n'
  printf '\\fBastra help\\fR \\fIcommand\\fR prints the page of a command.\n.PP\n.nf\n'
  "${train_env[@]}" "$STAGE/astra" help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n.SH FILES\n~/.astrarc (profiles), ~/.astra (history, sandbox, completion cache)\n'
} > "$STAGE/man/astra.1"
rm -rf "$STAGE/cache"
[[ ! -e $STAGE/cache ]] || fail "the staged install made $STAGE/cache"

step "archive"
# 6. the archive
ARCHIVE=$NAME-linux-x64.tar.gz
tar -C "$(dirname "$STAGE")" --owner=0 --group=0 --numeric-owner -cf - "$NAME" | gzip -6 > "$OUT/$ARCHIVE"

step "deb"
# 7. the .deb: the same layout in /usr/lib/astra-shell, a relative link in /usr/bin, completion
#    and man page where Debian looks; the cache/ an install may make (another Java given) is
#    removed with the package
DEB=$WORK/deb
mkdir -p "$DEB/DEBIAN" "$DEB/usr/lib" "$DEB/usr/bin" "$DEB/usr/share/bash-completion/completions" \
  "$DEB/usr/share/zsh/vendor-completions" "$DEB/usr/share/man/man1" "$DEB/usr/share/doc/astra-shell"
cp -a "$STAGE" "$DEB/usr/lib/astra-shell"
ln -s ../lib/astra-shell/astra "$DEB/usr/bin/astra"
cp "$STAGE/completion/astra.bash" "$DEB/usr/share/bash-completion/completions/astra"
cp "$STAGE/completion/_astra" "$DEB/usr/share/zsh/vendor-completions/_astra"
gzip -9n < "$STAGE/man/astra.1" > "$DEB/usr/share/man/man1/astra.1.gz"
printf 'astra shell %s\nThe Java runtime in /usr/lib/astra-shell/runtime is OpenJDK (GPLv2 with the Classpath Exception): see /usr/lib/astra-shell/runtime/legal.\n' \
  "$VERSION" > "$DEB/usr/share/doc/astra-shell/copyright"
DEB_VERSION=${VERSION//-/\~}
cat > "$DEB/DEBIAN/control" <<CONTROL
Package: astra-shell
Version: $DEB_VERSION
Architecture: amd64
Maintainer: astra shell <astra-shell@users.noreply.github.com>
Depends: libc6
Installed-Size: $(du -sk "$DEB/usr" | cut -f1)
Section: admin
Priority: optional
Homepage: https://github.com/astrashell/astra-shell
Description: administer an Astra organization from the command line
 astra shell is a command-line tool and interactive shell for the Astra DevOps
 API: the organization, its users, roles, application tokens and profiles, with
 a local sandbox to try every command. It ships its own Java runtime.
CONTROL
cat > "$DEB/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
case "$1" in remove|purge) rm -rf /usr/lib/astra-shell/cache ;; esac
POSTRM
chmod 755 "$DEB/DEBIAN/postrm"
dpkg-deb --root-owner-group -Zgzip -z3 --build "$DEB" "$OUT/astra-shell_${DEB_VERSION}_amd64.deb" >/dev/null

# 8. another platform's archive, from its JDK's jmods: no class archives (made on first start)
MAC_LINES=''
if [[ -n $JMODS ]]; then
  [[ -f $JMODS/java.base.jmod ]] || fail "-Drelease.jmods=$JMODS holds no java.base.jmod"
  OTHER=$WORK/$JMODS_PLATFORM/$NAME
  mkdir -p "$OTHER"
  cp -a "$STAGE/astra" "$STAGE/application.yml" "$STAGE/completion" "$STAGE/man" "$OTHER/"
  mkdir -p "$OTHER/lib" && cp -a "$STAGE/lib/app" "$STAGE/lib/grammar.sh" "$OTHER/lib/"
  cp "$WORK/app-key.sh" "$OTHER/lib/app.sh"
  NO_NATIVE='glob:/java.desktop/lib/**'
  jlink_runtime "$OTHER/runtime" "$JMODS"
  tar -C "$(dirname "$OTHER")" --owner=0 --group=0 --numeric-owner -cf - "$NAME" | gzip -6 > "$OUT/$NAME-$JMODS_PLATFORM.tar.gz"
  case $JMODS_PLATFORM in
    macos-aarch64) HW=on_arm ;;
    *) HW=on_intel ;;
  esac
  MAC_LINES="  on_macos do
    $HW do
      url \"$RELEASES/download/v$VERSION/$NAME-$JMODS_PLATFORM.tar.gz\"
      sha256 \"$(sha256sum "$OUT/$NAME-$JMODS_PLATFORM.tar.gz" | cut -d' ' -f1)\"
    end
  end"
fi

step "formula and checksums"
# 9. the Homebrew formula, the installer, the checksums
SHA=$(sha256sum "$OUT/$ARCHIVE" | cut -d' ' -f1)
awk -v version="$VERSION" -v url="$RELEASES/download/v$VERSION/$ARCHIVE" -v sha="$SHA" -v mac="$MAC_LINES" '
  { gsub(/@VERSION@/, version); gsub(/@URL@/, url); gsub(/@SHA256@/, sha) }
  /@MACOS@/ { if (mac != "") print mac; next }
  { print }' packaging/astra-shell.rb.in > "$OUT/astra-shell.rb"
cp install.sh "$OUT/install.sh"
chmod 755 "$OUT/install.sh"
(cd "$OUT" && sha256sum -- * > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
rm -rf "$WORK"
echo "$DIGEST" > "$STAMP"
say "built in $((SECONDS - START)) s:"
for f in "$OUT"/*; do echo "  ${f##*/}  $(wc -c < "$f") bytes"; done
