"""The CLI's Dask engine (``--engine dask``): archives analysed on a Dask cluster.

Each archive is read as a Dask DataFrame of its text (and id) column, cut into
partitions of about :data:`PARTITION_BYTES` of text (a CSV is read whole per
file, since quoted articles hold line breaks, then split by rows). Every
partition runs the same analysis as the local pool on a Dask worker, row by row
as the claims are found, and is rendered there (:func:`render_partition`); the
partitions' pieces come back in order as they complete, at most a few in
flight, and go to the report as the local pool's do (:func:`iter_dask`): no
step holds an archive's claims at once.
"""
from __future__ import annotations

import importlib.util
import itertools
from typing import Any, Callable, Iterator, Sequence

from claimcheck.errors import ConfigError, InputError
from claimcheck.frame import blank_cell
from claimcheck.run.analyses import Scan, run_analysis, with_doc_id

#: Text (bytes of the archive file) per partition: its claims are what a worker
#: renders and sends back at once.
PARTITION_BYTES = 256 << 10
#: Claims rendered at a time in a partition.
BATCH = 512


def _str_id(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _rows_items(df: Any, text_column: str, id_column: str | None, first_row: int, analyse: Any,
                file: str) -> Iterator[Any]:
    """A partition's items, row by row, each with its ``doc_id`` (the id column's
    value, or the row's 1-based number in its archive)."""
    texts = df[text_column].tolist()
    ids = df[id_column].tolist() if id_column is not None else None
    run = getattr(analyse, "iter_run", None)
    for i, text in enumerate(texts):
        if blank_cell(text):
            continue
        doc = _str_id(ids[i]) if ids is not None else str(first_row + i)
        text = text if isinstance(text, str) else str(text)
        found = run(text, file) if run is not None else run_analysis(analyse, text, file)
        for it in found:
            yield with_doc_id(it, doc)


def render_partition(df: Any, text_column: str, id_column: str | None, first_row: int, analyse: Any,
                     file: str, render: Any, policy: Any, fail_on: str | None) -> tuple[list[Any], int, bool]:
    """A partition analysed and rendered where it runs: (its pieces, the items
    reported, whether one reached ``fail_on``) — ``render`` turns a batch of
    items into a piece (default: JSON Lines)."""
    from claimcheck.report.base import fails
    from claimcheck.run.stream import lines

    items = _rows_items(df, text_column, id_column, first_row, analyse, file)
    pieces: list[Any] = []
    n, failed = 0, False
    while batch := list(itertools.islice(items, BATCH)):
        if policy is not None:
            batch = policy.keep(batch)
        n += len(batch)
        failed = failed or bool(fail_on) and fails(batch, fail_on, policy)
        pieces.extend(lines(batch, render))
    return pieces, n, failed


def read_archive(path: str, text_column: str, id_column: str | None = None) -> Any:
    """A Dask DataFrame of an archive's text (and id) column.

    CSV is read as one partition per file: quoted articles hold line breaks, which
    byte-range partitions would cut through. JSON Lines escape them, so a JSONL
    archive is split into ~64 MB blocks; Parquet partitions by row group.
    """
    import dask.dataframe as dd

    from claimcheck.text.archives import archive_format

    cols = [text_column] + ([id_column] if id_column and id_column != text_column else [])
    fmt = archive_format(path)
    try:
        if fmt == "csv":
            sep = "\t" if path.lower().endswith(".tsv") else ","
            ddf = dd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, blocksize=None,
                              encoding="utf-8-sig")
        elif fmt == "jsonl":
            ddf = dd.read_json(path, lines=True, blocksize=64 << 20, dtype=False)
        elif fmt == "parquet":
            ddf = dd.read_parquet(path)
        else:
            raise InputError("--engine dask reads archives (.csv, .jsonl, .parquet)", path=path)
    except (OSError, ValueError) as e:
        if isinstance(e, InputError):
            raise
        raise InputError(f"cannot read as {fmt}: {e}", path=path) from None
    missing = [c for c in cols if c not in ddf.columns]
    if missing:
        raise InputError(f"no column {missing[0]!r} (columns: {', '.join(map(str, ddf.columns))})",
                         path=path)
    return ddf[cols]


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


def _partitions(path: str, text_column: str, id_column: str | None, compute: Any) -> list[tuple[Any, int]]:
    """The archive's partitions (delayed) with the number of the first row of each."""
    import os

    import dask

    ddf = read_archive(path, text_column, id_column)
    want = max(1, -(-os.path.getsize(path) // PARTITION_BYTES)) if os.path.isfile(path) else 1
    if want > ddf.npartitions:
        ddf = ddf.repartition(npartitions=want)
    parts = ddf.to_delayed()
    if id_column is not None:
        return [(p, 1) for p in parts]
    sizes = compute([dask.delayed(len)(p) for p in parts])
    firsts = list(itertools.accumulate([1, *sizes[:-1]]))
    return list(zip(parts, firsts, strict=True))


def _pieces(parts: list[tuple[Any, int]], compute: Any, window: int, empty: Any,
            args: tuple[Any, ...]) -> Iterator[tuple[Any, int, bool]]:
    """The partitions' pieces in order, ``window`` partitions computed at a time;
    after each partition's pieces, its count and ``fail_on`` flag."""
    import dask

    task = dask.delayed(render_partition, pure=False)
    todo = iter(parts)
    while chunk := [task(part, args[0], args[1], first, *args[2:])
                    for part, first in itertools.islice(todo, window)]:
        for pieces, n, failed in compute(chunk):
            yield from ((piece, 0, False) for piece in pieces)
            yield empty, n, failed


def iter_dask(paths: Sequence[str], analyse: Any, *, text_column: str | None, id_column: str | None = None,
              scheduler: str | None = None, jobs: int | None = None, fail_on: str | None = None,
              policy: Any = None, render: Any = None, ignore: Callable[[str], bool] | None = None,
              **_: Any) -> Iterator[tuple[str, bool, Any, int, bool]]:
    """Archives analysed on Dask, as :func:`claimcheck.run.pool.iter_rendered`
    gives a local run: ``(file, last, piece, items, failed)`` in report order,
    each partition's pieces as it completes (results taken in order, at most
    ``2 × workers`` partitions in flight), ``last`` on an archive's final piece.

    With ``scheduler`` (``tcp://host:8786``) the work goes to that running
    cluster; without, Dask's local process scheduler runs it on this machine's
    cores (``jobs`` of them, default all)."""
    import dask

    from claimcheck.run.stream import ends
    from claimcheck.text.sources import expand_paths

    if text_column is None:
        raise ConfigError("--engine dask runs archives: give --text-column "
                          "(and PATHs ending .csv, .jsonl or .parquet)")
    files = [p for p in expand_paths(list(paths)) if not (ignore and ignore(p))]
    client = _client(scheduler)
    pool = None
    try:
        if client is not None:
            def compute(tasks: list[Any]) -> list[Any]:
                return client.gather(client.compute(tasks))
            window = 2 * max(1, len(client.scheduler_info().get("workers", ())))
        else:
            import multiprocessing as mp
            import os
            from concurrent.futures import ProcessPoolExecutor

            workers = jobs or os.cpu_count() or 1
            # (as the local pool: fork shares what is loaded with the workers)
            method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
            pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method))

            def compute(tasks: list[Any]) -> list[Any]:
                return list(dask.compute(*tasks, scheduler="processes", pool=pool))
            window = 2 * workers
        empty = b"" if render is None else render([])
        for path in files:
            pieces = _pieces(_partitions(path, text_column, id_column, compute), compute, window, empty,
                             (text_column, id_column, analyse, path, render, policy, fail_on))
            yield from ends(path, True, itertools.chain(pieces, [(empty, 0, False)]))
    finally:
        if pool is not None:
            pool.shutdown()
        if client is not None:
            client.close()


def dask_scan(paths: Sequence[str], analyse: Any, *, text_column: str, id_column: str | None = None,
              scheduler: str | None = None, ignore: Callable[[str], bool] | None = None) -> Scan:
    """Run ``analyse`` over archives on Dask; returns a :class:`~claimcheck.run.analyses.Scan`
    (the report made whole: see :func:`iter_dask` for one written as it comes).
    Without ``id_column`` the document id is the 1-based row number, as with the local engine."""
    from claimcheck.report.spill import Listed

    result = Scan()
    for _, last, items, _, _ in iter_dask(paths, analyse, text_column=text_column, id_column=id_column,
                                          scheduler=scheduler, ignore=ignore, render=Listed()):
        result.items.extend(items)
        result.files += last
    return result


__all__ = ["read_archive", "dask_scan", "iter_dask", "render_partition", "SCHEDULER_TIMEOUT"]
