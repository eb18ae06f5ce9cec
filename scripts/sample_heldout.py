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

``--search`` prints the searched sentences instead: for each phenomenon of
issue 14 in :data:`SEARCHES` (a pattern, and for a bare currency the country
whose papers are searched), the eligible sentences that match it, outside the
lines of real_copy.toml and of the random sample's first :data:`SEARCH_DEPTH`
ranks (fixed, so that reading more ranks later leaves the search as it was),
shuffled by ``random.Random(f"{seed}:search:{name}")``; the first ``count`` of
them, one per article.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261203
MIN_LEN, MAX_LEN = 20, 350
#: The searched sentences avoid the lines of this many ranks of the random sample.
SEARCH_DEPTH = 5

# Cardinals (gender and case forms), tens, scale words, fractions and vague amounts.
NUMBER_WORDS = frozenset("""
واحد واحدة اثنان اثنين اثنتان اثنتين ثلاث ثلاثة أربع أربعة اربع اربعة خمس خمسة ست ستة
سبع سبعة ثمان ثماني ثمانية تسع تسعة عشر عشرة عشرون عشرين ثلاثون ثلاثين أربعون أربعين
اربعون اربعين خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين
مئة مائة مئتان مئتين مائتان مائتين مئات ألف الف ألفا ألفان ألفين آلاف الاف ألوف
مليون مليونا مليونان مليونين ملايين مليار مليارا ملياران مليارين مليارات
تريليون تريليونات نصف ربع ثلث خمس عشرات بضع بضعة عدة
""".split())
DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


_NUM = r"[0-9٠-٩][0-9٠-٩.,٫٬]*"
_SCALE = r"(?:\s*(?:ألف|آلاف|مليون|ملايين|مليار|مليارات))?"
# a bare currency: not followed by a nationality adjective or a country name
_NOT_NAMED = (r"(?!\s*(?:\S*(?:عراق|أردن|اردن|كويت|بحرين|ليبي|جزائر|تونس|مغرب|إمارات|"
              r"امارات|قطر|عمان|عماني|يمن|سعود|مصر|سودان|لبنان|سوري|أمريك|امريك|إسترلين|استرلين)))")


def _bare(words: str) -> str:
    return _NUM + _SCALE + r"\s*(?:" + words + r")" + _NOT_NAMED


#: (name, the `source` searched or None for all, pattern, how many sentences)
SEARCHES: tuple[tuple[str, str | None, str, int], ...] = (
    ("bare currency IQ", "IQ", _bare("دينار|دنانير"), 1),
    ("bare currency JO", "JO", _bare("دينار|دنانير"), 1),
    ("bare currency KW", "KW", _bare("دينار|دنانير"), 1),
    ("bare currency BH", "BH", _bare("دينار|دنانير"), 1),
    ("bare currency DZ", "DZ", _bare("دينار|دنانير"), 1),
    ("bare currency TM", "TM", _bare("دينار|دنانير|د"), 1),
    ("bare currency MA", "MA", _bare("درهم|دراهم"), 1),
    ("bare currency AE", "AE", _bare("درهم|دراهم"), 1),
    ("bare currency QA", "QA", _bare("ريال|ريالات"), 1),
    ("bare currency OM", "OM", _bare("ريال|ريالات"), 1),
    ("bare currency YE", "YE", _bare("ريال|ريالات"), 1),
    ("bare currency EG", "EG", _bare("جنيه|جنيها|جنيهات"), 1),
    ("bare currency SD", "SD", _bare("جنيه|جنيها|جنيهات"), 1),
    ("bare currency LB", "LB", _bare("ليرة|ليرات"), 1),
    ("bare currency SY", "SY", _bare("ليرة|ليرات"), 1),
    ("r decimal", None, r"[0-9]+\s?ر\s?[0-9]+", 4),
    ("range", None, r"(?:بين|من)\s*" + _NUM + r"\S*\s+(?:و|إلى|الى)\s*" + _NUM, 3),
    ("qualifier", None, r"(?:نحو|حوالي|قرابة|أكثر من|اكثر من|لا يقل عن|لايقل عن|ما يزيد على|"
                        r"تجاوز|تخطى|أقل من|اقل من|لا يتجاوز)\s*" + _NUM, 3),
    ("unit", None, _NUM + r"\s*(?:كيلومتر|كلم|كم|طن|أطنان|برميل|ميغاواط|ميجاوات|هكتار|متر مكعب|"
                          r"لتر|درجة)", 3),
    ("hijri date", None, _NUM + r"\s*(?:محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|ذو|ذي)\S*"
                                r"(?:\s+\S+)?\s+14[0-9][0-9]\s*(?:هـ|ه)", 3),
    ("number words", None, (r"(?:^|\s)(?:[وب]?(?:ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)"
                            r"\s+(?:آلاف|ملايين|مليارات))"), 3),
)


_HARAKAT = dict.fromkeys(range(0x064B, 0x0653))  # tanwin and short vowels, removed first
_EDGE = "«»\"'()[],.،؛:!?؟ـ-"  # stripped from a word's ends
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: A whole whitespace-delimited word that is a number word, after an optional clitic.
_WORD = re.compile(
    r"(?:^|(?<=\s))[" + re.escape(_EDGE) + r"]*(?:" + "|".join(_CLITICS) + r")?(?:"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")[" + re.escape(_EDGE) + r"]*(?=\s|$)")


def eligible(sentence: str) -> bool:
    if not MIN_LEN <= len(sentence) <= MAX_LEN:
        return False
    if any(ch in DIGITS for ch in sentence):
        return True
    return _WORD.search(sentence.translate(_HARAKAT)) is not None


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


def search(lines: list[str], index: list[dict[str, str]], excluded: set[int],
           seed: int = SEED) -> list[dict[str, object]]:
    """The searched sentences (see the module's docstring)."""
    source = {int(r["line"]): r["source"] for r in index}
    out: list[dict[str, object]] = []
    taken = set(excluded)
    for name, where, pattern, count in SEARCHES:
        rx = re.compile(pattern)
        found = []
        for n in sorted(source):
            if n in taken or (where is not None and source[n] != where):
                continue
            line = lines[n - 1]
            if not rx.search(line):
                continue
            found += [(n, s, e) for s, e in sentences(line)
                      if rx.search(line[s:e]) and eligible(line[s:e])]
        for k, (n, s, e) in enumerate(take(found, count, taken, random.Random(f"{seed}:search:{name}")), 1):
            out.append({"stratum": "search: " + name, "rank": k, "line": n, "start": s, "end": e,
                        "category": source[n]})
    return out


def take(found: list[tuple[int, int, int]], count: int, taken: set[int],
         rng: random.Random) -> list[tuple[int, int, int]]:
    """Shuffle the candidate sentences and keep up to ``count``, one per article
    (a line of the corpus): an article already ``taken`` gives no second sentence."""
    rng.shuffle(found)
    kept = []
    for n, s, e in found:
        if len(kept) >= count:
            break
        if n in taken:
            continue
        taken.add(n)
        kept.append((n, s, e))
    return kept


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--per-stratum", type=int, default=5)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--search", action="store_true", help="the searched sentences instead")
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
    if a.search:
        first = draw(lines, index, excluded, SEARCH_DEPTH, a.seed)
        drawn = search(lines, index, excluded | {int(str(d["line"])) for d in first}, a.seed)
    else:
        drawn = draw(lines, index, excluded, a.per_stratum, a.seed)
    for d in drawn:
        print(f"{d['stratum']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}\t{d['category']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
