#!/usr/bin/env bash
# Installs SummitWatch as a systemd service: binary, gazetteer, shell completions and man pages, a starter config
# (kept if present), the system user, and the units (the daemon, or the one-shot fetch and its timer).
#   Deploy/install.sh              build and install (as root)
#   Deploy/install.sh --uninstall  stop and remove binary, gazetteer and units; keep config and state
#   Deploy/install.sh --purge      as --uninstall, and also remove /etc/summitwatch, /var/lib/summitwatch, the user
set -euo pipefail
cd "$(dirname "$0")/.."

units=(summitwatch.service summitwatch-fetch.service summitwatch-fetch.timer)
have_systemd() { command -v systemctl >/dev/null && [ -d /run/systemd/system ]; }

uninstall() {
  if have_systemd; then
    systemctl disable --now "${units[@]}" 2>/dev/null || true
  fi
  for unit in "${units[@]}"; do rm -f "/etc/systemd/system/$unit"; done
  have_systemd && systemctl daemon-reload
  rm -f /usr/local/bin/summitwatch
  rm -rf /usr/local/share/summitwatch
  rm -f /usr/local/share/bash-completion/completions/summitwatch /usr/local/share/zsh/site-functions/_summitwatch \
        /usr/local/share/fish/vendor_completions.d/summitwatch.fish /usr/local/share/man/man1/summitwatch*.1
  echo "install: removed the binary, gazetteer and units" >&2
}

purge() {
  rm -rf /etc/summitwatch /var/lib/summitwatch /var/lib/private/summitwatch
  id summitwatch >/dev/null 2>&1 && userdel summitwatch
  echo "install: removed /etc/summitwatch, /var/lib/summitwatch and the summitwatch user" >&2
}

case "${1:-}" in
  --uninstall) uninstall; echo "install: config and state kept (remove them with --purge)" >&2; exit 0 ;;
  --purge) uninstall; purge; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--uninstall | --purge]" >&2; exit 2 ;;
esac

source Deploy/setup.sh
swift build -c release --product summitwatch
bin="$(swift build -c release --show-bin-path)"
install -m 0755 "$bin/summitwatch" /usr/local/bin/summitwatch
install -D -m 0644 Sources/Entities/Resources/gazetteer.json /usr/local/share/summitwatch/gazetteer.json
install -D -m 0644 Sources/Entities/Resources/cities.json /usr/local/share/summitwatch/cities.json
# Shell completions and the man page, generated from the command definitions (swift-argument-parser).
for shell in bash zsh fish; do
  case $shell in
    bash) target=/usr/local/share/bash-completion/completions/summitwatch ;;
    zsh) target=/usr/local/share/zsh/site-functions/_summitwatch ;;
    fish) target=/usr/local/share/fish/vendor_completions.d/summitwatch.fish ;;
  esac
  install -d "$(dirname "$target")"
  /usr/local/bin/summitwatch --generate-completion-script "$shell" > "$target"
done
swift package --allow-writing-to-package-directory generate-manual --multi-page 2>&1 | tail -1
install -d /usr/local/share/man/man1
install -m 0644 .build/plugins/GenerateManual/outputs/summitwatch/*.1 /usr/local/share/man/man1/
id summitwatch >/dev/null 2>&1 || useradd --system --home-dir /var/lib/summitwatch --no-create-home --shell /usr/sbin/nologin summitwatch
install -d -m 0755 /etc/summitwatch
install -d -m 0700 -o summitwatch -g summitwatch /var/lib/summitwatch
if [ ! -e /etc/summitwatch/summitwatch.yaml ]; then
  install -m 0644 Deploy/starter/summitwatch.yaml /etc/summitwatch/summitwatch.yaml
  echo "install: wrote /etc/summitwatch/summitwatch.yaml, a starter config of public world-news feeds: review its feeds" >&2
fi
/usr/local/bin/summitwatch config check --config /etc/summitwatch/summitwatch.yaml
for unit in "${units[@]}"; do install -m 0644 "systemd/$unit" /etc/systemd/system/; done
if have_systemd; then
  systemctl daemon-reload
  echo "install: done. Start the daemon with: systemctl enable --now summitwatch" >&2
  echo "install: (or, instead of the daemon, one cycle every 15 minutes: systemctl enable --now summitwatch-fetch.timer)" >&2
else
  echo "install: done (systemd is not running here: units installed, not started)" >&2
fi
