#!/usr/bin/env bash
# Runs one libFuzzer target for MINUTES minutes: Fuzz/run.sh TARGET MINUTES
# TARGET: feed, extract, date, url or config. The corpus grows in Fuzz/.work/corpus-TARGET (seeded from
# Fuzz/Seeds/TARGET, taken from the test fixtures); a crashing input lands in Fuzz/.work/crashes-TARGET/.
# One process (libFuzzer without -jobs/-workers): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh TARGET MINUTES (feed, extract, date, url, config)}
minutes=${2:-10}
[[ -d Seeds/$target ]] || { echo "no such target: $target" >&2; exit 2; }
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "fuzz-$target" 2>&1 | grep -E "error|Compiling fuzz|Build complete" || true
binary=$(swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --show-bin-path)/fuzz-$target
[[ -x $binary ]] || { echo "build failed" >&2; exit 1; }
mkdir -p ".work/corpus-$target" ".work/crashes-$target"
cp -n "Seeds/$target"/* ".work/corpus-$target/"
exec "$binary" ".work/corpus-$target" -max_total_time=$((minutes * 60)) -timeout=20 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix=".work/crashes-$target/"
