"""Throughput, memory and start-up of claimcheck on a real news corpus (``make bench``).

Reads ``../shared/corpus/news.txt`` (one article per line; override with
``--corpus``) and measures, each in a fresh subprocess so that one measurement's
memory and warm caches never pollute the next:

* **floor** — one pass of one compiled digit regex (``re`` ``\\d+``) over the text
  in memory: the cost of merely touching every character from Python;
* **extract** — the streaming single-core pipeline (line-aligned chunks →
  ``extract``): its engine time alone, and the pipeline (reading, decoding,
  chunking, extracting) without the benchmark's own per-claim hashing; MB/s,
  claims/s, the ratio to the floor, peak RSS;
* **extract --jobs 2** — the same through the process pool; speed-up over one
  core (wall time, the hashing of every claim as JSON included on both sides, as
  a report writer would) and a check that the claims are identical and in order;
* **check** — the same corpus checked against a generated 10,000-row reference
  table (SYNTHETIC rows, written to a temporary folder, never bundled); its cost
  as a multiple of ``extract``'s pipeline, and engine against engine;
* **CLI** — ``claimcheck extract CORPUS --format jsonl`` end to end, with
  ``--jobs 1`` and ``--jobs 2`` (wall time, peak RSS of the main process), and
  ``claimcheck check`` against the same table with ``--jobs 1``;
* **memory flatness** — peak RSS streaming a quarter of the corpus vs all of it;
* **start-up** — ``claimcheck --version`` and ``claimcheck extract`` on a
  one-line file: median subprocess wall time of several runs.

The corpus holds ~2,900 NUL bytes (article separators of one of its sources),
which :mod:`claimcheck.text.sources` refuses as binary data; the benchmark runs on a copy
in a temporary folder with each NUL replaced by a space (same length, same
offsets). Results are printed as a table and written to ``reports/bench.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
REPORT = ROOT / "reports" / "bench.json"
CHECK_ROWS = 10_000
STARTUP_RUNS = 7


def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# =========================================================================== measurements
# Each runs in its own interpreter (``throughput.py --measure NAME …``) and prints JSON.


def m_floor(path: str) -> dict:
    import re

    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    digits = re.compile(r"\d+")
    best = float("inf")
    n = 0
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(1 for _ in digits.finditer(text))
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "chars": len(text), "digit_runs": n, "rss_mb": _maxrss_mb()}


def m_extract(path: str, jobs: int = 1) -> dict:
    import hashlib

    from claimcheck.run import pool as parallel
    from claimcheck.extraction.engine import extract, lexicon

    rss_start = _maxrss_mb()
    t0 = time.perf_counter()
    lexicon()
    warm = time.perf_counter() - t0
    rss0 = _maxrss_mb()
    engine = 0.0

    class Timed(parallel.Extraction):
        def run(self, text, file, offset=0, line=1):  # engine time only (single core)
            nonlocal engine
            t = time.perf_counter()
            out = extract(text, file=file, base_offset=offset, base_line=line)
            engine += time.perf_counter() - t
            return out

    analysis = Timed() if jobs == 1 else parallel.Extraction()
    digest = hashlib.sha256()
    n = 0
    consumer = 0.0
    c0 = _cpu()
    t0 = time.perf_counter()
    for c in parallel.iter_items([path], analysis, jobs=jobs):
        n += 1
        t = time.perf_counter()
        digest.update(json.dumps(c.to_record(), ensure_ascii=False).encode())
        consumer += time.perf_counter() - t
    wall = time.perf_counter() - t0
    # the digest (to compare runs) is the benchmark's own work, like writing a
    # report: left out of the pipeline time, kept in the wall time
    return {"seconds": wall, "pipeline_seconds": wall - consumer, "consumer_seconds": consumer,
            "engine_seconds": engine if jobs == 1 else None,
            "claims": n, "sha256": digest.hexdigest(), "lexicon_seconds": warm,
            "parent_cpu_seconds": _cpu() - c0, "workers_cpu_seconds": _cpu(resource.RUSAGE_CHILDREN),
            "rss_mb": _maxrss_mb(), "rss_after_import_mb": rss0, "rss_at_start_mb": rss_start,
            "worker_rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN) if jobs > 1 else None}


def m_check(path: str, reference: str, jobs: int = 1) -> dict:
    from collections import Counter

    from claimcheck.run import pool as parallel
    from claimcheck.extraction.engine import lexicon
    from claimcheck.reference.tables import load

    from claimcheck.checking import rules as consistency

    lexicon()
    t0 = time.perf_counter()
    refs = load(reference)
    load_s = time.perf_counter() - t0
    engine = 0.0
    # the arithmetic consistency of SPEC §6, timed inside check (its share of the cost)
    relations = 0.0
    apply = consistency.apply

    def timed_apply(*args, **kw):
        nonlocal relations
        t = time.perf_counter()
        out = apply(*args, **kw)
        relations += time.perf_counter() - t
        return out

    consistency.apply = timed_apply

    class Timed(parallel.Checking):
        def run(self, text, file, offset=0, line=1):  # extract + compare, in process
            nonlocal engine
            t = time.perf_counter()
            out = super().run(text, file, offset, line)
            engine += time.perf_counter() - t
            return out

    verdicts: Counter[str] = Counter()
    n = 0
    t0 = time.perf_counter()
    analysis = Timed(refs) if jobs == 1 else parallel.Checking(refs)
    for r in parallel.iter_items([path], analysis, jobs=jobs):
        n += 1
        verdicts[str(r.verdict)] += 1
    wall = time.perf_counter() - t0
    consistency.apply = apply
    return {"seconds": wall, "engine_seconds": engine if jobs == 1 else None,
            "consistency_seconds": relations if jobs == 1 else None,
            "claims": n, "facts": len(refs.facts), "load_seconds": load_s,
            "cpu_seconds": _cpu(),
            "verdicts": dict(verdicts), "rss_mb": _maxrss_mb()}


MEASURES = {"floor": m_floor, "extract": m_extract, "check": m_check}


def _measure(name: str, *args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", name, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"measurement {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _timed_command(cmd: list[str], runs: int = 1, **kw) -> dict:
    """Wall time (median of ``runs``) and peak RSS of a command, via a small wrapper process."""
    wrapper = (
        "import json,resource,subprocess,sys,time\n"
        "cmd=json.loads(sys.argv[1]); t=time.perf_counter()\n"
        "p=subprocess.run(cmd,stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
        "w=time.perf_counter()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'seconds':w,'rc':p.returncode,'err':p.stderr.decode()[-500:],"
        "'cpu':r.ru_utime+r.ru_stime,'rss_mb':r.ru_maxrss/1024}))\n"
    )
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", wrapper, json.dumps(cmd)],
                             capture_output=True, text=True, **kw)
        r = json.loads(out.stdout)
        if r["rc"] != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({r['rc']}): {r['err']}")
        results.append(r)
    secs = [r["seconds"] for r in results]
    return {"seconds": statistics.median(secs), "min_seconds": min(secs), "runs": runs,
            "cpu_seconds": statistics.median(r["cpu"] for r in results),
            "rss_mb": max(r["rss_mb"] for r in results)}


# =========================================================================== inputs


def prepare_corpus(src: Path, tmp: Path) -> tuple[Path, dict]:
    """Copy the corpus line by line (NUL → space) and its first quarter.

    Streamed, so this process stays small: on Linux a child's peak RSS starts at
    its parent's size when it is forked, which would inflate every measurement.
    """
    total = src.stat().st_size
    out, quarter = tmp / "news.txt", tmp / "news_quarter.txt"
    nbytes = chars = lines = nuls = qbytes = 0
    with src.open("rb") as fin, out.open("wb") as fout, quarter.open("wb") as fq:
        for raw in fin:
            nuls += raw.count(b"\x00")
            line = raw.replace(b"\x00", b" ")
            fout.write(line)
            if nbytes + len(raw) <= total // 4:
                fq.write(line)
                qbytes += len(line)
            nbytes += len(raw)
            chars += len(raw.decode("utf-8"))
            lines += raw.endswith(b"\n")
    info = {"path": str(src), "bytes": nbytes, "chars": chars, "lines": lines,
            "nul_bytes_replaced": nuls, "quarter_bytes": qbytes}
    return out, info


ENTITIES = [
    "السعودية|المملكة العربية السعودية|المملكة", "مصر|جمهورية مصر العربية", "الأردن|المملكة الأردنية",
    "الإمارات|دولة الإمارات", "الكويت|دولة الكويت", "قطر|دولة قطر", "البحرين|مملكة البحرين",
    "عمان|سلطنة عمان", "العراق|جمهورية العراق", "سوريا|سورية", "لبنان|الجمهورية اللبنانية",
    "فلسطين|السلطة الفلسطينية", "اليمن|الجمهورية اليمنية", "ليبيا", "تونس|الجمهورية التونسية",
    "الجزائر", "المغرب|المملكة المغربية", "السودان", "موريتانيا", "الصومال",
    "الرياض", "جدة", "القاهرة", "الإسكندرية", "عمّان", "دبي", "أبوظبي", "الدوحة", "بغداد",
    "بيروت", "دمشق", "صنعاء", "طرابلس", "الخرطوم", "الرباط", "تونس العاصمة",
    "وزارة الصحة", "وزارة المالية", "وزارة التعليم", "وزارة العمل", "أرامكو|شركة أرامكو",
    "سابك|شركة سابك", "الهلال", "النصر", "الأهلي", "الاتحاد", "الزمالك", "الأمم المتحدة",
    "البنك الدولي", "صندوق النقد الدولي", "منظمة أوبك|أوبك", "الجامعة العربية",
]
METRICS = [  # metric, keywords, unit, value range
    ("عدد السكان", "سكان|السكان|نسمة|مواطن", "", (1e5, 1e8)),
    ("الناتج المحلي الإجمالي", "الناتج المحلي|الناتج|اقتصاد", "USD", (1e9, 1e12)),
    ("الميزانية العامة", "الميزانية|موازنة|الموازنة|نفقات", "SAR", (1e9, 1e12)),
    ("معدل البطالة", "البطالة|بطالة|العاطلين", "percent", (1, 40)),
    ("معدل التضخم", "التضخم|تضخم|الأسعار", "percent", (0.5, 30)),
    ("إنتاج النفط", "النفط|إنتاج|برميل", "oil_barrel / day", (1e4, 1e7)),
    ("عدد اللاجئين", "لاجئ|اللاجئين|نازح|النازحين", "", (1e3, 5e6)),
    ("الصادرات", "صادرات|الصادرات|تصدير", "USD", (1e8, 5e11)),
    ("عدد الطلاب", "طالب|الطلاب|طالبة|الطالبات|مدارس", "", (1e3, 5e6)),
    ("عدد الحجاج", "حاج|الحجاج|حجاج|الحج", "", (1e5, 3e6)),
    ("المساحة", "مساحة|المساحة", "kilometer ** 2", (10, 3e6)),
    ("طول الطريق", "طريق|الطريق|كيلومتر", "kilometer", (1, 5000)),
    ("عدد الإصابات", "إصابة|الإصابات|مصاب|المصابين", "", (1, 1e5)),
    ("عدد الوفيات", "وفاة|الوفيات|قتيل|القتلى", "", (1, 1e5)),
    ("عدد الأهداف", "هدف|أهداف|الأهداف", "", (1, 100)),
    ("قيمة المشروع", "مشروع|المشروع|تكلفة|بتكلفة", "SAR", (1e6, 1e10)),
    ("القروض", "قرض|قروض|القروض|تمويل", "EGP", (1e6, 1e10)),
    ("نسبة النمو", "نمو|النمو|ارتفاع", "percent", (0.1, 15)),
    ("الاستثمارات", "استثمار|الاستثمارات|استثمارات", "USD", (1e6, 1e11)),
    ("إنتاج القمح", "القمح|قمح|طن", "metric_ton", (1e3, 1e7)),
]


def make_reference(folder: Path, rows: int = CHECK_ROWS) -> Path:
    """A plausible but SYNTHETIC fact table: random values, labelled as such in every source."""
    import csv
    import random

    rnd = random.Random(20240711)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "synthetic_facts.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "entity", "metric", "value", "unit", "period", "qualifier",
                    "tolerance", "keywords", "source"])
        for i in range(rows):
            ent = ENTITIES[i % len(ENTITIES)]
            metric, kws, unit, (lo, hi) = METRICS[(i // len(ENTITIES)) % len(METRICS)]
            year = 2008 + (i // (len(ENTITIES) * len(METRICS))) % 10
            value = rnd.uniform(lo, hi)
            value = round(value, 1) if unit == "percent" else int(value)
            qual = rnd.choice(["exact"] * 8 + ["more_than", "approximate"])
            period = str(year) if i % 7 else f"{year}-{rnd.randint(1, 12):02d}"
            w.writerow([f"syn-{i:05d}", ent, f"{metric} ({i})" if i % 3 == 0 else metric, value,
                        unit, period, qual, "" if i % 5 else "2%", kws,
                        f"SYNTHETIC benchmark row {i} — not a real fact"])
    return path


# =========================================================================== main


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "—" if x is None else format(x, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("CLAIMCHECK_CORPUS", DEFAULT_CORPUS)))
    ap.add_argument("--output", type=Path, default=REPORT)
    ap.add_argument("--skip-check", action="store_true", help="skip the check measurement")
    ap.add_argument("--skip-cli", action="store_true", help="skip the end-to-end CLI runs")
    ap.add_argument("--repeat", type=int, default=2,
                    help="run extract on 1 core and with --jobs 2 this many times, interleaved, "
                         "and keep the fastest of each (other work on the machine only slows runs down)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.measure:
        fn = MEASURES[a.measure]
        args = [int(x) if x.isdigit() else x for x in a.args]
        print(json.dumps(fn(*args)))
        return 0

    if not a.corpus.is_file():
        print(f"benchmark corpus not found: {a.corpus}\n"
              "It lives outside the project (../shared/corpus/news.txt, one article per line);\n"
              "give another with --corpus PATH or CLAIMCHECK_CORPUS=PATH.", file=sys.stderr)
        return 2
    claimcheck_bin = shutil.which("claimcheck", path=str(Path(sys.executable).parent)) or "claimcheck"
    results: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                 "cores": os.cpu_count(), "load_before": os.getloadavg()}}
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmpd:
        tmp = Path(tmpd)
        print(f"preparing {a.corpus} …", file=sys.stderr)
        corpus, info = prepare_corpus(a.corpus, tmp)
        results["corpus"] = info
        mb = info["bytes"] / 1e6
        quarter = tmp / "news_quarter.txt"

        def step(msg: str) -> None:
            print(f"  {msg} …", file=sys.stderr, flush=True)

        step("floor: one compiled digit regex")
        floor = _measure("floor", str(corpus))
        runs1, runs2 = [], []
        for k in range(max(1, a.repeat)):
            step(f"extract, one core (run {k + 1})")
            runs1.append(_measure("extract", str(corpus), "1"))
            step(f"extract, --jobs 2 (run {k + 1})")
            runs2.append(_measure("extract", str(corpus), "2"))
        ex1 = min(runs1, key=lambda r: r["seconds"])
        ex2 = min(runs2, key=lambda r: r["seconds"])
        results["runs"] = {"extract_seconds": [r["seconds"] for r in runs1],
                           "extract_jobs2_seconds": [r["seconds"] for r in runs2]}
        step("extract, one core, a quarter of the corpus (memory flatness)")
        exq = _measure("extract", str(quarter), "1")
        engine = ex1["engine_seconds"]
        results["floor"] = {**floor, "mb_per_s": mb / floor["seconds"]}
        results["extract"] = {
            **ex1, "mb_per_s": mb / ex1["seconds"], "engine_mb_per_s": mb / engine,
            "claims_per_s": ex1["claims"] / ex1["seconds"],
            "ratio_to_floor": engine / floor["seconds"],
            "ratio_to_floor_end_to_end": ex1["seconds"] / floor["seconds"],
        }
        cpu2 = ex2["parent_cpu_seconds"] + ex2["workers_cpu_seconds"]
        results["extract"]["cpu_share"] = ex1["parent_cpu_seconds"] / ex1["seconds"]
        results["extract_jobs2"] = {
            **ex2, "mb_per_s": mb / ex2["seconds"], "speedup": ex1["seconds"] / ex2["seconds"],
            "identical_to_one_core": ex2["sha256"] == ex1["sha256"],
            "cpu_share": cpu2 / ex2["seconds"],
            # CPU seconds of the pool run (parent + workers) per CPU second of the one-core
            # run: the pool's overhead, which does not depend on how busy the machine is.
            "cpu_overhead": cpu2 / ex1["parent_cpu_seconds"],
        }
        results["memory"] = {"quarter_corpus_rss_mb": exq["rss_mb"], "full_corpus_rss_mb": ex1["rss_mb"],
                             "interpreter_and_lexicon_rss_mb": ex1["rss_after_import_mb"]}
        if not a.skip_check:
            step(f"generating a synthetic {CHECK_ROWS}-row reference table")
            ref = make_reference(tmp / "reference")
            step("check against it, one core")
            ch = _measure("check", str(corpus), str(ref), "1")
            results["check"] = {**ch, "reference": f"{CHECK_ROWS} synthetic rows (generated, temporary)",
                                "mb_per_s": mb / ch["seconds"],
                                "claims_per_s": ch["claims"] / ch["seconds"],
                                # like with like: both streaming pipelines without their
                                # consumers (check's only counts verdicts), and both engines
                                "cost_vs_extract": ch["seconds"] / ex1["pipeline_seconds"],
                                "engine_cost_vs_extract": ch["engine_seconds"] / engine,
                                # what consistency (SPEC §6) adds to check
                                "consistency_share": ch["consistency_seconds"]
                                / (ch["engine_seconds"] - ch["consistency_seconds"])}
        if not a.skip_cli:
            out = tmp / "claims.jsonl"
            for jobs in (1, 2):
                step(f"CLI: claimcheck extract CORPUS --format jsonl --jobs {jobs}")
                r = _timed_command([claimcheck_bin, "extract", str(corpus), "--format", "jsonl",
                                    "-o", str(out), "--jobs", str(jobs), "--quiet"])
                results[f"cli_extract_jobs{jobs}"] = {**r, "mb_per_s": mb / r["seconds"]}
            results["cli_extract_jobs2"]["speedup"] = (
                results["cli_extract_jobs1"]["seconds"] / results["cli_extract_jobs2"]["seconds"])
            if not a.skip_check:
                step("CLI: claimcheck check CORPUS --reference REF --format jsonl --jobs 1")
                r = _timed_command([claimcheck_bin, "check", str(corpus), "--reference", str(ref),
                                    "--format", "jsonl", "-o", str(tmp / "checked.jsonl"),
                                    "--jobs", "1", "--quiet", "--fail-on", "never"])
                results["cli_check_jobs1"] = {
                    **r, "mb_per_s": mb / r["seconds"],
                    "cost_vs_extract": r["seconds"] / results["cli_extract_jobs1"]["seconds"]}
        step("start-up")
        one = tmp / "one_line.txt"
        one.write_text("دربت المملكة المتحدة أكثر من 120 ألف فرد منذ عام 2014.\n", encoding="utf-8")
        results["startup"] = {
            "version": _timed_command([claimcheck_bin, "--version"], runs=STARTUP_RUNS),
            "extract_one_line": _timed_command([claimcheck_bin, "extract", str(one), "--format", "jsonl"],
                                               runs=STARTUP_RUNS),
        }
    results["machine"]["load_after"] = os.getloadavg()

    a.output.parent.mkdir(parents=True, exist_ok=True)
    a.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print_table(results)
    print(f"\nwritten: {a.output.relative_to(ROOT) if a.output.is_relative_to(ROOT) else a.output}")
    return 0


def _print_table(r: dict) -> None:
    c = r["corpus"]
    ex, ex2, fl = r["extract"], r["extract_jobs2"], r["floor"]
    print(f"\ncorpus: {c['bytes'] / 1e6:.1f} MB, {c['chars'] / 1e6:.1f} M characters, {c['lines']} lines "
          f"({c['nul_bytes_replaced']} NUL bytes replaced by spaces)")
    print(f"machine: {r['machine']['cores']} cores, load {r['machine']['load_before'][0]:.2f} before, "
          f"{r['machine']['load_after'][0]:.2f} after\n")
    rows = [("measurement", "seconds", "MB/s", "claims/s", "× floor", "peak RSS MB", "CPU %")]
    rows.append(("floor: re \\d+ over the text", _fmt(fl["seconds"], ".3f"), _fmt(fl["mb_per_s"], ".0f"),
                 "", "1", _fmt(fl["rss_mb"], ".0f"), ""))
    rows.append(("extract engine, 1 core", _fmt(ex["engine_seconds"]), _fmt(ex["engine_mb_per_s"]),
                 _fmt(ex["claims"] / ex["engine_seconds"], ".0f"), _fmt(ex["ratio_to_floor"], ".0f"), "", ""))
    rows.append(("extract streaming, 1 core", _fmt(ex["pipeline_seconds"]),
                 _fmt(r["corpus"]["bytes"] / 1e6 / ex["pipeline_seconds"]),
                 _fmt(ex["claims"] / ex["pipeline_seconds"], ".0f"),
                 _fmt(ex["pipeline_seconds"] / fl["seconds"], ".0f"),
                 _fmt(ex["rss_mb"], ".0f"), _fmt(100 * ex["cpu_share"], ".0f")))
    rows.append((f"  + hashing every claim as JSON (wall, the --jobs baseline)", _fmt(ex["seconds"]),
                 _fmt(ex["mb_per_s"]), "", "", "", ""))
    rows.append((f"extract --jobs 2 (×{ex2['speedup']:.2f}, same claims: {ex2['identical_to_one_core']})",
                 _fmt(ex2["seconds"]), _fmt(ex2["mb_per_s"]), _fmt(ex2["claims"] / ex2["seconds"], ".0f"),
                 "", f"{ex2['rss_mb']:.0f} + {ex2['worker_rss_mb']:.0f}/worker",
                 _fmt(100 * ex2["cpu_share"], ".0f")))
    rows.append((f"  pool CPU overhead vs 1 core: ×{ex2['cpu_overhead']:.2f}", "", "", "", "", "", ""))
    if "check" in r:
        ch = r["check"]
        rows.append((f"check, {ch['facts']} facts (×{ch['cost_vs_extract']:.2f} extract streaming)",
                     _fmt(ch["seconds"]), _fmt(ch["mb_per_s"]), _fmt(ch["claims_per_s"], ".0f"), "",
                     _fmt(ch["rss_mb"], ".0f"), _fmt(100 * ch["cpu_seconds"] / ch["seconds"], ".0f")))
        rows.append((f"  check engine (×{ch['engine_cost_vs_extract']:.2f} extract engine)",
                     _fmt(ch["engine_seconds"]), "", "", "", "", ""))
        if ch.get("consistency_share") is not None:
            rows.append((f"  of which consistency, SPEC §6 (+{ch['consistency_share']:.1%} of check)",
                         _fmt(ch["consistency_seconds"]), "", "", "", "", ""))
    for jobs in (1, 2):
        k = f"cli_extract_jobs{jobs}"
        if k in r:
            x = r[k]
            extra = f" (×{x['speedup']:.2f})" if "speedup" in x else ""
            rows.append((f"CLI extract → jsonl, --jobs {jobs}{extra}", _fmt(x["seconds"]), _fmt(x["mb_per_s"]),
                         "", "", _fmt(x["rss_mb"], ".0f") + (" (main)" if jobs > 1 else ""),
                         _fmt(100 * x["cpu_seconds"] / x["seconds"], ".0f")))
    if "cli_check_jobs1" in r:
        x = r["cli_check_jobs1"]
        rows.append((f"CLI check → jsonl, --jobs 1 (×{x['cost_vs_extract']:.2f} CLI extract)",
                     _fmt(x["seconds"]), _fmt(x["mb_per_s"]), "", "", _fmt(x["rss_mb"], ".0f"),
                     _fmt(100 * x["cpu_seconds"] / x["seconds"], ".0f")))
    m = r["memory"]
    rows.append(("memory: 1/4 corpus vs whole, 1 core", "", "", "", "",
                 f"{m['quarter_corpus_rss_mb']:.0f} vs {m['full_corpus_rss_mb']:.0f}", ""))
    s = r["startup"]
    rows.append((f"start-up: claimcheck --version (median of {s['version']['runs']})",
                 _fmt(s["version"]["seconds"], ".3f"), "", "", "", _fmt(s["version"]["rss_mb"], ".0f"), ""))
    rows.append(("start-up: extract one line", _fmt(s["extract_one_line"]["seconds"], ".3f"), "", "", "",
                 _fmt(s["extract_one_line"]["rss_mb"], ".0f"), ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(str(v).ljust(widths[i]) if i == 0 else str(v).rjust(widths[i])
                        for i, v in enumerate(row)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    sys.exit(main())
