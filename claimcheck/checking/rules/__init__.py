"""Arithmetic consistency (SPEC §6): the claims of one document checked against
each other, with no reference table.

Each rule is a module of this package that defines ``RULE`` (a
:class:`~claimcheck.checking.rules.base.Rule`): its reason code, what it reads,
its cues in ``lang/data/consistency.toml`` and its cases in
``tests/cases/rules/<name>.toml``. :func:`registry` finds them; adding a rule
touches no other code.

:func:`apply` is the one call the check loop makes: it takes the document, its
claims and their checked results, and returns the results with the findings
applied — a flagged claim becomes ``contradicted`` with the rule's reason,
``related`` and ``expected``, unless a reference table already contradicts it
(which wins). Claims a relation confirms keep what the tables said.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache

from claimcheck.checking.rules.base import Finding, Rule
from claimcheck.checking.rules.document import Document, agency, other_reading
from claimcheck.model import CheckedClaim, Claim, Related, Verdict

_HELPERS = frozenset({"base", "cues", "delta", "document", "fromto"})


@cache
def registry() -> tuple[Rule, ...]:
    """Every rule of the package, in module-name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in _HELPERS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            found.append(rule)
    return tuple(found)


def default_rules() -> tuple[str, ...]:
    """Names of the rules that run unless chosen otherwise."""
    return tuple(r.name for r in registry() if r.default)


def find(text: str, claims: Sequence[Claim], *, offset: int = 0, approx: Decimal = Decimal("0.10"),
         lang: str = "ar", as_of: date | None = None,
         rules: Collection[str] | None = None,
         trace: list[tuple[str, tuple[Claim, ...]]] | None = None) -> list[Finding]:
    """Every finding of the chosen ``rules`` (default: :func:`default_rules`) in one text.

    ``trace``: a list that receives every relation read, consistent or not, as
    (rule, its claims) — what a gold set of relations measures recall with."""
    chosen = set(default_rules() if rules is None else rules)
    doc = Document(text, claims, offset=offset, approx=approx, lang=lang, as_of=as_of)
    if trace is not None:
        doc.trace = trace
    out: list[Finding] = []
    for rule in registry():
        if rule.name in chosen:
            out.extend(f for f in rule.find(doc)
                       if not (_agency(f) and _holds_otherwise(rule, doc, f)))
    return out


def _agency(f: Finding) -> bool:
    return agency(f.claim) or any(agency(c) for c in f.related)


def _holds_otherwise(rule: Rule, doc: Document, f: Finding) -> bool:
    """Whether the relation ``f`` flags holds with the ر figures read in the other
    order (SPEC §6: flagged only when no reading of the written figures satisfies it).

    The relation holds there when the rule reads it again and flags nothing at the
    same claim; a reading that the rule cannot build at all (a change of a hundred
    fold) is not what the text means, and the finding stands."""
    claims = []
    for c in doc.claims:
        o = other_reading(c) if agency(c) else c
        if o is None:
            return True  # cannot be read the other way: say nothing rather than guess
        claims.append(o)
    other = Document(doc.text, claims, offset=doc.offset, approx=doc.approx, lang=doc.lang, as_of=doc.as_of)
    other.read, other.trace = Counter(), []
    span = (f.claim.start, f.claim.end)
    if any((g.claim.start, g.claim.end) == span for g in rule.find(other)):
        return False
    return any(span in {(c.start, c.end) for c in cs} for _, cs in other.trace)


def apply(text: str, claims: Sequence[Claim], results: list[CheckedClaim], *, offset: int = 0,
          approx: Decimal = Decimal("0.10"), lang: str = "ar", as_of: date | None = None,
          rules: Collection[str] | None = None) -> list[CheckedClaim]:
    """``results`` with the consistency findings of ``claims`` applied (see the module doc)."""
    if len(claims) < 2:
        return results
    findings = find(text, claims, offset=offset, approx=approx, lang=lang, as_of=as_of, rules=rules)
    if not findings:
        return results
    first: dict[tuple[int, int], Finding] = {}
    for f in findings:
        first.setdefault((f.claim.start, f.claim.end), f)
    out = []
    for r in results:
        f = first.get((r.claim.start, r.claim.end))
        if f is not None and r.verdict is not Verdict.CONTRADICTED:
            r = replace(r, verdict=Verdict.CONTRADICTED, reason=f.reason, explanation=f.explanation,
                        related=tuple(Related(c.start, c.end, c.text) for c in f.related),
                        expected=f.expected, reference_id=None, reference_value=None,
                        reference_unit=None, reference_period=None, reference_source=None,
                        delta=None, match_score=None)
        out.append(r)
    return out


__all__ = ["Document", "Finding", "Rule", "apply", "default_rules", "find", "registry"]
