"""Start-up as a pre-commit hook feels it: `claimcheck check` on one short article
against `claimcheck --version`, each a fresh process (cold), run alternately so
that the machine's drift hits both alike. Prints the medians and the median of
the per-pair ratios; the target is ≤ 3×.

"Cold" is a new process, as a hook starts one per commit — not a new install:
the first runs (not timed) leave what any installed copy has, the modules'
bytecode (pip writes it at install; ``PYTHONDONTWRITEBYTECODE`` is dropped for
the children so that a source checkout gets it too) and the start-up cache of
compiled language patterns (``claimcheck/lang/recache.py``).

    python benchmarks/startup.py [ARTICLE] [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "seed_article.txt"
FALLBACK = ROOT / "examples" / "seed_article.txt"


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - t0


def measure(article: Path, runs: int) -> dict[str, float]:
    exe = [sys.executable, "-m", "claimcheck"]
    version = exe + ["--version"]
    check = exe + ["check", str(article), "--fail-on", "never", "-q"]
    _time(version), _time(check)  # bytecode, the pattern cache, the OS's file cache
    pairs = [(_time(version), _time(check)) for _ in range(runs)]
    return {
        "version_s": statistics.median(v for v, _ in pairs),
        "check_s": statistics.median(c for _, c in pairs),
        "ratio": statistics.median(c / v for v, c in pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", default=str(SAMPLE if SAMPLE.exists() else FALLBACK))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    got = measure(Path(args.article), args.runs)
    print(f"start-up: claimcheck --version {got['version_s']:.3f} s, check {Path(args.article).name} "
          f"{got['check_s']:.3f} s: ×{got['ratio']:.2f} (median of {args.runs} alternating pairs; target ≤ 3)")


if __name__ == "__main__":
    main()
