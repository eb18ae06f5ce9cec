"""Start-up: `claimcheck --version` must not pay for pandas, pint or the lexicon."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

HEAVY = ("pandas", "numpy", "pint", "openpyxl", "pyarrow", "dask", "rapidfuzz", "hijridate")


def test_cli_import_does_not_load_heavy_libraries() -> None:
    code = ("import sys, claimcheck, claimcheck.cli; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_is_fast() -> None:
    cmd = [sys.executable, "-m", "claimcheck.cli", "--version"]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        assert out.returncode == 0 and "claimcheck" in out.stdout
    # The budget is 0.3 s (measured by `make bench`); the bound here is generous for busy CI.
    assert statistics.median(times) < 1.0
