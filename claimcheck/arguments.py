"""The Python API's arguments, checked at the door.

A wrong argument is a :class:`TypeError` (wrong kind of thing) or a
:class:`ValueError` (right kind, impossible value) whose message names the
parameter, raised before any work — never an empty result that looks like
"no claims", nor an AttributeError from deep inside.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from os import PathLike
from typing import Any

LANGS = ("ar", "en")


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def text(value: Any, name: str = "text") -> str:
    """A document's text: a ``str`` (bytes must be decoded first).

    >>> text(b"5%")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: text must be str, not bytes: decode it first (data.decode("utf-8"), or ...
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be str, not {_kind(value)}: decode it first "
                        '(data.decode("utf-8"), or claimcheck.text.sources.decode_bytes(data) '
                        "to detect the encoding)")
    raise TypeError(f"{name} must be str, not {_kind(value)}")


def optional_str(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{name} must be str or None, not {_kind(value)}")


def country(value: Any, name: str = "country") -> str | None:
    """None, or an ISO 3166 alpha-2 code (``"IQ"``)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a two-letter country code or None, not {_kind(value)}")
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise ValueError(f"{name} must be a two-letter ISO 3166 country code like 'IQ' (got {value!r})")
    return value.upper()


def count(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {_kind(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum} (got {value})")
    return value


def lang(value: Any, name: str = "lang") -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {', '.join(LANGS)}, not {_kind(value)}")
    if value not in LANGS:
        raise ValueError(f"{name} must be one of {', '.join(LANGS)} (got {value!r})")
    return value


def tolerance(value: Any, name: str = "approx_tolerance") -> Any:
    """None, or a relative tolerance ``0 <= t < 1`` (a number, ``"0.1"`` or ``"10%"``)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise TypeError(f"{name} must be a number like 0.1 or a string like '10%', "
                        f"not {_kind(value)}")
    try:
        s = str(value).strip()
        t = Decimal(s[:-1]) / 100 if s.endswith("%") else Decimal(s)
        ok = t.is_finite() and 0 <= t < 1
    except (InvalidOperation, ArithmeticError):
        ok = False
    if not ok:
        raise ValueError(f"{name} must be at least 0 and below 1, e.g. 0.1 or '10%' (got {value!r})")
    return value


def reference(value: Any, name: str = "reference") -> Any:
    """None, a path, a list of paths, or loaded tables (checked by type only)."""
    from claimcheck.reference.index import References

    if value is None or isinstance(value, (str, PathLike, References)):
        return value
    if isinstance(value, (list, tuple)) and value and \
            all(isinstance(v, (str, PathLike)) for v in value):
        return value
    raise TypeError(f"{name} must be a path, a list of paths, loaded References or None, "
                    f"not {_kind(value)}")


__all__ = ["text", "optional_str", "country", "count", "lang", "tolerance", "reference"]
