"""Text from documents and tables made safe for the place it is written to.

Everything a report shows comes from files someone else wrote: a table cell,
a file name, a sentence. Each destination has its own dangerous characters:

* a terminal obeys control characters (ESC starts a sequence that can retitle
  the window, clear the screen or move the cursor; BEL rings): :func:`visible`
  writes them as ``\\x1b``-style escapes for every human format;
* a Markdown table splits a row on ``|`` and reads ``\\`` as an escape:
  :func:`markdown_cell`;
* a SARIF ``artifactLocation.uri`` must be a URI reference (RFC 3986):
  :func:`uri_reference`.

Formats call these functions, and nothing else escapes the same thing twice.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from claimcheck.lang import recache

#: C0 controls, DEL, the C1 controls (U+0080–U+009F, which some terminals obey
#: as 8-bit escape sequences: U+009B is a CSI), and lone surrogates (the bytes of
#: a file name that is not UTF-8, which no output encoding can write).
_CONTROL = recache.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        o -= 0xDC00
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written out, so that a terminal
    shows it instead of obeying it (line breaks and tabs too: collapse the
    whitespace of running text first, where it should read as spaces).

    >>> visible("id\\x1b]0;owned\\x07")
    'id\\\\x1b]0;owned\\\\x07'
    >>> visible("نحو 5%")
    'نحو 5%'
    """
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def markdown_cell(value: object) -> str:
    """A GitHub-flavoured Markdown table cell: one line, inert.

    HTML is escaped (GitHub renders it); ``|`` becomes ``&#124;`` (a ``\\|`` can
    itself be undone by a backslash in the text), Markdown punctuation is
    backslash-escaped, backslashes first; control characters are made visible.

    >>> markdown_cell("a|b\\\\|c")
    'a&#124;b\\\\\\\\&#124;c'
    """
    if value is None:
        return ""
    s = visible(" ".join(str(value).split()))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;")
    s = s.replace("\\", "\\\\")
    for ch in "`*_[]":
        s = s.replace(ch, "\\" + ch)
    return s


def uri_reference(path: str) -> str:
    """A file path as an RFC 3986 relative reference: ``/`` and the unreserved
    characters kept, everything else percent-encoded as UTF-8 (spaces, ``#``,
    ``?``, ``%``, ``:``, ``,``, line breaks, Arabic letters; the bytes of a name
    that is not UTF-8 as they are).

    >>> uri_reference("drafts/مسودة 1#?.md")
    'drafts/%D9%85%D8%B3%D9%88%D8%AF%D8%A9%201%23%3F.md'
    >>> uri_reference("c:drafts/a, b.md")
    'c%3Adrafts/a%2C%20b.md'
    """
    return quote(path, safe="/", encoding="utf-8", errors="surrogateescape")


__all__ = ["visible", "markdown_cell", "uri_reference"]
