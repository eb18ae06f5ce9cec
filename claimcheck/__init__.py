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


def extract(text: str, *, file: str = "-", country: str | None = None, base_offset: int = 0,
            base_line: int = 1) -> list[Claim]:
    """Every quantitative claim in ``text``, in document order.

    ``country`` (ISO 3166 alpha-2) resolves bare ambiguous currencies (دينار،
    ريال…); ``base_offset``/``base_line`` shift offsets and lines when ``text``
    is one chunk of a larger document. A wrong argument is a TypeError or
    ValueError naming it (bytes must be decoded first).

    >>> [(c.kind.value, c.value, c.unit) for c in extract("بأكثر من 500 مليون جنيه إسترليني")]
    [('money', Decimal('500000000'), 'GBP')]
    """
    from claimcheck import arguments as arg
    from claimcheck.extraction.engine import extract as _extract

    return _extract(arg.text(text), file=arg.optional_str(file, "file") or "-",
                    country=arg.country(country), base_offset=arg.count(base_offset, "base_offset", 0),
                    base_line=arg.count(base_line, "base_line", 1))


def check(text: str, reference: Any = None, **options: Any) -> list[CheckedClaim]:
    """Extract the claims of ``text`` and check each against reference tables.

    ``reference``: a path, a list of paths, loaded tables, or None (the bundled
    tables); options: ``lang`` (ar, en), ``approx_tolerance`` (0 ≤ t < 1),
    ``country``, ``file``. A wrong argument is a TypeError or ValueError naming it.
    """
    from claimcheck import arguments as arg
    from claimcheck.checking.checker import check as _check

    arg.text(text)
    arg.reference(reference)
    if "lang" in options:
        arg.lang(options["lang"])
    if "approx_tolerance" in options:
        arg.tolerance(options["approx_tolerance"])
    if "country" in options:
        options["country"] = arg.country(options["country"])
    if "file" in options:
        arg.optional_str(options["file"], "file")
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
