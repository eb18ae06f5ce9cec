#!/usr/bin/env python3
"""Importing big SDMX-CSV files: time and peak memory against the row count.

    python benchmarks/import_sdmx.py                 # 100,000 and 400,000 rows
    python benchmarks/import_sdmx.py --rows 100000   # one size

Generates an SDMX-CSV file in the IMF layout (every Arab League state and some
forty others × six indicators × quarterly periods, UNIT_MULT and unit attributes)
in a temporary folder, runs ``claimcheck reference import FILE -o TABLE.csv`` in a
child process and prints one line per size: rows, seconds, rows per second, and the
child's peak resident memory (ru_maxrss), which must not grow with the file.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (indicator, UNIT_MULT, unit) — catalogue codes the importer knows
SERIES = [("NGDPD", 9, "USD"), ("NGDP", 9, "XDC"), ("PCPIPCH", 0, "PCH"),
          ("LP", 6, "PS"), ("LUR", 0, "PT"), ("GGXWDG_NGDP", 0, "PT")]


def areas() -> list[str]:
    from claimcheck.lang import countries

    arab = [c.iso3 for c in countries.arab_league()]
    others = [c.iso3 for c in countries.countries() if c.iso3 and c.currency][:60]
    return list(dict.fromkeys(arab + others))


def write(path: Path, rows: int) -> int:
    """An SDMX-CSV file of ``rows`` observations (series × quarters)."""
    codes = areas()
    per_series = max(1, rows // (len(codes) * len(SERIES)))
    quarters = [f"{1990 + q // 4}-Q{q % 4 + 1}" for q in range(per_series)]
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["DATAFLOW", "FREQ", "REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE",
                     "UNIT_MULT", "UNIT_MEASURE", "OBS_STATUS"])
        for area, (ind, mult, unit) in itertools.product(codes, SERIES):
            for i, period in enumerate(quarters):
                if n >= rows:
                    return n
                w.writerow(["IMF.RES:WEO(6.0.0)", "Q", area, ind, period,
                            f"{(i * 7.31 + len(area) * 3.7) % 997 + 1:.3f}", mult, unit, "A"])
                n += 1
    return n


def run(rows: int, folder: Path) -> tuple[int, float, float, float]:
    src, out = folder / f"sdmx_{rows}.csv", folder / f"table_{rows}.csv"
    n = write(src, rows)
    # the child prints its own peak memory and CPU time when the command exits
    child = ("import sys, resource; from claimcheck.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
             "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
             "    print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr)\n"
             "    raise")
    cmd = [sys.executable, "-c", child, "reference", "import", str(src), "-o", str(out), "-q"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    peak_kb, cpu = proc.stderr.strip().splitlines()[-1].split()
    return n, elapsed, float(cpu), int(peak_kb) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, action="append")
    sizes = ap.parse_args().rows or [100_000, 400_000]
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            n, secs, cpu, peak = run(rows, Path(tmp))
            print(f"reference import, SDMX-CSV {n:,} rows: {secs:.2f} s wall, {cpu:.2f} s CPU "
                  f"({n / cpu:,.0f} rows per CPU second, start-up included), peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
