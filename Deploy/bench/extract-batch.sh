#!/bin/sh
# Batch command for Deploy/bench/eval/extraction_eval.py --batch-cmd: IN_DIR OUT_DIR.
here=$(cd "$(dirname "$0")/../.." && pwd)
exec "$here/.build/debug/summitwatch" inspect article --format text --out-dir "$2" "$1"/*.html
