#!/usr/bin/env python3
"""Run ``claimcheck extract`` over the whole news corpus and verify every claim.

    python scripts/corpus_check.py [CORPUS] [--jobs N] [-- extra claimcheck options]

The corpus (default ``../shared/corpus/news.txt``: ~10,700 articles, 50 MB) goes
through the real command line, as a user would run it, with ``--format jsonl``.
The check fails (exit 1) when the command fails, prints an ``error:`` line or a
traceback, or any claim breaks an invariant of SPEC §1:

* ``document[start:end] == text`` and ``start < end``;
* ``line``/``column`` are the 1-based position of ``start``;
* claims come sorted by offset and do not overlap.

It prints the time taken and the number of claims by kind. When the corpus is
absent (a user's clone has no ``../shared``) it says so and exits 0, so that
``.ci/run`` can call it unconditionally.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
MAX_SHOWN = 20


def command() -> list[str]:
    """The installed entry point when there is one, else the module."""
    exe = Path(sys.executable).with_name("claimcheck")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("claimcheck")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found]
    return [sys.executable, "-m", "claimcheck.cli"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("extra", nargs="*", help="extra options for claimcheck extract")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"corpus check skipped: {corpus} is absent")
        return 0

    from claimcheck.text.sources import read_document  # the same decoding as the CLI

    document = read_document(str(corpus)).text
    line_starts = [0] + [i + 1 for i, ch in enumerate(document) if ch == "\n"]

    cmd = [*command(), "extract", str(corpus), "--format", "jsonl", "--quiet", *args.extra]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    print("running:", " ".join(cmd), flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env=env, text=True, encoding="utf-8")
    problems: list[str] = []
    kinds: Counter[str] = Counter()
    claims = 0
    last_end = 0
    assert proc.stdout is not None and proc.stderr is not None
    for raw in proc.stdout:
        claims += 1
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"record {claims}: not JSON ({e}): {raw[:200]!r}")
            continue
        kinds[rec.get("kind", "?")] += 1
        start, end, text = rec["start"], rec["end"], rec["text"]
        where = f"claim {claims} at {start}:{end} {text!r}"
        if not 0 <= start < end <= len(document):
            problems.append(f"{where}: span outside the document")
            continue
        if document[start:end] != text:
            problems.append(f"{where}: document has {document[start:end]!r} there")
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        if (rec["line"], rec["column"]) != (line, column):
            problems.append(f"{where}: line/column {rec['line']}:{rec['column']}, "
                            f"expected {line}:{column}")
        if start < last_end:
            problems.append(f"{where}: overlaps or precedes the previous claim (ends {last_end})")
        last_end = max(last_end, end)
    stderr = proc.stderr.read()
    code = proc.wait()
    elapsed = time.perf_counter() - t0

    if code != 0:
        problems.append(f"claimcheck exited with {code}")
    for line in stderr.splitlines():
        if line.startswith("error:") or "Traceback" in line:
            problems.append(f"stderr: {line}")
    size_mb = corpus.stat().st_size / 1e6
    print(f"{corpus.name}: {size_mb:.1f} MB, {document.count(chr(10))} lines, "
          f"{claims} claims in {elapsed:.1f}s ({size_mb / elapsed:.1f} MB/s)")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    if problems:
        print(f"FAILED: {len(problems)} problem(s)")
        for p in problems[:MAX_SHOWN]:
            print("  " + p)
        if "Traceback" in stderr:
            print(stderr[-3000:])
        return 1
    print("ok: no error, every claim keeps the offset invariants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
