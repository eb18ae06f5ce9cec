"""Hostile text: every input is handled in time linear in its size.

Catastrophic regex backtracking shows up as time that grows much faster than the
input. Each case is timed at size n and 4n in a separate Python process (so a
hang fails the test after a timeout instead of hanging the suite): linear code
takes ~4× as long, quadratic ~16×; we fail above 8×.

The full sizes named in the reliability issue are the 4n sizes here: a 1 MB
line of separators, a 100,000-digit number, 10,000 repeated qualifier words,
deeply repeated clitics; the 10 MB single line runs in ``benchmarks/hostile.py``
(a 2.3 MB line is timed here).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from claimcheck.extraction.engine import extract

ROOT = Path(__file__).resolve().parents[1]
MAX_RATIO = 8.0
#: Below this, the big size is too fast for its ratio to mean anything.
NOISE_FLOOR = 0.15
TIMEOUT = 120

# name -> (python expression building the text from n, n). Sizes are chosen so
# that the 4n input is the size named in the issue.
CASES: dict[str, tuple[str, int]] = {
    "commas_1MB": ('"1," * (n // 2)', 256_000),
    "arabic_decimal_seps_1MB": ('"٫" * n', 256_000),
    "arabic_digits_and_seps_1MB": ('"١٫" * (n // 2)', 256_000),
    "mixed_separators_1MB": ('"1٬1،1.1,1٫" * (n // 10)', 256_000),
    "dotted_groups_1MB": ('"874.347." * (n // 8)', 256_000),
    "digits_100k": ('"7" * n', 25_000),
    "arabic_indic_digits_100k": ('"٧" * n + " مليون دولار"', 25_000),
    "qualifiers_10k": ('"أكثر من " * n + "5 ملايين"', 2_500),
    "mixed_qualifiers_10k": ('"نحو أكثر من لا يقل عن ما يقارب " * (n // 4) + "5%"', 2_500),
    "scale_words": ('"5 " + "مليار " * n', 2_500),
    "number_words_and": ('"ثلاثة و" * n + "عشرين ألف"', 2_500),
    "vague_amounts": ('"عشرات " * n + "الآلاف"', 2_500),
    "clitics_wa": ('"و" * n + "بـ5 ملايين"', 25_000),
    "clitics_mixed": ('"وبالـ" * n + "5%"', 10_000),
    "tatweel_in_number": ('"5" + "ـ" * n + "%"', 25_000),
    "harakat_after_digits": ('"5" + "ً" * n + " ملايين"', 25_000),
    "bidi_marks": ('"\\u200f5\\u200e" * n', 25_000),
    "ranges": ('"بين 3 و" * n + "5 ملايين"', 2_500),
    "ra_decimals": ('"8 ر" * n + "8 مليار"', 2_500),
    "percent_signs": ('"5%" * n', 25_000),
    "newlines": ('"5\\n" * n', 25_000),
    # bare and named currencies on one long line (the paragraph's currency is
    # looked up per claim: it must not rescan the line back to its start)
    "money_on_one_line": ('"دفع 5 دنانير عراقية ثم 3 دنانير، " * (n // 32)', 200_000),
}

WORKER = textwrap.dedent(
    """
    import json, sys, time
    from claimcheck.extraction.engine import extract
    expr, n = sys.argv[1], int(sys.argv[2])
    extract("أكثر من 120 ألف فرد و٣٫٥ مليار دولار")  # warm up: compile patterns
    def timed(size):
        text = eval(expr, {"n": size})
        t0 = time.perf_counter()
        claims = extract(text)
        t = time.perf_counter() - t0
        for c in claims:
            assert text[c.start:c.end] == c.text, (c.start, c.end)
        return t, len(text), len(claims)
    t1 = min(timed(n)[0] for _ in range(2))
    t4, size, count = timed(4 * n)
    print(json.dumps({"t1": t1, "t4": t4, "size": size, "claims": count}))
    """
)


def _run(expr: str, n: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        proc = subprocess.run([sys.executable, "-c", WORKER, expr, str(n)], capture_output=True,
                              text=True, timeout=TIMEOUT, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {TIMEOUT}s for {expr} at n={n} (and 4n)")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", list(CASES))
def test_time_is_linear_in_size(name: str) -> None:
    expr, n = CASES[name]
    r = _run(expr, n)
    ratio = r["t4"] / max(r["t1"], 1e-6)
    print(f"{name}: {r['size']} chars, {r['claims']} claims, n={r['t1']:.3f}s 4n={r['t4']:.3f}s "
          f"ratio={ratio:.1f}")
    assert r["t4"] < NOISE_FLOOR or ratio < MAX_RATIO, (
        f"{name}: {r['t1']:.3f}s at n, {r['t4']:.3f}s at 4n (×{ratio:.1f}): not linear")


def test_long_single_line() -> None:
    """Corpus-like prose with no newline at all: 0.6 and 2.3 MB here; the full
    10 MB line is ``python benchmarks/hostile.py`` (it takes longer than the suite's
    budget for this file)."""
    sentence = ("وقال الوزير إن الحكومة خصصت نحو 3.5 مليار دولار لمشروعات البنية التحتية، "
                "أي ما يعادل 15 في المائة من الميزانية، منذ عام 2014 وحتى الآن. ")
    expr = f"({sentence!r} * (n // {len(sentence)} + 1))[:n]"
    r = _run(expr, 312_500)
    ratio = r["t4"] / max(r["t1"], 1e-6)
    print(f"long line: {r['size']} chars, {r['claims']} claims, {r['t4']:.2f}s (×{ratio:.1f})")
    assert r["claims"] > 0
    assert r["t4"] < NOISE_FLOOR or ratio < MAX_RATIO


# ------------------------------------------------- huge numbers through the formats


def test_a_huge_number_survives_every_format() -> None:
    """Python refuses to print ints over 4,300 digits; a claim must not crash a report.

    The engine never reads such a digit run as a quantity (it is noise, not a
    figure an editor can check), so the claim is built by hand here.
    """
    from claimcheck.model import Claim, Kind
    from claimcheck.report import FORMATS, render

    text = "بلغت القيمة ١" + "٬٠٠٠" * 1500 + " دولار"  # a 4,501-digit amount
    assert [c for c in extract(text) if c.kind.value == "money"] == []
    big = Decimal("1" + "0" * 4500)
    c = Claim(file="-", line=1, column=1, start=0, end=len(text), text=text, kind=Kind.MONEY,
              value=big, unit="USD", sentence=text)
    for fmt in FORMATS:
        assert isinstance(render([c], fmt), bytes)  # never raises
    rec = json.loads(render([c], "jsonl"), parse_int=Decimal, parse_float=Decimal)
    assert rec["value"] == big


# ---------------------------------------------------------- hostile claim text in reports

#: Text an attacker (or a careless paste) can put in a document, hence in a claim.
NASTY = [
    '=HYPERLINK("http://evil.example","اضغط") 5 ملايين',
    "+cmd|' /C calc'!A0 بنحو 5%",
    "-5 درجات @SUM(A1:A9)",
    "\t=1+1 قرابة 3 مليارات",
    "<script>alert('x')</script> 15 في المائة <img src=x onerror=alert(1)>",
    "ولا \"اقتباس\" & 'آخر' 3.5 مليار دولار",
    "سطر أول\n::error file=x::مزيف\n::add-mask::سر 5 ملايين",
    "نسبة 100%0A و%25 و::set-output name=x::y",
    "نص\x00فيه\x1a محارف تحكم 5 ملايين\x0b",
]


def _nasty_claims() -> list:
    from claimcheck.model import Claim, Kind

    out = []
    for i, t in enumerate(NASTY):
        out.append(Claim(file=f"dir/ملف {i}.txt", line=1, column=1, start=0, end=len(t), text=t,
                         kind=Kind.NUMBER, value=Decimal(5), sentence=t, subject=t[:8]))
    return out


@pytest.mark.parametrize("fmt", ["table", "jsonl", "json", "csv", "xlsx", "html", "markdown",
                                 "github", "sarif"])
def test_crafted_claim_text_never_crashes_a_format(fmt: str) -> None:
    """Control characters (real archives end articles with NUL and ^Z) included."""
    from claimcheck.report import FORMATS, render

    if fmt not in FORMATS:
        pytest.skip(f"no {fmt} format yet")
    assert isinstance(render(_nasty_claims(), fmt), bytes)


def test_csv_cells_never_start_a_formula() -> None:
    import csv
    import io

    from claimcheck.report import render

    rows = list(csv.reader(io.StringIO(render(_nasty_claims(), "csv").decode("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_html_escapes_every_crafted_text() -> None:
    from claimcheck.report import render

    html = render(_nasty_claims(), "html").decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "onerror=alert(1)>" not in html


def test_github_annotations_cannot_be_forged() -> None:
    from claimcheck.report import render

    out = render(_nasty_claims(), "github").decode()
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == len(NASTY)  # one annotation per claim, none smuggled in
    for line in commands:
        assert line.startswith(("::notice file=dir/", "::warning file=dir/", "::error file=dir/"))
        properties = line.split("::")[1]
        assert "\n" not in properties and properties.count("file=") == 1
