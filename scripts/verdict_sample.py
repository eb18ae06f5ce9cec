#!/usr/bin/env python3
"""A seeded sample of `check`'s findings over the shared news corpus, for reading by hand.

    python scripts/verdict_sample.py REPORT.jsonl [--n 60] [--seed 19] [--verdict contradicted]

REPORT.jsonl is the output of a run such as

    claimcheck check ../shared/corpus/news.txt --reference TABLES --as-of 2013-06-30 \\
        --format jsonl --select supported,contradicted -o REPORT.jsonl

The sample is drawn from the distinct findings (line, span, reason, fact) of
the chosen verdict; each is printed with its line, sha1 prefix, span in its
line, explanation and sentence, in the shape of ``tests/cases/verdicts_corpus.toml``,
so that a reader's judgement (``real = true/false``) can be kept as a regression.
Nothing of the corpus is stored in the repository: the text is read at run time.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

say = print  # a script: its output is its report
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--verdict", default="contradicted")
    args = ap.parse_args(argv)
    lines = args.corpus.read_text("utf-8").split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    found: dict[tuple, dict] = {}
    with args.report.open(encoding="utf-8") as f:
        for row in f:
            r = json.loads(row)
            if r["verdict"] == args.verdict:
                found.setdefault((r["line"], r["start"], r["reason"], r["reference_id"]), r)
    keys = sorted(found)
    sample = sorted(random.Random(args.seed).sample(keys, min(args.n, len(keys))))
    say(f"# {len(keys)} distinct {args.verdict} findings; {len(sample)} sampled (seed {args.seed})")
    for key in sample:
        r = found[key]
        n = r["line"]
        line = lines[n - 1]
        a = r["start"] - starts[n - 1]
        say("\n[[case]]")
        say(f"line = {n}")
        say(f'sha = "{hashlib.sha1(line.encode()).hexdigest()[:12]}"')
        say(f"span = [{a}, {a + r['end'] - r['start']}]")
        say(f'reason = "{r["reason"]}"')
        if r["reference_id"]:
            say(f'reference = "{r["reference_id"]}"')
        say("# " + r["explanation"].replace("\n", " ")[:300])
        say("# " + r["sentence"].replace("\n", " ")[:400])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
