"""Formats for people: the terminal table and a Markdown summary."""
from __future__ import annotations

from typing import Any, Mapping

from claimcheck.model import Verdict
from claimcheck.report.base import Report, claim_of, display_value, importance_key, reference_text, verdict_of

# Right-to-left isolates: the Arabic span is laid out on its own, so the
# left-to-right fields around it (positions, values) keep their order in any
# terminal, with or without bidi support.
RLI, PDI = "\u2067", "\u2069"

MARK = {Verdict.CONTRADICTED: "✗", Verdict.UNVERIFIABLE: "?", Verdict.SUPPORTED: "✓", None: "•"}
ANSI = {Verdict.CONTRADICTED: "31", Verdict.UNVERIFIABLE: "33", Verdict.SUPPORTED: "32", None: "36"}


def _paint(text: str, verdict: Verdict | None, on: bool, bold: bool = False) -> str:
    if not on:
        return text
    code = ANSI[verdict] + (";1" if bold else "")
    return f"\x1b[{code}m{text}\x1b[0m"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def table(report: Report) -> bytes:
    """Grouped by file; one line per claim, the explanation indented under it.

    ``  14:80  ✗ contradicted  value_mismatch   number  120000 (more_than)  ⁧«أكثر من 120 ألف فرد»⁩``
    """
    out: list[str] = []
    colour = report.color
    for file, items in report.by_file().items():
        if not items:
            continue
        out.append(_paint(file, None, colour, bold=True) if colour else file)
        pos_w = max(len(f"{claim_of(i).line}:{claim_of(i).column}") for i in items)
        for it in items:
            rec = it.to_record()
            c = claim_of(it)
            verdict = verdict_of(it)
            pos = f"{c.line}:{c.column}".ljust(pos_w)
            what = f"{rec['kind']:<8} {display_value(rec)} ({rec['qualifier']})"
            if verdict is not None:
                label = _paint(f"{MARK[verdict]} {verdict:<12}", verdict, colour, bold=True)
                head = f"  {pos}  {label} {rec['reason']:<20} {what}"
            else:
                head = f"  {pos}  {what}"
            out.append(f"{head}  {RLI}«{_one_line(c.text)}»{PDI}")
            if rec.get("explanation"):
                out.append(f"  {' ' * pos_w}    {_one_line(rec['explanation'])}")
        out.append("")
    out.append(report.summary_line())
    return ("\n".join(out) + "\n").encode()


def _md(text: Any) -> str:
    """A Markdown table cell: HTML escaped (GitHub renders HTML), pipes and newlines defused."""
    if text is None:
        return ""
    s = str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("|", "\\|").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")
    s = s.replace("[", "\\[").replace("]", "\\]")
    return " ".join(s.split())


def _evidence(rec: Mapping[str, Any]) -> str:
    return reference_text(rec, ": ")


def markdown(report: Report) -> bytes:
    """A full summary for people reading CI results (``$GITHUB_STEP_SUMMARY``, PR comments)."""
    lines = ["## claimcheck", "", report.summary_line() + ".", ""]
    if report.checked:
        lines += ["| verdict | claims |", "|---|---:|"]
        lines += [f"| {MARK[v]} {v} | {n} |" for v, n in report.verdict_counts().items()]
        lines.append("")
    items = sorted(report.items, key=importance_key)
    findings = [i for i in items if verdict_of(i) is not Verdict.SUPPORTED]
    supported = [i for i in items if verdict_of(i) is Verdict.SUPPORTED]

    def rows(group: list[Any]) -> list[str]:
        if report.checked:
            head = ["| where | claim | verdict | reason | reference | explanation |",
                    "|---|---|---|---|---|---|"]
        else:
            head = ["| where | claim | kind | value | qualifier |", "|---|---|---|---|---|"]
        body = []
        for it in group:
            r = it.to_record()
            where = _md(f"{r['file']}:{r['line']}:{r['column']}")
            if report.checked:
                body.append(f"| {where} | {_md(r['text'])} | {MARK[verdict_of(it)]} {r['verdict']} "
                            f"| {r['reason']} | {_md(_evidence(r))} | {_md(r['explanation'])} |")
            else:
                body.append(f"| {where} | {_md(r['text'])} | {r['kind']} | {_md(display_value(r))} "
                            f"| {r['qualifier']} |")
        return head + body

    if findings:
        lines += ["### Findings" if report.checked else "### Claims", ""] + rows(findings) + [""]
    if supported:
        lines += ["<details><summary>Supported claims</summary>", ""] + rows(supported)
        lines += ["", "</details>", ""]
    return "\n".join(lines).encode()
