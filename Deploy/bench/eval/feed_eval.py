#!/usr/bin/env python3
"""Score a feed parser on a corpus of CATEGORY__NAME.xml + CATEGORY__NAME.expect.json files.

  feed_eval.py [--corpus DIR] [--jobs N] [--timeout S] [-v] 'COMMAND'
      COMMAND (run by sh) gets one feed file's path appended as its last word
      and must print its parse on stdout as one JSON object in the normalised
      shape of corpus/feeds-dev/README.md (Deploy/bench/corpus here). If the expectation records the
      HTTP headers the feed was served with, they reach COMMAND as a JSON object
      in the environment variable FEED_HTTP_HEADERS.

A field is one leaf of an expectation: bozo, version, feed.K, the entry count,
entries[i].K (meta is not scored). A value matches if it equals the expected
value exactly, or the K_raw value recorded beside it (feedparser's output with
HTML sanitising and relative-URI resolution off). Fields that the expectation
lacks are not scored, so extra output costs nothing. A crash (non-zero exit,
timeout, or output that is not a JSON object) leaves all of that file's fields
unmatched. Standard library only. The last line printed is
  fields_matched M of T (P%) files_crashed C files N
"""
import argparse, collections, concurrent.futures, glob, json, os, shlex, subprocess, sys

MISSING = object()
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpus/feeds-dev")


def fields(exp):
    """(name for the tally, label, path into the parse, expected value, accepted alternative)"""
    yield "bozo", "bozo", ("bozo",), exp["bozo"], MISSING
    yield "version", "version", ("version",), exp["version"], MISSING
    for k, v in exp["feed"].items():
        if not k.endswith("_raw"):
            yield "feed." + k, "feed." + k, ("feed", k), v, exp["feed"].get(k + "_raw", MISSING)
    yield "entries.count", "entries.count", ("entries", len), len(exp["entries"]), MISSING
    for i, e in enumerate(exp["entries"]):
        for k, v in e.items():
            if not k.endswith("_raw"):
                yield "entry." + k, f"entries[{i}].{k}", ("entries", i, k), v, e.get(k + "_raw", MISSING)


def lookup(obj, path):
    for step in path:
        if step is len:
            return len(obj) if isinstance(obj, list) else MISSING
        try:
            obj = obj[step]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return obj


def run(cmd, feed, headers, timeout):
    line = cmd + " " + shlex.quote(feed)
    env = {k: v for k, v in os.environ.items() if k != "FEED_HTTP_HEADERS"}
    if headers:
        env["FEED_HTTP_HEADERS"] = json.dumps(headers)
    try:
        p = subprocess.run(line, shell=True, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if p.returncode:
        return None, f"exit status {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()[-200:]}"
    try:
        out = json.loads(p.stdout)
    except ValueError:
        return None, "output is not JSON"
    return (out, None) if isinstance(out, dict) else (None, "output is not a JSON object")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 4)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch and crash")
    a = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(a.corpus, "*.expect.json")))
    if not paths:
        sys.exit(f"no *.expect.json in {a.corpus}")
    exps = [json.load(open(p, encoding="utf-8")) for p in paths]

    def one(exp):
        meta = exp.get("meta", {})
        return run(a.command, os.path.join(a.corpus, meta["file"]), meta.get("http_headers"), a.timeout)

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(one, exps))
    by_field, by_cat = collections.defaultdict(lambda: [0, 0]), collections.defaultdict(lambda: [0, 0])
    matched = total = crashed = 0
    for exp, (out, err) in zip(exps, results):
        name, cat = exp["meta"]["file"], exp["meta"]["file"].split("__")[0]
        if err:
            crashed += 1
            if a.verbose:
                print(f"CRASH {name}: {err}")
        for field, label, path, want, alt in fields(exp):
            got = MISSING if err else lookup(out, path)
            ok = got is not MISSING and (got == want or (alt is not MISSING and got == alt))
            matched, total = matched + ok, total + 1
            for tally in (by_field[field], by_cat[cat]):
                tally[0], tally[1] = tally[0] + ok, tally[1] + 1
            if a.verbose and not ok and not err:
                shown = "(missing)" if got is MISSING else json.dumps(got, ensure_ascii=False)[:160]
                print(f"MISMATCH {name} {label}: want {json.dumps(want, ensure_ascii=False)[:160]} got {shown}")
    for title, tallies in (("field", by_field), ("category", by_cat)):
        print(f"{title:<20} matched  total")
        for k, (m, t) in sorted(tallies.items()):
            print(f"  {k:<18} {m:7d} {t:6d}  {100 * m / t:5.1f}%")
    print(f"fields_matched {matched} of {total} ({100 * matched / total:.1f}%) files_crashed {crashed} files {len(exps)}")


if __name__ == "__main__":
    main()
