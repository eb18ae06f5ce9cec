"""Formats for people: the terminal table and a Markdown summary.

Both speak the report's language (``--lang``): verdicts, reasons, kinds and
summaries are words from ``lang/data/labels.toml``, amounts are written through
CLDR, and every run of the other script is isolated (FSI…PDI) so that it reads
in the right order in a bidi-aware terminal or page.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from claimcheck.lang import display
from claimcheck.lang.display import FSI, PDI
from claimcheck.model import Verdict
from claimcheck.report.base import (
    FINDING_ORDER,
    FINDING_VERDICT,
    SEVERITY,
    Report,
    claim_of,
    display_value,
    finding_of,
    reference_text,
    summary_line,
    verdict_of,
)
from claimcheck.report.escape import markdown_cell, visible

# Right-to-left isolates: the Arabic span is laid out on its own, so the
# left-to-right fields around it (positions, values) keep their order in any
# terminal, with or without bidi support.
RLI = "\u2067"

MARK = {Verdict.CONTRADICTED: "✗", Verdict.UNVERIFIABLE: "?", Verdict.SUPPORTED: "✓", None: "•"}
ANSI = {Verdict.CONTRADICTED: "31", Verdict.UNVERIFIABLE: "33", Verdict.SUPPORTED: "32", None: "36"}


def _paint(text: str, verdict: Verdict | None, on: bool, bold: bool = False) -> str:
    if not on:
        return text
    code = ANSI[verdict] + (";1" if bold else "")
    return f"\x1b[{code}m{text}\x1b[0m"


def _one_line(text: str) -> str:
    """Running text on one line, its control characters shown, not obeyed."""
    return visible(" ".join(text.split()))


def _field(text: str, width: int = 0) -> str:
    """One field of a table line, isolated so that the fields keep their order."""
    return f"{FSI}{text}{PDI}" + " " * max(0, width - len(text))


def table(report: Report) -> bytes:
    """Grouped by file; one line per claim, the explanation indented under it.

    ``  14:80  ✗ مخالف للمرجع  قيمة مخالفة  عدد  أكثر من 120,000  ⁧«أكثر من 120 ألف فرد»⁩``
    """
    return "".join(table_pieces(report)).encode()


def table_pieces(report: Any) -> Iterator[str]:
    """:func:`table` a line at a time, from running totals and the items in report
    order (a :class:`Report` or a :class:`~claimcheck.report.spill.BoundedReport`)."""
    lang = report.lang
    colour = report.color
    tally = report.tally()
    label_w = max((len(display.label("verdict", f, lang)) for f in FINDING_ORDER), default=0)
    reason_w = max((len(display.label("reason", r, lang)) for r in tally.reasons), default=0)
    kind_w = max((len(display.label("kind", k, lang)) for k in tally.kinds), default=0)
    file = None
    pos_w = 0
    for it in report.in_order():
        rec = it.to_record()
        c = claim_of(it)
        if c.file != file:
            if file is not None:
                yield "\n"
            file = c.file
            pos_w = tally.positions[file]
            yield _paint(visible(file), None, colour, bold=True) + "\n"
        verdict = verdict_of(it)
        pos = f"{c.line}:{c.column}".ljust(pos_w)
        what = (f"{_field(display.label('kind', rec['kind'], lang), kind_w)} "
                f"{_field(_one_line(display_value(rec, lang)))}")
        if verdict is not None:
            mark = f"{MARK[verdict]} {_field(display.label('verdict', finding_of(it), lang), label_w)}"
            label = _paint(mark, verdict, colour, bold=True)
            reason = _field(display.label("reason", rec["reason"], lang), reason_w)
            head = f"  {pos}  {label} {reason}  {what}"
        else:
            head = f"  {pos}  {what}"
        yield f"{head}  {RLI}«{_one_line(c.text)}»{PDI}\n"
        if rec.get("explanation"):
            yield f"  {' ' * pos_w}    {display.isolate(_one_line(rec['explanation']), lang)}\n"
    if file is not None:
        yield "\n"
    yield display.isolate(summary_line(report, tally), lang) + "\n"


def _md(text: Any, lang: str | None = None) -> str:
    """A Markdown table cell: HTML escaped (GitHub renders HTML), pipes and newlines
    defused; with ``lang``, runs of the other script isolated."""
    if text is None:
        return ""
    s = str(text)
    if lang:
        s = display.isolate(s, lang)
    return markdown_cell(s)


def _evidence(rec: Mapping[str, Any], lang: str) -> str:
    return reference_text(rec, ": ", lang)


def markdown(report: Report) -> bytes:
    """A full summary for people reading CI results (``$GITHUB_STEP_SUMMARY``, PR comments)."""
    return "".join(markdown_pieces(report)).encode()


def markdown_pieces(report: Any) -> Iterator[str]:
    """:func:`markdown` a line at a time (see :func:`table_pieces`): the findings
    worst first, then the supported claims folded."""
    lang = report.lang
    tally = report.tally()
    lines = ["## claimcheck", "", _md(summary_line(report, tally), lang) + ".", ""]
    if report.checked:
        lines += [f"| {_col('verdict', lang)} | {display.text('count', lang)} |", "|---|---:|"]
        lines += [f"| {MARK[FINDING_VERDICT[f]]} {display.label('verdict', f, lang)} "
                  f"| {display.number(n, lang)} |" for f, n in tally.finding_counts().items()]
        lines.append("")
    yield "\n".join(lines)
    supported = SEVERITY[Verdict.SUPPORTED]
    findings = sum(n for f, n in tally.findings.items() if f != "supported")
    if findings:
        title = display.text("findings" if report.checked else "claims", lang)
        yield from ("\n" + line for line in [f"### {title}", "", *_md_head(report.checked, lang)])
        for severity in range(supported):
            yield from ("\n" + _md_row(it, report.checked, lang) for it in report.by_severity(severity))
        yield "\n"
    if tally.findings.get("supported"):
        yield from ("\n" + line for line in [f"<details><summary>{display.text('supported', lang)}</summary>",
                                             "", *_md_head(report.checked, lang)])
        yield from ("\n" + _md_row(it, report.checked, lang) for it in report.by_severity(supported))
        yield from ("\n" + line for line in ["", "</details>", ""])


def _col(name: str, lang: str) -> str:
    return display.label("column", name, lang)


def _md_head(checked: bool, lang: str) -> list[str]:
    names = (("where", "text", "verdict", "reason", "reference", "explanation") if checked
             else ("where", "text", "kind", "value"))
    heads = [display.text(n, lang) if n in ("where", "reference") else _col(n, lang) for n in names]
    return ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]


def _md_row(it: Any, checked: bool, lang: str) -> str:
    r = it.to_record()
    where = _md(f"{r['file']}:{r['line']}:{r['column']}")
    if checked:
        return (f"| {where} | {_md(r['text'], lang)} "
                f"| {MARK[verdict_of(it)]} {display.label('verdict', finding_of(it), lang)} "
                f"| {_md(display.label('reason', r['reason'], lang))} "
                f"| {_md(_evidence(r, lang), lang)} | {_md(r['explanation'], lang)} |")
    return (f"| {where} | {_md(r['text'], lang)} "
            f"| {display.label('kind', r['kind'], lang)} "
            f"| {_md(display_value(r, lang), lang)} |")
