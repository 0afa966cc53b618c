#!/usr/bin/env python3
"""Exact-match rates of extracted title, byline and published time against a corpus of NAME.html + NAME.json
pages whose JSON carries `title`, `byline` and `publishedTime` (null where the reference found none), as
mozilla/readability's test pages do.

  extraction-metadata.py --corpus DIR [--bin .build/debug/summitwatch] [--show]

A field is compared on the pages where the reference has a value. Strings match after whitespace is
collapsed ("exact"); "loose" also ignores case and a leading "By". A time matches when both denote the same
instant to the second (the CLI prints whole seconds); a reference without a zone is read as UTC, as the
extractor reads it. Standard library only.
"""
import argparse, datetime, glob, json, os, re, subprocess, sys, tempfile


def squeeze(text):
    return re.sub(r'\s+', ' ', text or '').strip()


def loose(text):
    return re.sub(r'^by\s+', '', squeeze(text).lower())


def instant(text):
    if not text:
        return None
    text = text.strip().replace(' ', 'T', 1)
    text = re.sub(r'(\.\d{1,6})\d*', r'\1', text)          # Python takes at most microseconds
    text = re.sub(r'Z$', '+00:00', text)
    text = re.sub(r'([+-]\d\d)(\d\d)$', r'\1:\2', text)     # +0100 -> +01:00
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        try:
            value = datetime.datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).replace(microsecond=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--corpus', required=True)
    parser.add_argument('--bin', default=os.path.join(os.path.dirname(__file__), '../../.build/debug/summitwatch'))
    parser.add_argument('--show', action='store_true', help='print every mismatch')
    args = parser.parse_args()
    pages = sorted(glob.glob(os.path.join(args.corpus, '*.html')))
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([args.bin, 'inspect', 'article', '--format', 'json', '--out-dir', out] + pages, check=True,
                       stdout=subprocess.DEVNULL)
        rows = []
        for page in pages:
            name = os.path.splitext(os.path.basename(page))[0]
            with open(os.path.splitext(page)[0] + '.json', encoding='utf-8') as f:
                expected = json.load(f)
            with open(os.path.join(out, name + '.json'), encoding='utf-8') as f:
                got = json.load(f)
            rows.append((name, expected, got))
    for field, ours, compare in [('title', 'title', None), ('byline', 'byline', None), ('publishedTime', 'published', 'time')]:
        scored = [(n, e.get(field), g.get(ours)) for n, e, g in rows if e.get(field)]
        if compare == 'time':
            exact = [instant(e) is not None and instant(e) == instant(g) for _, e, g in scored]
            same_day = [instant(e) is not None and instant(g) is not None and instant(e).date() == instant(g).date() for _, e, g in scored]
            print(f'{field:14} exact {sum(exact)}/{len(scored)} = {sum(exact) / len(scored):.3f}   same UTC day {sum(same_day) / len(scored):.3f}')
        else:
            exact = [squeeze(e) == squeeze(g) for _, e, g in scored]
            lenient = [loose(e) == loose(g) for _, e, g in scored]
            print(f'{field:14} exact {sum(exact)}/{len(scored)} = {sum(exact) / len(scored):.3f}   loose {sum(lenient) / len(scored):.3f}')
        if args.show:
            for (n, e, g), ok in zip(scored, exact):
                if not ok:
                    print(f'    {n:28} expected {squeeze(str(e))[:70]!r}  got {squeeze(str(g))[:70]!r}')


if __name__ == '__main__':
    sys.exit(main())
