#!/usr/bin/env python3
"""Score `summitwatch inspect date` on corpus/dates-dev.json (input, expected = feedparser 6.0.14's answer,
upstream_expected = the value feedparser's own tests or docs state; null: they want it refused).

  date_eval.py [--dates FILE] [--bin PATH] [-v]

Prints the count equal to `expected`, the count equal to `expected` or `upstream_expected`, and with -v every
miss. Standard library only.
"""
import argparse, json, os, subprocess

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--dates", default=os.path.join(here, "..", "corpus", "dates-dev.json"))
ap.add_argument("--bin", default=os.path.join(here, "..", "..", "..", ".build", "debug", "summitwatch"))
ap.add_argument("-v", action="store_true")
args = ap.parse_args()
cases = json.load(open(args.dates, encoding="utf-8"))
out = subprocess.run([args.bin, "inspect", "date"] + [c["input"] for c in cases],
                     capture_output=True, text=True, check=True).stdout.splitlines()
assert len(out) == len(cases), f"{len(out)} lines for {len(cases)} inputs"
strict = lenient = 0
for case, got in zip(cases, out):
    expected = case["expected"]
    got = None if got == "unparsed" else got
    strict += got == expected
    # A present upstream_expected of null means feedparser's own test wants the string refused.
    lenient += got == expected or ("upstream_expected" in case and got == case["upstream_expected"])
    upstream = case.get("upstream_expected", "(none)")
    if args.v and got != expected:
        print(f"{case['input']!r}: got {got}, expected {expected}, upstream {upstream}")
print(f"dates equal to expected {strict} of {len(cases)}; to expected or upstream_expected {lenient} of {len(cases)}")
