"""Arithmetic consistency (SPEC §6) over the shared news corpus, for reading by hand.

    python scripts/consistency_corpus.py [../shared/corpus/news.txt] [--rules change,...]

Each line of the corpus is one article, checked with no reference table. Prints
every flag (line, reason, the flagged span, the related spans, the explanation)
and, at the end, the flags per 1,000 articles per reason and the time the rules
took next to extraction and checking. Reads the corpus at run time; nothing of
it is kept in the repository.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from claimcheck.checking import rules as consistency
from claimcheck.checking.checker import check_claims
from claimcheck.checking.options import Options
from claimcheck.checking.rules import document
from claimcheck.extraction.engine import extract_normalized
from claimcheck.reference.index import References

say = print  # a script: its output is its report
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--rules", default=None, help="comma-separated rules [default: every rule]")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    ap.add_argument("--relations", action="store_true",
                    help="print every relation read (consistent or not) instead of the flags")
    a = ap.parse_args(argv)
    path = Path(a.corpus)
    if not path.is_file():
        say(f"error: {path}: no such corpus", file=sys.stderr)
        return 2
    chosen = tuple(a.rules.split(",")) if a.rules else tuple(r.name for r in consistency.registry())
    refs = References()
    counts: Counter[str] = Counter()
    articles = failed = 0
    spent = {"extract": 0.0, "check": 0.0, "consistency": 0.0}
    apply = consistency.apply

    def timed(*args, **kw):
        t = time.perf_counter()
        out = apply(*args, **kw)
        spent["consistency"] += time.perf_counter() - t
        return out

    consistency.apply = timed
    read: Counter[str] = Counter()
    init = document.Document.__init__

    trace: list = []

    def counted_init(self, *args, **kw):  # every document's relations read, summed
        init(self, *args, **kw)
        self.read = read
        if a.relations:
            self.trace = trace

    document.Document.__init__ = counted_init
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            articles += 1
            t0 = time.perf_counter()
            claims, norm = extract_normalized(line, file=str(path))
            t1 = time.perf_counter()
            try:
                results = check_claims(line, claims, refs, normalized=norm, options=Options(rules=chosen))
            except Exception as e:  # a bug elsewhere: name the line, go on with the others
                say(f"# line {n}: {type(e).__name__}: {e}", file=sys.stderr)
                failed += 1
                continue
            spent["extract"] += t1 - t0
            spent["check"] += time.perf_counter() - t1
            for rule, claims in trace:
                spans = " | ".join(f"{c.start}-{c.end} «{c.text}»" for c in claims)
                say(f"{n}\t{rule}\t{spans}")
            trace.clear()
            for r in results:
                if r.related and not a.relations:
                    counts[str(r.reason)] += 1
                    if not a.quiet:
                        rel = " | ".join(f"{x.start}-{x.end} «{x.text}»" for x in r.related)
                        say(f"{n}\t{r.reason}\t{r.claim.start}-{r.claim.end} «{r.claim.text}»\t"
                              f"{rel}\t{r.explanation}")
    consistency.apply = apply
    document.Document.__init__ = init
    if failed:
        say(f"# {failed} articles failed (see above)", file=sys.stderr)
    say(f"# {articles} articles; relations read (consistent or not): "
          + ", ".join(f"{k} {v}" for k, v in sorted(read.items())), file=sys.stderr)
    say(f"# {articles} articles; flags per 1,000 articles:", file=sys.stderr)
    for reason, k in sorted(counts.items()):
        say(f"#   {reason}: {k} ({1000 * k / articles:.2f})", file=sys.stderr)
    rest = spent["check"] - spent["consistency"]
    say(f"# extract {spent['extract']:.1f} s, compare {rest:.1f} s, consistency "
          f"{spent['consistency']:.2f} s = +{spent['consistency'] / (spent['extract'] + rest):.1%} "
          f"of check", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
