#!/usr/bin/env bash
# The daemon over many cycles: every 4 s, 10 feeds on a local nginx gain 6 new pages each (3,000 pages over 50
# rounds); `summitwatch run` (interval 3 s) fetches them as they come; its resident memory is read every round.
# Prints RSS after rounds 1, 10, 20, 30, 40, 50 and the spread over rounds 10-50 (the first rounds warm caches).
# Run: bash Deploy/bench/daemon-rss.sh [CYCLES]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles=${1:-50}
source Deploy/setup.sh
dpkg-query -W -f='${Status}' nginx-light 2>/dev/null | grep -q "install ok installed" \
  || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
swift build -c release --product summitwatch 2>&1 | grep -E "error" || true
bin="$(swift build -c release --show-bin-path)/summitwatch"
work=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
base="http://127.0.0.1:$port"
mkdir -p "$work/logs" "$work/site" "$work/state"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http { access_log off; types { text/html html; application/rss+xml xml; } server { listen 127.0.0.1:$port; root $work/site; } }
CONF
python3 Deploy/bench/pipeline_corpus.py "$work/site" "$base" --pages $((cycles * 60 + 60)) --words 600 --feeds 1 --items 1 --links 1
feeds() {  # cycle number → each feed lists its newest 30 items, 6 of them new this cycle
  python3 - "$work/site" "$base" "$1" <<'PY'
import os, sys
site, base, tick = sys.argv[1], sys.argv[2], int(sys.argv[3])
for feed in range(10):
    pages = [(t * 10 + feed) * 6 + i for t in range(max(0, tick - 4), tick + 1) for i in range(6)]
    items = "".join(f"<item><title>Page {p}</title><link>{base}/p/{p}.html</link><guid>p{p}</guid></item>" for p in reversed(pages))
    with open(os.path.join(site, "feeds", f"d{feed}.xml"), "w") as f:
        f.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>')
PY
}
feeds 0
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf" -p "$work"
{
  echo "database: $work/state/daemon.db"; echo "changelog_dir: $work/state/changes"
  echo "fetch: {allow_private: true}"
  echo "schedule: {interval: 3s, min_interval: 1s, jitter: 0}"
  echo "feeds:"; for n in $(seq 0 9); do echo "  - {name: d$n, url: \"$base/feeds/d$n.xml\"}"; done
} > "$work/state/daemon.yaml"
"$bin" run --config "$work/state/daemon.yaml" --log-level info 2> "$work/daemon.log" &
daemon=$!
rss=()
resident() { grep -E '^(RssAnon|RssFile|RssShmem)' /proc/$daemon/status | tr -s ' \t\n' ' '; }  # anonymous and file-backed resident memory, on one line
for tick in $(seq 1 "$cycles"); do  # a new batch of items every 4 s; the daemon runs a cycle whenever feeds are due
  sleep 4
  kill -0 "$daemon" || { cat "$work/daemon.log"; exit 1; }
  rss+=("$(awk '/VmRSS/ {print $2}' /proc/$daemon/status)")
  [ "$tick" = 1 ] && split_first=$(resident)
  feeds "$tick"
done
sleep 4
echo "resident after round 1: $split_first"
echo "resident at the end:    $(resident)"
echo "daemon cycles: $(grep -c 'cycle: ' "$work/daemon.log" || true)"
articles=$(grep -o 'feeds, [0-9]* new' "$work/daemon.log" | awk '{s += $2} END {print s}')
python3 - "$articles" "${rss[@]}" <<'PY'
import sys
articles, rss = int(sys.argv[1]), [int(x) / 1024 for x in sys.argv[2:]]
print(f"{len(rss)} rounds of new items, {articles} new articles stored")
for cycle in sorted({1, 10, 20, 30, 40, 50, *range(100, len(rss) + 1, 50)}):
    if cycle <= len(rss): print(f"after round {cycle:3d}: RSS {rss[cycle - 1]:6.1f} MiB")
steady = rss[9:] or rss
print(f"rounds 10-{len(rss)}: min {min(steady):.1f} MiB, max {max(steady):.1f} MiB, spread {(max(steady) - min(steady)) / min(steady) * 100:.1f} %")
PY
