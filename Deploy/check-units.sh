#!/usr/bin/env bash
# Checks the systemd units: `systemd-analyze verify` clean and sandbox exposure at most 2.0
# (`systemd-analyze security --offline=true`). The units name /usr/local/bin/summitwatch, which a test machine
# need not have, so verify reads copies that point at the freshly built binary instead.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=2.0
binary="$PWD/.build/debug/summitwatch"
[ -x "$binary" ] || binary=/bin/true
copies="$(mktemp -d)"
trap 'rm -rf "$copies"' EXIT
for unit in systemd/*; do
  sed "s#/usr/local/bin/summitwatch#$binary#g" "$unit" > "$copies/$(basename "$unit")"
done
(cd "$copies" && systemd-analyze verify ./*.service ./*.timer)
echo "units: systemd-analyze verify clean"
for unit in systemd/*.service; do
  score="$(systemd-analyze security --offline=true "$unit" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')"
  [ -n "$score" ] || { echo "units: no exposure score for $unit" >&2; exit 1; }
  awk -v s="$score" -v l="$limit" 'BEGIN { exit !(s <= l) }' || { echo "units: $unit exposure $score above $limit" >&2; exit 1; }
  echo "units: $(basename "$unit") exposure $score (limit $limit)"
done
