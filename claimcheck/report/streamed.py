"""CSV, JSON and GitHub annotations written as the records come, in memory that
does not grow with the records (issue 17).

The other formats are made from a whole :class:`~claimcheck.report.base.Report`
(sorted, counted, summarised). These two need only their records in report
order, and a run gives them in that order already: files sorted by name
(:func:`claimcheck.text.sources.expand_paths`), each file's claims by offset.
So each batch of records is rendered where it was checked (in a worker with
``--jobs``) by a picklable renderer below, and :class:`StreamedReport` puts the
pieces in place:

* a file's pieces wait in a temporary file until the file is read to its end,
  so a file found unreadable part-way is left out whole, as in every report;
* CSV: the header, then each file's rows;
* JSON: the array :func:`claimcheck.report.data.json_` writes, a record at a
  time (each indented as it is inside the array);
* GitHub: the most important annotations first (``error``, then ``warning``,
  then ``notice``, each in file and offset order, as :func:`ci.github` sorts
  them): the errors are written at once, the others wait in a temporary file
  each until the end.

The bytes are those :func:`claimcheck.report.render` gives for the same run.
Temporary files are unnamed (removed when closed, also on error).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from dataclasses import dataclass
from typing import IO, Any, Iterable

from claimcheck.report.base import CHECK_COLUMNS, CLAIM_COLUMNS, flat, marked_record
from claimcheck.report.ci import github_lines
from claimcheck.report.data import csv_cell

#: Formats :class:`StreamedReport` writes.
STREAMED = frozenset({"csv", "github", "json"})
#: Bytes copied at a time between temporary files and the report.
BLOCK = 1 << 20


def can_stream(fmt: str, files: list[str], *, baseline: bool, archives: bool,
               environ: Any) -> bool:
    """Whether the run's report in ``fmt`` can be written as it comes: no baseline
    to compare with; for CSV, text files only (an archive's ``doc_id`` and a
    Markdown draft's silenced findings add a column, known only at the end: such
    a run is bounded, :func:`claimcheck.report.spill.can_bound`); for GitHub no
    step summary to write. The run gives each file's findings in report order
    (an archive's rows in theirs), the files by name."""
    from claimcheck.text.drafts import is_markdown

    return (fmt in STREAMED and not baseline
            and not (fmt == "csv" and (archives or any(is_markdown(f) for f in files)))
            and not (fmt == "github" and environ.get("GITHUB_STEP_SUMMARY")))


def columns(checked: bool) -> tuple[str, ...]:
    """The CSV columns of a run of text files (:attr:`Report.columns` without an
    archive's ``doc_id`` or a silenced finding's status)."""
    return CLAIM_COLUMNS + CHECK_COLUMNS if checked else CLAIM_COLUMNS


@dataclass(frozen=True)
class CsvRows:
    """A batch of items as CSV rows (the rows :func:`claimcheck.report.data.csv_` writes)."""

    columns: tuple[str, ...]

    def __call__(self, items: Iterable[Any]) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        cols = self.columns
        for it in items:
            rec = it.to_record()
            writer.writerow([csv_cell(flat(rec, c)) for c in cols])
        return buf.getvalue().encode()

    def marked(self, entries: Iterable[tuple[Any, str | None]]) -> bytes:
        # a silenced finding adds a column to every row: such a run is bounded
        # (report.spill), its columns known at the end
        raise AssertionError("CSV of silenced findings is written from a bounded report")


@dataclass(frozen=True)
class GithubRows:
    """A batch of items as workflow annotations, in the order given."""

    def __call__(self, items: Iterable[Any]) -> bytes:
        return github_lines(items)

    def marked(self, entries: Iterable[tuple[Any, str | None]]) -> bytes:
        """A silenced finding has no annotation (as :func:`ci.github` gives none)."""
        return github_lines(i for i, status in entries if status is None)


@dataclass(frozen=True)
class JsonRecords:
    """A batch of items as JSON array elements, each after ``,\n`` (the first
    one's is dropped when the array is written)."""

    def __call__(self, items: Iterable[Any]) -> bytes:
        return self.marked((it, None) for it in items)

    def marked(self, entries: Iterable[tuple[Any, str | None]]) -> bytes:
        """A silenced finding's record ends with its ``suppressed`` status."""
        return "".join(",\n  " + json.dumps(marked_record(it, status), ensure_ascii=False, indent=2)
                       .replace("\n", "\n  ") for it, status in entries).encode()


def renderer(fmt: str, checked: bool) -> CsvRows | GithubRows | JsonRecords:
    if fmt == "csv":
        return CsvRows(columns(checked))
    return JsonRecords() if fmt == "json" else GithubRows()


#: The annotation commands in the order a GitHub report gives them.
_LEVELS = (b"::error ", b"::warning ", b"::notice ")


class StreamedReport:
    """Puts rendered pieces of a run in report order on ``out`` (see the module doc).

    Feed it with :meth:`add` (a unit's bytes, its file, whether it was the file's
    last unit) and finish with :meth:`close`; use it as a context manager so the
    temporary files go also when the run fails."""

    def __init__(self, fmt: str, out: IO[bytes], checked: bool) -> None:
        self.fmt, self.out = fmt, out
        self.file: str | None = None
        self.pending: IO[bytes] | None = None
        self.later: list[IO[bytes]] = []
        self.head = b""
        #: JSON: whether a record was written (the array's first has no comma)
        self.records = False
        if fmt == "json":
            self.head = b"["
        elif fmt == "csv":  # written with the first file, or at the end
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\r\n").writerow(columns(checked))
            self.head = ("\ufeff" + buf.getvalue()).encode()
        else:
            self.later = [tempfile.TemporaryFile(prefix="claimcheck-") for _ in _LEVELS[1:]]

    def __enter__(self) -> StreamedReport:
        return self

    def __exit__(self, *exc: Any) -> None:
        for fh in (self.pending, *self.later):
            if fh is not None:
                fh.close()
        self.pending, self.later = None, []

    def add(self, file: str, data: bytes, last: bool) -> None:
        if file != self.file:
            # a file that ended without its last unit was found unreadable: left out
            self._drop()
            self.file = file
        if data:
            if self.pending is None:
                self.pending = tempfile.TemporaryFile(prefix="claimcheck-")
            self.pending.write(data)
        if last:
            self._settle()
            self.file = None

    def _drop(self) -> None:
        if self.pending is not None:
            self.pending.close()
            self.pending = None

    def _settle(self) -> None:
        """The file is whole: its pieces go to the report (GitHub: by level)."""
        self._head()
        fh = self.pending
        if fh is None:
            return
        fh.seek(0)
        if self.fmt == "json":
            if not self.records:
                fh.read(1)  # the first record's comma; its newline follows «[»
                self.records = True
            shutil.copyfileobj(fh, self.out, BLOCK)
        elif self.fmt == "csv":
            shutil.copyfileobj(fh, self.out, BLOCK)
        else:
            sinks = (self.out, *self.later)
            for line in fh:
                for level, sink in zip(_LEVELS, sinks, strict=True):
                    if line.startswith(level):
                        sink.write(line)
                        break
                else:  # a message line never starts a line (newlines are escaped)
                    raise AssertionError(f"not an annotation: {line[:40]!r}")
        self._drop()

    def _head(self) -> None:
        if self.head:
            self.out.write(self.head)
            self.head = b""

    def close(self) -> None:
        """The run is over: what waited goes at the end, in level order. (Not
        called when no file could be read: then no report is written.)"""
        self._drop()
        self._head()
        if self.fmt == "json":
            self.out.write(b"\n]\n" if self.records else b"]\n")
        for fh in self.later:
            fh.seek(0)
            shutil.copyfileobj(fh, self.out, BLOCK)


#: Formats written as they come also with a baseline, its known findings marked
#: in report order among the others (:class:`Marked`).
MARKED = frozenset({"jsonl", "json", "github"})
#: Items :class:`Marked` renders at a time.
MARKED_BATCH = 512


class Marked:
    """A report written as its items come, as :mod:`claimcheck.report.streamed`
    writes it, from items rendered here with their status (a baseline's known
    findings are marked among the others in report order, as the report made
    whole has them): JSON Lines straight to ``out``, JSON and GitHub
    annotations through a :class:`StreamedReport`
    (a file's pieces wait until it is read to its end). Fed as a
    :class:`~claimcheck.report.spill.BoundedReport` is (by a
    :class:`~claimcheck.report.spill.Collector`)."""

    def __init__(self, fmt: str, out: IO[bytes], checked: bool) -> None:
        assert fmt in MARKED, fmt
        self.fmt, self.out = fmt, out
        self.stream = StreamedReport(fmt, out, checked) if fmt != "jsonl" else None
        self.file: str | None = None
        self.held: list[tuple[Any, str | None]] = []

    def __enter__(self) -> Marked:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.held = []
        if self.stream is not None:
            self.stream.__exit__(*exc)

    def begin(self, file: str) -> None:
        self.file, self.held = file, []

    def add(self, item: Any, status: str | None = None) -> None:
        self.held.append((item, status))
        if len(self.held) >= MARKED_BATCH:
            self._put(last=False)

    def add_text(self, text: str) -> None:
        pass

    def _put(self, last: bool) -> None:
        data = self._render(self.held)
        self.held = []
        if self.stream is None:
            self.out.write(data)
        else:
            assert self.file is not None
            self.stream.add(self.file, data, last)

    def _render(self, entries: list[tuple[Any, str | None]]) -> bytes:
        from claimcheck.report.data import marked_json

        if self.fmt == "jsonl":
            return "".join([marked_json(i, s) + "\n" for i, s in entries]).encode()
        if self.fmt == "json":  # array elements, each after ",\n" (see streamed.JsonRecords)
            return "".join([",\n  " + json.dumps(marked_record(i, s), ensure_ascii=False, indent=2)
                            .replace("\n", "\n  ") for i, s in entries]).encode()
        return github_lines(i for i, s in entries if s is None)  # (silenced ones have none)

    def end(self) -> None:
        self._put(last=True)
        self.file = None

    def drop(self) -> None:
        """The file was found unreadable part-way: JSON and GitHub leave it out
        whole; JSON Lines wrote its lines already, as it does without a baseline."""
        self.held = []

    def close(self) -> None:
        """The run is over (the report's end; nothing when no file could be read)."""
        if self.stream is not None:
            self.stream.close()


def can_mark(fmt: str, *, environ: Any = None) -> bool:
    """Whether a run with a baseline can write its report in ``fmt`` as it comes
    (:class:`Marked`): the formats of :data:`MARKED` (GitHub without a step
    summary), whatever the files (a draft's silenced findings and an archive's
    rows come in report order, as for :func:`claimcheck.report.spill.can_bound`)."""
    summary = fmt == "github" and bool((environ or {}).get("GITHUB_STEP_SUMMARY"))
    return fmt in MARKED and not summary


__all__ = ["STREAMED", "MARKED", "Marked", "can_mark", "can_stream", "CsvRows", "GithubRows", "JsonRecords",
           "StreamedReport", "columns", "renderer"]
