#!/usr/bin/env bash
# Fetch benchmark: 2,000 small documents from a local nginx at concurrency 32, with SummitWatch's libcurl multi
# engine and with `curl --parallel --parallel-max 32`, each under GNU time (wall, CPU, peak RSS).
# Run: bash Deploy/bench/fetch-bench.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
source Deploy/setup.sh
for package in nginx-light time; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; }
done
count=${1:-2000}
work=$(mktemp -d)
trap 'nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/docs" "$work/logs"
body=$(python3 -c "print('<html><body><article>' + '<p>Leaders met in Geneva for talks on a ceasefire, officials said.</p>' * 40 + '</article></body></html>')")
for i in $(seq 1 "$count"); do printf '%s\n<!-- %d -->\n' "$body" "$i" > "$work/docs/$i.html"; done
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/docs; }
}
CONF
chmod -R a+rX "$work"   # nginx's worker (www-data) must read the documents
nginx -c "$work/nginx.conf" -p "$work"
for i in $(seq 1 "$count"); do echo "http://127.0.0.1:$port/$i.html"; done > "$work/urls.txt"
for i in $(seq 1 "$count"); do printf 'url = "http://127.0.0.1:%s/%s.html"\noutput = "/dev/null"\n' "$port" "$i"; done > "$work/curl.cfg"

swift build -c release --product summitwatch-bench 2>&1 | grep -E "error" || true
bench="$(swift build -c release --show-bin-path)/summitwatch-bench"
echo "== summitwatch (libcurl multi, concurrency 32)"
${PROFILE:-} /usr/bin/time -f "   GNU time: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" "$bench" fetch --urls "$work/urls.txt" --concurrency 32 --per-host 32
echo "== curl $(curl --version | head -1 | cut -d' ' -f2) --parallel --parallel-max 32"
/usr/bin/time -f "   GNU time: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  curl -s --parallel --parallel-max 32 -K "$work/curl.cfg" -w "%{http_code}\n" > "$work/curl-status.txt"
echo "   curl: $(grep -c '^200$' "$work/curl-status.txt") of $count answered 200"
