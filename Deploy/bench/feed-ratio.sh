#!/usr/bin/env bash
# Feed parsing speed against feedparser 6.0.14, on the same files, on the same machine, measured in turns so
# that both see the same moments of a VM whose speed drifts: N rounds of (feedparser, ours). Reports the median
# ratio of the pairs (each pair ran back to back) and the ratio of each side's best.
#   bash Deploy/bench/feed-ratio.sh [folder] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=${1:-Deploy/bench/corpus/feeds-dev}
rounds=${2:-6}
python3 -c "import feedparser" 2>/dev/null || pip install -q feedparser==6.0.14
swift build -c release --product summitwatch-bench 2>&1 | grep -E "error|Build" | tail -1
bench="$(swift build -c release --show-bin-path)/summitwatch-bench"
lines=""
for _ in $(seq "$rounds"); do
  theirs=$(python3 Deploy/bench/feedparser_bench.py "$folder" --repeat 5 | grep -o '[0-9.]* MB/s' | cut -d' ' -f1)
  ours=$("$bench" feeds "$folder" --repeat 100 --ours-only | grep -o '[0-9.]* MB/s' | cut -d' ' -f1)
  line="feedparser $theirs MiB/s   summitwatch $ours MiB/s   ratio $(python3 -c "print(f'{$ours / $theirs:.1f}')")×"
  echo "$line"
  lines+="$line"$'\n'
done
printf '%s' "$lines" | python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
theirs, ours, ratios = [float(r[1]) for r in rows], [float(r[4]) for r in rows], [float(r[7].rstrip("×")) for r in rows]
print(f"median ratio of the {len(rows)} pairs: {statistics.median(ratios):.1f}× (range {min(ratios):.1f}–{max(ratios):.1f}×)")
print(f"best of each: feedparser {max(theirs):.2f} MiB/s, summitwatch {max(ours):.1f} MiB/s, {max(ours) / max(theirs):.1f}×")
'
