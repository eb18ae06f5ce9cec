"""The one structure every output format serialises.

A :class:`Report` holds the claims (or checked claims) of a run, sorted by file
then offset, plus what the formats need besides the records: the documents'
text (the HTML report highlights claims in place), how many findings were
suppressed by comments or hidden by a baseline (counted, never dropped
silently), and whether the table may use colour.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence, Union

from claimcheck.model import (CHECK_RECORD, CLAIM_RECORD, NUMBER_FIELDS, REASON_VERDICT, CheckedClaim,
                              Claim, Reason, Verdict)

Item = Union[Claim, CheckedClaim]

#: Most important first: what an editor must fix, then what nobody could check.
VERDICT_ORDER: tuple[Verdict, ...] = (Verdict.CONTRADICTED, Verdict.UNVERIFIABLE, Verdict.SUPPORTED)
SEVERITY = {v: i for i, v in enumerate(VERDICT_ORDER)}

#: Column order of the claim part of CSV/xlsx (documented in README.md): the
#: record's fields, with the sentence beside the claim's text for editors.
CLAIM_COLUMNS: tuple[str, ...] = tuple(
    c for name in CLAIM_RECORD if name != "sentence"
    for c in ((name, "sentence") if name == "text" else (name,)))
#: Columns a checked claim adds, in order.
CHECK_COLUMNS: tuple[str, ...] = CHECK_RECORD
#: Columns that hold numbers (written as numbers in CSV and xlsx).
NUMBER_COLUMNS = NUMBER_FIELDS


def claim_of(item: Item) -> Claim:
    return item.claim if isinstance(item, CheckedClaim) else item


def verdict_of(item: Item) -> Verdict | None:
    return item.verdict if isinstance(item, CheckedClaim) else None


def sort_key(item: Item) -> tuple[str, int, int]:
    c = claim_of(item)
    return (c.file, c.start, c.end)


def importance_key(item: Item) -> tuple[int, str, int]:
    """Contradicted before unverifiable before supported, then file and offset."""
    v = verdict_of(item)
    return (SEVERITY[v] if v is not None else 0, *sort_key(item)[:2])


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a formatter may read. Build it with :func:`make_report`."""

    items: tuple[Item, ...]
    checked: bool
    documents: Mapping[str, str] = field(default_factory=dict)
    suppressed: tuple[Item, ...] = ()
    baselined: int = 0
    color: bool = False

    def records(self) -> list[dict[str, Any]]:
        """``to_record()`` of every item, in report order (file, then offset)."""
        return [it.to_record() for it in self.items]

    @property
    def columns(self) -> tuple[str, ...]:
        extra = ("doc_id",) if any(claim_of(i).doc_id is not None for i in self.items) else ()
        cols = CLAIM_COLUMNS[:1] + extra + CLAIM_COLUMNS[1:]
        return cols + CHECK_COLUMNS if self.checked else cols

    def verdict_counts(self) -> dict[Verdict, int]:
        counts = Counter(verdict_of(i) for i in self.items)
        return {v: counts.get(v, 0) for v in VERDICT_ORDER}

    def reason_counts(self) -> dict[Reason, int]:
        counts = Counter(i.reason for i in self.items if isinstance(i, CheckedClaim))
        return {r: counts[r] for r in Reason if counts.get(r)}

    def files(self) -> list[str]:
        """Every file in the report: those with claims and those given as documents."""
        return sorted({claim_of(i).file for i in self.items} | set(self.documents))

    def by_file(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {f: [] for f in self.files()}
        for it in self.items:
            out[claim_of(it).file].append(it)
        return out

    def summary_line(self) -> str:
        """``5 claims in 2 files: 1 contradicted, 2 unverifiable, 2 supported; 1 suppressed``"""
        n, files = len(self.items), len(self.files())
        head = f"{n} claim{'s' * (n != 1)} in {files} file{'s' * (files != 1)}"
        parts = []
        if self.checked:
            parts.append(", ".join(f"{c} {v}" for v, c in self.verdict_counts().items()))
        tail = []
        if self.suppressed:
            tail.append(f"{len(self.suppressed)} suppressed by comments")
        if self.baselined:
            tail.append(f"{self.baselined} known from the baseline")
        return head + (": " + parts[0] if parts else "") + ("; " + ", ".join(tail) if tail else "")


def make_report(
    items: Iterable[Item],
    *,
    checked: bool | None = None,
    documents: Mapping[str, str] | None = None,
    suppressed: Sequence[Item] = (),
    baselined: int = 0,
    color: bool = False,
) -> Report:
    """Sort the items (file, then offset) and bundle what the formats need.

    ``checked`` says whether these are verdicts; by default it is inferred from
    the items (an empty check run should pass ``checked=True`` so CSV headers
    still carry the evidence columns).
    """
    ordered = tuple(sorted(items, key=sort_key))
    if checked is None:
        checked = any(isinstance(i, CheckedClaim) for i in ordered)
    return Report(
        items=ordered,
        checked=checked,
        documents=dict(documents or {}),
        suppressed=tuple(sorted(suppressed, key=sort_key)),
        baselined=baselined,
        color=color,
    )


#: ``--fail-on`` level → the verdicts that fail a run at that level.
FAILING: dict[str, frozenset[Verdict]] = {
    "contradicted": frozenset({Verdict.CONTRADICTED}),
    "unverifiable": frozenset({Verdict.CONTRADICTED, Verdict.UNVERIFIABLE}),
    "never": frozenset(),
}


def fails(items: Iterable[Item], fail_on: str) -> bool:
    """True when any item's verdict is at or above ``fail_on`` (exit code 1)."""
    level = FAILING[fail_on]
    return any(verdict_of(i) in level for i in items)


def end_position(claim: Claim) -> tuple[int, int]:
    """1-based line and column one past the claim's last character."""
    lines = claim.text.split("\n")
    if len(lines) == 1:
        return claim.line, claim.column + len(claim.text)
    return claim.line + len(lines) - 1, len(lines[-1]) + 1


def display_value(rec: Mapping[str, Any]) -> str:
    """The normalised value as an editor reads it: ``500,000,000 GBP``, ``3,000,000–5,000,000``."""
    if rec.get("value") is not None:
        val = _grouped(rec["value"])
    elif rec.get("low") is not None or rec.get("high") is not None:
        low = "" if rec.get("low") is None else _grouped(rec["low"])
        high = "" if rec.get("high") is None else _grouped(rec["high"])
        val = f"{low}–{high}"
    else:
        val = "?"
    unit = rec.get("unit")
    return f"{val} {unit}" if unit and unit != "percent" else (f"{val}%" if unit else val)


def reference_text(rec: Mapping[str, Any], sep: str = " = ") -> str:
    """The reference as one phrase: ``id = value unit (period)``; "" without a reference."""
    if not rec.get("reference_id"):
        return ""
    ref = f"{rec['reference_id']}{sep}{rec.get('reference_value')}"
    if rec.get("reference_unit"):
        ref += f" {rec['reference_unit']}"
    if rec.get("reference_period"):
        ref += f" ({rec['reference_period']})"
    return ref


def _grouped(v: Any) -> str:
    """Thousands grouped for reading (dates and other strings pass through)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10_000 else str(v)
    whole, _, frac = repr(v).partition(".")
    if "e" in repr(v) or abs(v) < 10_000:
        return repr(v)
    return f"{int(whole):,}.{frac}"


def is_web_link(value: object) -> bool:
    """Only http(s) sources become links (never ``javascript:`` or ``file:``)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://")) \
        and not any(ch.isspace() or ord(ch) < 32 for ch in value)


__all__ = [
    "Item", "Report", "make_report", "claim_of", "verdict_of", "sort_key", "importance_key",
    "CLAIM_COLUMNS", "CHECK_COLUMNS", "NUMBER_COLUMNS", "VERDICT_ORDER", "REASON_VERDICT",
    "end_position", "display_value", "is_web_link", "FAILING", "fails",
]
