#!/usr/bin/env python3
"""``claimcheck reference coverage`` over the shared news corpus: its time and top 20.

    python benchmarks/coverage_corpus.py [--jobs N]

Runs the survey on ../shared/corpus/news.txt (50 MB, 10,729 articles) against the
bundled tables, prints the CPU and wall-clock time, the peak memory, and the table
the README quotes.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / ".." / "shared" / "corpus" / "news.txt"


def main() -> None:
    from claimcheck.reference.coverage import render_table, survey
    from claimcheck.reference.tables import load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1)
    jobs = ap.parse_args().jobs
    if not CORPUS.exists():
        raise SystemExit(f"no corpus at {CORPUS}")
    wall, cpu = time.perf_counter(), time.process_time()
    cov = survey([str(CORPUS)], load(None), quiet=True, jobs=jobs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(render_table(cov, 20))
    print(f"reference coverage, news corpus, --jobs {jobs}: {wall:.1f} s wall, "
          f"{cpu + children.ru_utime + children.ru_stime:.1f} s CPU, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
