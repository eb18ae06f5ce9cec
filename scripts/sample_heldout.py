#!/usr/bin/env python3
"""Draw the held-out gold set's random sample (tests/gold/heldout.toml).

    python scripts/sample_heldout.py [--per-stratum K] [--seed N] [--corpus PATH]

Prints one row per drawn sentence: stratum, rank, line, start, end, category.
The procedure (also written in the header of tests/gold/heldout.toml):

1. Strata: the ``source`` column of ``news_index.tsv`` (each SaudiNewsNet paper,
   and each country code of the newspapers corpus): 33 strata.
2. Lines that hold any sentence of tests/gold/real_copy.toml are left out whole.
3. Each stratum's articles (in index order) are shuffled with its own generator,
   ``random.Random(f"{seed}:{source}")``; walking them, an article contributes
   one sentence, drawn by the same generator among its eligible sentences, if
   it has any (so rank k does not depend on how many ranks are drawn).
4. Sentences are the spans between ``claimcheck.text.segment.sentence_breaks``;
   eligible: 20 to 350 characters, holding a digit (three scripts) or a cardinal,
   scale, fraction or vague number word (the list below, after stripping the
   clitics و ف ب ل ك ال).
5. Rank k of a stratum is the k-th article walked that had an eligible sentence;
   the set annotates ranks 1..K of every stratum.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261203
MIN_LEN, MAX_LEN = 20, 350

# Cardinals (gender and case forms), tens, scale words, fractions and vague amounts.
NUMBER_WORDS = frozenset("""
واحد واحدة اثنان اثنين اثنتان اثنتين ثلاث ثلاثة أربع أربعة اربع اربعة خمس خمسة ست ستة
سبع سبعة ثمان ثماني ثمانية تسع تسعة عشر عشرة عشرون عشرين ثلاثون ثلاثين أربعون أربعين
اربعون اربعين خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين
مئة مائة مئتان مئتين مائتان مائتين مئات ألف الف ألفا ألفان ألفين آلاف الاف ألوف
مليون مليونا مليونان مليونين ملايين مليار مليارا ملياران مليارين مليارات
تريليون تريليونات نصف ربع ثلث خمس عشرات بضع بضعة عدة
""".split())
CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


def _is_number_word(token: str) -> bool:
    t = token.strip("«»\"'()[],.،؛:!?؟-ـ")
    t = "".join(ch for ch in t if not "\u064b" <= ch <= "\u0652")  # harakat, tanwin
    if t in NUMBER_WORDS:
        return True
    for c in CLITICS:
        if t.startswith(c) and t[len(c):] in NUMBER_WORDS:
            return True
    return False


def eligible(sentence: str) -> bool:
    if not MIN_LEN <= len(sentence) <= MAX_LEN:
        return False
    if any(ch in DIGITS for ch in sentence):
        return True
    return any(_is_number_word(w) for w in sentence.split())


def sentences(line: str) -> list[tuple[int, int]]:
    from claimcheck.text.segment import sentence_breaks

    out, start = [], 0
    for a, b in sentence_breaks(line):
        if a > start:
            out.append((start, a))
        start = b
    if start < len(line):
        out.append((start, len(line)))
    return out


def draw(lines: list[str], index: list[dict[str, str]], excluded: set[int],
         per_stratum: int, seed: int = SEED) -> list[dict[str, object]]:
    strata: dict[str, list[dict[str, str]]] = {}
    for row in index:
        strata.setdefault(row["source"], []).append(row)
    out: list[dict[str, object]] = []
    for name in sorted(strata):
        rng = random.Random(f"{seed}:{name}")  # one generator per stratum: ranks stay put
        rows = [r for r in strata[name] if int(r["line"]) not in excluded]
        rng.shuffle(rows)
        rank = 0
        for r in rows:
            if rank >= per_stratum:
                break
            n = int(r["line"])
            line = lines[n - 1]
            ok = [(s, e) for s, e in sentences(line) if eligible(line[s:e])]
            if not ok:
                continue
            s, e = rng.choice(ok)
            rank += 1
            out.append({"stratum": name, "rank": rank, "line": n, "start": s, "end": e,
                        "category": r["category"]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--per-stratum", type=int, default=5)
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"sample_heldout: {a.corpus} not found (skipped)")
        return 0
    sys.path.insert(0, str(ROOT))
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    with (a.corpus.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    with (ROOT / "tests" / "gold" / "real_copy.toml").open("rb") as f:
        excluded = {s["line"] for s in tomllib.load(f)["sentence"]}
    for d in draw(lines, index, excluded, a.per_stratum, a.seed):
        print(f"{d['stratum']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}\t{d['category']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
