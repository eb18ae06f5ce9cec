"""The CLI's Dask engine (``--engine dask``): archives analysed on a Dask cluster.

Bounded by design, in every process:

* the client reads each archive through once, a record at a time, and cuts it
  into parts of about :data:`PARTITION_BYTES` that end where a record does
  (:func:`claimcheck.text.archives.iter_parts`: byte ranges of a CSV or JSON
  Lines file, a quoted CSV cell that holds line breaks kept whole; row groups
  of a Parquet file), handing each part on as soon as it is found;
* a worker reads only its part (it seeks to the part's first byte, or reads
  its row groups), with the local pool's readers, and analyses and renders it
  row by row as the claims are found, as the local pool's workers do
  (:class:`claimcheck.run.stream.JsonLinesWorker`): past
  :data:`claimcheck.run.stream.SPOOL_BYTES` its pieces go to a temporary
  file, which the client copies out block by block (from a cluster's worker,
  a task on that worker reads each block);
* the client takes the parts' pieces in order as they complete, at most two
  parts per worker in flight (:func:`iter_dask`), and writes them as a local
  run's.

Neither side imports pandas or ``dask.dataframe`` (some 130 MB before any
work): the client needs ``dask`` (its local process scheduler) or
``distributed`` (a ``--scheduler``), a Parquet archive ``pyarrow``.
"""
from __future__ import annotations

import importlib.util
import itertools
import os
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from claimcheck.errors import ConfigError, InputError
from claimcheck.run.analyses import Scan, run_analysis, with_doc_id

#: Bytes of the archive file per part: what a worker reads, analyses and renders at once.
PARTITION_BYTES = 256 << 10
#: Bytes of a worker's spooled pieces fetched by one task (a cluster's worker).
FETCH_BYTES = 4 << 20


@dataclass(frozen=True)
class PartWork:
    """The analysis of one archive part, read where it runs (the work
    :func:`claimcheck.run.stream.unit_lines` takes): its rows' items, each
    with its ``doc_id``, as they are found."""

    analyse: Any
    text_column: str
    id_column: str | None = None

    def warm(self) -> None:
        warm = getattr(self.analyse, "warm", None)
        if warm is not None:
            warm()

    def _rows(self, part: Any) -> Iterator[tuple[str, str]]:
        from claimcheck.text.archives import iter_part

        return iter_part(part, self.text_column, self.id_column)

    def iter_entries(self, part: Any) -> None:
        return None  # (an archive holds no Markdown draft)

    def iter_claims(self, part: Any) -> Iterator[Any]:
        run = getattr(self.analyse, "iter_run", None)
        if run is None:  # a plain function: its items row by row
            return (with_doc_id(i, doc) for doc, text in self._rows(part)
                    for i in run_analysis(self.analyse, text, part.path))
        return (with_doc_id(i, doc) for doc, text in self._rows(part) for i in run(text, part.path))


#: How long to try reaching a ``--scheduler`` before giving up.
SCHEDULER_TIMEOUT = "10s"


def _client(scheduler: str | None) -> Any:
    if importlib.util.find_spec("dask") is None:  # pragma: no cover - depends on the installed extras
        raise ConfigError("--engine dask needs Dask: pip install 'claimcheck[dask]'") from None
    if not scheduler:
        return None
    from distributed import Client

    try:
        return Client(scheduler, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


def _read_block(path: str, offset: int) -> bytes:
    """A block of a spooled file on the worker that wrote it; the last one (empty)
    removes the file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read(FETCH_BYTES)
    if not data:
        os.unlink(path)
    return data


class _Local:
    """Dask's local process scheduler over a pool of forked processes: the parts
    computed ``window`` at a time, their results taken in order."""

    def __init__(self, workers: int) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # (as the local pool: fork shares what is loaded with the workers)
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method))
        self.window = 2 * workers

    def results(self, task: Any, parts: Iterator[Any]) -> Iterator[Iterator[tuple[bytes, int, bool]]]:
        import dask

        from claimcheck.run.stream import received

        delayed = dask.delayed(task, pure=False)
        while chunk := list(itertools.islice(parts, self.window)):
            for result in dask.compute(*[delayed(p) for p in chunk], scheduler="processes", pool=self.pool):
                yield received(result)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _Cluster:
    """A running cluster (``--scheduler``): the parts submitted as they are
    found, at most ``window`` in flight, their results taken in order; a
    worker's spooled pieces fetched from that worker a block at a time."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.window = 2 * max(1, len(client.scheduler_info().get("workers", ())))

    def results(self, task: Any, parts: Iterator[Any]) -> Iterator[Iterator[tuple[bytes, int, bool]]]:
        held = self.client.scatter(task, broadcast=True, hash=False)  # (sent once, not with every part)
        pending: deque[Any] = deque()
        try:
            for part in parts:
                pending.append(self.client.submit(_run, held, part, pure=False))
                if len(pending) >= self.window:
                    yield self._received(pending.popleft())
            while pending:
                yield self._received(pending.popleft())
        finally:
            for future in pending:
                future.cancel()

    def _received(self, future: Any) -> Iterator[tuple[bytes, int, bool]]:
        from claimcheck.run.stream import Spooled

        data, n, failed = future.result()
        if isinstance(data, Spooled):
            where = list(self.client.who_has([future]).get(future.key, ()))
            future.release()
            return self._fetched(data.path, where, n, failed)
        future.release()
        return iter([(data, n, failed)])

    def _fetched(self, path: str, where: list[str], n: int,
                 failed: bool) -> Iterator[tuple[bytes, int, bool]]:
        offset = 0
        while block := self.client.submit(_read_block, path, offset, workers=where, allow_other_workers=False,
                                          pure=False).result():
            offset += len(block)
            yield block, 0, False
        yield b"", n, failed

    def close(self) -> None:
        self.client.close()


def _run(task: Any, part: Any) -> Any:
    return task(part)


def _engine(scheduler: str | None, jobs: int | None) -> Any:
    client = _client(scheduler)
    if client is not None:
        return _Cluster(client)
    return _Local(jobs or os.cpu_count() or 1)


def iter_dask(paths: Sequence[str], analyse: Any, *, text_column: str | None, id_column: str | None = None,
              scheduler: str | None = None, jobs: int | None = None, fail_on: str | None = None,
              policy: Any = None, render: Any = None, ignore: Callable[[str], bool] | None = None,
              on_error: Callable[[Any], None] | None = None,
              **_: Any) -> Iterator[tuple[str, bool, Any, int, bool]]:
    """Archives analysed on Dask, as :func:`claimcheck.run.pool.iter_rendered`
    gives a local run: ``(file, last, piece, items, failed)`` in report order,
    each part's pieces as it completes (results taken in order, at most
    ``2 × workers`` parts in flight), ``last`` on an archive's final piece.
    An archive found unreadable part-way raises its
    :class:`~claimcheck.errors.InputError`, or, with ``on_error``, is handed to
    it (its pieces so far were given without ``last``) and the next goes on.

    With ``scheduler`` (``tcp://host:8786``) the work goes to that running
    cluster; without, Dask's local process scheduler runs it on this machine's
    cores (``jobs`` of them, default all)."""
    from claimcheck.run.stream import JsonLinesWorker, ends
    from claimcheck.text.archives import is_archive, iter_parts
    from claimcheck.text.sources import expand_paths

    if text_column is None:
        raise ConfigError("--engine dask runs archives: give --text-column "
                          "(and PATHs ending .csv, .jsonl or .parquet)")
    files = [p for p in expand_paths(list(paths)) if not (ignore and ignore(p))]
    for path in files:
        if not is_archive(path):
            raise InputError("--engine dask reads archives (.csv, .jsonl, .parquet)", path=path)
    task = JsonLinesWorker(PartWork(analyse, text_column, id_column), fail_on, policy, render)
    empty = b"" if render is None else render([])
    engine = _engine(scheduler, jobs)
    try:
        for path in files:
            parts = iter_parts(path, text_column, id_column, PARTITION_BYTES)
            pieces = itertools.chain.from_iterable(engine.results(task, parts))
            try:
                yield from ends(path, True, itertools.chain(pieces, [(empty, 0, False)]))
            except InputError as e:
                if on_error is None:
                    raise
                on_error(e)
    finally:
        engine.close()


def dask_scan(paths: Sequence[str], analyse: Any, *, text_column: str, id_column: str | None = None,
              scheduler: str | None = None, ignore: Callable[[str], bool] | None = None) -> Scan:
    """Run ``analyse`` over archives on Dask; returns a :class:`~claimcheck.run.analyses.Scan`
    (the report made whole: see :func:`iter_dask` for one written as it comes).
    Without ``id_column`` the document id is the 1-based row number, as with the local engine."""
    import io
    import pickle

    from claimcheck.report.spill import Pickled, unpack

    result = Scan()
    data = io.BytesIO()
    for _, last, piece, _, _ in iter_dask(paths, analyse, text_column=text_column, id_column=id_column,
                                          scheduler=scheduler, ignore=ignore, render=Pickled()):
        data.write(piece)
        result.files += last
    data.seek(0)
    while data.tell() < len(data.getbuffer()):
        result.items.extend(unpack(pickle.load(data)))
    return result


__all__ = ["dask_scan", "iter_dask", "PartWork", "SCHEDULER_TIMEOUT", "PARTITION_BYTES"]
