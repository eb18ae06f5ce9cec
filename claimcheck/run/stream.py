"""JSON Lines written as the claims are found, in memory that does not grow
with the claims.

Claim-dense text is the hostile case: «ألف ألف ألف …» or «1 1 1 …» holds a
claim every two to four characters, and each record carries its sentence, so
a chunk's report is hundreds of times the chunk. Nothing here holds a chunk's
records at once:

* on one core, a text chunk's claims are built one at a time by the engine
  (:func:`claimcheck.extraction.engine.iter_extract`) and rendered in small
  batches, each written out before the next is built;
* in a worker (``--jobs``), the rendered lines go to a buffer that moves to a
  temporary file past :data:`SPOOL_BYTES`; the worker sends back the buffer or
  the file's name, and the main process copies the file out block by block
  and removes it.

``check`` streams alike: the engine's claims are checked as they come, a
stretch of at most :data:`claimcheck.checking.checker.CONTEXT_CLAIMS` at a
time (the context a claim is read in and the relations between claims need
their neighbours together), and written before the next stretch is checked.
"""
from __future__ import annotations

import itertools
import os
from collections import deque
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

#: Claims rendered at a time.
BATCH = 512
#: Bytes a worker keeps in memory before it spools a unit's lines to a file.
SPOOL_BYTES = 4 << 20
#: Bytes copied at a time from a spooled file.
BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Spooled:
    """A unit's lines in a temporary file (a worker's result past ``SPOOL_BYTES``)."""

    path: str


def lines(items: Iterable[Any], render: Any = None) -> Iterator[bytes]:
    """``render`` (default: ``jsonl_lines``) of ``items``, a batch at a time (items
    are taken lazily)."""
    if render is None:
        from claimcheck.report.data import jsonl_lines as render

    it = iter(items)
    while batch := list(itertools.islice(it, BATCH)):
        yield render(batch)


def marked_lines(active: list[Any], suppressed: list[Any], render: Any = None) -> Iterator[bytes]:
    """Reported and comment-suppressed items in report order, the latter marked."""
    from claimcheck.report.base import SUPPRESSED_BY_COMMENT, sort_key

    entries = sorted([(i, None) for i in active] + [(i, SUPPRESSED_BY_COMMENT) for i in suppressed],
                     key=lambda e: sort_key(e[0]))
    for k in range(0, len(entries), BATCH):
        yield marked(entries[k:k + BATCH], render)


def marked(entries: list[tuple[Any, str | None]], render: Any = None) -> bytes:
    """``render``'s ``marked`` of a batch of findings with their status (JSON Lines
    by default: a silenced finding's line ends with its ``suppressed`` status)."""
    if render is not None:
        return render.marked(entries)
    from claimcheck.report.data import marked_json

    return "".join([marked_json(i, s) + "\n" for i, s in entries]).encode()


def unit_lines(work: Any, unit: Any, fail_on: str | None, policy: Any = None,
               render: Any = None) -> Iterator[tuple[bytes, int, bool]]:
    """One unit as ``(bytes, items, failed)`` pieces; the last piece carries the
    unit's item count and whether one reached ``fail_on``. ``policy``
    (:class:`claimcheck.report.policy.Policy`) says which items are reported;
    ``render`` turns a batch of them into bytes (default: JSON Lines; a
    Markdown draft's comment-suppressed findings are JSON Lines only)."""
    from claimcheck.report.base import fails

    keep = (lambda items: items) if policy is None else policy.keep
    entries = work.iter_entries(unit)
    if entries is not None:  # a Markdown draft: its findings with their status, as they come
        yield from _entry_lines(entries, fail_on, policy, render)
        return
    items = work.iter_claims(unit)
    if items is not None:  # a text chunk: claim by claim, checked or not
        n, failed = 0, False
        for batch in _batches(items):
            batch = keep(batch)
            n += len(batch)
            if fail_on and not failed:
                failed = fails(batch, fail_on, policy)  # type: ignore[arg-type]
            yield from ((data, 0, False) for data in lines(batch, render))
        yield b"", n, failed
        return
    done = work(unit)
    kept = keep(done.active)
    failed = bool(fail_on) and fails(kept, fail_on, policy)  # type: ignore[arg-type]
    pieces = marked_lines(kept, done.suppressed, render) if done.suppressed else lines(kept, render)
    for data in pieces:
        yield data, 0, False
    yield b"", len(kept), failed


def _entry_lines(entries: Iterator[tuple[Any, str | None]], fail_on: str | None, policy: Any,
                 render: Any) -> Iterator[tuple[bytes, int, bool]]:
    """:func:`unit_lines` of a draft's findings with their status: ``policy``
    chooses among the reported ones; the silenced are all carried, marked."""
    from claimcheck.report.base import fails

    reported = (lambda item: True) if policy is None else policy.reported
    n, failed = 0, False
    for batch in _batches(entries):
        batch = [(i, s) for i, s in batch if s is not None or reported(i)]
        kept = [i for i, s in batch if s is None]
        n += len(kept)
        if fail_on and not failed:
            failed = fails(kept, fail_on, policy)
        if batch:
            yield marked(batch, render), 0, False
    yield b"", n, failed


def _batches(items: Iterator[Any]) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(items, BATCH)):
        yield batch


@dataclass(frozen=True)
class JsonLinesWorker:
    """A unit analysed and rendered as JSON Lines where it was analysed: a worker
    sends back bytes (or a spooled file of them), not claims to rebuild and
    encode in the main process."""

    work: Any
    fail_on: str | None = None
    #: which findings are reported and fail (claimcheck.report.policy.Policy)
    policy: Any = None
    #: a batch of items → bytes (default JSON Lines; see claimcheck.report.streamed)
    render: Any = None

    def warm(self) -> None:
        self.work.warm()

    def __call__(self, unit: Any) -> tuple[bytes | Spooled, int, bool]:
        buf: list[bytes] = []
        size = 0
        spool = None
        n, failed = 0, False
        try:
            for data, count, unit_failed in unit_lines(self.work, unit, self.fail_on, self.policy,
                                                         self.render):
                n += count
                failed = failed or unit_failed
                if spool is not None:
                    spool.write(data)
                    continue
                buf.append(data)
                size += len(data)
                if size > SPOOL_BYTES:
                    import tempfile  # (a table run of a short article needs none)

                    spool = tempfile.NamedTemporaryFile(prefix="claimcheck-jsonl-", suffix=".tmp",
                                                        delete=False)
                    spool.writelines(buf)
                    buf = []
        except BaseException:
            if spool is not None:
                spool.close()
                os.unlink(spool.name)
            raise
        if spool is None:
            return b"".join(buf), n, failed
        spool.close()
        return Spooled(spool.name), n, failed


def received(result: tuple[bytes | Spooled, int, bool]) -> Iterator[tuple[bytes, int, bool]]:
    """A worker's result as pieces; a spooled file is copied out and removed."""
    data, n, failed = result
    if not isinstance(data, Spooled):
        yield data, n, failed
        return
    try:
        with open(data.path, "rb") as fh:
            while block := fh.read(BLOCK):
                yield block, 0, False
    finally:
        os.unlink(data.path)
    yield b"", n, failed


def rendered_units(units: Iterable[Any], work: Any, n: int, fail_on: str | None, policy: Any,
                   render: Any, ordered_map: Any) -> Iterator[tuple[Any, Any]]:
    """Each unit with its rendered pieces, in the units' order: analysed here
    (``work``: a :mod:`claimcheck.run.pool` analysis) as the claims are found
    with one core, else by ``n`` workers (``ordered_map``: the pool's)."""
    if n <= 1:
        for unit in units:
            yield unit, unit_lines(work, unit, fail_on, policy, render)
        return
    sent: deque[Any] = deque()  # (the pool holds the units in flight anyway)

    def tapped() -> Iterator[Any]:
        for unit in units:
            sent.append(unit)
            yield unit

    for result in ordered_map(JsonLinesWorker(work, fail_on, policy, render), tapped(), n):
        yield sent.popleft(), received(result)  # results come in the order the units went


def ends(file: str, last: bool, pieces: Iterator[tuple[bytes, int, bool]]) -> Iterator[Any]:
    """A unit's pieces with its file, ``last`` on its final piece only."""
    held = None
    for piece in pieces:
        if held is not None:
            yield (file, False, *held)
        held = piece
    if held is not None:
        yield (file, last, *held)


__all__ = ["ends", "JsonLinesWorker", "Spooled", "unit_lines", "received", "lines", "rendered_units",
           "SPOOL_BYTES"]
