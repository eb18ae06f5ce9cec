"""The formats that sort or summarise, written in memory that does not grow with
the records (issue 17).

A table, a Markdown summary or a SARIF log is made from a whole
:class:`~claimcheck.report.base.Report`: the table's columns are as wide as the
widest label found, the summaries count everything, Markdown puts the worst
findings first. None of that needs the records held at once. A
:class:`BoundedReport` takes a run's items as they come and keeps

* running totals (:class:`~claimcheck.report.base.Tally`): the counts, the codes
  found, each file's widest position — what every summary and width needs;
* the items themselves, pickled a batch at a time, in a :class:`Spill` (memory
  up to :data:`SPILL_BYTES`, then an unnamed temporary file) for each order its
  format reads them in: report order, or a spill per severity (worst first is a
  handful of classes, each in report order).

At the end the format's pieces — the same functions :func:`claimcheck.report.render`
joins for a whole report — read them back a batch at a time, so the bytes are
those of the report made whole. The xlsx workbook is written the same way by
one function for both (:data:`WRITERS`: openpyxl's write-only mode, rows put in
a temporary file as they are appended). :class:`Collector` feeds a bounded report
with the pickled batches of a run (rendered where they were analysed, in a
worker with ``--jobs``) a file at a time: a file's batches wait until it is
read to its end, so a file found unreadable part-way is left out whole.

The run gives its items in report order already (files sorted by name, each
file's claims by offset; :func:`can_bound` says when), as
:mod:`claimcheck.report.streamed` relies on too.
"""
from __future__ import annotations

import importlib
import io
import pickle
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator

from claimcheck.errors import ReportOrderError
from claimcheck.model import (
    CHECKED_FIELDS,
    CLAIM_FIELDS,
    CheckedClaim,
    checked_values,
    claim_values,
    new_claim,
)
from claimcheck.report.base import (
    FINDING_ORDER,
    Item,
    Tally,
    claim_of,
    finding_of,
    report_files,
    severity_of,
    summary_line,
)

#: Bytes a spill keeps in memory before it moves to a temporary file.
SPILL_BYTES = 4 << 20
#: Items pickled together (claims of one sentence share its string in a batch).
BATCH = 512
#: Items a spill holds as they are before it pickles them.
HOLD = 2048
#: Bytes of a report's text gathered before a write.
WRITE_BYTES = 1 << 16

#: format → ``module:function`` of this package giving its pieces (str), and
#: the orders it reads the items in: ``items`` (report order), ``severity``
#: (worst first), ``entries`` (report order, silenced findings too),
#: ``silenced`` (the silenced findings, worst first)
PIECES: dict[str, tuple[str, frozenset[str]]] = {
    "table": ("text:table_pieces", frozenset({"items"})),
    "markdown": ("text:markdown_pieces", frozenset({"severity"})),
    "sarif": ("ci:sarif_pieces", frozenset({"entries"})),
    # streamed as it comes (report.streamed), but bounded when the Markdown step
    # summary is written from the same run
    "github": ("ci:github_pieces", frozenset({"severity"})),
    # ``finding`` (a spill per finding class), ``files`` (each file's items and text)
    "html": ("html:html_pieces", frozenset({"finding", "files", "silenced"})),
    # a function that writes the workbook on the binary file itself (:data:`WRITERS`)
    "xlsx": ("xlsx:write_xlsx", frozenset({"entries"})),
    # streamed as they come (report.streamed), but bounded when the columns are
    # known only at the end: a baseline's known findings, an archive's doc_id, a
    # draft's silenced findings
    "csv": ("data:csv_pieces", frozenset({"entries"})),
    "json": ("data:json_pieces", frozenset({"entries"})),
}
#: Formats whose function writes the report on ``out`` itself instead of
#: giving text pieces (a zip: openpyxl's write-only workbook).
WRITERS = frozenset({"xlsx"})
BOUNDED = frozenset({"table", "markdown", "sarif", "html", "xlsx"})


#: CheckedClaim's slot setters in :data:`CHECKED_FIELDS` order (see :func:`unpack`).
_CHECKED_SETTERS = tuple(getattr(CheckedClaim, name).__set__ for name in CHECKED_FIELDS)


def pack(items: Iterable[Item]) -> list[tuple[Any, ...]]:
    """Items as rows of plain values, pickled some five times faster than the
    frozen dataclasses (whose pickling looks their fields up for every item):
    a claim's values, or a checked claim's with its claim's first."""
    rows: list[tuple[Any, ...]] = []
    for it in items:
        if type(it) is CheckedClaim:
            values = checked_values(it)
            rows.append((*claim_values(values[0]), values[1:]))
        else:
            rows.append(claim_values(it))
    return rows


#: The length of a packed claim's row (a checked claim's has one more).
_CLAIM_WIDTH = len(CLAIM_FIELDS)


def unpack(rows: Iterable[tuple[Any, ...]]) -> list[Item]:
    """:func:`pack`'s items back."""
    items: list[Item] = []
    width = _CLAIM_WIDTH
    for row in rows:
        if len(row) == width:
            items.append(new_claim(*row))
            continue
        checked = object.__new__(CheckedClaim)
        for put, v in zip(_CHECKED_SETTERS, (new_claim(*row[:-1]), *row[-1]), strict=True):
            put(checked, v)
        items.append(checked)
    return items


class Buffer:
    """Bytes in memory up to :data:`SPILL_BYTES`, then in an unnamed temporary file."""

    def __init__(self) -> None:
        self.fh: IO[bytes] = io.BytesIO()
        #: bytes written (the end, wherever a read left the position)
        self.size = 0

    def write(self, data: bytes) -> None:
        self.fh.seek(self.size)
        self.fh.write(data)
        self.size += len(data)
        if type(self.fh) is io.BytesIO and self.size > SPILL_BYTES:
            import tempfile  # (only a large run needs it)

            spilled = tempfile.TemporaryFile(prefix="claimcheck-")
            spilled.write(self.fh.getbuffer()[:self.size])
            self.fh = spilled

    def read(self, start: int, end: int) -> bytes:
        self.fh.seek(start)
        return self.fh.read(end - start)

    def batches(self, start: int = 0) -> Iterator[Any]:
        """The pickled objects written from ``start`` on, in order."""
        fh = self.fh
        at = start
        while at < self.size:
            fh.seek(at)
            obj = pickle.load(fh)
            at = fh.tell()
            yield obj

    def truncate(self, size: int) -> None:
        self.fh.seek(size)
        self.fh.truncate()
        self.size = size

    def close(self) -> None:
        self.fh.close()


class Spill:
    """Items kept in order; past :data:`HOLD` of them, pickled a batch at a time
    (a short run pickles nothing). Read back once the run is over."""

    def __init__(self) -> None:
        self.buffer: Buffer | None = None
        self.held: list[Any] = []

    def add(self, item: Any) -> None:
        self.held.append(item)
        if len(self.held) >= HOLD:
            self._flush()

    def _flush(self) -> None:
        if self.buffer is None:
            self.buffer = Buffer()
        for k in range(0, len(self.held), BATCH):
            self.buffer.write(pickle.dumps(self.pack(self.held[k:k + BATCH]), pickle.HIGHEST_PROTOCOL))
        self.held = []

    def __iter__(self) -> Iterator[Any]:
        if self.buffer is not None:
            for batch in self.buffer.batches():
                yield from self.unpack(batch)
        yield from self.held

    def mark(self) -> tuple[int, int]:
        """Where the spill ends now (see :meth:`rollback` and :meth:`read_from`)."""
        return (self.buffer.size if self.buffer is not None else 0), len(self.held)

    def read_from(self, mark: tuple[int, int], count: int) -> Iterator[Any]:
        """The ``count`` items added after :meth:`mark` gave ``mark``."""
        at, skip = mark
        if self.buffer is not None and self.buffer.size > at:
            # pickled since: the items held at the mark come first
            for batch in self.buffer.batches(at):
                for item in self.unpack(batch):
                    if skip:
                        skip -= 1
                    elif count:
                        count -= 1
                        yield item
                if not count:
                    return
        yield from self.held[skip:skip + count]

    def rollback(self, mark: tuple[int, int]) -> None:
        """Forget what was added since :meth:`mark` gave ``mark``."""
        at, held = mark
        if self.buffer is None or self.buffer.size == at:
            del self.held[held:]
            return
        kept: list[Any] = []
        for batch in self.buffer.batches(at):
            kept.extend(self.unpack(batch))
            if len(kept) >= held:
                break
        self.buffer.truncate(at)
        self.held = kept[:held]

    @staticmethod
    def pack(batch: list[Any]) -> Any:
        return pack(batch)

    @staticmethod
    def unpack(batch: Any) -> Iterable[Any]:
        return unpack(batch)

    def close(self) -> None:
        if self.buffer is not None:
            self.buffer.close()
        self.held = []


class EntrySpill(Spill):
    """A :class:`Spill` of ``(item, status)`` pairs."""

    @staticmethod
    def pack(batch: list[Any]) -> Any:
        return pack(item for item, _ in batch), [status for _, status in batch]

    @staticmethod
    def unpack(batch: Any) -> Iterable[Any]:
        rows, statuses = batch
        return zip(unpack(rows), statuses, strict=True)


class BoundedReport:
    """What a formatter reads (as from a :class:`~claimcheck.report.base.Report`),
    from running totals and spills; :meth:`add` each item in report order, a
    file at a time (:meth:`begin`, then :meth:`end` or :meth:`drop`)."""

    def __init__(self, fmt: str, *, checked: bool, lang: str = "ar", color: bool = False,
                 baselined: int = 0, read: Iterable[str] = ()) -> None:
        self.fmt = fmt
        self.checked, self.color, self._baselined = checked, color, baselined
        self.lang = lang if lang in ("ar", "en") else "ar"
        self.read = tuple(sorted(set(read)))
        self._tally = Tally()
        orders = PIECES[fmt][1]
        self.items = Spill() if orders & {"items", "files"} else None
        self.severities = [Spill() for _ in range(3)] if "severity" in orders else None
        self.all = EntrySpill() if "entries" in orders else None
        #: the silenced findings (comment-suppressed, baseline-known) by severity, each in report order
        self.silent = [EntrySpill() for _ in range(3)] if "silenced" in orders else None
        #: the last item's place (file, doc_id, start, end): a file's items come in report order
        self.last: tuple[Any, ...] = ()
        #: finding class → (item, its place in its file) (the HTML page's groups)
        self.findings = ({f: EntrySpill() for f in (*FINDING_ORDER, None)} if "finding" in orders
                         else None)
        #: the files' texts (the HTML page shows them), one after the other
        self.texts = Buffer() if "files" in orders else None
        #: file → (start, end) of its text; file → (mark, count) of its items
        self.documents: dict[str, tuple[int, int]] = {}
        self.regions: dict[str, tuple[tuple[int, int], int]] = {}
        #: the file being read: its running totals, items so far, where the spills ended before it
        self.file: str | None = None
        self.pending = Tally()
        self.in_file = 0
        self.marks = [s.mark() for s in self._spills()]
        self.text_at: int | None = None

    def __enter__(self) -> BoundedReport:
        return self

    def __exit__(self, *exc: Any) -> None:
        for spill in self._spills():
            spill.close()
        if self.texts is not None:
            self.texts.close()

    def add(self, item: Item, status: str | None = None) -> None:
        self._in_order(item)
        self.pending.add(item, status)
        if self.all is not None:
            self.all.add((item, status))
        if status is not None:
            if self.silent is not None:
                self.silent[severity_of(item)].add((item, status))
            return
        self.in_file += 1
        if self.items is not None:
            self.items.add(item)
        if self.severities is not None:
            self.severities[severity_of(item)].add(item)
        if self.findings is not None:
            self.findings[finding_of(item)].add((item, self.in_file))

    def _in_order(self, item: Item) -> None:
        """Each file's findings come in report order (offset order, or an archive's
        rows in theirs), as the engine finds them: a report that sorted them
        would differ, so a run that did not would be a bug, never a quiet one."""
        c = claim_of(item)
        place = (c.file, c.doc_id, c.start, c.end)
        last = self.last
        if last and last[0] == c.file and last[1] == c.doc_id and place < last:
            raise ReportOrderError(f"{c.file}: a finding at {c.start}-{c.end} came after one at "
                                   f"{last[2]}-{last[3]}; a bounded report needs them in order")
        self.last = place

    def add_text(self, text: str) -> None:
        """A piece of the file's text (kept when the format shows it)."""
        if self.texts is not None:
            if self.text_at is None:
                self.text_at = self.texts.size
            self.texts.write(text.encode("utf-8", "surrogatepass"))

    def _spills(self) -> list[Spill]:
        spills = [self.items, self.all, *(self.severities or ()), *(self.findings or {}).values(),
                  *(self.silent or ())]
        return [s for s in spills if s is not None]

    def begin(self, file: str) -> None:
        """A file starts: what it adds is kept only if :meth:`end` follows, not :meth:`drop`."""
        self.file = file
        self.marks = [s.mark() for s in self._spills()]
        self.pending = Tally()
        self.in_file = 0
        self.text_at = None
        self.last = ()

    def end(self) -> None:
        """The file was read to its end: its items are the report's."""
        assert self.file is not None
        self._tally.merge(self.pending)
        if self.in_file and self.items is not None:
            self.regions[self.file] = (self.marks[0], self.in_file)
        if self.text_at is not None:
            self.documents[self.file] = (self.text_at, self.texts.size)  # type: ignore[union-attr]
        self.begin(self.file)

    def drop(self) -> None:
        """The file was found unreadable part-way: it is left out whole."""
        for spill, mark in zip(self._spills(), self.marks, strict=True):
            spill.rollback(mark)
        if self.text_at is not None:
            self.texts.truncate(self.text_at)  # type: ignore[union-attr]
        self.begin(self.file)  # type: ignore[arg-type]

    # --- what formatters read

    def tally(self) -> Tally:
        return self._tally

    @property
    def columns(self) -> tuple[str, ...]:
        """:attr:`Report.columns <claimcheck.report.base.Report.columns>`."""
        return self._tally.columns(self.checked)

    @property
    def baselined(self) -> int:
        """Findings the baseline knows (as :func:`~claimcheck.report.base.make_report` counts them)."""
        return max(self._baselined, self._tally.known)

    def in_order(self) -> Iterator[Item]:
        assert self.items is not None
        return iter(self.items)

    def by_severity(self, severity: int) -> Iterator[Item]:
        assert self.severities is not None
        return iter(self.severities[severity])

    def entries(self) -> Iterator[tuple[Item, str | None]]:
        assert self.all is not None
        return iter(self.all)

    def numbered(self, finding: str | None) -> Iterator[tuple[Item, int]]:
        assert self.findings is not None
        return iter(self.findings[finding])

    def silenced_entries(self) -> Iterator[tuple[Item, str]]:
        """The silenced findings worst first, each severity in report order: by
        :func:`~claimcheck.report.base.importance_key`, as :meth:`Report.silenced_entries`."""
        if self.silent is None:
            assert not self._tally.silenced, f"{self.fmt} keeps no silenced finding"
            return iter(())
        return (e for spill in self.silent for e in spill)

    def file_items(self) -> dict[str, Callable[[], Iterator[Item]]]:
        assert self.items is not None
        read = self.items.read_from
        return {f: (lambda mark=mark, count=count: read(mark, count))
                for f, (mark, count) in self.regions.items()}

    def document(self, file: str) -> str | None:
        if file not in self.documents:
            return None
        return self.texts.read(*self.documents[file]).decode("utf-8", "surrogatepass")  # type: ignore[union-attr]

    def files(self) -> list[str]:
        return report_files(self, self._tally)

    def summary_line(self, lang: str | None = None) -> str:
        return summary_line(self, self._tally, lang)

    def write(self, out: IO[bytes], fmt: str | None = None) -> None:
        """The report in its format (or in ``fmt``, which must read the items in
        the same orders) on ``out``, a piece at a time."""
        from claimcheck.report import _all_digits

        fmt = fmt or self.fmt
        assert PIECES[fmt][1] <= PIECES[self.fmt][1], f"{fmt} reads what {self.fmt} does not keep"
        module, _, name = PIECES[fmt][0].partition(":")
        pieces: Callable[..., Any] = getattr(importlib.import_module(f"claimcheck.report.{module}"), name)
        if fmt in WRITERS:
            with _all_digits():
                pieces(self, out)
            return
        held: list[str] = []
        size = 0
        with _all_digits():
            for piece in pieces(self):
                held.append(piece)
                size += len(piece)
                if size > WRITE_BYTES:
                    out.write("".join(held).encode())
                    held, size = [], 0
        out.write("".join(held).encode())


@dataclass(frozen=True)
class Pickled:
    """A batch of items as the bytes a :class:`Collector` takes (picklable: a
    worker renders with it)."""

    def __call__(self, items: Iterable[Any]) -> bytes:
        return pickle.dumps(pack(items), pickle.HIGHEST_PROTOCOL)

    def marked(self, entries: list[tuple[Any, str | None]]) -> bytes:
        """Findings with their status (a Markdown draft's): rows and statuses."""
        return pickle.dumps((pack(i for i, _ in entries), [s for _, s in entries]),
                            pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class Listed:
    """A batch of items as they are (on one core nothing needs pickling)."""

    def __call__(self, items: Iterable[Any]) -> list[Any]:
        return list(items)

    def marked(self, entries: list[tuple[Any, str | None]]) -> list[Any]:
        """Findings with their status, as ``(item, status)`` pairs."""
        return list(entries)


class Collector:
    """Puts a run's batches — :class:`Pickled` bytes from workers, :class:`Listed`
    items on one core — in a :class:`BoundedReport` as they come, a file at a
    time (see the module doc): ``add(file, data, last)`` for each piece of a unit."""

    def __init__(self, report: BoundedReport) -> None:
        self.report = report
        self.file: str | None = None
        #: bytes of a batch not all received yet (a worker's spooled result comes in blocks)
        self.partial = bytearray()

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.partial = bytearray()

    def add(self, file: str, data: bytes | list[Any], last: bool) -> None:
        if file != self.file:
            self._switch(file)
        add = self.report.add
        if isinstance(data, list):
            for item in data:
                if type(item) is tuple:  # (item, status): see Listed.marked
                    add(*item)
                else:
                    add(item)
        elif data:
            for item, status in self._received(data):
                if status is None:
                    add(item)
                else:
                    add(item, status)
        if last:
            self.report.end()
            self.file = None

    def _switch(self, file: str) -> None:
        if self.file is not None:
            # a file that ended without its last unit was found unreadable: left out
            self.report.drop()
        self.report.begin(file)
        self.partial = bytearray()
        self.file = file

    def text(self, file: str, text: str) -> None:
        """A unit's text, given before its pieces."""
        if file != self.file:
            self._switch(file)
        self.report.add_text(text)

    def _received(self, data: bytes) -> Iterator[tuple[Item, str | None]]:
        """The items of every batch whose bytes are all in, each with its status."""
        self.partial += data
        fh = io.BytesIO(self.partial)
        done = 0
        while done < len(self.partial):
            try:
                batch = pickle.load(fh)
            except (EOFError, pickle.UnpicklingError):
                break  # the rest comes with the next block
            done = fh.tell()
            if type(batch) is tuple:  # rows and statuses (Pickled.marked)
                yield from zip(unpack(batch[0]), batch[1], strict=True)
            else:
                yield from ((item, None) for item in unpack(batch))
        del self.partial[:done]

    def close(self) -> None:
        """The run is over: a file that did not end is left out."""
        if self.file is not None:
            self.report.drop()
            self.file = None


def can_bound(fmt: str, *, baseline: bool, environ: Any = None) -> bool:
    """Whether the run's report in ``fmt`` can be made bounded. The CLI runs the
    files in name order, each file's findings come in offset order (an
    archive's rows in theirs, a draft's comment-silenced findings among its
    others), the order the report made whole keeps
    (:func:`claimcheck.report.base.in_run_order`). GitHub annotations
    are bounded when a step summary is written with them (``GITHUB_STEP_SUMMARY``);
    CSV and JSON when they are not written as they come
    (:func:`claimcheck.report.streamed.can_stream`): with an archive's doc_id or
    a draft's silenced findings (columns known at the end). With a baseline
    (its known findings split from the others as they pass), CSV too (its
    header waits for the known findings); JSON Lines, JSON and GitHub
    annotations are then written as they come
    (:func:`claimcheck.report.streamed.can_mark`)."""
    summary = fmt == "github" and bool((environ or {}).get("GITHUB_STEP_SUMMARY"))
    if baseline:
        return fmt in BOUNDED | {"csv"} or summary
    return fmt in PIECES and fmt != "github" or summary


__all__ = ["BOUNDED", "PIECES", "WRITERS", "SPILL_BYTES", "Buffer", "Spill", "EntrySpill", "pack", "unpack",
           "BoundedReport", "Pickled", "Listed", "Collector", "can_bound"]
