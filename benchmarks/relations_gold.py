#!/usr/bin/env python3
"""What the consistency rules read of real copy, and which planted errors they flag.

    python benchmarks/relations_gold.py [--corpus PATH] [--gold first|held-out|PATH] [--verbose]

Reads the hand-annotated relations of ``tests/cases/rules/relations_corpus.toml``
(``--gold held-out``: the second set, ``relations_heldout.toml``, drawn after the
first and scored before the rules were changed for it; sentences of
``../shared/corpus/news.txt``, read at run time) and reports:

* **relation recall**: of the relations a reader found, how many the default
  rules read (a relation the rules traced whose claims hold the derived figure
  and at least one figure it is computed from);
* **relation precision**: of the relations the rules read inside the drawn
  sentences, how many a reader found there;
* **flags on untouched copy**: the findings inside the drawn sentences, and how
  many of them are the relations a reader found not to hold;
* **planted errors**: each relation that holds is broken three ways in a copy
  of its line — a typo in the leading digit of the derived figure, the derived
  figure ten times off (a percentage of 10 % or more: 5–20 points off; a total:
  its last digit dropped, since a total ten times over still holds its parts),
  a typo in the leading digit of the first figure it is computed from — and the edited
  line is checked as ``check --reference none`` would: a planted error counts as
  found when a finding falls in its sentence.

Edits are drawn with ``random.Random(f"{SEED}:{line}:{k}")``: the same planted
errors on every run.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimcheck.checking.rules import find
from claimcheck.extraction.engine import extract

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "cases" / "rules" / "relations_corpus.toml"
HELD_OUT = ROOT / "tests" / "cases" / "rules" / "relations_heldout.toml"
SETS = {"first": GOLD, "held-out": HELD_OUT}
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261204
say = print  # a benchmark: its output is its report

_NUMBER = re.compile(r"[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*")


@dataclass(frozen=True)
class Relation:
    line: int
    span: tuple[int, int]
    rule: str
    figures: tuple[tuple[int, int], ...]
    derived: tuple[int, int]
    holds: bool
    note: str


def load(path: Path = GOLD) -> list[dict]:
    with path.open("rb") as f:
        return tomllib.load(f)["sentence"]


def sha(line: str) -> str:
    return hashlib.sha1(line.encode()).hexdigest()[:12]


def relations(sentence: dict) -> list[Relation]:
    span = (sentence["span"][0], sentence["span"][1])
    return [Relation(sentence["line"], span, r["rule"], tuple(tuple(f) for f in r["figures"]),
                     tuple(r["derived"]), r["holds"], r["note"]) for r in sentence["relations"]]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(rel: Relation, spans: list[tuple[int, int]]) -> bool:
    """A relation read (its claims' spans) is the annotated one: it holds the derived
    figure and at least one figure the relation is computed from."""
    return any(_overlaps(rel.derived, s) for s in spans) and \
        any(_overlaps(f, s) for f in rel.figures for s in spans)


def read_in(line: str, span: tuple[int, int]) -> tuple[list[list[tuple[int, int]]], list]:
    """The relations the default rules read in ``span`` of ``line`` (as their claims'
    spans), and the findings that fall in it."""
    trace: list = []
    found = find(line, extract(line), trace=trace)
    inside = [[(c.start, c.end) for c in cs] for _, cs in trace
              if any(_overlaps((c.start, c.end), span) for c in cs)]
    flags = [f for f in found if _overlaps((f.claim.start, f.claim.end), span)]
    return inside, flags


# ---------------------------------------------------------------------------- planted errors

def _digit_typo(num: str, rng: random.Random) -> str:
    """The first significant digit one up or down («1,400» → «2,400», «0.58» → «0.48»)."""
    for k, ch in enumerate(num):
        if ch.isdigit() and int(ch) != 0:
            d = int(ch)
            new = d + 1 if d == 1 else d - 1 if d == 9 else d + rng.choice((-1, 1))
            return num[:k] + str(new) + num[k + 1:]
    return num


def _ten_times(num: str) -> str:
    """The figure ten times over: its decimal mark moved one place, or a digit added."""
    for mark in (".", ","):
        k = num.rfind(mark)
        if k >= 0 and not (mark == "," and len(num) - k - 1 == 3):  # «1,400» groups thousands
            head, tail = num[:k], num[k + 1:]
            moved = head + tail[0] + (mark + tail[1:] if len(tail) > 1 else "")
            return moved.lstrip("0") or "0"
    bare = num.replace(",", "")
    return f"{int(bare) * 10:,}" if "," in num else bare + "0"


def _digit_dropped(num: str) -> str:
    """The last digit of the whole part left out («1063» → «106»)."""
    whole = re.split(r"[.٫]", num)[0].replace(",", "")
    return whole[:-1] if len(whole) > 1 else num


def _points_off(num: str, rng: random.Random) -> str:
    value = float(num.replace(",", "."))
    k = rng.randint(5, 20)
    new = value + k if value < 50 or rng.random() < 0.5 and value + k < 100 else value - k
    return f"{new:g}"


def mutants(line: str, rel: Relation) -> Iterator[tuple[str, str, int]]:
    """(what was planted, the edited line, the change in length) for one relation."""
    rng = random.Random(f"{SEED}:{rel.line}:{rel.derived[0]}")

    def edit(span: tuple[int, int], how) -> tuple[str, int] | None:
        m = _NUMBER.search(line, span[0], span[1])
        if m is None:
            return None
        new = how(m.group())
        if new == m.group():
            return None
        return line[:m.start()] + new + line[m.end():], len(new) - len(m.group())

    text = line[rel.derived[0]:rel.derived[1]]
    percent = "%" in text or "٪" in text or "المئة" in text or "المائة" in text or "بالمئة" in text
    m = _NUMBER.search(line, rel.derived[0], rel.derived[1])
    value = float(m.group().replace(",", ".")) if m and m.group().count(",") <= 1 else 0.0
    plans = [("typo in the derived figure", rel.derived, lambda n: _digit_typo(n, rng))]
    if percent and value >= 10:
        plans.append(("derived percentage 5–20 points off", rel.derived, lambda n: _points_off(n, rng)))
    elif rel.rule == "total":  # a total ten times over still holds its parts: one digit dropped
        plans.append(("derived figure with a digit dropped", rel.derived, _digit_dropped))
    else:
        plans.append(("derived figure ten times over", rel.derived, _ten_times))
    plans.append(("typo in a figure it is computed from", rel.figures[0], lambda n: _digit_typo(n, rng)))
    for what, span, how in plans:
        e = edit(span, how)
        if e is not None:
            yield what, e[0], e[1]


# ---------------------------------------------------------------------------- the report

def measure(lines: list[str], gold: list[dict], verbose: bool = False) -> dict[str, int]:
    n: Counter[str] = Counter()
    for s in gold:
        line = lines[s["line"] - 1]
        if sha(line) != s["sha"]:
            n["changed lines"] += 1
            continue
        span = (s["span"][0], s["span"][1])
        rels = relations(s)
        inside, flags = read_in(line, span)
        n["sentences"] += 1
        n["relations"] += len(rels)
        n["read"] += len(inside)
        for spans in inside:
            mine = any(matches(r, spans) for r in rels)
            n["read, a reader's"] += mine
            if verbose and not mine:
                say(f"read, not annotated\t{s['line']}\t{spans}")
        for r in rels:
            hit = any(matches(r, spans) for spans in inside)
            n["relations read"] += hit
            n[f"{r.rule}: relations"] += 1
            n[f"{r.rule}: read"] += hit
            if verbose and not hit:
                say(f"missed\t{s['line']}\t{r.rule}\t{r.derived}\t{r.note}")
        for f in flags:
            spans = [(f.claim.start, f.claim.end)] + [(c.start, c.end) for c in f.related]
            real = any(not r.holds and matches(r, spans) for r in rels)
            n["flags"] += 1
            n["flags, real"] += real
            if verbose:
                say(f"flag\t{s['line']}\t{f.reason}\t{'real' if real else 'FALSE'}\t{f.explanation}")
        for r in rels:
            if not r.holds:
                continue
            for what, edited, delta in mutants(line, r):
                _, planted = read_in(edited, (span[0], span[1] + delta))
                n["planted"] += 1
                n["planted, flagged"] += bool(planted)
                n[f"{r.rule}: planted"] += 1
                n[f"{r.rule}: planted, flagged"] += bool(planted)
                if verbose and not planted:
                    say(f"unflagged\t{s['line']}\t{r.rule}\t{what}")
    return dict(n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true", help="every miss, flag and unflagged error")
    ap.add_argument("--gold", default="first", help="first, held-out, or the path of a gold file")
    a = ap.parse_args(argv)
    if not a.corpus.is_file():
        say(f"relations_gold: {a.corpus} not found (skipped)")
        return 0
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    n = measure(lines, load(SETS.get(a.gold, Path(a.gold))), a.verbose)

    def pct(k: str, of: str) -> str:
        return f"{n.get(k, 0)}/{n.get(of, 0)} ({100 * n.get(k, 0) / max(1, n.get(of, 0)):.0f} %)"

    say(f"sentences {n.get('sentences', 0)} (lines changed: {n.get('changed lines', 0)})")
    say(f"relation recall     {pct('relations read', 'relations')}")
    for rule in ("change", "share", "ratio", "total"):
        if n.get(f"{rule}: relations"):
            say(f"  {rule:<8}          {pct(f'{rule}: read', f'{rule}: relations')}")
    say(f"relation precision  {pct('read, a reader' + chr(39) + 's', 'read')}")
    say(f"flags on the copy   {n.get('flags', 0)}, real {n.get('flags, real', 0)}")
    say(f"planted errors      {pct('planted, flagged', 'planted')}")
    for rule in ("change", "share", "ratio", "total"):
        if n.get(f"{rule}: planted"):
            say(f"  {rule:<8}          {pct(f'{rule}: planted, flagged', f'{rule}: planted')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
