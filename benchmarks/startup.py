"""Start-up as a pre-commit hook feels it: `claimcheck check` on one short article
against `claimcheck --version`, each a fresh process (cold), run alternately so
that the machine's drift hits both alike. Prints the medians and the median of
the per-pair ratios; the target is ≤ 3×.

"Cold" is a new process, as a hook starts one per commit — not a new install:
the first runs (not timed) leave what any installed copy has, the modules'
bytecode (pip writes it at install; ``PYTHONDONTWRITEBYTECODE`` is dropped for
the children so that a source checkout gets it too) and the start-up cache of
compiled language patterns (``claimcheck/lang/recache.py``).

Wall time is what a person waits; on a shared machine it also counts the time
the process waited for a core, so the CPU time of each child (user + system,
from ``getrusage(RUSAGE_CHILDREN)``) is reported beside it, with the load average.

    python benchmarks/startup.py [ARTICLE] [--runs N]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "seed_article.txt"
FALLBACK = ROOT / "examples" / "seed_article.txt"


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(article: Path, runs: int) -> dict[str, float]:
    exe = [sys.executable, "-m", "claimcheck"]
    version = exe + ["--version"]
    check = exe + ["check", str(article), "--fail-on", "never", "-q"]
    _time(version), _time(check)  # bytecode, the pattern cache, the OS's file cache
    pairs = [(_time(version), _time(check)) for _ in range(runs)]
    got = {"load": os.getloadavg()[0]}
    for i, clock in enumerate(("wall", "cpu")):
        got[f"version_{clock}"] = statistics.median(v[i] for v, _ in pairs)
        got[f"check_{clock}"] = statistics.median(c[i] for _, c in pairs)
        got[f"ratio_{clock}"] = statistics.median(c[i] / v[i] for v, c in pairs)
    return got


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", default=str(SAMPLE if SAMPLE.exists() else FALLBACK))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    got = measure(Path(args.article), args.runs)
    print(f"start-up: claimcheck --version {got['version_wall']:.3f} s, check {Path(args.article).name} "
          f"{got['check_wall']:.3f} s: ×{got['ratio_wall']:.2f} (median of {args.runs} alternating pairs; "
          f"target ≤ 3); CPU time {got['version_cpu']:.3f} s, {got['check_cpu']:.3f} s: "
          f"×{got['ratio_cpu']:.2f}; load average {got['load']:.1f}")


if __name__ == "__main__":
    main()
