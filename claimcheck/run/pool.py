"""Many documents, many cores: the work plan behind ``--jobs``.

A run is cut into *units* whose boundaries never depend on the number of
workers, so ``--jobs 1`` and ``--jobs 8`` analyse exactly the same texts and
produce byte-identical reports:

* a Markdown draft is one unit (masking code and reading suppression comments
  needs the whole draft, see :mod:`claimcheck.text.drafts`);
* any other text file is streamed in line-aligned chunks of about 260,000
  characters (:meth:`claimcheck.text.sources.Source.chunks`); a file smaller than that is
  a single chunk, i.e. the whole document. A big file — an archive of one
  article per line — is therefore never held in memory whole, and its chunks are
  spread over the workers.

Units are analysed in worker processes and their results are collected in
submission order through a bounded window (a few units per worker in flight),
so the order is the single-core order and memory stays flat however large the
input. The analysis itself is a picklable callable (:mod:`claimcheck.run.analyses`)
handed to each worker once, at start-up, never per unit.

``check`` builds its document context (title, entities named earlier) from the
unit it sees: for a chunked file that is the chunk, which is why chunks are cut
at line ends — one line is one article in the archives that are big enough to be
chunked.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from claimcheck.errors import ConfigError
from claimcheck.model import CLAIM_FIELDS, CheckedClaim, Claim, claim_values
from claimcheck.run.analyses import (
    Checking,
    Extraction,
    Scan,
    run_analysis,
    shift,
    shift_checked,
    with_doc_id,
)

#: Below this many bytes of input a worker pool costs more than it saves.
MIN_PARALLEL_BYTES = 2 << 20
#: Bytes of input per worker worth starting one for.
BYTES_PER_JOB = 1 << 20
#: Units in flight per worker (bounds memory; keeps every worker busy).
WINDOW_PER_JOB = 3


# --------------------------------------------------------------------------- jobs


def cpu_count() -> int:
    """Cores this process may run on (respects affinity masks and cgroup-pinned CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def input_bytes(files: Iterable[str]) -> int:
    total = 0
    for f in files:
        if f == "-":
            continue
        try:
            total += os.path.getsize(f)
        except OSError:
            pass
    return total


def default_jobs(total_bytes: int, units: int | None = None, cores: int | None = None) -> int:
    """Workers for an input of ``total_bytes``: one below 2 MB (a pool would only add
    start-up time), else one per megabyte up to the number of cores.

    >>> default_jobs(100_000, cores=8), default_jobs(5 << 20, cores=8), default_jobs(50 << 20, cores=2)
    (1, 5, 2)
    """
    cores = cores or cpu_count()
    if total_bytes < MIN_PARALLEL_BYTES or cores == 1:
        return 1
    n = min(cores, max(1, total_bytes // BYTES_PER_JOB))
    if units is not None:
        n = min(n, max(1, units))
    return int(n)


def resolve_jobs(jobs: int | None, files: Sequence[str]) -> int:
    """``None`` → :func:`default_jobs`; ``0`` → every core; otherwise as given, but
    never more than the cores (see :func:`cap_jobs`)."""
    if jobs is None:
        return default_jobs(input_bytes(files))
    if jobs == 0:
        return cpu_count()
    if jobs < 0:
        raise ConfigError("--jobs must be 0 (all cores) or a positive number")
    return min(jobs, cpu_count())


def cap_jobs(jobs: int | None) -> tuple[int | None, str | None]:
    """``--jobs`` lowered to the cores this process may use, and a note saying so.

    More workers than cores only add processes that wait their turn, each with
    its share of memory and of the units in flight (``--jobs 100000`` would
    fork until the machine runs out).

    >>> cap_jobs(None), cap_jobs(1)
    ((None, None), (1, None))
    """
    cores = cpu_count()
    if jobs is None or jobs <= cores:
        return jobs, None
    return cores, (f"--jobs {jobs} lowered to {cores}, the number of CPU cores this "
                   "process may use")


# --------------------------------------------------------------------------- ordered pool map

_WORKER: dict[str, Any] = {}


def _init_worker(fn: Callable[..., Any]) -> None:
    _WORKER["fn"] = fn
    warm = getattr(fn, "__self__", None)
    warm = getattr(warm, "warm", None) or getattr(fn, "warm", None)
    if warm is not None:
        warm()


def _call(arg: Any) -> Any:
    result = _WORKER["fn"](arg)
    # a result may travel lighter when the main process still holds the item
    pack = getattr(result, "pack_for", None)
    return pack(arg) if pack is not None else result


def _received(result: Any, item: Any) -> Any:
    unpack = getattr(result, "unpack_with", None)
    return unpack(item) if unpack is not None else result


def _context() -> Any:
    import multiprocessing as mp

    # fork shares the compiled lexicon and loaded reference tables with the
    # workers for free; elsewhere (macOS, Windows) spawn pickles them once each.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def ordered_map(fn: Callable[[Any], Any], items: Iterable[Any], jobs: int,
                window: int | None = None) -> Iterator[Any]:
    """``map(fn, items)`` over ``jobs`` worker processes, results in input order.

    At most ``window`` items are in flight, so a lazy ``items`` iterator (chunks
    streamed from disk) is never read far ahead of the results.

    (The main process analysing items too between results was measured slower
    on two cores: it competes with its own reading and the feeding threads.)

    >>> list(ordered_map(abs, [-3, 1, -2], jobs=1))
    [3, 1, 2]
    """
    if jobs <= 1:
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = window or jobs * WINDOW_PER_JOB
    target = getattr(fn, "__self__", fn)
    warm = getattr(target, "warm", None)
    if warm is not None:
        warm()  # compiled once here; forked workers inherit it
    # the threads feeding the workers need the GIL for every 64 KB pipe write or
    # read: while the main thread formats a report they would wait 5 ms each time
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.001))
    try:
        with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker,
                                 initargs=(fn,)) as pool:
            pending: deque[Any] = deque()
            try:
                for item in items:
                    pending.append((pool.submit(_call, item), item))
                    if len(pending) >= window:
                        future, sent = pending.popleft()
                        yield _received(future.result(), sent)
                while pending:
                    future, sent = pending.popleft()
                    yield _received(future.result(), sent)
            finally:
                for future, _ in pending:
                    future.cancel()
    finally:
        sys.setswitchinterval(interval)


# --------------------------------------------------------------------------- documents → units


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of work: a whole Markdown draft, or one chunk of a text file."""

    file: str
    text: str
    offset: int = 0
    line: int = 1
    markdown: bool = False
    #: True on the last unit of its file (the progress line counts files).
    last: bool = True


@dataclass(frozen=True, slots=True)
class Rows:
    """A batch of archive rows, each its own document: ``(doc_id, text)`` pairs."""

    file: str
    rows: list[tuple[str, str]]
    last: bool = True


@dataclass(frozen=True, slots=True)
class Done:
    """What a unit yielded: reported items and items silenced by suppression comments."""

    file: str
    active: list[Any]
    suppressed: list[Any]
    last: bool
    text: str | None = None

    def pack_for(self, unit: Any) -> Any:
        """What a worker sends back for ``unit`` (see :class:`_ChunkClaims`)."""
        if isinstance(unit, Unit) and not unit.markdown:
            return _pack_chunk(self, unit)
        return self


#: Where a claim's text, sentence and span sit in its values (:data:`CLAIM_FIELDS`).
_START, _END, _TEXT, _SENTENCE = (CLAIM_FIELDS.index(n) for n in ("start", "end", "text", "sentence"))


@dataclass(frozen=True, slots=True)
class _ChunkClaims:
    """A chunk's claims on their way from a worker to the main process, which
    still holds the chunk: rows of values (:data:`~claimcheck.model.CLAIM_FIELDS`)
    whose ``text`` is None when it is the chunk's slice at ``start:end`` and whose
    ``sentence`` is a ``(start, end)`` pair into the chunk when found there (the
    copies were ~90 % of the bytes pickled)."""

    file: str
    rows: list[list[Any]]
    last: bool
    text: str | None

    def unpack_with(self, unit: Unit) -> Done:
        chunk, base = unit.text, unit.offset
        claims = []
        span: Any = None
        sentence = ""
        for row in self.rows:
            if row[_TEXT] is None:
                row[_TEXT] = chunk[row[_START] - base:row[_END] - base]
            sen = row[_SENTENCE]
            if type(sen) is tuple:
                if sen != span:  # claims of one sentence share one string
                    span, sentence = sen, chunk[sen[0]:sen[1]]
                row[_SENTENCE] = sentence
            claims.append(Claim(*row))
        return Done(self.file, claims, [], self.last, self.text)


def _pack_chunk(done: Done, unit: Unit) -> Any:
    if done.suppressed or not done.active or any(type(c) is not Claim or c.doc_id is not None
                                                 for c in done.active):
        return done
    chunk, base = unit.text, unit.offset
    rows = []
    last_sentence: tuple[str, tuple[int, int]] | None = None
    for c in done.active:
        row = list(claim_values(c))
        if chunk[c.start - base:c.end - base] == c.text:
            row[_TEXT] = None
        sen: Any = c.sentence
        if last_sentence is not None and last_sentence[0] is sen:
            row[_SENTENCE] = last_sentence[1]
        elif sen:
            # the sentence holds the claim: look for it just around the claim
            a, b = c.start - base, c.end - base
            k = chunk.find(sen, max(0, a - len(sen)), b + len(sen))
            if k >= 0:
                last_sentence = (sen, (k, k + len(sen)))
                row[_SENTENCE] = last_sentence[1]
        rows.append(row)
    return _ChunkClaims(done.file, rows, done.last, done.text)


@dataclass(frozen=True)
class _Analyse:
    """Runs one :class:`Unit` through drafts preparation and the analysis."""

    analyse: Callable[..., Sequence[Any]]
    keep_text: bool = False

    def warm(self) -> None:
        warm = getattr(self.analyse, "warm", None)
        if warm is not None:
            warm()

    def iter_claims(self, unit: Unit | Rows) -> Iterator[Any] | None:
        """A text chunk's claims one at a time, or a batch of archive rows' (each
        with its ``doc_id``, row after row), when the analysis can give them so
        (``extract``, ``check``); None otherwise (a plain function, a Markdown
        draft: see :meth:`iter_entries`)."""
        run = getattr(self.analyse, "iter_run", None)
        if run is None or isinstance(unit, Unit) and unit.markdown:
            return None
        if isinstance(unit, Rows):
            return (with_doc_id(i, doc_id) for doc_id, text in unit.rows for i in run(text, unit.file))
        return run(unit.text, unit.file, unit.offset, unit.line)

    def iter_entries(self, unit: Unit | Rows) -> Iterator[tuple[Any, str | None]] | None:
        """A Markdown draft's findings as they come, each with its status
        (:func:`claimcheck.text.drafts.iter_marked`); None for other units."""
        run = getattr(self.analyse, "iter_run", None)
        if run is None or not isinstance(unit, Unit) or not unit.markdown:
            return None
        from claimcheck.text.drafts import iter_marked

        return iter_marked(unit.text, unit.file, run)

    def __call__(self, unit: Unit | Rows) -> Done:
        if isinstance(unit, Rows):
            items: list[Any] = []
            for doc_id, text in unit.rows:
                items.extend(with_doc_id(i, doc_id) for i in run_analysis(self.analyse, text, unit.file))
            return Done(unit.file, items, [], unit.last)
        keep = unit.text if self.keep_text else None
        if unit.markdown:
            from claimcheck.text.drafts import prepare

            prepared = prepare(unit.text, markdown=True, name=unit.file)
            items = prepared.restore(run_analysis(self.analyse, prepared.text, unit.file))
            active, silenced = prepared.split(items)
            return Done(unit.file, active, silenced, unit.last, keep)
        items = run_analysis(self.analyse, unit.text, unit.file, unit.offset, unit.line)
        return Done(unit.file, items, [], unit.last, keep)


def iter_units(files: Iterable[str], encoding: str | None = None,
               chunk_chars: int | None = None, text_column: str | None = None,
               id_column: str | None = None,
               on_error: Callable[[Any], None] | None = None) -> Iterator[Unit | Rows]:
    """The units of ``files``, in order (see the module docstring).

    With ``text_column``, files with an archive suffix (``.csv``, ``.jsonl``,
    ``.parquet``…) are read as archives, one document per row, in batches.
    A file found unreadable part-way (a damaged archive row, a byte that does
    not decode) raises :class:`~claimcheck.errors.InputError`, or, with
    ``on_error``, is handed to it and the next file goes on.
    """
    from claimcheck.errors import InputError

    for path in files:
        try:
            yield from _file_units(path, encoding, chunk_chars, text_column, id_column)
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)


def _file_units(path: str, encoding: str | None, chunk_chars: int | None,
                text_column: str | None, id_column: str | None) -> Iterator[Unit | Rows]:
    from claimcheck.text.drafts import is_markdown
    from claimcheck.text.sources import CHUNK_CHARS, open_source

    size = chunk_chars or CHUNK_CHARS
    if text_column is not None:
        from claimcheck.text.archives import is_archive, iter_batches

        if is_archive(path):
            pending: Rows | None = None
            for batch in iter_batches(path, text_column, id_column, size):
                if pending is not None:
                    yield pending
                pending = Rows(path, batch, last=False)
            yield Rows(path, pending.rows if pending else [], last=True)
            return
    # lazy: a big file is checked as it is read, not read through once first;
    # stdin, which cannot be read twice, is checked whole before any of it is reported
    with open_source(path, encoding, lazy=path != "-") as src:
        if is_markdown(src.name):
            yield Unit(src.name, src.read().text, markdown=True)
            return
        previous = None
        for chunk in src.chunks(size, max(size * 4, size + 1)):
            if previous is not None:
                yield previous
            previous = Unit(src.name, chunk.text, chunk.offset, chunk.line, last=False)
        if previous is None:
            previous = Unit(src.name, "", last=False)
        yield dataclasses.replace(previous, last=True)


def scan(
    paths: Sequence[str],
    analyse: Callable[..., Sequence[Any]],
    *,
    jobs: int | None = 1,
    ignore: Callable[[str], bool] = lambda path: False,
    keep_text: bool = False,
    quiet: bool = False,
    encoding: str | None = None,
    chunk_chars: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    on_error: Callable[[Any], None] | None = None,
) -> Scan:
    """Every document under ``paths`` through ``analyse(text, file)``, over ``jobs``
    processes (``None``: chosen from the input).

    Markdown drafts are prepared first (:func:`claimcheck.text.drafts.prepare`):
    their claims are split into reported and suppressed. The :class:`Scan`'s items
    are in single-core order whatever ``jobs`` is. A file found unreadable
    part-way goes to ``on_error`` (:func:`iter_units`), none of its items kept.
    """
    from claimcheck.run.progress import Progress, Work
    from claimcheck.text.sources import expand_paths

    files = [p for p in expand_paths(list(paths)) if not ignore(p)]
    n = resolve_jobs(jobs, files)
    result = Scan()
    texts: dict[str, list[str]] = {}
    worker = _Analyse(analyse, keep_text)
    failed: set[str] = set()

    def failure(e: Any) -> None:
        failed.add(e.path)
        if on_error is None:
            raise e
        on_error(e)

    units = iter_units(files, encoding, chunk_chars, text_column, id_column, failure)
    work = Work(files)  # the bar follows the bytes of chunks and row batches, not only files
    with Progress(len(files), work.total, quiet=quiet) as bar:
        for done in ordered_map(worker, work.feed(units) if bar.enabled else units, n):
            result.items.extend(done.active)
            result.suppressed.extend(done.suppressed)
            if done.text is not None:
                texts.setdefault(done.file, []).append(done.text)
            if done.last:
                result.files += 1
            bar.advance(work.step(done.file, done.last) if bar.enabled else 0, last=done.last,
                        claims=len(done.active) + len(done.suppressed))
    result.documents = {f: "".join(parts) for f, parts in texts.items() if f not in failed}
    if failed:
        def kept(item: Any) -> bool:
            return (item.claim if isinstance(item, CheckedClaim) else item).file not in failed

        result.items = [i for i in result.items if kept(i)]
        result.suppressed = [i for i in result.suppressed if kept(i)]
    return result


def iter_items(
    paths: Sequence[str],
    analyse: Callable[..., Sequence[Any]],
    *,
    jobs: int | None = 1,
    encoding: str | None = None,
    chunk_chars: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
) -> Iterator[Any]:
    """Stream the reported items of every document in report order (file, then offset).

    Unlike :func:`scan` nothing is collected, so memory stays flat for any input:
    this is what the benchmark measures and what streaming writers use.
    """
    from claimcheck.text.sources import expand_paths

    files = expand_paths(list(paths))
    n = resolve_jobs(jobs, files)
    units = iter_units(files, encoding, chunk_chars, text_column, id_column)
    for done in ordered_map(_Analyse(analyse), units, n):
        yield from done.active


def iter_jsonl(paths: Sequence[str], analyse: Callable[..., Sequence[Any]],
               **options: Any) -> Iterator[tuple[bytes, int, bool]]:
    """:func:`iter_items` rendered as JSON Lines, in pieces (:mod:`claimcheck.run.stream`):
    (bytes, items, whether one reached ``fail_on``), the bytes ``render(items, "jsonl")``
    gives; the last piece of a unit carries its count and flag. A file found
    unreadable part-way goes to ``on_error`` (its earlier lines are written
    already). ``options``: those of :func:`iter_rendered`."""
    for _, _, data, n, failed in iter_rendered(paths, analyse, **options):
        yield data, n, failed


def iter_rendered(
    paths: Sequence[str],
    analyse: Callable[..., Sequence[Any]],
    *,
    fail_on: str | None = None,
    jobs: int | None = 1,
    encoding: str | None = None,
    chunk_chars: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    policy: Any = None,
    on_error: Callable[[Any], None] | None = None,
    render: Any = None,
    texts: Callable[[str, str], None] = lambda file, text: None,
    quiet: bool = True,
) -> Iterator[tuple[str, bool, bytes, int, bool]]:
    """:func:`iter_jsonl`'s pieces as ``(file, last, bytes, items, failed)``, ``last``
    on a file's final piece; ``render`` turns a batch of items into bytes (default
    JSON Lines; :mod:`claimcheck.report.streamed`, :mod:`~claimcheck.report.spill`);
    ``texts(file, text)`` gets each text unit before its pieces. Not ``quiet``: the
    progress bar of :func:`scan` (a terminal only), moved unit by unit."""
    from claimcheck.run.progress import Progress, Work
    from claimcheck.run.stream import ends, rendered_units
    from claimcheck.text.sources import expand_paths

    files = expand_paths(list(paths))
    units = iter_units(files, encoding, chunk_chars, text_column, id_column, on_error)
    sizes = Work(files)  # the bar follows the bytes of chunks and row batches
    with Progress(len(files), sizes.total, quiet=quiet) as bar:
        done = rendered_units(sizes.feed(units) if bar.enabled else units, _Analyse(analyse),
                              resolve_jobs(jobs, files), fail_on, policy, render, ordered_map)
        for unit, pieces in done:
            if isinstance(unit, Unit):  # (an archive's rows are no text to show)
                texts(unit.file, unit.text)
            claims = 0
            for piece in ends(unit.file, unit.last, pieces):
                claims += piece[3]
                yield piece
            bar.advance(sizes.step(unit.file, unit.last) if bar.enabled else 0,
                        last=unit.last, claims=claims)


def check_scale(*, text_column: str | None = None, id_column: str | None = None,
                engine: str | None = "local", scheduler: str | None = None, **_: Any) -> None:
    """The options of :func:`run_inputs` that go together, or a :class:`ConfigError`."""
    if id_column is not None and text_column is None:
        raise ConfigError("--id-column needs --text-column (it names columns of an archive)")
    if scheduler is not None and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")


def run_inputs(
    paths: Sequence[str],
    analyse: Callable[..., Sequence[Any]],
    *,
    jobs: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    **scan_options: Any,
) -> Any:
    """What the CLI runs: text files and archives, on local cores or on a Dask cluster."""
    check_scale(text_column=text_column, id_column=id_column, engine=engine, scheduler=scheduler)
    if engine == "dask":
        if text_column is None:
            raise ConfigError("--engine dask runs archives: give --text-column "
                              "(and PATHs ending .csv, .jsonl or .parquet)")
        from claimcheck.run.dask_engine import dask_scan

        return dask_scan(paths, analyse, text_column=text_column, id_column=id_column,
                         scheduler=scheduler, ignore=scan_options.get("ignore"))
    return scan(paths, analyse, jobs=jobs, text_column=text_column, id_column=id_column,
                **scan_options)


__all__ = [
    "Extraction", "Checking", "Unit", "Rows", "Done", "Scan", "scan", "iter_items", "iter_jsonl",
    "iter_rendered", "iter_units", "run_inputs", "check_scale",
    "ordered_map", "default_jobs", "resolve_jobs", "cpu_count", "shift", "shift_checked", "run_analysis",
    "with_doc_id",
]
