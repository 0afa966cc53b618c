#!/usr/bin/env python3
"""Leave-one-document-out estimates of entity F1 and relevance accuracy for rule-based extraction.

A rule family or gazetteer entry written while looking at the development documents counts, for each document d,
only if it also helps some document other than d. So for each d the extractor runs without the rule families
(switched off with inspect entities --without-rules) and without the gazetteer entries (a copy of the gazetteer without
them, via SUMMITWATCH_GAZETTEER) whose help is confined to d; the summed counts give the held-out figure.

    python3 Deploy/bench/entity_loo.py --eval PATH/entity_eval.py --gold GOLD.json --html-dir DIR \
        --binary .build/debug/summitwatch --baseline-gazetteer OLD_gazetteer.json

A family helps a document when switching it off adds errors (FP + FN) there; a gazetteer entry (or alias) added
since the baseline helps the documents whose gold entities carry one of its names.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile

FAMILIES = ["cities", "compassRegions", "contextPlaces", "acronyms", "shortForms", "organisationContext",
            "institutionNames", "titledNames"]


def load_eval(path):
    spec = importlib.util.spec_from_file_location("entity_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(binary, html, env_extra, without=()):
    env = dict(os.environ, **env_extra)
    switches = ["--without-rules", ",".join(without)] if without else []
    out = subprocess.run([binary, "inspect", "entities", "--format", "json"] + switches + [html], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def relevance_loo(gold, predictions):
    """Each document judged with the threshold fitted on the other documents: halfway between their highest
    non-relevant score and their lowest relevant one."""
    scores = [(predictions[rec["id"]]["score"], rec["relevant"]) for rec in gold]
    correct = 0
    for i, (score, relevant) in enumerate(scores):
        rest = scores[:i] + scores[i + 1:]
        threshold = (max(s for s, r in rest if not r) + min(s for s, r in rest if r)) / 2
        correct += (score >= threshold) == relevant
    print("relevance, leave-one-document-out threshold: %d of %d correct (%.3f)" % (correct, len(scores), correct / len(scores)))


def errors(counts):
    return sum(fp + fn for (_, fp, fn) in counts.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--gold", required=True)
    parser.add_argument("--html-dir", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--gazetteer", default="Sources/Entities/Resources/gazetteer.json")
    parser.add_argument("--baseline-gazetteer", required=True)
    args = parser.parse_args()
    ev = load_eval(args.eval)
    gold = json.load(open(args.gold, encoding="utf-8"))
    html = {rec["id"]: os.path.join(args.html_dir, rec["id"] + ".html") for rec in gold}

    predictions = {rec["id"]: predict(args.binary, html[rec["id"]], {}) for rec in gold}
    full = {rec["id"]: ev.score_doc(rec, predictions[rec["id"]]) for rec in gold}
    relevance_loo(gold, predictions)
    helped = {}
    for family in FAMILIES:
        helped[family] = set()
        for rec in gold:
            ablated = ev.score_doc(rec, predict(args.binary, html[rec["id"]], {}, without=[family]))
            if errors(ablated) > errors(full[rec["id"]]):
                helped[family].add(rec["id"])
        print("family %-20s helps %2d documents" % (family, len(helped[family])))

    current = json.load(open(args.gazetteer, encoding="utf-8"))
    baseline = json.load(open(args.baseline_gazetteer, encoding="utf-8"))
    old_names = {ev.norm(n) for e in baseline["entries"] for n in [e["name"]] + e.get("aliases", [])}
    added = []  # (entry index, added names)
    for index, entry in enumerate(current["entries"]):
        names = {ev.norm(n) for n in [entry["name"]] + entry.get("aliases", [])} - old_names
        if names:
            added.append((index, names))
    support = {}
    for index, names in added:
        support[index] = {rec["id"] for rec in gold if any(ev.keys_gold(e) & names for e in rec["entities"])}
        print("gazetteer addition %-34s supported by %d documents" % (current["entries"][index]["name"], len(support[index])))

    totals = {t: [0, 0, 0] for t in ev.TYPES}
    workdir = tempfile.mkdtemp()
    try:
        for rec in gold:
            doc = rec["id"]
            off = [f for f in FAMILIES if helped[f] and helped[f] <= {doc}]
            dropped = {i for i, _ in added if support[i] and support[i] <= {doc}}
            counts = full[doc]
            if off or dropped:
                env = {}
                if dropped:
                    reduced = dict(current, entries=[e for i, e in enumerate(current["entries"]) if i not in dropped])
                    path = os.path.join(workdir, "gazetteer.json")
                    json.dump(reduced, open(path, "w", encoding="utf-8"))
                    shutil.copy(os.path.join(os.path.dirname(args.gazetteer), "cities.json"), workdir)
                    env["SUMMITWATCH_GAZETTEER"] = path
                counts = ev.score_doc(rec, predict(args.binary, html[doc], env, without=off))
                print("%-42s without %s%s" % (doc, ", ".join(off) or "-", " and %d gazetteer additions" % len(dropped) if dropped else ""))
            for t in ev.TYPES:
                for k in range(3):
                    totals[t][k] += counts[t][k]
    finally:
        shutil.rmtree(workdir)
    tp = sum(v[0] for v in totals.values()); fp = sum(v[1] for v in totals.values()); fn = sum(v[2] for v in totals.values())
    for t in ev.TYPES:
        p, r, f = ev.prf(*totals[t])
        print("%-7s P %.3f R %.3f F1 %.3f" % (t, p, r, f))
    p, r, f = ev.prf(tp, fp, fn)
    print("leave-one-document-out micro F1 %.3f precision %.3f recall %.3f (TP %d FP %d FN %d)" % (f, p, r, tp, fp, fn))


if __name__ == "__main__":
    main()
