#!/bin/sh
# Installs astra shell from a release: no Java, no Maven and no root needed (the archive holds its
# own Java runtime).
#   curl -fsSL https://github.com/astrashell/astra-shell/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --prefix /opt/astra --version 0.1.0
#   sh install.sh [--prefix DIR] [--from DIR_OR_URL] [--version V] [--uninstall]
# --prefix DIR     where to install (default ~/.local): DIR/share/astra-shell/VERSION, a relative
#                  link DIR/bin/astra, completion in DIR/share/bash-completion/completions/astra
#                  and DIR/share/zsh/site-functions/_astra, the man page in DIR/share/man/man1
# --from WHERE     a folder or URL holding the release's archive and SHA256SUMS (default the
#                  project's GitHub releases: the latest one, or vV with --version)
# --version V      that version (default: the one SHA256SUMS lists)
# --uninstall      remove what an install made (never ~/.astrarc nor ~/.astra: profiles, history
#                  and the sandbox stay)
# The archive's checksum is checked against SHA256SUMS before anything is unpacked. The version
# installed before is kept until the new one answers `astra version`.
set -eu

RELEASES=https://github.com/astrashell/astra-shell/releases

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
usage() {
  say "usage: install.sh [--prefix DIR] [--from DIR_OR_URL] [--version V] [--uninstall]"
  say "  --prefix DIR     where to install (default ~/.local); astra goes in DIR/bin"
  say "  --from WHERE     a folder or URL with the release's archive and SHA256SUMS (default $RELEASES)"
  say "  --version V      that version (default: the latest, or the one WHERE holds)"
  say "  --uninstall      remove astra shell from DIR (your profiles and history stay)"
}

PREFIX='' FROM='' VERSION='' UNINSTALL=0
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#*=}; shift ;;
    --from) [ $# -ge 2 ] || die "--from needs a folder or URL"; FROM=$2; shift 2 ;;
    --from=*) FROM=${1#*=}; shift ;;
    --version) [ $# -ge 2 ] || die "--version needs a version"; VERSION=${2#v}; shift 2 ;;
    --version=*) VERSION=${1#*=}; VERSION=${VERSION#v}; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (options: --prefix DIR, --from DIR_OR_URL, --version V, --uninstall)" ;;
  esac
done
case $VERSION in *[!A-Za-z0-9._+-]*) die "not a version: '$VERSION'" ;; esac
if [ -z "$PREFIX" ]; then
  [ -n "${HOME:-}" ] || die "HOME is not set: give --prefix DIR"
  PREFIX=$HOME/.local
fi
case $PREFIX in /*) ;; *) PREFIX=$PWD/$PREFIX ;; esac
PREFIX=${PREFIX%/}
SHARE=$PREFIX/share/astra-shell
BIN=$PREFIX/bin/astra
BASH_COMPLETION=$PREFIX/share/bash-completion/completions/astra
ZSH_COMPLETION=$PREFIX/share/zsh/site-functions/_astra
MAN=$PREFIX/share/man/man1/astra.1

# the link PREFIX/bin/astra is ours when it leads into PREFIX/share/astra-shell
ours_link() { [ -L "$BIN" ] && case $(readlink "$BIN") in *share/astra-shell/*) true ;; *) false ;; esac; }
# a completion or man file is ours when its first lines name astra shell
ours_file() { [ -f "$1" ] && head -n 3 "$1" | grep -q 'astra shell'; }

if [ "$UNINSTALL" = 1 ]; then
  REMOVED=0
  removed() { rm -rf "$1"; say "removed $1"; REMOVED=1; }
  if ours_link; then removed "$BIN"; fi
  for F in "$BASH_COMPLETION" "$ZSH_COMPLETION" "$MAN"; do
    if ours_file "$F"; then removed "$F"; fi
  done
  if [ -d "$SHARE" ]; then removed "$SHARE"; fi
  # the class archives it made for another Java, if any
  case ${XDG_CACHE_HOME:-} in /*) CACHE=$XDG_CACHE_HOME/astra-shell ;; *) CACHE=${HOME:+$HOME/.cache/astra-shell} ;; esac
  if [ -n "$CACHE" ] && [ -d "$CACHE" ]; then removed "$CACHE"; fi
  if [ "$REMOVED" = 0 ]; then say "astra shell is not installed in $PREFIX: nothing removed"; exit 0; fi
  say "kept your profiles and history (~/.astrarc, ~/.astra)"
  exit 0
fi

case $(uname -s) in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  *) die "no release of astra shell for $(uname -s): build it from its sources (README)" ;;
esac
case $(uname -m) in
  x86_64|amd64) ARCH=x64 ;;
  aarch64|arm64) ARCH=aarch64 ;;
  *) die "no release of astra shell for $(uname -m): build it from its sources (README)" ;;
esac
PLATFORM=$OS-$ARCH

if [ -z "$FROM" ]; then
  if [ -n "$VERSION" ]; then FROM=$RELEASES/download/v$VERSION; else FROM=$RELEASES/latest/download; fi
fi
FROM=${FROM%/}

TMP=$(mktemp -d)
NEW=''
cleanup() { rm -rf "$TMP"; if [ -n "$NEW" ]; then rm -rf "$NEW"; fi; }
trap cleanup EXIT
trap 'cleanup; trap - INT EXIT; kill -s INT $$; exit 130' INT
trap 'cleanup; trap - TERM EXIT; kill -s TERM $$; exit 143' TERM

fetch() { # NAME: copies FROM/NAME to TMP/NAME
  case $FROM in
    http://*|https://*|file://*)
      if command -v curl >/dev/null 2>&1; then
        curl -fsSL -o "$TMP/$1" "$FROM/$1" || die "cannot download $FROM/$1"
      elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$TMP/$1" "$FROM/$1" || die "cannot download $FROM/$1"
      else
        die "curl or wget is needed to download $FROM/$1"
      fi ;;
    *) [ -f "$FROM/$1" ] || die "no $1 in $FROM"
       cp "$FROM/$1" "$TMP/$1" ;;
  esac
}
sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 "$1" | sed 's/.*= *//'
  else die "sha256sum, shasum or openssl is needed to check the archive"
  fi
}

# which archive: the one SHA256SUMS lists for this platform (and version)
fetch SHA256SUMS
if [ -n "$VERSION" ]; then
  ARCHIVE=astra-shell-$VERSION-$PLATFORM.tar.gz
  grep -q "  \*\{0,1\}$ARCHIVE\$" "$TMP/SHA256SUMS" || die "$FROM/SHA256SUMS lists no $ARCHIVE"
else
  ARCHIVE=$(sed -n "s/^[0-9a-f]\{64\}  \*\{0,1\}\(astra-shell-[A-Za-z0-9._+-]*-$PLATFORM\.tar\.gz\)\$/\1/p" "$TMP/SHA256SUMS")
  case $ARCHIVE in
    '') die "$FROM/SHA256SUMS lists no archive for $PLATFORM" ;;
    *"
"*) die "$FROM/SHA256SUMS lists several versions for $PLATFORM: choose one with --version" ;;
  esac
  VERSION=${ARCHIVE#astra-shell-}
  VERSION=${VERSION%-"$PLATFORM".tar.gz}
fi
EXPECTED=$(sed -n "s/^\([0-9a-f]\{64\}\)  \*\{0,1\}$ARCHIVE\$/\1/p" "$TMP/SHA256SUMS" | head -n 1)

# the checksum before anything else
fetch "$ARCHIVE"
ACTUAL=$(sha256 "$TMP/$ARCHIVE")
[ "$ACTUAL" = "$EXPECTED" ] || die "the checksum of $ARCHIVE does not match $FROM/SHA256SUMS: nothing installed"

# never over someone else's astra (the Astra CLI is called astra too)
if [ -e "$BIN" ] || [ -L "$BIN" ]; then
  ours_link || die "$BIN exists and is not astra shell's: move it away, or choose another --prefix"
fi

mkdir -p "$SHARE" "$PREFIX/bin" || die "cannot write $PREFIX"
NEW=$SHARE/.$VERSION.$$.new
mkdir "$NEW"
(cd "$NEW" && gzip -dc "$TMP/$ARCHIVE" | tar -xf -) || die "cannot unpack $ARCHIVE into $SHARE"
[ -x "$NEW/astra-shell-$VERSION/astra" ] || die "$ARCHIVE does not hold astra-shell-$VERSION/astra"

# the new version must answer before it replaces anything (in a home of its own: never yours)
ANSWER=$(env -u ASTRA_JAVA -u ASTRA_JAVA_OPTS -u ASTRA_NO_CACHE -u ASTRA_DB_APPLICATION_TOKEN \
  HOME="$TMP" ASTRA_HOME="$TMP/.astra" ASTRARC="$TMP/.astrarc" XDG_CACHE_HOME="$TMP/cache" \
  "$NEW/astra-shell-$VERSION/astra" version 2>&1) || ANSWER="$ANSWER (exit $?)"
case $ANSWER in
  "astra shell $VERSION "*) ;;
  *) die "astra shell $VERSION does not answer 'astra version' here ($ANSWER): nothing changed" ;;
esac

# in place: the version folder, then the link (replaced in one rename), then the other versions go
if [ -d "$SHARE/$VERSION" ]; then mv "$SHARE/$VERSION" "$SHARE/.$VERSION.$$.old"; fi
mv "$NEW/astra-shell-$VERSION" "$SHARE/$VERSION"
rm -rf "$NEW"
NEW=''
ln -s "../share/astra-shell/$VERSION/astra" "$PREFIX/bin/.astra.$$"
mv -f "$PREFIX/bin/.astra.$$" "$BIN"
for OLD in "$SHARE"/* "$SHARE"/.[!.]*; do
  if [ -e "$OLD" ] && [ "$OLD" != "$SHARE/$VERSION" ]; then rm -rf "$OLD"; fi
done
mkdir -p "${BASH_COMPLETION%/*}" "${ZSH_COMPLETION%/*}" "${MAN%/*}"
cp "$SHARE/$VERSION/completion/astra.bash" "$BASH_COMPLETION"
cp "$SHARE/$VERSION/completion/_astra" "$ZSH_COMPLETION"
cp "$SHARE/$VERSION/man/astra.1" "$MAN"

say "astra shell $VERSION installed: $BIN -> $SHARE/$VERSION"
case :${PATH:-}: in
  *:"$PREFIX/bin":*) say "run: astra" ;;
  *) say "$PREFIX/bin is not on your PATH: add it (in ~/.profile: export PATH=\"$PREFIX/bin:\$PATH\"), then run: astra" ;;
esac
