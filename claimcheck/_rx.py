"""Per-claim patterns run on the standard ``re`` engine.

The ``regex`` module costs time proportional to the whole string on every
``match(text, pos)``/``search(text, pos, endpos)`` call (measured: 80 µs per call
on a 640 KB line), which makes per-claim look-arounds quadratic on long
documents; ``re`` starts at ``pos`` in constant time. The language patterns are
written with ``\\p{L}``/``\\p{N}`` for readability and translated here into the
``re`` spelling (``[^\\W\\d_]`` is "a letter" for Unicode strings).

>>> compile(r"(?<![\\p{L}\\p{N}])ب\\p{L}+").pattern
'(?<!\\\\w)ب[^\\\\W\\\\d_]+'
"""
from __future__ import annotations

import re
from re import Match, Pattern, escape  # noqa: F401  (re-exported for the engine)

_LETTER = r"[^\W\d_]"
_SUBS = (
    (r"(?<![\p{L}\p{N}])", r"(?<!\w)"),
    (r"(?![\p{L}\p{N}])", r"(?!\w)"),
    (r"[\p{L}\p{N}]", r"\w"),
    (r"[^\n\p{L}]", r"(?:(?!" + _LETTER + r")[^\n])"),
    (r"(?![\p{L}])", r"(?!" + _LETTER + ")"),
    (r"(?<![\p{L}])", r"(?<!" + _LETTER + ")"),
    (r"(?![\p{N}])", r"(?!\d)"),
    (r"\p{L}", _LETTER),
    (r"\p{N}", r"\d"),
)


def translate(pattern: str) -> str:
    for a, b in _SUBS:
        pattern = pattern.replace(a, b)
    if r"\p{" in pattern:
        raise ValueError(f"untranslated Unicode property in pattern: {pattern[:80]!r}")
    return pattern


def compile(pattern: str, flags: int = 0) -> "re.Pattern[str]":  # noqa: A001
    return re.compile(translate(pattern), flags)


def split(pattern: str, string: str, maxsplit: int = 0) -> list[str]:
    return compile(pattern).split(string, maxsplit)


def search(pattern: str, string: str) -> "re.Match[str] | None":
    return compile(pattern).search(string)


def match(pattern: str, string: str) -> "re.Match[str] | None":
    return compile(pattern).match(string)


def finditer(pattern: str, string: str):  # noqa: ANN201
    return compile(pattern).finditer(string)


def sub(pattern: str, repl: str, string: str) -> str:
    return compile(pattern).sub(repl, string)
