#!/usr/bin/env python3
"""Writes a synthetic news site for the whole-pipe benchmark: PAGES article pages of about WORDS words (a nav, a
footer and a related box around the story, names of real leaders and places in the text, every page different)
and FEEDS RSS feeds of ITEMS items each, every page linked from LINKS feeds (with ?utm_ tracking parameters on
all but the first link, as real feeds do).

  pipeline_corpus.py OUT_DIR BASE_URL --pages N --words N --feeds N --items N --links N [--seed N]
  pipeline_corpus.py OUT_DIR BASE_URL --edit FRACTION      # append a sentence to that share of the pages

Standard library only; deterministic for a seed.
"""
import argparse, os, random

NAMES = ["Vladimir Putin", "Donald Trump", "Volodymyr Zelenskyy", "Steve Witkoff", "Marco Rubio", "Sergey Lavrov",
         "Emmanuel Macron", "Keir Starmer", "Friedrich Merz", "Ursula von der Leyen", "Recep Tayyip Erdogan"]
PLACES = ["Alaska", "Anchorage", "Moscow", "Kyiv", "Washington", "Geneva", "Istanbul", "Brussels", "Budapest", "Riyadh"]
ORGS = ["NATO", "the European Union", "the Kremlin", "the White House", "the United Nations", "the State Department"]


def vocabulary(rng, size=3000):
    syllables = ["ka", "lo", "mi", "ren", "sta", "vor", "del", "ina", "tor", "pel", "sun", "gri", "bal", "nes", "cho"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def paragraph(rng, vocab, words):
    out = []
    written = 0
    while written < words:
        sentence = [rng.choice(vocab) for _ in range(rng.randint(8, 20))]
        written += len(sentence)
        pick = rng.random()
        if pick < 0.3:
            sentence.insert(rng.randint(0, len(sentence)), rng.choice(NAMES))
        elif pick < 0.5:
            sentence.insert(rng.randint(0, len(sentence)), "in " + rng.choice(PLACES))
        elif pick < 0.6:
            sentence.insert(rng.randint(0, len(sentence)), rng.choice(ORGS) + " said")
        out.append(" ".join(sentence).capitalize() + ".")
    return " ".join(out)


def page(rng, vocab, index, words):
    title = f"{rng.choice(NAMES)} and {rng.choice(NAMES)} discuss {rng.choice(vocab)} in {rng.choice(PLACES)} ({index})"
    paragraphs = []
    remaining = words
    while remaining > 0:
        size = min(remaining, rng.randint(40, 90))
        paragraphs.append(f"<p>{paragraph(rng, vocab, size)}</p>")
        remaining -= size
    nav = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in ["world", "europe", "politics", "business", "opinion"])
    related = "".join(f'<li><a href="/p/{(index + k) % 100000}.html">{rng.choice(NAMES)} {rng.choice(vocab)}</a></li>' for k in range(1, 6))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench News</title>
<meta property="og:title" content="{title}"><meta name="author" content="Staff Writer">
<meta property="article:published_time" content="2025-08-{1 + index % 28:02d}T{index % 24:02d}:00:00Z">
<link rel="canonical" href="/p/{index}.html"></head><body>
<header><nav><ul>{nav}</ul></nav><form action="/search"><input name="q"></form></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>{''.join(paragraphs)}</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© Bench News. All rights reserved. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div></footer></body></html>
"""


def write(args):
    rng = random.Random(args.seed)
    vocab = vocabulary(rng)
    os.makedirs(os.path.join(args.out, "p"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "feeds"), exist_ok=True)
    for index in range(args.pages):
        with open(os.path.join(args.out, "p", f"{index}.html"), "w", encoding="utf-8") as f:
            f.write(page(rng, vocab, index, args.words))
    # Each page appears in `links` feeds; feeds hold `items` items each.
    slots = [(index, copy) for copy in range(args.links) for index in range(args.pages)]
    feeds = [[] for _ in range(args.feeds)]
    for position, (index, copy) in enumerate(slots):
        feeds[position % args.feeds].append((index, copy))
    for number, entries in enumerate(feeds):
        items = []
        for index, copy in entries[: args.items]:
            link = f"{args.base}/p/{index}.html" + ("" if copy == 0 else f"?utm_source=feed{number}&utm_medium=rss")
            items.append(f"<item><title>Story {index}</title><link>{link}</link><guid isPermaLink=\"false\">f{number}-{index}</guid>"
                         f"<pubDate>Fri, {1 + index % 28:02d} Aug 2025 {index % 24:02d}:00:00 GMT</pubDate></item>")
        with open(os.path.join(args.out, "feeds", f"{number}.xml"), "w", encoding="utf-8") as f:
            f.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {number}</title>'
                    f"<link>{args.base}/</link>{''.join(items)}</channel></rss>\n")
    with open(os.path.join(args.out, "feeds.txt"), "w") as f:
        for number in range(args.feeds):
            f.write(f"{args.base}/feeds/{number}.xml\n")


def edit(args):
    rng = random.Random(args.seed + 1)
    pages = sorted(os.listdir(os.path.join(args.out, "p")))
    for name in rng.sample(pages, int(len(pages) * args.edit)):
        path = os.path.join(args.out, "p", name)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        html = html.replace("</article>", "<p>Update: officials in Geneva said talks would resume on Monday.</p></article>", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)


ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("out"); ap.add_argument("base")
ap.add_argument("--pages", type=int, default=1500); ap.add_argument("--words", type=int, default=600)
ap.add_argument("--feeds", type=int, default=30); ap.add_argument("--items", type=int, default=100)
ap.add_argument("--links", type=int, default=2); ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--edit", type=float)
args = ap.parse_args()
edit(args) if args.edit else write(args)
