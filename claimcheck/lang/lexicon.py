"""Loading the Arabic language data in ``claimcheck/lang/data/*.toml``.

Each data file is hand-written TOML, keyed by concept, with every surface form
listed. Forms are folded with :func:`claimcheck.text.normalize.fold` when loaded, so
the data may be written with hamza, harakat and ة as a person would write it.
Loaders validate (non-empty, no duplicates where forms must be unique) and raise
:class:`~claimcheck.errors.LexiconError`; ``tests/test_lexicon.py`` loads every
shipped file so that a bad edit fails a test, not a user.
"""
from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import Any, Iterable

from claimcheck.errors import LexiconError
from claimcheck.lang import recache
from claimcheck.text.normalize import fold

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_file(filename: str) -> bytes:
    """The bytes of ``claimcheck/lang/data/<filename>`` (FileNotFoundError when
    there is none). Read beside this module, as an installed package has it;
    through ``importlib.resources`` only when the package is not a folder (a
    zip), whose machinery costs a short run more than its data files do."""
    try:
        with open(os.path.join(_DATA, filename), "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        if os.path.isdir(_DATA):
            raise
    from importlib import resources

    return resources.files("claimcheck.lang.data").joinpath(filename).read_bytes()


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``claimcheck/lang/data/<name>.toml``."""
    try:
        raw = data_file(f"{name}.toml").decode("utf-8")
    except FileNotFoundError:
        raise LexiconError(f"no data file {name}.toml") from None
    # tomllib is pure Python: the parsed file is kept across runs (for this Python)
    return recache.memo("toml", recache.digest(name, raw, sys.version),
                        lambda: parse_toml(raw, f"{name}.toml"))


def parse_toml(raw: str, where: str) -> dict[str, Any]:
    """``raw`` parsed (tomllib imported now: a run that finds every data file
    parsed in the start-up cache never needs it)."""
    import tomllib

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{where}: {e}") from None


def forms(values: Iterable[str], *, where: str) -> list[str]:
    """Fold and de-duplicate a list of surface forms; refuse an empty list or form."""
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        f = " ".join(fold(v).split())
        if not f:
            raise LexiconError(f"{where}: empty form")
        if f not in seen:
            seen.add(f)
            out.append(f)
    if not out:
        raise LexiconError(f"{where}: no forms")
    return out


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree (~40× faster than a flat one).

    Longer words win over their prefixes because each node tries its children
    before ending. Spaces inside a phrase match one or more whitespace characters.

    >>> trie_pattern(["ألف", "الاف", "الفين"])
    '(?:اl...'  # doctest: +SKIP

    Built once and kept across runs (:mod:`claimcheck.lang.recache`): a trie of
    the gazetteer's names takes longer to build than a short article to check.
    """
    return recache.memo_pattern(_trie_pattern, words)


def _trie_pattern(words: list[str]) -> str:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            esc = r"\s+" if ch == " " else re.escape(ch)
            branches.append(esc + build(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        body = "|".join(branches)
        return f"(?:{body})" + ("?" if ends else "")

    if not trie:
        raise LexiconError("trie_pattern: no words")
    return build(trie)
