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
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from claimcheck.model import (
    CHECK_RECORD,
    CLAIM_RECORD,
    CONSISTENCY_REASONS,
    REASON_VERDICT,
    CheckedClaim,
    Claim,
    Reason,
    Verdict,
)

Item = Claim | CheckedClaim

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


def related_text(rec: Mapping[str, Any]) -> str:
    """The ``related`` claims of a record in one cell: «text» (start–end); …"""
    return "; ".join(f"«{r['text']}» ({r['start']}–{r['end']})" for r in rec.get("related") or ())


def flat(rec: Mapping[str, Any], col: str) -> Any:
    """A record's value for a spreadsheet cell (``related`` as text)."""
    return related_text(rec) if col == "related" else rec.get(col)


def claim_of(item: Item) -> Claim:
    return item.claim if isinstance(item, CheckedClaim) else item


def verdict_of(item: Item) -> Verdict | None:
    return item.verdict if isinstance(item, CheckedClaim) else None


#: A contradiction between the document's own figures (SPEC §6), as people read
#: it: a finding class of its own in every human format (table, Markdown, HTML,
#: xlsx), since no reference is involved; machine formats keep the verdict code.
INCONSISTENT = "inconsistent"
#: The finding classes people read, worst first.
FINDING_ORDER: tuple[str, ...] = ("contradicted", INCONSISTENT, "unverifiable", "supported")
#: The verdict of each class (its colour and mark: an inconsistency fails a run too).
FINDING_VERDICT: dict[str, Verdict] = {
    "contradicted": Verdict.CONTRADICTED, INCONSISTENT: Verdict.CONTRADICTED,
    "unverifiable": Verdict.UNVERIFIABLE, "supported": Verdict.SUPPORTED}


def finding_of(item: Item) -> str | None:
    """``contradicted``, ``inconsistent``, ``unverifiable`` or ``supported``; None for a claim."""
    v = verdict_of(item)
    if v is None:
        return None
    return INCONSISTENT if item.reason in CONSISTENCY_REASONS else str(v)


def sort_key(item: Item) -> tuple[str, int, int]:
    c = claim_of(item)
    return (c.file, c.start, c.end)


def importance_key(item: Item) -> tuple[int, str, int]:
    """Contradicted before unverifiable before supported, then file and offset."""
    v = verdict_of(item)
    return (SEVERITY[v] if v is not None else 0, *sort_key(item)[:2])


#: How a finding that is not reported is marked in every format (the record's
#: ``suppressed`` field, SARIF ``suppressions``/``baselineState``).
SUPPRESSED_BY_COMMENT, KNOWN_FROM_BASELINE = "comment", "baseline"
STATUS_COLUMN = "suppressed"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a formatter may read. Build it with :func:`make_report`.

    ``items`` are the reported findings; ``suppressed`` (silenced by a comment)
    and ``known`` (recorded in the baseline) are carried too, marked, so every
    format holds the same findings and none disappears without a trace.
    """

    items: tuple[Item, ...]
    checked: bool
    documents: Mapping[str, str] = field(default_factory=dict)
    suppressed: tuple[Item, ...] = ()
    baselined: int = 0
    color: bool = False
    #: Language of what people read (labels, numbers, summaries): ``ar`` or ``en``.
    lang: str = "ar"
    #: Findings hidden because the baseline knows them.
    known: tuple[Item, ...] = ()
    #: Every file read, also those whose findings are all silenced.
    read: tuple[str, ...] = ()
    #: Every finding with its status in the order the run gave them, when it
    #: did (:func:`in_run_order`): what :meth:`entries` gives, instead of the
    #: findings sorted by offset, which restart in every row of an archive.
    run_order: tuple[tuple[Item, str | None], ...] | None = None

    def records(self) -> list[dict[str, Any]]:
        """``to_record()`` of every item, in report order (file, then offset)."""
        return [it.to_record() for it in self.items]

    @property
    def silenced(self) -> bool:
        """Does the report carry findings that are not reported (comments, baseline)?"""
        return bool(self.suppressed or self.known)

    def entries(self) -> list[tuple[Item, str | None]]:
        """Every finding with its status — None (reported), ``comment`` or
        ``baseline`` — sorted by file then offset (or in :attr:`run_order`):
        what machine formats write."""
        if self.run_order is not None:
            return list(self.run_order)
        marked = [(i, None) for i in self.items]
        marked += [(i, SUPPRESSED_BY_COMMENT) for i in self.suppressed]
        marked += [(i, KNOWN_FROM_BASELINE) for i in self.known]
        if self.suppressed or self.known:
            marked.sort(key=lambda e: sort_key(e[0]))
        return marked

    def all_records(self) -> list[dict[str, Any]]:
        """:meth:`entries` as records: a silenced finding's record ends with
        ``"suppressed": "comment"`` or ``"baseline"``; a reported one is as always."""
        if not self.silenced:
            return self.records()
        return [marked_record(it, status) for it, status in self.entries()]

    @property
    def columns(self) -> tuple[str, ...]:
        every = (*self.items, *self.suppressed, *self.known)
        extra = ("doc_id",) if any(claim_of(i).doc_id is not None for i in every) else ()
        cols = CLAIM_COLUMNS[:1] + extra + CLAIM_COLUMNS[1:]
        cols = cols + CHECK_COLUMNS if self.checked else cols
        return cols + (STATUS_COLUMN,) if self.silenced else cols

    def verdict_counts(self) -> dict[Verdict, int]:
        counts = Counter(verdict_of(i) for i in self.items)
        return {v: counts.get(v, 0) for v in VERDICT_ORDER}

    def finding_counts(self) -> dict[str, int]:
        """Counts by :func:`finding_of` class, worst first (``inconsistent`` only when
        there is one): what human summaries show."""
        counts = Counter(finding_of(i) for i in self.items)
        return {f: counts.get(f, 0) for f in FINDING_ORDER if f != INCONSISTENT or counts.get(f)}

    def reason_counts(self) -> dict[Reason, int]:
        counts = Counter(i.reason for i in self.items if isinstance(i, CheckedClaim))
        return {r: counts[r] for r in Reason if counts.get(r)}

    def kind_counts(self) -> dict[str, int]:
        counts = Counter(str(claim_of(i).kind) for i in self.items)
        return dict(sorted(counts.items()))

    def files(self) -> list[str]:
        """Every file in the report: those with claims, those read and those given as documents."""
        every = (*self.items, *self.suppressed, *self.known)
        return sorted({claim_of(i).file for i in every} | set(self.documents) | set(self.read))

    def by_file(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {f: [] for f in self.files()}
        for it in self.items:
            out[claim_of(it).file].append(it)
        return out

    def summary_line(self, lang: str | None = None) -> str:
        """``6 ادعاءات في ملفين: مخالف للمرجع 2، …`` (or English with ``lang="en"``):
        the one summary every human format writes."""
        return summary_line(self, self.tally(), lang)

    # what formatters read (:class:`claimcheck.report.spill.BoundedReport` gives the same
    # from records kept on disk): running totals and the items in the orders they need

    def tally(self) -> Tally:
        """The running totals of every finding, reported and silenced."""
        tally = Tally()
        for item, status in self.entries():
            tally.add(item, status)
        return tally

    def in_order(self) -> Iterator[Item]:
        """The reported items in report order, file by file (:meth:`by_file`)."""
        return (i for items in self.by_file().values() for i in items)

    def by_severity(self, severity: int) -> Iterator[Item]:
        """The reported items of one :data:`SEVERITY` (a claim of ``extract`` is 0),
        in report order: together, worst first, they are the items by :func:`importance_key`
        (an archive's rows each in their place, not mixed by their offsets)."""
        return (i for i in self.in_order() if severity_of(i) == severity)

    def numbered(self, finding: str | None) -> Iterator[tuple[Item, int]]:
        """The reported items of one :func:`finding_of` class in report order, each
        with its place among its file's items (1, 2…)."""
        return ((i, n) for items in self.by_file().values() for n, i in enumerate(items, start=1)
                if finding_of(i) == finding)

    def file_items(self) -> dict[str, Callable[[], Iterator[Item]]]:
        """File → its reported items afresh at each call, for the files that have some."""
        return {f: (lambda items=items: iter(items)) for f, items in self.by_file().items() if items}

    def document(self, file: str) -> str | None:
        """The file's text, when the report was given it."""
        return self.documents.get(file)

    def silenced_entries(self) -> Iterator[tuple[Item, str]]:
        """The silenced findings with their status, worst first, each severity in
        report order (:meth:`entries`)."""
        silenced = [e for e in self.entries() if e[1] is not None]
        return (e for severity in range(len(VERDICT_ORDER)) for e in silenced
                if severity_of(e[0]) == severity)


def severity_of(item: Item) -> int:
    """:data:`SEVERITY` of the item's verdict; 0 for a claim."""
    v = verdict_of(item)
    return SEVERITY[v] if v is not None else 0


@dataclass(slots=True)
class Tally:
    """Running totals of a report, kept as its findings pass: what summaries,
    counts, filters and column widths need, in memory that grows with the files
    of a run and the codes found, never with its records."""

    #: reported items, comment-suppressed ones, baseline-known ones
    reported: int = 0
    suppressed: int = 0
    known: int = 0
    #: counts of the reported items by finding class, reason and kind
    findings: Counter[str | None] = field(default_factory=Counter)
    reasons: Counter[Reason] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    #: classes, reasons and kinds of every finding, silenced too (filters)
    every_findings: set[str] = field(default_factory=set)
    every_reasons: set[str] = field(default_factory=set)
    every_kinds: set[str] = field(default_factory=set)
    #: the files of every finding
    files: set[str] = field(default_factory=set)
    doc_id: bool = False
    #: file → the widest ``line:column`` of its reported items
    positions: dict[str, int] = field(default_factory=dict)

    def add(self, item: Item, status: str | None = None) -> None:
        c = claim_of(item)
        self.files.add(c.file)
        if c.doc_id is not None:
            self.doc_id = True
        verdict = verdict_of(item)
        finding = finding_of(item)
        kind = str(c.kind)
        self.every_kinds.add(kind)
        if verdict is not None:
            self.every_findings.add(finding)  # type: ignore[arg-type]
            self.every_reasons.add(str(item.reason))  # type: ignore[union-attr]
        if status is None:
            self.reported += 1
            self.findings[finding] += 1
            if verdict is not None:
                self.reasons[item.reason] += 1  # type: ignore[union-attr]
            self.kinds[kind] += 1
            width = len(f"{c.line}:{c.column}")
            if width > self.positions.get(c.file, 0):
                self.positions[c.file] = width
        elif status == SUPPRESSED_BY_COMMENT:
            self.suppressed += 1
        else:
            self.known += 1

    def merge(self, other: Tally) -> None:
        """Add ``other``'s totals (a file's) to these."""
        self.reported += other.reported
        self.suppressed += other.suppressed
        self.known += other.known
        self.findings.update(other.findings)
        self.reasons.update(other.reasons)
        self.kinds.update(other.kinds)
        self.every_findings |= other.every_findings
        self.every_reasons |= other.every_reasons
        self.every_kinds |= other.every_kinds
        self.files |= other.files
        self.doc_id = self.doc_id or other.doc_id
        for file, width in other.positions.items():
            if width > self.positions.get(file, 0):
                self.positions[file] = width

    @property
    def silenced(self) -> bool:
        return bool(self.suppressed or self.known)

    def columns(self, checked: bool) -> tuple[str, ...]:
        """The record columns (:attr:`Report.columns`)."""
        cols = CLAIM_COLUMNS[:1] + (("doc_id",) if self.doc_id else ()) + CLAIM_COLUMNS[1:]
        cols = cols + CHECK_COLUMNS if checked else cols
        return cols + (STATUS_COLUMN,) if self.silenced else cols

    def finding_counts(self) -> dict[str, int]:
        """:meth:`Report.finding_counts`."""
        return {f: self.findings.get(f, 0) for f in FINDING_ORDER
                if f != INCONSISTENT or self.findings.get(f)}

    def reason_counts(self) -> dict[Reason, int]:
        return {r: self.reasons[r] for r in Reason if self.reasons.get(r)}

    def kind_counts(self) -> dict[str, int]:
        return dict(sorted(self.kinds.items()))


def report_files(report: Any, tally: Tally) -> list[str]:
    """:meth:`Report.files` from the running totals."""
    return sorted(tally.files | set(report.documents) | set(report.read))


def summary_line(report: Any, tally: Tally, lang: str | None = None) -> str:
    """:meth:`Report.summary_line` of a report (or a bounded one) from its running totals."""
    from claimcheck.lang import display

    lang = lang or report.lang
    n, files = tally.reported, len(report_files(report, tally))
    comma = "، " if lang == "ar" else ", "
    head = display.text("summary", lang, claims=display.count("claims", n, lang),
                        files=display.count("files_in", files, lang))
    parts = []
    if report.checked:
        parts.append(comma.join(f"{display.label('verdict', f, lang)} {display.number(c, lang)}"
                                for f, c in tally.finding_counts().items()))
    tail = []
    if tally.suppressed:
        tail.append(display.text("suppressed", lang, n=display.number(tally.suppressed, lang)))
    if report.baselined:
        tail.append(display.text("baselined", lang, n=display.number(report.baselined, lang)))
    semi = "؛ " if lang == "ar" else "; "
    return head + (": " + parts[0] if parts else "") + (semi + comma.join(tail) if tail else "")


def marked_record(item: Item, status: str | None) -> dict[str, Any]:
    """The item's record, with its ``suppressed`` status when it is not reported."""
    rec = item.to_record()
    if status is not None:
        rec[STATUS_COLUMN] = status
    return rec


def make_report(
    items: Iterable[Item],
    *,
    checked: bool | None = None,
    documents: Mapping[str, str] | None = None,
    suppressed: Sequence[Item] = (),
    baselined: int = 0,
    color: bool = False,
    lang: str = "ar",
    known: Sequence[Item] = (),
    read: Sequence[str] = (),
) -> Report:
    """Sort the items (file, then offset) and bundle what the formats need.

    ``checked`` says whether these are verdicts; by default it is inferred from
    the items (an empty check run should pass ``checked=True`` so CSV headers
    still carry the evidence columns). ``known`` are findings the baseline
    hides (``baselined`` counts them when they are not passed).
    """
    ordered = tuple(sorted(items, key=sort_key))
    if checked is None:
        checked = any(isinstance(i, CheckedClaim) for i in (*ordered, *suppressed, *known))
    return Report(
        items=ordered,
        checked=checked,
        documents=dict(documents or {}),
        suppressed=tuple(sorted(suppressed, key=sort_key)),
        baselined=max(baselined, len(known)),
        color=color,
        lang=lang if lang in ("ar", "en") else "ar",
        known=tuple(sorted(known, key=sort_key)),
        read=tuple(sorted(set(read))),
    )


def in_run_order(report: Report, marked: Sequence[tuple[Item, str | None]],
                 suppressed: Sequence[Item] = ()) -> Report:
    """``report`` with its findings in the order the run gave them, the order
    of every report written as the findings come (:mod:`claimcheck.report.spill`,
    :mod:`claimcheck.report.streamed`): files by name, each file's findings by
    offset, an archive's rows in their own order (sorting by offsets, which
    restart in every row, would mix its articles), a baseline's known findings
    among the others where they came. ``marked``: the reported and the
    baseline-known findings with their status, in run order; ``suppressed``:
    the comment-silenced ones (a Markdown draft's, never an archive's), in run
    order: they join the others by file and offset."""
    import dataclasses
    import heapq

    order = tuple(marked)
    if suppressed:
        # an archive's rows are out of offset order, but no draft's finding is
        # in an archive: the two meet only where their files differ, or in a
        # draft, whose findings are in offset order in both
        silenced = [(i, SUPPRESSED_BY_COMMENT) for i in suppressed]
        order = tuple(heapq.merge(order, silenced, key=lambda e: sort_key(e[0])))
    return dataclasses.replace(report, items=tuple(i for i, s in marked if s is None), run_order=order)


#: ``--fail-on`` level → the verdicts that fail a run at that level.
FAILING: dict[str, frozenset[Verdict]] = {
    "contradicted": frozenset({Verdict.CONTRADICTED}),
    "unverifiable": frozenset({Verdict.CONTRADICTED, Verdict.UNVERIFIABLE}),
    "never": frozenset(),
}


def fails(items: Iterable[Item], fail_on: str, policy: Any = None) -> bool:
    """True when a reported item's verdict is at or above ``fail_on`` (exit code 1),
    under ``policy`` (:mod:`claimcheck.report.policy`: ``no_reference`` fails
    only when selected by name)."""
    from claimcheck.report.policy import DEFAULT

    return (policy or DEFAULT).fails(items, fail_on)


def end_position(claim: Claim) -> tuple[int, int]:
    """1-based line and column one past the claim's last character."""
    lines = claim.text.split("\n")
    if len(lines) == 1:
        return claim.line, claim.column + len(claim.text)
    return claim.line + len(lines) - 1, len(lines[-1]) + 1


def display_value(rec: Mapping[str, Any], lang: str = "ar") -> str:
    """The claim's amount as an editor reads it, in words of ``lang`` (CLDR):
    ``أكثر من 500,000,000 جنيه إسترليني``, ``بين 3,000,000 و5,000,000``."""
    from claimcheck.lang import display

    unit = None if rec.get("kind") == "date" else rec.get("unit")
    return display.amount(rec.get("value"), unit, rec.get("qualifier"), lang,
                          rec.get("low"), rec.get("high"))


def reference_text(rec: Mapping[str, Any], sep: str = " = ", lang: str = "ar") -> str:
    """The reference as one phrase: ``id = amount (period)``; "" without a reference."""
    from claimcheck.lang import display

    if not rec.get("reference_id"):
        return ""
    unit = rec.get("reference_unit")
    value = display.amount(rec.get("reference_value"), None if unit == "date" else unit, None, lang)
    ref = f"{rec['reference_id']}{sep}{value}"
    if rec.get("reference_period"):
        ref += f" ({rec['reference_period']})"
    return ref


def is_web_link(value: object) -> bool:
    """Only http(s) sources become links (never ``javascript:`` or ``file:``)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://")) \
        and not any(ch.isspace() or ord(ch) < 32 for ch in value)


__all__ = [
    "Item", "Report", "make_report", "claim_of", "verdict_of", "sort_key", "importance_key",
    "CLAIM_COLUMNS", "CHECK_COLUMNS", "VERDICT_ORDER", "REASON_VERDICT",
    "end_position", "display_value", "is_web_link", "FAILING", "fails",
    "SUPPRESSED_BY_COMMENT", "KNOWN_FROM_BASELINE", "STATUS_COLUMN", "marked_record",
    "Tally", "severity_of", "summary_line", "report_files", "in_run_order",
]
