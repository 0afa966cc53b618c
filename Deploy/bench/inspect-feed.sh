#!/usr/bin/env bash
# `summitwatch inspect feed` as feed_eval.py calls it: the scorer passes the HTTP headers a test feed was served
# with as a JSON object in FEED_HTTP_HEADERS; they become --content-type and --base-url (Content-Location).
# Usage: feed_eval.py --corpus DIR "Deploy/bench/inspect-feed.sh"   (SUMMITWATCH_BIN overrides the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SUMMITWATCH_BIN:-$here/.build/debug/summitwatch}
args=()
if [ -n "${FEED_HTTP_HEADERS:-}" ]; then
  mapfile -t args < <(python3 -c '
import json, os
headers = {k.lower(): v for k, v in json.loads(os.environ["FEED_HTTP_HEADERS"]).items() if isinstance(v, str)}
for option, header in (("--content-type", "content-type"), ("--base-url", "content-location")):
    if header in headers:
        print(option); print(headers[header])')
fi
exec "$bin" inspect feed --format json "${args[@]}" "$@"
