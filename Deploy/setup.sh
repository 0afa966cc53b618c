#!/usr/bin/env bash
# Installs what SummitWatch needs on a fresh Debian machine (idempotent): the C libraries it links against,
# iso-codes (country names for the gazetteer), python3 (the demo's web server), and for the report's tests an
# HTML5 parser (python3-html5lib) and a headless browser (chromium). Swift itself must already
# be on the machine (it is at /opt/swift on our machines); this script finds it.
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev iso-codes python3 curl)
# What only the tests need (Deploy/test.sh sets SUMMITWATCH_SETUP=tests): the unit checks (systemd-analyze), `check`
# against the system's own sqlite3, the report's HTML5 parser and the browser that renders it.
[ "${SUMMITWATCH_SETUP:-}" = tests ] && packages+=(systemd sqlite3 python3-html5lib chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH" && break
  done
fi
command -v swift >/dev/null 2>&1 || { echo "setup: no Swift toolchain found (need Swift 6); install it from swift.org" >&2; exit 1; }
