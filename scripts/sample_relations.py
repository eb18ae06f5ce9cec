#!/usr/bin/env python3
"""Draw the sentences of the relations gold set (tests/cases/rules/relations_corpus.toml).

    python scripts/sample_relations.py [--seed N] [--corpus PATH] [--draft]

The sentences of ``../shared/corpus/news.txt`` that look like copy stating its
own arithmetic (SPEC §6): for each shape in :data:`SEARCHES` (a pattern over a
sentence), the eligible sentences that match it (``sample_heldout.eligible``:
20–350 characters), are shuffled by ``random.Random(f"{seed}:relations:{name}")``
and the first ``count`` kept, one per article (the searches run in order, and an
article drawn by one search gives no sentence to a later one).

Prints one row per drawn sentence: ``search, rank, line, start, end``;
``--draft`` prints, for reading by hand, each sentence with its claims (their
spans in the line) and the relations the rules read there now. Drafts are not
stored: the gold file keeps line numbers, spans and annotations only.
"""
from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261204
say = print  # a script: its output is its report

_spec = importlib.util.spec_from_file_location("sample_heldout", ROOT / "scripts" / "sample_heldout.py")
assert _spec and _spec.loader
sample_heldout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample_heldout)

_N = r"[0-9٠-٩][0-9٠-٩.,٫٬]*"
_PCT = _N + r"\s*(?:%|٪|في المائة|في المئة|بالمائة|بالمئة)"
_CUR = r"(?:دولار|ريال|درهم|جنيه|دينار|ليرة|يورو)"
_AMT = _N + r"\s*(?:ألف|آلاف|مليون|ملايين|مليار|مليارات)?\s*" + _CUR
_UP = (r"(?:ارتفع|ارتفاع|زاد|زيادة|قفز|صعد|نما|نمو|تراجع|انخفض|انخفاض|هبط|تقلص|تدنى|انكمش|"
       r"نقص|ازداد)")
_TO = r"(?:إلى|الى|ليصل|لتصل|ليبلغ|لتبلغ|ليسجل|لتسجل)"

#: (name, pattern, how many sentences): the shapes copy states its arithmetic in.
SEARCHES: tuple[tuple[str, str, int], ...] = (
    ("percent and two amounts", _PCT + r".*" + _AMT + r".*" + _AMT + "|" + _AMT + r".*" + _AMT + r".*"
     + _PCT, 14),
    ("change to", _UP + r"\S*\s.*" + _PCT + r".*" + _TO + r"\s*" + _N + "|" + _UP + r"\S*\s.*" + _TO + r"\s*"
     + _N + r".*" + _PCT, 14),
    ("versus", _N + r"\S*(?:\s+\S+){0,3}\s+(?:مقابل|مقارنة\s*(?:ب|مع))\s*\S*\s*" + _N, 12),
    ("among", _N + r"\S*(?:\s+\S+){0,3}\s*،?\s*(?:منها|منهم|بينهم|بينها|من بينهم|من بينها|منهن)\s+\S*"
     + _N, 14),
    ("breakdown", _N + r".{0,40}(?:موزع|توزع|مقسم|تنقسم|ينقسم)\S*\s+(?:على|بين|إلى)\s.{0,30}" + _N, 7),
    ("out of", _N + r"\S*(?:\s+\S+){0,3}\s+من\s+(?:أصل|اصل|إجمالي|اجمالي|مجموع)\s*\S*\s*" + _N, 12),
    ("that is", r"(?:أي|ما)\s+(?:ما\s+)?(?:يعادل|يوازي|نسبته|بنسبة|بزيادة|بارتفاع|بانخفاض|بتراجع|نحو)"
     r"\s*\S*\s*" + _N, 12),
    ("share of total", _PCT + r"\s+من\s+(?:إجمالي|اجمالي|مجموع|جملة)", 10),
    ("constitute", r"(?:يشكل|تشكل|يمثل|تمثل|يشكلون|يمثلون|يشكلن)\S*\s+(?:\S+\s+){0,2}" + _PCT, 8),
    ("multiple", r"(?:ضعف|أضعاف|اضعاف|تضاعف|مرتين|مرات)", 8),
    ("points", r"نقط[ةت]ين?\s+مئوي|نقاط\s+مئوي|نقطة\s+أساس", 6),
    ("half", r"(?:إلى|الى|بمقدار|بنحو)\s+النصف", 3),
)


def draw(lines: list[str], seed: int = SEED) -> list[dict[str, object]]:
    """The drawn sentences, in the order of :data:`SEARCHES`."""
    taken: set[int] = set()
    out: list[dict[str, object]] = []
    for name, pattern, count in SEARCHES:
        rx = re.compile(pattern)
        found = []
        for n, line in enumerate(lines, 1):
            if n in taken or not rx.search(line):
                continue
            found += [(n, s, e) for s, e in sample_heldout.sentences(line)
                      if sample_heldout.eligible(line[s:e]) and rx.search(line[s:e])]
        rng = random.Random(f"{seed}:relations:{name}")
        for k, (n, s, e) in enumerate(sample_heldout.take(found, count, taken, rng), 1):
            out.append({"search": name, "rank": k, "line": n, "start": s, "end": e})
    return out


def _draft(d: dict[str, object], line: str) -> str:
    """The sentence, its claims and the relations read now, as comments to annotate."""
    from claimcheck.checking.rules import default_rules, find
    from claimcheck.extraction.engine import extract

    s0, s1 = int(str(d["start"])), int(str(d["end"]))
    out = [f"# [{d['search']} {d['rank']}] line {d['line']} {s0}-{s1}", f"# {line[s0:s1]}"]
    claims = extract(line)
    for c in claims:
        if s0 <= c.start < s1:
            out.append(f"#   {c.start}-{c.end} {c.kind.value} {c.value} {c.unit or ''} «{c.text}»")
    trace: list = []
    find(line, claims, rules=default_rules(), trace=trace)
    for rule, cs in trace:
        if any(s0 <= c.start < s1 for c in cs):
            out.append(f"#   READ {rule}: " + " | ".join(f"{c.start}-{c.end}" for c in cs))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--draft", action="store_true", help="each sentence with its claims, to annotate")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        say(f"sample_relations: {a.corpus} not found (skipped)")
        return 0
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    for d in draw(lines, a.seed):
        if a.draft:
            say(_draft(d, lines[int(str(d["line"])) - 1]) + "\n")
        else:
            say(f"{d['search']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
