#!/usr/bin/env python3
"""Score ``claimcheck.extract`` on the real-copy gold set (tests/gold/real_copy.toml).

    python scripts/eval_gold.py [--gold PATH] [--corpus PATH] [--json PATH] [--family NAME] [--quiet]
    python scripts/eval_gold.py --annotations [LINE]   # review the gold readings on their text
    python scripts/eval_gold.py --gold tests/gold/tune_ranges_negatives.toml   # the ranges-and-negatives set
    python scripts/eval_gold.py --gold tests/gold/tune2_ranges_negatives.toml  # its second round
    python scripts/eval_gold.py --gold tests/gold/tune3_random.toml            # a random tuning draw
    python scripts/eval_gold.py --gold tests/gold/tune4_real_copy.toml         # dense, bounds, words
    python scripts/eval_gold.py --gold tests/gold/tune5_real_copy.toml         # sections, forms, non-claims

The gold set holds sentences of ``../shared/corpus/news.txt`` read by hand: for
each, its line number, the line's SHA-256 prefix, the sentence's offsets and
every claim in it (offsets, kind, value, low/high, unit, qualifier…). The text
is read from the corpus at run time; a line whose hash no longer matches is
reported as drifted and left out of the score.

Each line goes through ``claimcheck.extract`` whole (so the article's title and
dateline are there to resolve a bare currency); the claims that overlap an
annotated sentence are compared with the gold ones. A gold claim is found when
an extracted claim overlaps its span and agrees on kind, value, low, high, unit
and qualifier (strict agreement); every other extracted claim in the sentence is
a false positive. Precision, recall and F1 are printed overall and per family:

  currency   money claims               decimals   a number written with a separator
  qualifier  not `exact`                 range      a range or vague amount (low/high)
  unit       quantities, durations, percentage points
  percent    percentages                 date       dates (Gregorian and Hijri)
  words      numbers written in words    count      plain numbers and ordinals
  negatives  digits that are not claims (phone, decree, verse numbers…): a claim
             overlapping one is a false positive; its score is the share of
             negatives left clean

then the misses grouped by family, each with what was expected and what came
out, and a JSON summary (default ``reports/eval_gold.json``). Without the
corpus it says so and exits 0.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "real_copy.toml"
#: The held-out set: same conventions, other corpus lines, never tuned on.
HELDOUT = ROOT / "tests" / "gold" / "heldout.toml"
#: A tuning set for two families, ranges and negatives (scripts/sample_tune.py).
TUNE = ROOT / "tests" / "gold" / "tune_ranges_negatives.toml"
#: A second tuning set for the same two families (scripts/sample_tune.py --round 2).
TUNE2 = ROOT / "tests" / "gold" / "tune2_ranges_negatives.toml"
#: A third, drawn at random as the held-out set's random part is (sample_tune.py --round 3).
TUNE3 = ROOT / "tests" / "gold" / "tune3_random.toml"
#: A fourth, searched for what real copy holds most (sample_tune.py --round 4).
TUNE4 = ROOT / "tests" / "gold" / "tune4_real_copy.toml"
#: A fifth, searched over sections, countries and forms (sample_tune.py --round 5).
TUNE5 = ROOT / "tests" / "gold" / "tune5_real_copy.toml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
DEFAULT_JSON = ROOT / "reports" / "eval_gold.json"
HELDOUT_JSON = ROOT / "reports" / "eval_heldout.json"
TUNE_JSON = ROOT / "reports" / "eval_tune_ranges_negatives.json"
TUNE2_JSON = ROOT / "reports" / "eval_tune2_ranges_negatives.json"
TUNE3_JSON = ROOT / "reports" / "eval_tune3_random.json"
TUNE4_JSON = ROOT / "reports" / "eval_tune4_real_copy.json"
TUNE5_JSON = ROOT / "reports" / "eval_tune5_real_copy.json"

KINDS = ("number", "percent", "money", "quantity", "date", "duration", "ordinal")
QUALIFIERS = ("exact", "approximate", "more_than", "at_least", "less_than", "at_most")
CALENDARS = ("gregorian", "hijri")
#: Families in the order a miss is filed under (its first family in this order).
FAMILIES = ("negatives", "range", "decimals", "currency", "qualifier", "unit", "date",
            "percent", "words", "count")
#: Fields compared for strict agreement.
STRICT = ("kind", "value", "low", "high", "unit", "qualifier")

_DIGIT = regex.compile(r"[0-9٠-٩۰-۹]")
#: A separator between digits (decimal point, thousands group, the agency ر).
_SEPARATED = regex.compile(r"[0-9٠-٩۰-۹]\u200f?\s?[.,٫٬،ر]\u200f?\s?[0-9٠-٩۰-۹]")


def sha(line: str) -> str:
    """The 16-hex-digit prefix of a corpus line's SHA-256 (as stored in the gold file)."""
    return hashlib.sha256(line.encode("utf-8")).hexdigest()[:16]


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open("rb") as f:
        return tomllib.load(f)["sentence"]


def read_corpus(path: Path) -> list[str]:
    """The corpus's lines (one article each), split on LF only as the offsets are."""
    return path.read_text(encoding="utf-8").split("\n")


@dataclass(frozen=True)
class Reading:
    """One claim's comparable fields, gold or extracted, with its span in the line."""
    start: int
    end: int
    kind: str
    value: str | None
    low: str | None
    high: str | None
    unit: str | None
    qualifier: str
    text: str = ""
    families: tuple[str, ...] = ()
    calendar: str | None = None
    assumed: bool | None = None  # currency_assumed (gold: only where it was annotated)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def show(self) -> str:
        v = self.value if self.value is not None else f"[{self.low}..{self.high}]"
        return f"{self.kind} {v} {self.unit or '-'} {self.qualifier}"


def _same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def agrees(gold: Reading, got: Reading) -> bool:
    return (gold.kind == got.kind and gold.unit == got.unit and gold.qualifier == got.qualifier
            and all(_same(getattr(gold, f), getattr(got, f)) for f in ("value", "low", "high")))


def families(r: Reading) -> tuple[str, ...]:
    out = []
    if r.low is not None or r.high is not None:
        out.append("range")
    if _SEPARATED.search(r.text):
        out.append("decimals")
    if r.kind == "money":
        out.append("currency")
    if r.qualifier != "exact":
        out.append("qualifier")
    if r.kind in ("quantity", "duration") or r.unit == "percentage_point":
        out.append("unit")
    if r.kind == "date":
        out.append("date")
    if r.kind == "percent":
        out.append("percent")
    if r.kind != "date" and not _DIGIT.search(r.text):
        out.append("words")
    if r.kind in ("number", "ordinal"):
        out.append("count")
    return tuple(out)


def _with_families(r: Reading) -> Reading:
    return Reading(**{**r.__dict__, "families": families(r)})


def gold_reading(c: dict[str, Any], line: str) -> Reading:
    return _with_families(Reading(
        c["start"], c["end"], c["kind"], c.get("value"), c.get("low"), c.get("high"),
        c.get("unit"), c["qualifier"], line[c["start"]:c["end"]],
        calendar=c.get("calendar"), assumed=c.get("currency_assumed")))


def _s(v: Any) -> str | None:
    return None if v is None else str(v)


def claim_reading(c: Any) -> Reading:
    return _with_families(Reading(
        c.start, c.end, c.kind.value, _s(c.value), _s(c.low), _s(c.high), c.unit,
        c.qualifier.value, c.text, calendar=c.calendar.value if c.calendar else None,
        assumed=c.currency_assumed))


@dataclass
class Outcome:
    """What one sentence scored: found pairs, misread pairs, misses, extras."""
    line: int
    source: str
    found: list[tuple[Reading, Reading]] = field(default_factory=list)
    misread: list[tuple[Reading, Reading]] = field(default_factory=list)
    missed: list[Reading] = field(default_factory=list)
    extra: list[tuple[Reading, str]] = field(default_factory=list)  # (claim, family)
    negatives: list[tuple[int, int, str, bool]] = field(default_factory=list)  # start, end, note, clean
    sample: str = ""  # the held-out set's `sample`: "random (rank K)" or "search: …"


def score_sentence(item: dict[str, Any], line: str, got: list[Reading]) -> Outcome:
    out = Outcome(item["line"], item.get("source", ""), sample=item.get("sample", ""))
    s0, s1 = item["start"], item["end"]
    mine = [g for g in got if g.overlaps(s0, s1)]
    golds = [gold_reading(c, line) for c in item.get("claims", [])]
    free = list(mine)
    rest = []
    for g in golds:  # strict pairs first
        hit = next((m for m in free if m.overlaps(g.start, g.end) and agrees(g, m)), None)
        if hit is None:
            rest.append(g)
        else:
            free.remove(hit)
            out.found.append((g, hit))
    for g in rest:  # then the overlapping misreadings, for the report
        hit = next((m for m in free if m.overlaps(g.start, g.end)), None)
        if hit is None:
            out.missed.append(g)
        else:
            free.remove(hit)
            out.misread.append((g, hit))
    negs = item.get("negatives", [])
    for n in negs:
        clean = not any(m.overlaps(n["start"], n["end"]) for m in mine)
        out.negatives.append((n["start"], n["end"], n.get("note", ""), clean))
    for m in free:
        neg = any(m.overlaps(n["start"], n["end"]) for n in negs)
        out.extra.append((m, "negatives" if neg or not golds else (m.families or ("count",))[0]))
    return out


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def tally(outcomes: Iterable[Outcome]) -> tuple[Tally, dict[str, Tally], list[int]]:
    """Overall and per-family counts, and [clean, total] negatives."""
    total, fam = Tally(), defaultdict(Tally)
    negs = [0, 0]
    for o in outcomes:
        for g, _ in o.found:
            total.tp += 1
            for f in g.families:
                fam[f].tp += 1
        for g, _ in o.misread:
            total.fn += 1
            total.fp += 1
            for f in g.families:
                fam[f].fn += 1
                fam[f].fp += 1
        for g in o.missed:
            total.fn += 1
            for f in g.families:
                fam[f].fn += 1
        for m, f in o.extra:
            total.fp += 1
            for f2 in {f, *m.families}:
                fam[f2].fp += 1
        for *_, clean in o.negatives:
            negs[0] += clean
            negs[1] += 1
    return total, dict(fam), negs


def evaluate(gold: list[dict[str, Any]], lines: list[str],
             extract: Any = None) -> tuple[list[Outcome], list[int]]:
    """Outcomes of the sentences whose line still hashes the same; and the drifted lines."""
    if extract is None:
        from claimcheck import extract
    by_line: dict[int, list[Reading]] = {}
    outcomes, drifted = [], []
    for item in gold:
        n = item["line"]
        if n > len(lines) or sha(lines[n - 1]) != item["sha"]:
            drifted.append(n)
            continue
        line = lines[n - 1]
        if n not in by_line:
            by_line[n] = [claim_reading(c) for c in extract(line)]
        outcomes.append(score_sentence(item, line, by_line[n]))
    return outcomes, sorted(set(drifted))


def differing(gold: Reading, got: Reading) -> list[str]:
    """The strict fields on which a misreading disagrees with the gold claim."""
    out = [f for f in ("kind", "unit", "qualifier") if getattr(gold, f) != getattr(got, f)]
    out += [f for f in ("value", "low", "high") if not _same(getattr(gold, f), getattr(got, f))]
    return out


def secondary(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    """Agreement on the fields outside strict agreement, over the claims found."""
    out = {"calendar": {"agree": 0, "total": 0}, "currency_assumed": {"agree": 0, "total": 0}}
    for o in outcomes:
        for g, m in o.found:
            for name, a, b in (("calendar", g.calendar, m.calendar),
                               ("currency_assumed", g.assumed, m.assumed)):
                if a is not None:
                    out[name]["total"] += 1
                    out[name]["agree"] += a == b
    return out


def primary(fams: tuple[str, ...]) -> str:
    return next((f for f in FAMILIES if f in fams), "count")


def miss_family(gold: Reading, got: Reading | None) -> str:
    """The family a miss is filed under: by what went wrong when a claim was found
    at the right place (a wrong currency is a currency miss even in «18.8 مليار»),
    else by the gold claim's first family."""
    if got is None:
        return primary(gold.families)
    wrong = set(differing(gold, got))
    if gold.kind == got.kind == "money" and wrong == {"unit"}:
        return "currency"
    if wrong == {"qualifier"}:
        return "qualifier"
    if "range" in gold.families:
        return "range"
    if "value" in wrong and "decimals" in gold.families:
        return "decimals"
    if gold.unit != got.unit and gold.kind in ("quantity", "duration", "percent"):
        return "unit" if "unit" in gold.families else "percent"
    return primary(gold.families)


def summary(outcomes: list[Outcome], drifted: list[int]) -> dict[str, Any]:
    total, fam, negs = tally(outcomes)
    p, r, f = total.prf()
    per = {}
    for name in FAMILIES:
        if name == "negatives":
            per[name] = {"clean": negs[0], "total": negs[1],
                         "rate": round(negs[0] / negs[1], 4) if negs[1] else 1.0,
                         "fp": fam.get(name, Tally()).fp}
            continue
        t = fam.get(name, Tally())
        fp_, fr, ff = t.prf()
        per[name] = {"tp": t.tp, "fp": t.fp, "fn": t.fn, "precision": round(fp_, 4),
                     "recall": round(fr, 4), "f1": round(ff, 4)}
    misses: dict[str, int] = defaultdict(int)
    fields: dict[str, int] = defaultdict(int)
    for o in outcomes:
        for g, m in o.misread:
            misses[miss_family(g, m)] += 1
            for name in differing(g, m):
                fields[name] += 1
        for g in o.missed:
            misses[miss_family(g, None)] += 1
        for m, f2 in o.extra:
            misses[f2 if f2 == "negatives" else primary(m.families)] += 1
    return {
        "sentences": len(outcomes), "drifted_lines": drifted,
        "gold_claims": total.tp + total.fn, "tp": total.tp, "fp": total.fp, "fn": total.fn,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "families": per, "misses_by_family": dict(sorted(misses.items(), key=lambda kv: -kv[1])),
        "misread_fields": dict(sorted(fields.items(), key=lambda kv: -kv[1])),
        "secondary": secondary(outcomes),
        "by_sample": by_sample(outcomes),
    }


def by_sample(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Strict P/R/F1 of the random part and the searched part (held-out set only)."""
    out = {}
    for name in ("random", "search"):
        part = [o for o in outcomes if o.sample.startswith(name)]
        if part:
            t = tally(part)[0]
            p, r, f = t.prf()
            out[name] = {"sentences": len(part), "tp": t.tp, "fp": t.fp, "fn": t.fn,
                         "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return out


def miss_lines(outcomes: list[Outcome], lines: list[str], only: str | None = None) -> list[str]:
    """The misses grouped by family, each with the text, what was expected and what came out."""
    groups: dict[str, list[str]] = defaultdict(list)

    def ctx(o: Outcome, r: Reading) -> str:
        line = lines[o.line - 1]
        return f"L{o.line}:{r.start}-{r.end} [{o.source}] «{line[r.start:r.end]}»"

    for o in outcomes:
        for g, m in o.misread:
            groups[miss_family(g, m)].append(
                f"{ctx(o, g)}\n      want {g.show()}\n      got  {m.show()}  «{m.text}»")
        for g in o.missed:
            groups[primary(g.families)].append(f"{ctx(o, g)}\n      want {g.show()}\n      got  nothing")
        for m, f in o.extra:
            fam = f if f == "negatives" else primary(m.families)
            groups[fam].append(f"{ctx(o, m)}\n      want no claim\n      got  {m.show()}")
    out = []
    for name in FAMILIES:
        if groups.get(name) and (only is None or only == name):
            out.append(f"\n--- {name}: {len(groups[name])} misses")
            out.extend("  " + x for x in groups[name])
    return out


def label(path: Path) -> str:
    """How a report names the set it scored."""
    if path.resolve() == HELDOUT.resolve():
        return "HELD-OUT real-copy gold set (not for tuning)"
    if path.resolve() == GOLD.resolve():
        return "real-copy gold set"
    if path.resolve() == TUNE.resolve():
        return "ranges-and-negatives tuning set"
    if path.resolve() == TUNE2.resolve():
        return "ranges-and-negatives tuning set, round 2"
    if path.resolve() == TUNE3.resolve():
        return "random tuning set (round 3)"
    if path.resolve() == TUNE4.resolve():
        return "real-copy tuning set, round 4 (dense figures, bounds, words, non-claims)"
    if path.resolve() == TUNE5.resolve():
        return "real-copy tuning set, round 5 (sections, countries, forms, non-claims)"
    return f"gold set {path.name}"


def render(s: dict[str, Any], name: str = "real-copy gold set") -> list[str]:
    out = [f"{name}: {s['sentences']} sentences, {s['gold_claims']} claims"
           + (f"; drifted lines left out: {s['drifted_lines']}" if s["drifted_lines"] else ""),
           ("strict agreement (span overlap + kind, value, low/high, unit, qualifier): "
            f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"), "",
           *[f"  {name} part ({v['sentences']} sentences): P {v['precision']:.3f}  R {v['recall']:.3f}"
             f"  F1 {v['f1']:.3f}  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})"
             for name, v in s.get("by_sample", {}).items()], *([""] if s.get("by_sample") else []),
           f"  {'family':<10} {'tp':>4} {'fp':>4} {'fn':>4}  {'P':>6} {'R':>6} {'F1':>6}"]
    for name, v in s["families"].items():
        if name == "negatives":
            out.append(f"  {'negatives':<10} clean {v['clean']}/{v['total']} = {v['rate']:.3f}"
                       f" (claims on them: {v['fp']})")
        else:
            out.append(f"  {name:<10} {v['tp']:>4} {v['fp']:>4} {v['fn']:>4}  {v['precision']:>6.3f}"
                       f" {v['recall']:>6.3f} {v['f1']:>6.3f}")
    out.append("\nmisses by family (each counted once): "
               + ", ".join(f"{k} {v}" for k, v in s["misses_by_family"].items()))
    out.append("fields wrong in claims found at the right place: "
               + ", ".join(f"{k} {v}" for k, v in s["misread_fields"].items()))
    out.append("outside strict agreement, over the claims found: "
               + ", ".join(f"{k} {v['agree']}/{v['total']}" for k, v in s["secondary"].items()))
    return out


def annotation_lines(gold: list[dict[str, Any]], lines: list[str], only: int | None = None) -> list[str]:
    """The gold set as an editor reviews it: each sentence, then each annotation on its text."""
    out = []
    for item in gold:
        n = item["line"]
        if (only is not None and n != only) or n > len(lines) or sha(lines[n - 1]) != item["sha"]:
            continue
        line = lines[n - 1]
        s0, s1 = item["start"], item["end"]
        out.append(f"\nL{n}:{s0}-{s1} [{item.get('source', '')}] {line[s0:s1]}")
        for c in item.get("claims", []):
            r = gold_reading(c, line)
            extra = "".join(f" {k}={c[k]}" for k in ("calendar", "currency_assumed", "note") if k in c)
            out.append(f"    «{r.text}» → {r.show()}{extra}")
        for neg in item.get("negatives", []):
            out.append(f"    «{line[neg['start']:neg['end']]}» → no claim ({neg.get('note', '')})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--json", type=Path, help="where the summary goes (default: reports/eval_gold.json,"
                    " reports/eval_heldout.json for the held-out set)")
    ap.add_argument("--family", choices=FAMILIES, help="show only this family's misses")
    ap.add_argument("--quiet", action="store_true", help="scores only, no misses")
    ap.add_argument("--annotations", nargs="?", const=0, type=int, metavar="LINE",
                    help="print the annotations on their text (all, or one corpus line) and stop")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"eval_gold: {a.corpus} not found; the gold set needs the shared corpus (skipped)")
        return 0
    sys.path.insert(0, str(ROOT))
    lines = read_corpus(a.corpus)
    if a.annotations is not None:
        print("\n".join(annotation_lines(load_gold(a.gold), lines, a.annotations or None)))
        return 0
    outcomes, drifted = evaluate(load_gold(a.gold), lines)
    s = summary(outcomes, drifted)
    print("\n".join(render(s, label(a.gold))))
    if not a.quiet:
        print("\n".join(miss_lines(outcomes, lines, a.family)))
    if a.json is None:
        jsons = {HELDOUT.resolve(): HELDOUT_JSON, TUNE.resolve(): TUNE_JSON, TUNE2.resolve(): TUNE2_JSON,
                 TUNE3.resolve(): TUNE3_JSON, TUNE4.resolve(): TUNE4_JSON, TUNE5.resolve(): TUNE5_JSON}
        a.json = jsons.get(a.gold.resolve(), DEFAULT_JSON)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(s, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nsummary written to {a.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
