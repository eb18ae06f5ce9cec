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
from functools import lru_cache
from re import Match, Pattern, escape  # noqa: F401  (re-exported for the engine)

from claimcheck.errors import LexiconError
from claimcheck.lang import recache

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


def _horizontal(pattern: str) -> str:
    """``\\s`` never crosses a line break: a claim, its unit and its qualifier
    sit on one line (normalised text has only spaces and newlines as whitespace);
    ``$`` is the end of the searched window, never "before a final newline"."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            pair = pattern[i:i + 2]
            if pair == "\\s":
                out.append(" \\t" if in_class else "[^\\S\\n]")
            else:
                out.append(pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            if pattern[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":
                out.append("]")
                i += 1
        elif c == "]" and in_class:
            in_class = False
            out.append(c)
        elif c == "$" and not in_class:
            # ``$`` also matches before a final newline: a look-behind window
            # ending in "\n" would see the previous line's last word.
            out.append("\\Z")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def translate(pattern: str) -> str:
    """``pattern`` in the ``re`` spelling. A Unicode property this module does not
    translate (``\\p{Lu}``, ``\\p{Arabic}``) is a :class:`LexiconError`: the
    patterns come from the language data, and ``re`` would read ``\\p`` as a bad escape."""
    for a, b in _SUBS:
        pattern = pattern.replace(a, b)
    pattern = _horizontal(pattern)
    if r"\p{" in pattern:
        raise LexiconError(f"untranslated Unicode property in pattern: {pattern[:80]!r}")
    return pattern


#: what a translation depends on (the translation is kept across runs with the
#: compiled pattern: :mod:`claimcheck.lang.recache`)
_TRANSLATION = recache.digest(translate, _horizontal, _SUBS)


@lru_cache(maxsize=1024)
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` translated and compiled, once per process: the engine also
    builds patterns at run time (``rx.split(...)``, a numbered item's neighbour
    ``(n+1)``), and a translation and cache look-up per claim cost more than
    the match."""
    translated = recache.memo("rx", _TRANSLATION + pattern, lambda: translate(pattern))
    return recache.compile(translated, flags)


def split(pattern: str, string: str, maxsplit: int = 0) -> list[str]:
    return compile(pattern).split(string, maxsplit)


def search(pattern: str, string: str) -> re.Match[str] | None:
    return compile(pattern).search(string)


def match(pattern: str, string: str) -> re.Match[str] | None:
    return compile(pattern).match(string)


def finditer(pattern: str, string: str):
    return compile(pattern).finditer(string)


def sub(pattern: str, repl: str, string: str) -> str:
    return compile(pattern).sub(repl, string)
