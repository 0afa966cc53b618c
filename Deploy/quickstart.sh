#!/usr/bin/env bash
# Sets up the machine, builds SummitWatch (release), serves the bundled demo site on 127.0.0.1, runs a fetch
# cycle over its three feeds, runs a second cycle (which finds nothing new), and shows what was stored.
# Everything the demo writes goes to .demo/ in the repository (removed at the start of each run).
set -euo pipefail
cd "$(dirname "$0")/.."
source Deploy/setup.sh

echo "==> building (release)"
swift build -c release --product summitwatch 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3
bin="$(swift build -c release --show-bin-path)/summitwatch"

rm -rf .demo && mkdir -p .demo
port=8765
if ! python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', $port))" 2>/dev/null; then
  port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
fi
cp -r Deploy/demo/site .demo/site
sed -i "s/127\.0\.0\.1:8765/127.0.0.1:$port/g" .demo/site/feeds/* .demo/site/articles/*
sed -e "s/127\.0\.0\.1:8765/127.0.0.1:$port/g" -e "s#\.\./\.\./\.demo/#./#g" Deploy/demo/summitwatch.yaml > .demo/summitwatch.yaml

python3 -m http.server "$port" --bind 127.0.0.1 --directory .demo/site >.demo/http.log 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done

config=(--config .demo/summitwatch.yaml)
echo "==> config check";            "$bin" config check "${config[@]}"
echo "==> fetch (first cycle)";     "$bin" fetch "${config[@]}"
echo "==> fetch (second cycle)";    "$bin" fetch "${config[@]}"
echo "==> stored articles";         "$bin" query articles "${config[@]}"
echo "==> stories (one event, every source)"; "$bin" query stories "${config[@]}"
echo "==> summits";                 "$bin" query summits "${config[@]}"
echo "==> most-mentioned entities"; "$bin" query entities "${config[@]}" --limit 12
echo "==> feeds status";            "$bin" feeds status "${config[@]}"
echo "==> change log: $(ls .demo/changes/*.jsonl)"; head -n 3 .demo/changes/*.jsonl
echo "==> daily report";            "$bin" report "${config[@]}" --out .demo/report.html && echo ".demo/report.html ($(wc -c < .demo/report.html) bytes): open it in a browser"
echo "==> done. Try: $bin show 1 --config .demo/summitwatch.yaml"
