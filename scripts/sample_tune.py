#!/usr/bin/env python3
"""Draw the ranges-and-negatives tuning sample (tests/gold/tune_ranges_negatives.toml).

    python scripts/sample_tune.py [--seed N] [--corpus PATH] [--draft]

A third gold set, for tuning two weak families of the engine on sentences that
neither real_copy.toml nor heldout.toml holds: RANGES (two figures read as one
range) and NEGATIVES (digits that are not claims). For each phenomenon in
:data:`SEARCHES` (a pattern over a sentence), the eligible sentences that match
it (``sample_heldout.eligible``, and at most :data:`MAX_LEN` characters, so that
each can be read whole), outside every line of the two other sets, are shuffled
by ``random.Random(f"{seed}:tune:{name}")``; the first ``count`` are taken, one
per article and one phenomenon per article (the searches run in order).

Prints one row per drawn sentence: ``phenomenon, rank, line, start, end, source``;
``--draft`` prints TOML entries instead, each with the sentence's text and the
engine's current reading as comments, to be read and corrected by hand (the
comments are removed before the entry is stored: no corpus text in the repo).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261214
MAX_LEN = 260

_spec = importlib.util.spec_from_file_location("sample_heldout", ROOT / "scripts" / "sample_heldout.py")
assert _spec and _spec.loader
sample_heldout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample_heldout)

_N = r"[0-9٠-٩][0-9٠-٩.,٫٬]*"
_W = (r"(?:واحد|اثن|ثلاث|أربع|اربع|خمس|ست|سبع|ثماني|ثمان|تسع|عشر|عشرين|ثلاثين|أربعين|خمسين|"
      r"مائة|مئة|مئتين|مائتين|ألف|الف|ألفين)\S*")
_NW = r"(?:" + _N + "|" + _W + ")"
_SCALE = r"\s*(?:ألف|آلاف|مليون|ملايين|مليار)"
_TO = r"(?:إلى|الى|حتى|لـ?)"
_MONTHS = (r"(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
           r"نوفمبر|ديسمبر)")

#: (name, pattern, how many sentences): ranges first, then the non-claims.
SEARCHES: tuple[tuple[str, str, int], ...] = (
    # -- ranges
    ("range between digits", r"(?:^|\s)[وف]?(?:ما )?بين\s*" + _N + r"\S*\s+و\s*" + _N, 10),
    ("range between words", r"(?:^|\s)[وف]?(?:ما )?بين\s+" + _W + r"\s+و" + _W, 6),
    ("range between percent", r"بين\s*" + _N + r"\s*(?:%|٪)?\s*و\s*" + _N + r"\s*(?:%|٪|في الم|بالم)", 8),
    ("range from to", r"(?:^|\s)[وف]?من\s*" + _N + r"\s+" + _TO + r"\s*" + _N, 12),
    ("range from to scale", r"من\s*" + _N + r"\s+" + _TO + r"\s*" + _N + _SCALE, 6),
    ("range ages", r"(?:من|بين)\s*" + _NW + r"\s+(?:و|" + _TO + r")\s*" + _NW + r"\s*(?:عام|سنة|سنوات)", 8),
    ("range tarawah", r"(?:تراوح|تتراوح|يتراوح|تراوحت|يتراوح)", 8),
    ("range dash", (r"(?<![0-9/])" + _N + r"\s?[-–]\s?" + _N + r"\s+(?:%|٪|دولار|ريال|درهم|جنيه|دينار|"
                    r"ألف|مليون|كيلو|كم|متر|طن|عام|سنة|سنوات|أشهر|شهر|يوم|أيام|ساعة|ساعات|درجة|في الم)"), 8),
    ("range years", r"(?<![0-9/])(?:19|20)[0-9]{2}\s?[-–/]\s?(?:19|20)[0-9]{2}(?![0-9/])", 6),
    ("range word ends", (r"من\s+(?:عام|سنة|شهر|أسبوع|اسبوع|يوم|ساعة)(?:\s+واحد\S*)?\s+" + _TO
                         + r"\s*" + _NW), 6),
    ("range dates", r"من\s*[0-9]{1,2}\s+" + _TO + r"\s*[0-9]{1,2}\s+" + _MONTHS, 5),
    # -- not claims
    ("neg verse", r"(?:الآية|الاية|آية|سورة)\s*(?:رقم\s*)?[0-9٠-٩]", 7),
    ("neg minute", r"الدقيقة\s*(?:ال)?[0-9٠-٩]", 7),
    ("neg score", r"(?:فاز|فوز|تغلب|خسر|بنتيجة|تعادل)\S*\s+(?:\S+\s+){0,4}[0-9٠-٩]\s*[-–/]\s*[0-9٠-٩]", 7),
    ("neg shirt", r"(?:القميص|قميص|الرقم)\s*(?:رقم\s*)?[0-9٠-٩]", 4),
    ("neg model", (r"(?:بوينغ|بوينج|إيرباص|ايرباص|إف|اف|ميغ|ميج|سو|طائرات|طائرة)"
                   r"\s*-?\s*[0-9٠-٩]{2,3}(?![0-9])"), 7),
    ("neg named date", r"(?:ثورة|أحداث|احداث|حرب|انتفاضة|حركة|ذكرى)\s+[0-9٠-٩]{1,2}\s+" + _MONTHS, 7),
    ("neg law", r"(?:القانون|قانون|المرسوم|مرسوم|القرار|قرار)\s+(?:رقم|عدد)\s*[0-9٠-٩]", 8),
    ("neg article", r"(?:المادة|المادتين|مادة|البند|الفقرة|الفصل)\s*(?:رقم\s*)?[0-9٠-٩]", 7),
    ("neg phone", r"(?:هاتف|تلفون|تليفون|للاتصال|جوال|فاكس|واتس)\S*\s*:?\s*\(?\+?[0-9٠-٩]{2,}", 5),
    ("neg street", r"(?:شارع|الشارع|طريق|الطريق|مبنى)\s*(?:رقم\s*)?[0-9٠-٩]", 5),
    ("neg name ordinal", (r"(?:محمد|الحسن|عبدالله|عبد الله|الحسين|فيصل|إدوارد|جورج|بنديكت|يوحنا|بولس|لويس|"
                         r"هنري|فيليب|خوان كارلوس)\s+(?:الأول|الثاني|الثالث|الرابع|الخامس|السادس|"
                         r"السابع|الثامن|التاسع|العاشر|الحادي عشر|الثاني عشر|السادس عشر)"), 6),
    ("neg channel unit", r"(?:القناة|الكتيبة|اللواء|الفرقة|الجولة|المجموعة|المرحلة)\s*(?:رقم\s*)?[0-9٠-٩]",
     5),
    ("neg clock", r"(?:الساعة|الساعه)\s*[0-9٠-٩]", 5),
)


def lines_of(path: Path) -> set[int]:
    with path.open("rb") as f:
        return {s["line"] for s in tomllib.load(f)["sentence"]}


def draw(lines: list[str], index: list[dict[str, str]], excluded: set[int],
         seed: int = SEED) -> list[dict[str, object]]:
    """The drawn sentences, in the order of :data:`SEARCHES`."""
    source = {int(r["line"]): r["source"] for r in index}
    taken = set(excluded)
    out: list[dict[str, object]] = []
    for name, pattern, count in SEARCHES:
        rx = re.compile(pattern)
        found = []
        for n in sorted(source):
            if n in taken or not rx.search(lines[n - 1]):
                continue
            line = lines[n - 1]
            found += [(n, s, e) for s, e in sample_heldout.sentences(line)
                      if e - s <= MAX_LEN and rx.search(line[s:e]) and sample_heldout.eligible(line[s:e])]
        rng = random.Random(f"{seed}:tune:{name}")
        for k, (n, s, e) in enumerate(sample_heldout.take(found, count, taken, rng), 1):
            out.append({"search": name, "rank": k, "line": n, "start": s, "end": e, "source": source[n]})
    return out


def _draft(d: dict[str, object], line: str) -> str:
    """A TOML entry with the engine's reading as comments, to be corrected by hand."""
    import eval_gold  # on sys.path once main() has run

    from claimcheck import extract

    s0, s1 = int(str(d["start"])), int(str(d["end"]))
    out = [f"# {line[s0:s1]}", "[[sentence]]", f"line = {d['line']}", f'sha = "{eval_gold.sha(line)}"',
           f"start = {s0}", f"end = {s1}", f'source = "{d["source"]}"', f'sample = "search: {d["search"]}"',
           "claims = ["]
    for c in extract(line):
        if not (c.start < s1 and s0 < c.end):
            continue
        r = eval_gold.claim_reading(c)
        fields = [f"start = {r.start}", f"end = {r.end}", f'kind = "{r.kind}"']
        if r.value is not None:
            fields.append(f'value = "{r.value}"')
        if r.low is not None:
            fields += [f'low = "{r.low}"', f'high = "{r.high}"']
        if r.unit is not None:
            fields.append(f'unit = "{r.unit}"')
        fields.append(f'qualifier = "{r.qualifier}"')
        if r.calendar is not None:
            fields.append(f'calendar = "{r.calendar}"')
        if r.kind == "money":
            fields.append(f"currency_assumed = {str(r.assumed).lower()}")
        out.append(f"  {{ {', '.join(fields)} }},  # «{r.text}»")
    out.append("]")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--draft", action="store_true", help="TOML entries with the engine's reading")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"sample_tune: {a.corpus} not found (skipped)")
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    with (a.corpus.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    gold = ROOT / "tests" / "gold"
    excluded = lines_of(gold / "real_copy.toml") | lines_of(gold / "heldout.toml")
    for d in draw(lines, index, excluded, a.seed):
        if a.draft:
            print(_draft(d, lines[int(str(d["line"])) - 1]) + "\n")
        else:
            print(f"{d['search']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}\t{d['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
