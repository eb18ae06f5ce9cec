#!/usr/bin/env python3
"""Full-size hostile inputs (manual run; the test suite times smaller sizes).

    python benchmarks/hostile.py            # the 10 MB single line, engine and CLI
    python benchmarks/hostile.py --memory   # also a 500 MB file through the CLI (slow)
    python benchmarks/hostile.py --dense    # claim-dense text: peak memory of extract and check
    python benchmarks/hostile.py --shapes --formats table,csv   # … as a draft, an archive…

``--shapes`` (``md,archive,configs,both,dask,dask-cell,dask-jsonl,dask-parquet``)
runs the same two texts put in the shapes of a run that were made whole
before: a Markdown draft, a CSV archive of rows of 100 words, three files of
which the middle one follows its own folder's configuration, half a draft and
half an archive in one run, and with ``--engine dask`` (Dask's local process
scheduler) that CSV archive, the text as one CSV cell, and the rows as JSON
Lines and as Parquet; a Dask run prints the peak of each of its processes too
(the client and its workers, read from ``/proc``) (``--baseline``: each with
``--write-baseline FILE``, then with ``--baseline FILE``).

``--dense`` runs «ألف » repeated 800,000 times and «1 » over 4 MB through
``claimcheck extract --format jsonl`` and ``check`` (the bundled tables), both
in the formats of ``--formats`` (default jsonl; ``--formats xlsx`` for the
workbook; ``--commands extract`` or
``check`` for one of them), each on one core and with ``--jobs 2`` (``--jobs
1`` for one), one line each (a claim every two to four characters, each with
its sentence), then the 50 MB news corpus when ``../shared/corpus/news.txt``
is there (``--baseline``: each with ``--write-baseline FILE``, then with
``--baseline FILE``), and prints the peak resident memory of each run (of its largest
process: ``/usr/bin/time`` reports the largest of a process and the workers it
waited for) against the budget of :data:`BUDGET_MB`; it exits 1 when a run is
over it.

Prints the time of each case. The 500 MB run generates a file of repeated
corpus-like sentences of our own in a temporary folder, runs
``claimcheck extract FILE --format jsonl`` (stdout counted and discarded) under ``/usr/bin/time -v`` when
available, and prints the peak resident memory: it must not grow with the file.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = ("وقال الوزير إن الحكومة خصصت نحو 3.5 مليار دولار لمشروعات البنية التحتية، "
            "أي ما يعادل 15 في المائة من الميزانية، منذ عام 2014 وحتى الآن. ")
ARTICLE = ("دربت المملكة المتحدة أكثر من 120 ألف فرد، وبلغت قيمة الصفقة ٣٫٥ مليار دولار. "
           "وارتفعت الصادرات بنسبة ١٥٪ خلال نحو 9 أشهر، لتصل إلى 874.347.21 دولاراً. "
           "وتقع المدينة على بعد 280 ميلاً من العاصمة، وتنتج 1.2 مليون برميل يومياً. ") * 4


def engine_line(mb: float) -> None:
    from claimcheck.extraction.engine import extract

    n = int(mb * 1e6 / 1.85)  # Arabic prose is ~1.85 bytes per character in UTF-8
    text = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    t0 = time.perf_counter()
    claims = extract(text)
    print(f"engine, one {len(text.encode()) / 1e6:.1f} MB line: {len(claims)} claims "
          f"in {time.perf_counter() - t0:.1f}s")


#: Peak resident memory allowed to one process of ``extract`` or ``check`` (issue 17).
BUDGET_MB = 200
CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"


class TreePeaks:
    """The peak resident memory of each process under ``pid`` (``VmHWM`` of
    ``/proc/PID/status``, read every 20 ms while it lives): what a run's client
    and each of its workers took, where ``/usr/bin/time`` gives the largest."""

    def __init__(self, pid: int) -> None:
        import threading

        self.root = pid
        self.peaks: dict[int, tuple[str, int]] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _children(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return [int(c) for c in f.read().split()]
        except OSError:
            return []

    def _watch(self) -> None:
        while not self.done.wait(0.02):
            todo = [self.root]
            while todo:
                pid = todo.pop()
                todo.extend(self._children(pid))
                try:
                    with open(f"/proc/{pid}/status") as f:
                        status = dict(line.split(":", 1) for line in f if ":" in line)
                    hwm = int(status["VmHWM"].split()[0])
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        name = f.read().split(b"\0")[-2][-12:].decode(errors="replace")
                except (OSError, KeyError, IndexError, ValueError):
                    continue
                self.peaks[pid] = (name, max(hwm, self.peaks.get(pid, ("", 0))[1]))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def line(self) -> str:
        """The Python processes' peaks in MB, the client first (not /usr/bin/time)."""
        peaks = [kb / 1024 for pid, (_, kb) in sorted(self.peaks.items()) if pid != self.root]
        if not peaks:
            return ""
        return f"    per process: client {peaks[0]:.0f} MB" + (
            f", workers {', '.join(f'{mb:.0f}' for mb in peaks[1:])} MB" if peaks[1:] else "")


def cli_file(path: Path | list[Path], command: str = "extract", *extra: str, fmt: str = "jsonl",
             label: str = "", per_process: bool = False) -> float | None:
    """The CLI on ``path`` (or paths) with the report (JSON Lines by default) on
    stdout (streamed, its lines counted, discarded); ``per_process``: the peak
    of each process too (:class:`TreePeaks`)."""
    exe = Path(sys.executable).with_name("claimcheck")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "claimcheck.cli"]
    paths = path if isinstance(path, list) else [path]
    cmd += [command, *map(str, paths), "--format", fmt, "--quiet", *extra]
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(timer + cmd, stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
        watch = TreePeaks(proc.pid) if per_process else None
        claims = out_bytes = 0
        assert proc.stdout is not None
        while block := proc.stdout.read(1 << 20):
            claims += block.count(b"\n")
            out_bytes += len(block)
        code = proc.wait()
        if watch is not None:
            watch.stop()
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    elapsed = time.perf_counter() - t0
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    mb = int(peak.group(1)) / 1024 if peak else None
    cpu = sum(float(t) for t in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr))
    size = sum(p.stat().st_size for p in paths if p.is_file())
    name = label or paths[0].name
    print(f"{command} --format {fmt} {' '.join(extra)}, {name} {size / 1e6:.1f} MB: exit {code}, "
          f"{claims} lines "
          f"({out_bytes / 1e6:.0f} MB of output) in {elapsed:.1f}s"
          + (f" ({cpu:.0f}s of CPU)" if cpu else "")
          + (f", peak memory {mb:.0f} MB ({'within' if mb <= BUDGET_MB else 'OVER'} "
             f"the {BUDGET_MB} MB budget)" if mb is not None else ""), flush=True)
    if watch is not None and watch.line():
        print(watch.line(), flush=True)
    if code and code != 1:  # 1: check's findings
        print(stderr[-2000:])
    return mb


#: The formats ``--dense`` runs ``check`` with (``--formats`` to choose others).
CHECK_FORMATS = ("jsonl",)


def dense(formats: tuple[str, ...] = CHECK_FORMATS, commands: tuple[str, ...] = ("extract", "check"),
          jobs: tuple[str, ...] = ("1", "2"), corpus: bool = True, baseline: bool = False) -> int:
    """Peak memory on claim-dense text (see the module docstring); 1 if a run is
    over the budget. ``extract`` always runs JSON Lines, and the other
    ``formats`` too when they are given. With ``baseline`` each case runs
    twice: with ``--write-baseline FILE`` (every finding recorded), then with
    ``--baseline FILE`` (every finding known, reported marked)."""
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = {"alf_800k.txt": "ألف " * 800_000, "ones_4MB.txt": "1 " * (2 << 20)}
        paths = []
        for name, text in cases.items():
            path = Path(tmp, name)
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        if corpus and CORPUS.exists():
            paths.append(CORPUS)
        runs = [(c, f) for f in dict.fromkeys(("jsonl", *formats) if "extract" in commands else formats)
                for c in commands if c == "check" and f in formats or c == "extract"]
        for path in paths:
            for command, fmt in runs:
                for n in jobs:
                    extra = ["--fail-on", "never"] if command == "check" else []
                    known = str(Path(tmp, f"{command}-{path.stem}.json"))
                    for more in ([["--write-baseline", known], ["--baseline", known]] if baseline else [[]]):
                        mb = cli_file(path, command, *extra, "--jobs", n, *more, fmt=fmt)
                        if mb is not None and mb > BUDGET_MB:
                            over.append(f"{command} --format {fmt} --jobs {n} {' '.join(more)} {path.name}")
    if over:
        print(f"over the {BUDGET_MB} MB budget: {', '.join(over)}")
    return 1 if over else 0


#: The shapes of a run ``--shapes`` puts the claim-dense text in.
SHAPES = ("md", "archive", "configs", "both", "dask", "dask-cell", "dask-jsonl", "dask-parquet")


def shaped(tmp: str, name: str, word: str, n: int, shape: str) -> tuple[list[Path], list[str]]:
    """``word`` × ``n`` as a run of one shape: a Markdown draft (one unit), a CSV
    archive of rows of 100 words, three files of which the middle one follows
    its own folder's configuration (run group by group, the files would come out
    of name order), half a draft and half an archive (a draft's silenced
    findings beside an archive's rows), or on Dask's local process scheduler:
    that archive, the text as one cell of a CSV archive, the rows as JSON Lines
    and as Parquet (row groups of 200 rows)."""
    import csv

    base = Path(tmp, f"{name}-{shape}")
    base.mkdir()
    if shape == "md":
        path = base / f"{name}.md"
        path.write_text(word * n, encoding="utf-8")
        return [path], []
    if shape == "both":
        (draft, _), (archive, options) = shaped(str(base), "a", word, n // 2, "md"), \
            shaped(str(base), "b", word, n // 2, "archive")
        return [*draft, *archive], options
    if shape == "configs":
        (base / ".git").mkdir()  # (the search for a configuration stops here)
        (base / "b").mkdir()
        (base / "b" / ".claimcheck.toml").write_text('country = "EG"\n', encoding="utf-8")
        paths = [base / "a.txt", base / "b" / "x.txt", base / "c.txt"]
        for path in paths:
            path.write_text(word * (n // 3), encoding="utf-8")
        return paths, []
    dask = ["--engine", "dask"] if shape.startswith("dask") else []
    rows = [word * n] if shape == "dask-cell" else [word * 100 for _ in range(n // 100)]
    if shape == "dask-jsonl":
        import json

        path = base / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps({"body": row}, ensure_ascii=False) + "\n" for row in rows)
        return [path], ["--text-column", "body", *dask]
    if shape == "dask-parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = base / f"{name}.parquet"
        pq.write_table(pa.table({"body": rows}), path, row_group_size=200)
        return [path], ["--text-column", "body", *dask]
    path = base / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["body"])
        writer.writerows([row] for row in rows)
    return [path], ["--text-column", "body", *dask]


def shapes(formats: tuple[str, ...], commands: tuple[str, ...], jobs: tuple[str, ...],
           which: tuple[str, ...] = SHAPES, baseline: bool = False) -> int:
    """Peak memory of the claim-dense cases in each shape of :func:`shaped`; 1 if
    a run is over the budget. With ``baseline`` each case runs twice: with
    ``--write-baseline FILE``, then with ``--baseline FILE``."""
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, word, n in (("alf_800k", "ألف ", 800_000), ("ones_4MB", "1 ", 2 << 20)):
            for shape in which:
                paths, extra = shaped(tmp, name, word, n, shape)
                for command in commands:
                    for fmt in formats:
                        on_dask = shape.startswith("dask")
                        for k in jobs if not on_dask else jobs[:1]:
                            never = ["--fail-on", "never"] if command == "check" else []
                            options = [*extra, "--jobs", k, *never]
                            known = str(Path(tmp, f"{command}-{name}-{shape}.json"))
                            for more in ([["--write-baseline", known], ["--baseline", known]] if baseline
                                         else [[]]):
                                mb = cli_file(paths, command, *options, *more, fmt=fmt,
                                              label=f"{name} as {shape} {' '.join(more[:1])}",
                                              per_process=on_dask)
                                if mb is not None and mb > BUDGET_MB:
                                    over.append(f"{command} --format {fmt} --jobs {k} {' '.join(more[:1])} "
                                                f"{name} as {shape}")
    if over:
        print(f"over the {BUDGET_MB} MB budget: {', '.join(over)}")
    return 1 if over else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--memory", action="store_true", help="also run the 500 MB file")
    ap.add_argument("--size-mb", type=int, default=500)
    ap.add_argument("--dense", action="store_true", help="only the claim-dense memory cases")
    ap.add_argument("--formats", default=",".join(CHECK_FORMATS),
                    help="report formats with --dense, comma-separated [default: jsonl]")
    ap.add_argument("--commands", default="extract,check", help="with --dense: extract, check or both")
    ap.add_argument("--jobs", default="1,2", help="with --dense: the --jobs values to run")
    ap.add_argument("--no-corpus", action="store_true", help="with --dense: not the news corpus")
    ap.add_argument("--baseline", action="store_true",
                    help="with --dense or --shapes: each run with --write-baseline, then with --baseline "
                         "of that file")
    ap.add_argument("--shapes", nargs="?", const=",".join(SHAPES), default=None,
                    help="the claim-dense cases as a Markdown draft, a CSV archive of rows, files of "
                         "two configurations, a draft and an archive in one run, on Dask (comma-separated, "
                         "default all), in --formats")
    args = ap.parse_args()

    def listed(value: str) -> tuple[str, ...]:
        return tuple(v for v in value.split(",") if v)

    if args.shapes:
        sys.exit(shapes(listed(args.formats), listed(args.commands), listed(args.jobs), listed(args.shapes),
                        args.baseline))
    if args.dense:
        sys.exit(dense(listed(args.formats), listed(args.commands), listed(args.jobs),
                       not args.no_corpus, args.baseline))
    engine_line(10)
    with tempfile.TemporaryDirectory() as tmp:
        line = Path(tmp, "line.txt")
        n = int(10e6 / 1.85)
        line.write_text((SENTENCE * (n // len(SENTENCE) + 1))[:n], encoding="utf-8")
        cli_file(line)
        if args.memory:
            big = Path(tmp, "big.txt")
            block = ((ARTICLE + "\n") * 200).encode()
            with big.open("wb") as fh:
                for _ in range(args.size_mb * 1_000_000 // len(block) + 1):
                    fh.write(block)
            cli_file(big)


if __name__ == "__main__":
    main()
