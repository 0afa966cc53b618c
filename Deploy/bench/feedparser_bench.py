#!/usr/bin/env python3
"""The feedparser side of the feed-parsing benchmark: the same files, parsed from bytes in memory the same
number of times, CPU time, best of three runs, as `summitwatch-bench feeds` measures ours.

    pip install feedparser==6.0.14
    python3 Deploy/bench/feedparser_bench.py Deploy/bench/corpus/feeds-dev --repeat 10
"""
import argparse
import os
import time

import feedparser


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    names = sorted(n for n in os.listdir(args.folder) if n.endswith(".xml"))
    feeds = [open(os.path.join(args.folder, n), "rb").read() for n in names]
    total = sum(len(f) for f in feeds)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(args.repeat):
            for feed in feeds:
                feedparser.parse(feed)
        best = min(best, time.process_time() - start)
    megabytes = total * args.repeat / 1_048_576
    print(f"feedparser {feedparser.__version__}: feeds {len(feeds)} ({total / 1024:.1f} KiB) x {args.repeat}  "
          f"{best:.3f} s CPU  {megabytes / best:.2f} MB/s  {len(feeds) * args.repeat / best:.0f} feeds/s")


if __name__ == "__main__":
    main()
