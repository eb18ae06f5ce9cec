"""Formats for people: the terminal table and a Markdown summary.

Both speak the report's language (``--lang``): verdicts, reasons, kinds and
summaries are words from ``lang/data/labels.toml``, amounts are written through
CLDR, and every run of the other script is isolated (FSI…PDI) so that it reads
in the right order in a bidi-aware terminal or page.
"""
from __future__ import annotations

from typing import Any, Mapping

from claimcheck.lang import display
from claimcheck.lang.display import FSI, PDI
from claimcheck.model import Verdict
from claimcheck.report.base import (
    FINDING_ORDER,
    FINDING_VERDICT,
    Report,
    claim_of,
    display_value,
    finding_of,
    importance_key,
    reference_text,
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
    lang = report.lang
    out: list[str] = []
    colour = report.color
    by_file = report.by_file()
    label_w = max((len(display.label("verdict", f, lang)) for f in FINDING_ORDER), default=0)
    reason_w = max((len(display.label("reason", verdict_of(i) and i.reason, lang))
                    for i in report.items if verdict_of(i) is not None), default=0)
    kind_w = max((len(display.label("kind", claim_of(i).kind, lang)) for i in report.items), default=0)
    for file, items in by_file.items():
        if not items:
            continue
        out.append(_paint(visible(file), None, colour, bold=True))
        pos_w = max(len(f"{claim_of(i).line}:{claim_of(i).column}") for i in items)
        for it in items:
            rec = it.to_record()
            c = claim_of(it)
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
            out.append(f"{head}  {RLI}«{_one_line(c.text)}»{PDI}")
            if rec.get("explanation"):
                out.append(f"  {' ' * pos_w}    {display.isolate(_one_line(rec['explanation']), lang)}")
        out.append("")
    out.append(display.isolate(report.summary_line(), lang))
    return ("\n".join(out) + "\n").encode()


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
    lang = report.lang
    col = lambda name: display.label("column", name, lang)  # noqa: E731
    lines = ["## claimcheck", "", _md(report.summary_line(), lang) + ".", ""]
    if report.checked:
        lines += [f"| {col('verdict')} | {display.text('count', lang)} |", "|---|---:|"]
        lines += [f"| {MARK[FINDING_VERDICT[f]]} {display.label('verdict', f, lang)} "
                  f"| {display.number(n, lang)} |" for f, n in report.finding_counts().items()]
        lines.append("")
    items = sorted(report.items, key=importance_key)
    findings = [i for i in items if verdict_of(i) is not Verdict.SUPPORTED]
    supported = [i for i in items if verdict_of(i) is Verdict.SUPPORTED]

    def rows(group: list[Any]) -> list[str]:
        if report.checked:
            names = ("where", "text", "verdict", "reason", "reference", "explanation")
        else:
            names = ("where", "text", "kind", "value")
        heads = [display.text(n, lang) if n in ("where", "reference") else col(n) for n in names]
        head = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        body = []
        for it in group:
            r = it.to_record()
            where = _md(f"{r['file']}:{r['line']}:{r['column']}")
            if report.checked:
                body.append(f"| {where} | {_md(r['text'], lang)} "
                            f"| {MARK[verdict_of(it)]} {display.label('verdict', finding_of(it), lang)} "
                            f"| {_md(display.label('reason', r['reason'], lang))} "
                            f"| {_md(_evidence(r, lang), lang)} | {_md(r['explanation'], lang)} |")
            else:
                body.append(f"| {where} | {_md(r['text'], lang)} "
                            f"| {display.label('kind', r['kind'], lang)} "
                            f"| {_md(display_value(r, lang), lang)} |")
        return head + body

    if findings:
        title = display.text("findings" if report.checked else "claims", lang)
        lines += [f"### {title}", ""] + rows(findings) + [""]
    if supported:
        lines += [f"<details><summary>{display.text('supported', lang)}</summary>", ""]
        lines += rows(supported) + ["", "</details>", ""]
    return "\n".join(lines).encode()
