"""Output formats. Every format serialises the same records (``to_record()``).

>>> from claimcheck.report import render
>>> render([], "csv")[:3] == "\\ufeff".encode()
True

Add a format by writing a function ``Report -> bytes`` in a module of this
package and listing it in :data:`FORMATTERS`; the CLI offers every key of that
table. A format's module is imported when the format is chosen, not before: a
pre-commit hook's table run never loads the HTML page, the workbook writer or
SARIF (``tests/test_startup.py`` holds it).
"""
from __future__ import annotations

import importlib
import sys
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from claimcheck.errors import FormatError
from claimcheck.report.base import (
    CHECK_COLUMNS,
    CLAIM_COLUMNS,
    FAILING,
    Item,
    Report,
    claim_of,
    fails,
    make_report,
    verdict_of,
)

Formatter = Callable[[Report], bytes]

#: format → ``module:function`` of this package that writes it
FORMATTERS: dict[str, str] = {
    "table": "text:table",
    "jsonl": "data:jsonl",
    "json": "data:json_",
    "csv": "data:csv_",
    "xlsx": "xlsx:xlsx",
    "html": "html:html",
    "markdown": "text:markdown",
    "github": "ci:github",
    "sarif": "ci:sarif",
}
FORMATS: tuple[str, ...] = tuple(FORMATTERS)
#: Formats written as the records come (:mod:`claimcheck.report.streamed`, imported
#: only for them: it holds the CSV, JSON and GitHub writers)
STREAMED_FORMATS = frozenset({"csv", "github", "json"})
#: Formats made from running totals and records kept on disk
#: (:mod:`claimcheck.report.spill`, imported only for them)
BOUNDED_FORMATS = frozenset({"table", "markdown", "sarif", "html", "xlsx"})
#: Formats that are not text for a terminal (the CLI refuses to dump them on a tty).
BINARY_FORMATS = frozenset({"xlsx"})


def render(
    items: Iterable[Item] | Report,
    fmt: str,
    *,
    checked: bool | None = None,
    documents: Mapping[str, str] | None = None,
    suppressed: Sequence[Item] = (),
    baselined: int = 0,
    color: bool = False,
    lang: str = "ar",
    known: Sequence[Item] = (),
    read: Sequence[str] = (),
) -> bytes:
    """The report in format ``fmt`` as bytes, ready to write whole.

    ``documents`` (file → original text) lets the HTML report show each article
    with its claims highlighted; ``suppressed`` and ``baselined`` are counted in
    the summaries; ``known`` are findings the baseline hides (carried, marked);
    ``lang`` is the language of everything a person reads.
    """
    formatter = formatter_of(fmt)
    report = items if isinstance(items, Report) else make_report(
        items, checked=checked, documents=documents, suppressed=suppressed,
        baselined=baselined, color=color, lang=lang, known=known, read=read)
    with _all_digits():
        return formatter(report)


def formatter_of(fmt: str) -> Formatter:
    """The function that writes format ``fmt`` (its module imported now)."""
    try:
        module, _, name = FORMATTERS[fmt].partition(":")
    except KeyError:
        raise FormatError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


@contextmanager
def _all_digits() -> Iterator[None]:
    """Let exact integers of any length print (Python refuses over 4,300 digits by default).

    The limit guards int() parsing of untrusted strings; here we only print
    values the engine already holds, and a report must never crash on one.
    """
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(before)


def write_step_summary(report: Report, environ: Mapping[str, str]) -> bool:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY`` when it is set.

    GitHub shows only a handful of annotations per step; the summary holds them all.
    """
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    with open(path, "ab") as fh:
        fh.write(formatter_of("markdown")(report))
    return True


__all__ = ["FORMATS", "FORMATTERS", "BINARY_FORMATS", "STREAMED_FORMATS", "BOUNDED_FORMATS",
           "formatter_of", "render", "make_report", "Report", "write_step_summary", "fails", "FAILING",
           "CLAIM_COLUMNS", "CHECK_COLUMNS", "claim_of", "verdict_of"]
