#!/usr/bin/env bash
# Sets up the machine and runs every test (Swift Testing; real HTTP servers on 127.0.0.1, real SQLite files).
set -euo pipefail
cd "$(dirname "$0")/.."
SUMMITWATCH_SETUP=tests source Deploy/setup.sh
# Style: lint only (never rewrites); `swift format format -i -r Sources Tests Package.swift Fuzz` fixes it.
swift format lint --strict -r Sources Tests Package.swift Fuzz
echo "swift format lint: clean"
swift build --build-tests 2>&1 | grep -E "error|warning: unre|Build complete" | tail -5
# systemd units: verify clean, sandbox exposure <= 2.0 (issue 11).
bash Deploy/check-units.sh
# The SIGKILL crash test runs alone: it would starve the timing-sensitive tests beside it.
SUMMITWATCH_CRASH_TEST=1 swift test --skip-build --filter CrashCycleTests 2>&1 | tee .build/crash-test-output.txt | grep -E "^(✔|✘)|crash test:"
grep -qE "✔ Test run with 1 test .*passed" .build/crash-test-output.txt
swift test 2>&1 | tee .build/test-output.txt | grep -vE "^◇ Test .* started\.$|^(Test Suite|	 Executed)" 
grep -qE "✔ Test run with [0-9]+ tests? .*passed" .build/test-output.txt
