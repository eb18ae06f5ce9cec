"""Formats for CI: GitHub workflow annotations and SARIF 2.1.0."""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Iterable, Iterator, Mapping

from claimcheck import __version__
from claimcheck.lang.display import percent_change
from claimcheck.model import REASON_VERDICT, Reason, Verdict
from claimcheck.report.base import (
    KNOWN_FROM_BASELINE,
    SEVERITY,
    SUPPRESSED_BY_COMMENT,
    Report,
    claim_of,
    end_position,
    reference_text,
    related_text,
    verdict_of,
)
from claimcheck.report.escape import uri_reference, visible

# --- GitHub workflow commands -------------------------------------------------

#: Annotation command per verdict; supported claims are not annotated (they are
#: in the step summary).
GITHUB_LEVEL = {Verdict.CONTRADICTED: "error", Verdict.UNVERIFIABLE: "warning", None: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow-command message: ``%``, CR and LF (as the runner unescapes
    them); other control characters are shown, not passed to the log viewer."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def escape_property(text: str) -> str:
    """Escape a workflow-command property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _evidence_text(rec: Mapping[str, Any]) -> str:
    parts = []
    if rec.get("reference_id"):
        parts.append("reference " + reference_text(rec, lang="en"))
    if rec.get("delta") is not None:
        parts.append(f"delta {percent_change(rec['delta'], 'en')}")
    src = rec.get("reference_source")
    if src and src not in (rec.get("explanation") or ""):
        parts.append(f"source {src}")  # the explanation usually cites it already
    return "; ".join(parts)


def _message(rec: Mapping[str, Any]) -> str:
    claim = f"«{rec['text']}» → {rec['kind']} {rec.get('value')}" + \
        (f" {rec['unit']}" if rec.get("unit") else "") + f" ({rec['qualifier']})"
    lines = [rec.get("explanation") or claim]
    if rec.get("explanation"):
        lines.append(claim)
    evidence = _evidence_text(rec)
    if evidence:
        lines.append(evidence)
    if rec.get("related"):
        lines.append("related: " + related_text(rec))
    return "\n".join(lines)


def github(report: Report) -> bytes:
    """``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` lines.

    Most important first (contradicted, then unverifiable), because GitHub shows
    only the first few annotations of each kind per step.
    """
    return "".join(github_pieces(report)).encode()


def github_pieces(report: Any) -> Iterator[str]:
    """:func:`github` an annotation at a time, worst first (see
    :func:`claimcheck.report.text.table_pieces`); supported claims have none."""
    for severity in range(SEVERITY[Verdict.SUPPORTED]):
        yield from _annotations(report.by_severity(severity))


def github_lines(items: Iterable[Any]) -> bytes:
    """The annotation of each item, in the order given (supported claims have none).

    One line each: the runner unescapes ``%0A`` in the message (see :func:`escape_data`)."""
    return "".join(_annotations(items)).encode()


def _annotations(items: Iterable[Any]) -> Iterator[str]:
    for it in items:
        verdict = verdict_of(it)
        if verdict is Verdict.SUPPORTED:
            continue
        c = claim_of(it)
        rec = it.to_record()
        end_line, end_col = end_position(c)
        title = f"claimcheck: {verdict} ({rec['reason']})" if verdict else f"claimcheck: {c.kind}"
        props = {
            "file": c.file, "line": str(c.line), "col": str(c.column),
            "endLine": str(end_line), "endColumn": str(end_col), "title": title,
        }
        prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        yield f"::{GITHUB_LEVEL[verdict]} {prop_text}::{escape_data(_message(rec))}\n"


# --- SARIF 2.1.0 ----------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Verdict.CONTRADICTED: "error", Verdict.UNVERIFIABLE: "warning",
               Verdict.SUPPORTED: "none"}

RULE_TEXT: dict[Reason, str] = {
    Reason.EXACT: "The claim equals the reference value.",
    Reason.WITHIN_ROUNDING: "The reference lies within the precision the claim is written with.",
    Reason.WITHIN_APPROXIMATION: "An approximate claim lies within the approximation tolerance.",
    Reason.BOUND_SATISFIED: "The reference satisfies the claim's bound (more than, at least…).",
    Reason.WITHIN_TOLERANCE: "The claim lies within the reference's own tolerance.",
    Reason.VALUE_MISMATCH: "The claim disagrees with the reference value.",
    Reason.SCALE_MISMATCH: "The claim is off by a power of 1000 (million vs billion).",
    Reason.BOUND_VIOLATED: "The reference violates the claim's bound.",
    Reason.DATE_MISMATCH: "The claimed date disagrees with the reference date.",
    Reason.NO_REFERENCE: "No reference fact matches the claim.",
    Reason.PERIOD_NOT_COVERED: "Reference facts exist, but for another period.",
    Reason.INCOMPARABLE_UNITS: "The claim's unit cannot be compared with the reference's.",
    Reason.NO_EXCHANGE_RATE: "No exchange rate converts the claim's currency.",
    Reason.AMBIGUOUS_REFERENCE: "Two equally good reference facts disagree.",
    Reason.INCONSISTENT_CHANGE: "A stated change does not follow from the start and end values given.",
    Reason.INCONSISTENT_SHARE: "A share of a stated whole does not give the part the text states.",
    Reason.INCONSISTENT_RATIO: "A part out of a whole does not make the percentage the text states.",
    Reason.INCONSISTENT_TOTAL: "The parts the text lists do not add up with its total.",
    Reason.INCONSISTENT_ELAPSED: "An anniversary, age or time since a date disagrees with the text's date.",
    Reason.POINTS_NOT_PERCENT: "A change of a percentage is neither its points nor its relative change.",
    Reason.INCONSISTENT_REPEAT: "The same figure is stated twice in the document with different values.",
}
CLAIM_RULE = "claim"
#: Where each rule is documented: the README's list of reasons (an anchor per code).
README_URL = "https://pypi.org/project/claimcheck/"
#: What an editor does about each verdict (the rule's full description).
ACTION: dict[Verdict, str] = {
    Verdict.SUPPORTED: "Nothing to do: reported as a pass so dashboards can count what was checked.",
    Verdict.CONTRADICTED: "Check the figure against the cited reference and correct the text or the table.",
    Verdict.UNVERIFIABLE: "No table could settle the claim: add a reference row, or leave it to the "
                          "editor's judgement. Reported by default, fails a run only with "
                          "--fail-on unverifiable and only for the reasons it selects.",
}
SRCROOT = "SRCROOT"


def _rule_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_"))


def _rules(checked: bool) -> list[dict[str, Any]]:
    if not checked:
        return [{
            "id": CLAIM_RULE, "name": "QuantitativeClaim",
            "shortDescription": {"text": "A quantitative claim found in the text."},
            "defaultConfiguration": {"level": "note"},
        }]
    return [{
        "id": str(r), "name": _rule_name(r),
        "shortDescription": {"text": RULE_TEXT.get(r, str(r))},
        "fullDescription": {"text": f"{RULE_TEXT.get(r, str(r))} {ACTION[REASON_VERDICT[r]]}"},
        "helpUri": f"{README_URL}#{r}",
        "help": {"text": f"{RULE_TEXT.get(r, str(r))} {ACTION[REASON_VERDICT[r]]} "
                         f"See the README, section \"Verdicts and reasons\"."},
        "defaultConfiguration": {"level": SARIF_LEVEL[REASON_VERDICT[r]]},
        "properties": {"tags": ["claimcheck", str(REASON_VERDICT[r])]},
    } for r in Reason]


def _related_locations(c: Any, rec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The claims a consistency relation used (SPEC §6), as SARIF related locations."""
    return [{
        "id": k,
        "physicalLocation": {
            "artifactLocation": _artifact(c.file),
            "region": {"charOffset": r["start"], "charLength": r["end"] - r["start"],
                       "snippet": {"text": r["text"]}},
        },
        "message": {"text": r["text"]},
    } for k, r in enumerate(rec["related"], 1)]


def _artifact(file: str) -> dict[str, str]:
    """A result's artifactLocation: a relative path against ``SRCROOT`` (the
    folder the run started in), percent-encoded as a URI reference."""
    if file == "-":
        return {"uri": "stdin"}
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    posix = path.as_posix()
    return {"uri": uri_reference(posix), "uriBaseId": SRCROOT}


def sarif(report: Report) -> bytes:
    """One run, a rule per reason code, a result per claim with its region and evidence.

    Supported claims are results of kind ``pass``, so dashboards can count what
    was checked without showing it as a problem.
    """
    return "".join(sarif_pieces(report)).encode()


#: Stands for the results while the rest of the document is laid out.
_RESULTS = "claimcheck:results"
#: A result's indent inside the document (runs → run → results).
_RESULT_INDENT = "\n" + " " * 8


def sarif_pieces(report: Any) -> Iterator[str]:
    """:func:`sarif` a result at a time: the document around the results is laid
    out first, each result is indented as it is inside it (a :class:`Report` or
    a :class:`~claimcheck.report.spill.BoundedReport`)."""
    tally = report.tally()
    rules = _rules(report.checked)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    with_baseline = bool(tally.known or report.baselined)
    any_results = bool(tally.reported or tally.suppressed or tally.known)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck", "version": __version__,
                "informationUri": README_URL,
                "rules": rules,
            }},
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": [_RESULTS] if any_results else [],
            "properties": {"suppressed": tally.suppressed, "baselined": report.baselined},
        }],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if not any_results:
        yield text
        return
    head, _, tail = text.partition(json.dumps(_RESULTS))
    yield head
    sep = ""
    for it, status in report.entries():
        result = _sarif_result(it, status, index, with_baseline)
        yield sep + json.dumps(result, ensure_ascii=False, indent=2).replace("\n", _RESULT_INDENT)
        sep = "," + _RESULT_INDENT
    yield tail


def _sarif_result(it: Any, status: str | None, index: Mapping[str, int],
                  with_baseline: bool) -> dict[str, Any]:
    from claimcheck.run.baseline import fingerprint

    c = claim_of(it)
    rec = it.to_record()
    verdict = verdict_of(it)
    rule_id = rec["reason"] if verdict is not None else CLAIM_RULE
    end_line, end_col = end_position(c)
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "kind": "pass" if verdict is Verdict.SUPPORTED else ("fail" if verdict else "informational"),
        "level": SARIF_LEVEL[verdict] if verdict is not None else "note",
        "message": {"text": _message(rec)},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(c.file),
            "region": {
                "startLine": c.line, "startColumn": c.column,
                "endLine": end_line, "endColumn": end_col,
                "charOffset": c.start, "charLength": c.end - c.start,
                "snippet": {"text": c.text},
            },
        }}],
        **({"relatedLocations": _related_locations(c, rec)} if rec.get("related") else {}),
        "partialFingerprints": {"claimcheck/v1": fingerprint(c)},
        "properties": rec,
    }
    if status == SUPPRESSED_BY_COMMENT:
        # Findings silenced by a claimcheck-disable comment stay visible as such.
        result["suppressions"] = [{"kind": "inSource", "status": "accepted"}]
    if with_baseline:
        result["baselineState"] = "unchanged" if status == KNOWN_FROM_BASELINE else "new"
    return result
