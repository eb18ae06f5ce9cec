"""Drafts as they are written: what in a Markdown file is not prose, and what is silenced.

:func:`prepare` returns the document with everything that is not prose blanked
out — front matter, fenced and indented code, inline code, URLs, HTML comments
and tags. Blanking replaces each character by a space and keeps line breaks, so
the prepared text has the same length, lines and columns as the original and a
claim found in it has the same offsets (``original[start:end] == claim.text``,
because claims never reach into a blanked span).

Suppression comments mark ranges of the original whose claims are counted as
suppressed rather than reported::

    <!-- claimcheck-disable-next-line -->
    the line after the comment is not reported
    <!-- claimcheck-disable-next-line no_reference, date -->
    only findings with these reasons or kinds are silenced on the next line
    <!-- claimcheck-disable -->
    nothing here is reported …
    <!-- claimcheck-enable -->

A misspelt directive (``claimcheck-disable-nextline``) or an unknown code is an
input error naming the line, never silently ignored.

The CLI does: text → :func:`prepare` → extract/check on ``prepared.text`` →
:meth:`Prepared.restore` (sentences from the original) → :meth:`Prepared.split`.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from claimcheck.lang import recache
from claimcheck.model import CheckedClaim, Claim

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
T = TypeVar("T", Claim, CheckedClaim)

_FRONT_MATTER = recache.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_FENCE_OPEN = recache.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = recache.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
# Everything inline that is not prose, leftmost first; a comment is tried
# before a tag so that `<!-- … -->` is read as a comment.
_INLINE = recache.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^>\s]*>)"
    r"|(?P<target>(?<=\])\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+\"[^\"\n]*\")?\))"
    r"|(?P<refdef>^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$)"
    r"|(?P<url>(?:https?://|ftp://|www\.)[^\s<>()\[\]{}\"'«»]+)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)",
    re.S | re.M,
)
_URL_TAIL = ".,;:!?؟،؛"
#: Any comment addressed to claimcheck: ``<!-- claimcheck-NAME [codes] -->``.
_DIRECTIVE = recache.compile(r"<!--\s*claim-?check\b[-_ ]?(?P<name>[\w-]*)(?P<codes>[^>]*?)\s*-->", re.I)
DIRECTIVES = ("disable-next-line", "disable", "enable")


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


#: Everything blanking turns into a space: any character but a line break.
_BLANKED = recache.compile(r"[^\r\n]+")


def _blank(spans: list[tuple[int, int]], start: int, end: int) -> None:
    spans.append((start, end))


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character but line breaks in ``spans`` made a space.
    (Built from slices: a list of a long draft's characters would take some 70
    bytes a character, each Arabic letter a string of its own.)"""
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_BLANKED.sub(lambda m: " " * len(m.group()), text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document ready for extraction, and where its suppressed ranges lie."""

    original: str
    text: str
    #: Half-open character ranges of the original whose claims are suppressed,
    #: each with the codes it silences (empty: every finding).
    suppressed: tuple[tuple[int, int, frozenset[str]], ...] = ()

    def is_suppressed(self, item: Claim | CheckedClaim) -> bool:
        start = (item.claim if isinstance(item, CheckedClaim) else item).start
        codes: frozenset[str] | None = None
        for lo, hi, only in self.suppressed:
            if lo <= start < hi:
                if not only:
                    return True
                if codes is None:
                    from claimcheck.report.policy import codes_of

                    codes = codes_of(item)
                if only & codes:
                    return True
        return False

    def split(self, items: Sequence[T]) -> tuple[list[T], list[T]]:
        """(active, suppressed) — suppressed ones are kept to be counted, not dropped."""
        active: list[T] = []
        silenced: list[T] = []
        for it in items:
            (silenced if self.is_suppressed(it) else active).append(it)
        return active, silenced

    def restore(self, items: Sequence[T]) -> list[T]:
        """Give each claim its sentence as written in the original (inline code and URLs included).

        The engine read the prepared text, so a sentence may hold blanks where
        code or a link was. When the sentence is found at its place in the
        prepared text, the same span of the original replaces it.
        """
        return list(self.restored(items))

    def restored(self, items: Iterable[T]) -> Iterator[T]:
        """:meth:`restore` one item at a time, as the items come."""
        if self.text == self.original:
            yield from items
            return
        for it in items:
            c = it.claim if isinstance(it, CheckedClaim) else it
            sentence = self._original_sentence(c)
            if sentence != c.sentence:
                c = dataclasses.replace(c, sentence=sentence)
                it = dataclasses.replace(it, claim=c) if isinstance(it, CheckedClaim) else c
            yield it

    def _original_sentence(self, c: Claim) -> str:
        s = c.sentence
        if not s:
            return s
        lo = max(0, c.start - len(s))
        at = self.text.find(s, lo, c.end + len(s))
        while at != -1 and not (at <= c.start and c.end <= at + len(s)):
            at = self.text.find(s, at + 1, c.end + len(s))
        return self.original[at:at + len(s)] if at != -1 else s


def _code_lines(text: str, chars: list[tuple[int, int]]) -> None:
    """Blank fenced code blocks and indented code blocks (not list continuations)."""
    pos = 0
    fence: str | None = None
    prev_blank = True
    in_list = False
    in_indented = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        if fence is not None:
            _blank(chars, start, end)
            stripped = body.lstrip(" ")
            if len(body) - len(stripped) <= 3 and stripped.startswith(fence) \
                    and not stripped.lstrip(fence[0]).strip():
                fence = None
            continue
        m = _FENCE_OPEN.match(body)
        if m:
            fence = m.group(1)
            _blank(chars, start, end)
            prev_blank = in_indented = False
            continue
        blank = not body.strip()
        indented = body.startswith(("    ", "\t"))
        if indented and not blank and (in_indented or (prev_blank and not in_list)):
            _blank(chars, start, end)
            in_indented = True
        elif not blank:
            in_indented = False
            if not indented:
                in_list = bool(_LIST_ITEM.match(body))
        prev_blank = blank


def _directive(comment: str, line: int, name: str) -> tuple[str, frozenset[str]] | None:
    """``<!-- claimcheck-disable-next-line no_reference, date -->`` → (directive, codes).

    None for a comment not addressed to claimcheck; a misspelt directive or an
    unknown code is an :class:`InputError` naming the line (never silently ignored).
    """
    d = _DIRECTIVE.fullmatch(comment)
    if d is None:
        return None
    from claimcheck.errors import ConfigError, InputError
    from claimcheck.report.policy import parse_codes

    directive = d.group("name").lower()
    if directive not in DIRECTIVES:
        raise InputError(f"line {line}: unknown directive {comment.strip()!r} "
                         f"(known: claimcheck-{', claimcheck-'.join(DIRECTIVES)})", path=name)
    raw = d.group("codes").replace(",", " ").split()
    if directive == "enable" and raw:
        raise InputError(f"line {line}: claimcheck-enable takes no codes", path=name)
    try:
        return directive, parse_codes(raw, f"claimcheck-{directive}")
    except ConfigError as e:
        raise InputError(f"line {line}: {e}", path=name) from None


def prepare(text: str, *, markdown: bool = True, name: str = "-") -> Prepared:
    """Blank out what is not prose and find the suppressed ranges.

    >>> p = prepare("نص `5 ملايين` و https://x.org/2024\\n")
    >>> p.text.split(), len(p.text) == len(p.original), p.text.endswith("\\n")
    (['نص', 'و'], True, True)
    """
    if not markdown:
        return Prepared(text, text)
    chars: list[tuple[int, int]] = []  # the spans blanked
    fm = _FRONT_MATTER.match(text)
    if fm:
        _blank(chars, 0, fm.end())
    _code_lines(text, chars)
    code_blanked = _blanked(text, chars)
    chars = []

    ranges: list[tuple[int, int, frozenset[str]]] = []
    disabled_at: int | None = None
    disabled_codes: frozenset[str] = frozenset()
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for m in _INLINE.finditer(code_blanked):
        start, end = m.span()
        if m.group("url"):
            while end > start and text[end - 1] in _URL_TAIL:
                end -= 1
        found = _directive(m.group("comment"), bisect_right(line_starts, start), name) \
            if m.group("comment") else None
        if found is not None:
            directive, codes = found
            if directive == "disable-next-line":
                # index (0-based) of the line after the one where the comment ends
                line = bisect_right(line_starts, end - 1)
                if line < len(line_starts):
                    nxt = line_starts[line]
                    stop = line_starts[line + 1] if line + 1 < len(line_starts) else len(text)
                    ranges.append((nxt, stop, codes))
            elif directive == "disable" and disabled_at is None:
                disabled_at, disabled_codes = end, codes
            elif directive == "enable" and disabled_at is not None:
                ranges.append((disabled_at, start, disabled_codes))
                disabled_at = None
        _blank(chars, start, end)
    if disabled_at is not None:
        ranges.append((disabled_at, len(text), disabled_codes))
    return Prepared(text, _blanked(code_blanked, chars), tuple(sorted(ranges)))


def iter_marked(text: str, name: str,
                run: Callable[[str, str], Iterable[T]]) -> Iterator[tuple[T, str | None]]:
    """A Markdown draft's findings one at a time, as ``run(prepared_text, name)``
    gives them (in offset order), each with its status: None (reported) or
    ``comment`` (silenced by a suppression comment). Nothing holds the draft's
    findings at once (a draft dense in figures is as long as any text)."""
    from claimcheck.report.base import SUPPRESSED_BY_COMMENT

    prepared = prepare(text, markdown=True, name=name)
    for item in prepared.restored(run(prepared.text, name)):
        yield item, SUPPRESSED_BY_COMMENT if prepared.is_suppressed(item) else None
