#!/usr/bin/env python3
"""Writes generated pages of a given size for timing extraction on huge inputs (issue 13, item 7).

  huge-pages.py OUT_DIR SIZE_MB [SIZE_MB ...]

For each size: news_<N>m.html (story cards with inline links beside link lists, the shape of a real front page)
and deep_<N>m.html (390 nested <span> levels, each holding thousands of small inline elements: the shape that
made subtree questions cost size x depth). Time them with
  /usr/bin/time -v .build/release/summitwatch inspect article OUT_DIR/deep_60m.html > /dev/null
Deterministic (fixed seed); standard library only.
"""
import os, random, sys


def deep(megabytes):
    per_level = (megabytes << 20) // 390
    unit = "<i>word</i> "
    return "<html><body>" + "".join("<span>" + unit * (per_level // len(unit)) for _ in range(390)) + "</body></html>"


def news(megabytes, rng):
    words = "the minister said talks in geneva would resume next week after officials, diplomats and envoys met again".split()
    sentence = lambda n: " ".join(rng.choice(words) for _ in range(n)) + "."
    out, size, index = [], 0, 0
    while size < megabytes << 20:
        card = ('<div class="row"><div class="col"><article class="story"><h2>%s</h2>' % sentence(6)
                + "".join('<p>%s <a href="/a%d">%s</a> %s</p>' % (sentence(20), index, sentence(3), sentence(15)) for _ in range(6))
                + '</article><aside><ul>' + "".join('<li><a href="/r%d">%s</a></li>' % (j, sentence(5)) for j in range(8))
                + '</ul></aside></div></div>')
        out.append(card)
        size += len(card)
        index += 1
    return '<html><head><title>t</title></head><body><div id="main">' + "".join(out) + "</div></body></html>"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    os.makedirs(sys.argv[1], exist_ok=True)
    for megabytes in map(int, sys.argv[2:]):
        with open(os.path.join(sys.argv[1], "deep_%dm.html" % megabytes), "w") as f:
            f.write(deep(megabytes))
        with open(os.path.join(sys.argv[1], "news_%dm.html" % megabytes), "w") as f:
            f.write(news(megabytes, random.Random(5)))


if __name__ == "__main__":
    main()
