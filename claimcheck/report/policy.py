"""Which findings are reported and which fail a run (``--select``, ``--ignore``,
``--fail-on``), as ruff and Vale decide it for code and prose.

Codes are the SPEC's stable names: a reason (``no_reference``), a kind
(``date``) or a verdict standing for all its reasons (``unverifiable``). A
finding matches a code when its reason, its kind or its verdict is that code.

* Reported: every finding, unless ``select`` is given (then only those that
  match it) or it matches ``ignore`` (ignore wins).
* Failing: a reported finding whose verdict is at or above ``--fail-on`` —
  except ``no_reference``, which fails a run only when selected by name
  (``--select no_reference``). It says that the tables hold nothing about the
  claim: a gap in the tables, not an error in the copy, and nearly every
  article has such figures (a year, a count in passing). The other
  unverifiable reasons point at something the tables do hold — a fact for
  another period, in another unit, without an exchange rate, or two facts
  that disagree — and fail ``--fail-on unverifiable``.

>>> policy = Policy.parse(select=None, ignore="date")
>>> policy.ignore
frozenset({'date'})
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from claimcheck.errors import ConfigError
from claimcheck.model import CheckedClaim, Claim, Kind, Reason, Verdict

#: Every code a rule may name.
CODES: frozenset[str] = frozenset({*(str(r) for r in Reason), *(str(k) for k in Kind),
                                   *(str(v) for v in Verdict)})
#: Reasons reported but failing a run only when selected by name.
NOT_FAILING_BY_DEFAULT: frozenset[str] = frozenset({"no_reference"})

FAILING_VERDICTS: dict[str, frozenset[Verdict]] = {
    "contradicted": frozenset({Verdict.CONTRADICTED}),
    "unverifiable": frozenset({Verdict.CONTRADICTED, Verdict.UNVERIFIABLE}),
    "never": frozenset(),
}


def parse_codes(value: Any, where: str) -> frozenset[str]:
    """``"no_reference,date"``, a list of such strings, or None → a set of known codes.

    An unknown code is an error naming the known ones (never silently ignored).
    """
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{where} must be a code or a list of codes")
    codes = {c.strip().lower() for v in items for c in v.split(",") if c.strip()}
    unknown = sorted(codes - CODES)
    if unknown:
        raise ConfigError(f"{where}: unknown code{'s' * (len(unknown) > 1)} {', '.join(unknown)} "
                          f"(known: reasons, kinds and verdicts, e.g. no_reference, date, unverifiable)")
    return frozenset(codes)


def codes_of(item: Claim | CheckedClaim) -> frozenset[str]:
    """The codes a finding answers to: its kind, and its verdict and reason."""
    if isinstance(item, CheckedClaim):
        return frozenset({str(item.claim.kind), str(item.verdict), str(item.reason)})
    return frozenset({str(item.kind)})


@dataclass(frozen=True, slots=True)
class Policy:
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, select: Any = None, ignore: Any = None) -> Policy:
        return cls(parse_codes(select, "--select"), parse_codes(ignore, "--ignore"))

    def reported(self, item: Claim | CheckedClaim) -> bool:
        codes = codes_of(item)
        if self.ignore & codes:
            return False
        return not self.select or bool(self.select & codes)

    def failing(self, item: Claim | CheckedClaim, fail_on: str) -> bool:
        if not isinstance(item, CheckedClaim) or item.verdict not in FAILING_VERDICTS[fail_on]:
            return False
        if str(item.reason) in NOT_FAILING_BY_DEFAULT and str(item.reason) not in self.select:
            return False
        return self.reported(item)

    def fails(self, items: Iterable[Claim | CheckedClaim], fail_on: str) -> bool:
        return any(self.failing(i, fail_on) for i in items)

    def keep(self, items: Iterable[Any]) -> list[Any]:
        """The items this policy reports."""
        if not self.select and not self.ignore:
            return list(items)
        return [i for i in items if self.reported(i)]


DEFAULT = Policy()

__all__ = ["Policy", "DEFAULT", "CODES", "NOT_FAILING_BY_DEFAULT", "parse_codes", "codes_of"]
