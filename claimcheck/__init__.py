"""claimcheck — find, normalise and check the quantitative claims in Arabic news copy.

>>> import claimcheck
>>> [c.value for c in claimcheck.extract("دربت أكثر من 120 ألف فرد")]
[Decimal('120000')]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import ClaimcheckError, ConfigError, InputError, ReferenceTableError
from .model import Calendar, CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict

__all__ = [
    "__version__", "extract", "check", "extract_frame",
    "Claim", "CheckedClaim", "Kind", "Qualifier", "Calendar", "Verdict", "Reason",
    "ClaimcheckError", "InputError", "ReferenceTableError", "ConfigError",
]


# The submodule ``claimcheck.extract`` and the function share a name: importing
# the function here binds the package attribute to the function for good.
from .extract import extract  # noqa: E402


def check(text: str, reference: Any = None, **options: Any) -> "list[CheckedClaim]":
    """Extract the claims of ``text`` and check each against reference tables."""
    from .compare import check as _check

    return _check(text, reference=reference, **options)


def extract_frame(df: Any, text_column: str, id_column: str | None = None, **options: Any) -> Any:
    """Claims of every row of a pandas DataFrame, as a DataFrame."""
    from .frame import extract_frame as _ef

    return _ef(df, text_column, id_column, **options)
