"""claimcheck — find, normalise and check the quantitative claims in Arabic news copy.

>>> import claimcheck
>>> [c.value for c in claimcheck.extract("دربت أكثر من 120 ألف فرد")]
[Decimal('120000')]
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from claimcheck.errors import ClaimcheckError, ConfigError, InputError, OutputError, ReferenceTableError
from claimcheck.model import Calendar, CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict

__all__ = [
    "__version__", "extract", "check", "extract_frame", "check_frame",
    "Claim", "CheckedClaim", "Kind", "Qualifier", "Calendar", "Verdict", "Reason",
    "ClaimcheckError", "InputError", "ReferenceTableError", "ConfigError", "OutputError",
]


from claimcheck.extraction.engine import extract


def check(text: str, reference: Any = None, **options: Any) -> list[CheckedClaim]:
    """Extract the claims of ``text`` and check each against reference tables."""
    from claimcheck.checking.checker import check as _check

    return _check(text, reference=reference, **options)


def extract_frame(df: Any, text_column: str, id_column: str | None = None, **options: Any) -> Any:
    """Claims of every row of a pandas DataFrame, as a DataFrame."""
    from claimcheck.frame import extract_frame as _ef

    return _ef(df, text_column, id_column, **options)


def check_frame(df: Any, text_column: str, id_column: str | None = None, *, reference: Any = None,
                **options: Any) -> Any:
    """Checked claims of every row of a pandas DataFrame, as a DataFrame (verdicts and evidence)."""
    from claimcheck.frame import check_frame as _cf

    return _cf(df, text_column, id_column, reference=reference, **options)
