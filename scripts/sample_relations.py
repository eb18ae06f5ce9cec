#!/usr/bin/env python3
"""Draw the sentences of the relations gold sets (tests/cases/rules/relations_*.toml).

    python scripts/sample_relations.py [--seed N] [--corpus PATH] [--draft]
    python scripts/sample_relations.py --held-out [--draft]

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

``--held-out`` draws the second set (``relations_heldout.toml``, seed
:data:`HELD_OUT_SEED`): the shapes of :data:`MISSED`, weighted toward what the
rules missed in the first set, from articles the first set did not draw from.
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


_RDEC = r"[0-9٠-٩]+\s?ر\s?[0-9٠-٩]+"
_YEAR = r"(?:19|20)[0-9]{2}"
_AMONG = r"(?:منها|منهم|بينهم|بينها|من بينهم|من بينها|منهن)"

#: The held-out set's shapes: those the first set's misses were written in (agency
#: ر decimals, two dated figures, shares of an unstated whole, a size far from its
#: figures, parts that are not people, parts across a clause), and fewer of the rest.
MISSED: tuple[tuple[str, str, int], ...] = (
    ("agency decimal", _RDEC + r".*(?:" + _UP + r"|مقابل|مقارنة|بنسبة)|(?:" + _UP + r"|مقابل|مقارنة|بنسبة).*"
     + _RDEC, 12),
    ("two dated figures", r"(?:في|عام|خلال)\s+(?:عام\s+)?" + _YEAR + r".{0,90}\s(?:وكان|وكانت|بينما|فيما|"
     r"مقابل|مقارنة)\S*\s.{0,60}" + _YEAR + "|" + _N + r"\S*\s.{0,40}" + _YEAR
     + r".{0,60}\s(?:وكان|وكانت)\S*\s.{0,50}" + _N, 14),
    ("shares of one whole", _PCT + r".{0,90}\sو.{0,60}" + _PCT + r"(?:.{0,90}" + _PCT + r")?", 12),
    ("size far from its figures", _UP + r"\S*\s.{0,40}" + _PCT + r".{50,160}" + _TO + r"\s*\S*\s*" + _N
     + r".{0,60}(?:مقابل|مقارنة)", 12),
    ("parts that are not people", _N + r"\s*\S*\s+\S+\s*،?\s*" + _AMONG + r"\s+" + _N + r".{0,60}\sو\s*"
     + _N, 12),
    ("parts across a clause", _N + r"\S*(?:\s+\S+){0,4}\s*،?\s*(?:" + _AMONG + r"|وهم|موزع\S*|توزع\S*)\s"
     r".{0,120}،\s*(?:و|فيما|بينما|إضافة)\S*\s.{0,40}" + _N, 10),
    ("change to", SEARCHES[1][1], 8),
    ("versus", SEARCHES[2][1], 8),
    ("out of", SEARCHES[5][1], 6),
    ("that is", SEARCHES[6][1], 6),
)
HELD_OUT_SEED = 20261205
FIRST_SET = ROOT / "tests" / "cases" / "rules" / "relations_corpus.toml"


def draw(lines: list[str], seed: int = SEED, searches: tuple[tuple[str, str, int], ...] = SEARCHES,
         exclude: frozenset[int] = frozenset()) -> list[dict[str, object]]:
    """The drawn sentences, in the order of ``searches``, from articles not in ``exclude``."""
    taken: set[int] = set(exclude)
    out: list[dict[str, object]] = []
    for name, pattern, count in searches:
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
    ap.add_argument("--held-out", action="store_true",
                    help="the second set: the missed shapes, articles of the first set left out")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        say(f"sample_relations: {a.corpus} not found (skipped)")
        return 0
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    if a.held_out:
        import tomllib
        with FIRST_SET.open("rb") as f:
            first = frozenset(s["line"] for s in tomllib.load(f)["sentence"])
        seed = HELD_OUT_SEED if a.seed == SEED else a.seed
        drawn = draw(lines, seed, MISSED, first)
    else:
        drawn = draw(lines, a.seed)
    for d in drawn:
        if a.draft:
            say(_draft(d, lines[int(str(d["line"])) - 1]) + "\n")
        else:
            say(f"{d['search']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
