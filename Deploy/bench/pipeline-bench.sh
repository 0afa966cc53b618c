#!/usr/bin/env bash
# The whole pipe, cold and warm: synthetic news sites (Deploy/bench/pipeline_corpus.py) and the dev corpora's real
# pages, served by a local nginx on 127.0.0.1, fetched by the release `summitwatch fetch` into a fresh store.
# Per corpus: articles/s, CPU per article beside libxml2's bare parse of the same pages (the floor), peak RSS,
# page requests per distinct page, store bytes per article; then an all-304 cycle and a cycle after edits (a tenth
# of the pages changed, `fetch --recheck`); last, each corpus's cold-cycle CPU per article by stage.
# Run: bash Deploy/bench/pipeline-bench.sh [CORPUS...]   (CORPUS: short long fanout real; default all)
# or:  .build/release/summitwatch-bench pipeline [CORPUS...]   (which runs this script)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
source Deploy/setup.sh
for package in nginx-light time; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; }
done
swift build -c release --product summitwatch 2>&1 | grep -E "error" || true
swift build -c release --product summitwatch-bench 2>&1 | grep -E "error" || true
bin="$(swift build -c release --show-bin-path)/summitwatch"
bench="$(swift build -c release --show-bin-path)/summitwatch-bench"
work=$(mktemp -d)
trap 'nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
base="http://127.0.0.1:$port"
mkdir -p "$work/logs" "$work/site"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  log_format path '\$request_uri \$status';
  access_log $work/logs/access.log path;
  keepalive_requests 100000;
  types { text/html html; application/rss+xml xml; }
  server { listen 127.0.0.1:$port; root $work/site; }
}
CONF

# corpus → generator arguments (the issue's three shapes)
declare -A shapes=(
  [short]="--pages 1500 --words 600 --feeds 30 --items 100 --links 2"
  [long]="--pages 300 --words 4800 --feeds 6 --items 50 --links 1"
  [fanout]="--pages 2000 --words 600 --feeds 200 --items 50 --links 5"
)

real_site() {  # the dev corpora's pages behind one feed each
  mkdir -p "$1/p" "$1/feeds"
  : > "$1/feeds.txt"
  local corpus items page file
  for corpus in extraction-dev extraction-dev-readability; do
    items=""
    for page in Deploy/bench/corpus/$corpus/*.html; do
      file=$(basename "$page")
      cp "$page" "$1/p/$corpus-$file"
      items+="<item><title>$file</title><link>$base/p/$corpus-$file</link><guid>$corpus-$file</guid></item>"
    done
    echo "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>$corpus</title>$items</channel></rss>" > "$1/feeds/$corpus.xml"
    echo "$base/feeds/$corpus.xml" >> "$1/feeds.txt"
  done
}

timed() {  # label, command... → one line of GNU time figures in $work/time.txt
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  read -r wall user sys rss < "$work/time.txt"
}

printf '%-7s %6s %8s %7s %9s %10s %9s %6s %8s %9s %10s %10s %12s\n' corpus pages articles wall_s art/s cpu_ms/art floor_ms ratio rss_MB req/page KiB/art 304_cycle_s edit_cycle_s
: > "$work/stages.txt"
for corpus in "${@:-short long fanout real}"; do
  for name in $corpus; do
    rm -rf "$work/site" "$work/state" && mkdir -p "$work/site" "$work/state"
    if [ "$name" = real ]; then real_site "$work/site"; else python3 Deploy/bench/pipeline_corpus.py "$work/site" "$base" ${shapes[$name]}; fi
    chmod -R a+rX "$work"
    nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true
    sleep 0.2; : > "$work/logs/access.log"
    nginx -c "$work/nginx.conf" -p "$work"
    {
      echo "database: $work/state/bench.db"; echo "changelog_dir: $work/state/changes"
      echo "fetch: {concurrency: 16, per_host: 16, allow_private: true, max_items_per_feed: 10000, max_pages_per_cycle: 100000}"
      echo "schedule: {min_interval: 1s}"
      echo "feeds:"; n=0; while read -r url; do echo "  - {name: f$n, url: \"$url\"}"; n=$((n + 1)); done < "$work/site/feeds.txt"
    } > "$work/state/bench.yaml"
    pages=$(ls "$work/site/p" | wc -l)
    timed "$bin" fetch --config "$work/state/bench.yaml" --format json
    cp "$work/out.txt" "$work/cold.json"
    articles=$(python3 -c "import json,sys; print(json.load(open('$work/cold.json'))['new_articles'])")
    cold_wall=$wall; cold_cpu=$(echo "$user + $sys" | bc); cold_rss=$rss
    requests=$(grep -c '^/p/' "$work/logs/access.log" || true)
    floor=$("$bench" extract "$work/site/p" --repeat 1 --runs 3 | sed -n 's/.*libxml2 parse+walk \([0-9.]*\) ms\/page.*/\1/p' | head -1)
    size=$(du -b "$work/state/bench.db"* | awk '{s += $1} END {print s}')
    timed "$bin" fetch --config "$work/state/bench.yaml"
    warm_wall=$wall
    # An edited cycle: a tenth of the pages get a new paragraph; `--recheck` asks for every article again
    # (conditional requests: the unchanged ones answer 304) and stores the edits as new versions.
    [ "$name" = real ] || python3 Deploy/bench/pipeline_corpus.py "$work/site" "$base" --edit 0.1
    timed "$bin" fetch --config "$work/state/bench.yaml" --recheck --format json
    edit_wall=$wall
    python3 - "$cold_wall" "$cold_cpu" "$articles" "$pages" "$floor" "$cold_rss" "$requests" "$size" "$warm_wall" "$name" "$edit_wall" <<'PY'
import sys
wall, cpu, articles, pages, floor, rss, requests, size, warm, name, edit = sys.argv[1:]
wall, cpu, articles, pages, rss, requests, size, warm, edit = float(wall), float(cpu), int(articles), int(pages), int(rss), int(requests), int(size), float(warm), float(edit)
floor = float(floor) if floor else float("nan")
per = cpu / max(articles, 1) * 1000
print(f"{name:<7} {pages:6d} {articles:8d} {wall:7.1f} {articles / wall:9.0f} {per:10.1f} {floor:9.2f} {per / floor:6.1f} {rss / 1024:8.0f} {requests / pages:9.2f} {size / max(articles, 1) / 1024:10.1f} {warm:10.2f} {edit:12.2f}")
PY
    python3 - "$work/cold.json" "$work/out.txt" "$name" "$articles" >> "$work/stages.txt" <<'PY'
import json, sys
cold, edited, name, articles = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3], max(int(sys.argv[4]), 1)
stages = ", ".join(f"{k} {v * 1000 / articles:.2f}" for k, v in sorted(cold.get("stage_cpu_seconds", {}).items()))
print(f"{name:<7} cold-cycle CPU ms/article by stage: {stages}; edited cycle: {edited['rechecked']} rechecked, {edited['updated']} updated")
PY
  done
done
echo
cat "$work/stages.txt"
