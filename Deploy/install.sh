#!/usr/bin/env bash
# Installs SummitWatch as a systemd service: binary, gazetteer, config (kept if present), user and unit.
set -euo pipefail
cd "$(dirname "$0")/.."
source Deploy/setup.sh
swift build -c release --product summitwatch
bin="$(swift build -c release --show-bin-path)"
install -m 0755 "$bin/summitwatch" /usr/local/bin/summitwatch
install -D -m 0644 Sources/Entities/Resources/gazetteer.json /usr/local/share/summitwatch/gazetteer.json
install -D -m 0644 Sources/Entities/Resources/cities.json /usr/local/share/summitwatch/cities.json
id summitwatch >/dev/null 2>&1 || useradd --system --home /var/lib/summitwatch --shell /usr/sbin/nologin summitwatch
install -d -m 0755 /etc/summitwatch
if [ ! -e /etc/summitwatch/summitwatch.yaml ]; then
  sed -e 's#^database: .*#database: /var/lib/summitwatch/summitwatch.db#' \
      -e 's#^changelog_dir: .*#changelog_dir: /var/lib/summitwatch/changes#' \
      -e 's#^metrics_file: .*#metrics_file: /var/lib/summitwatch/summitwatch.prom#' \
      -e 's#^report_dir: .*#report_dir: /var/lib/summitwatch/reports#' \
      Deploy/demo/summitwatch.yaml > /etc/summitwatch/summitwatch.yaml
  echo "install: wrote /etc/summitwatch/summitwatch.yaml from the demo config: edit its feeds" >&2
fi
install -m 0644 systemd/summitwatch.service systemd/summitwatch-fetch.service /etc/systemd/system/
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  echo "install: done. Start with: systemctl enable --now summitwatch" >&2
fi
