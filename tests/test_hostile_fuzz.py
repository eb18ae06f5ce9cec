"""Fuzzing: no option, document or table cell makes a traceback (issue 17).

Hypothesis draws command lines (command, format, --jobs, --encoding,
--approximation, --country, --fail-on, --output, inputs that are Arabic copy,
noise, control characters, binary, other encodings) and reference tables with
random cells, and runs them through the command line in-process. Every run must
end with exit 0, 1 or 2 — never 3 (an internal error) and never an exception
escaping ``main`` — and every ``error:`` line must be one line.

The regular suite runs a few dozen examples; ``.ci/run`` runs 10,000 of each
(``CLAIMCHECK_FUZZ_EXAMPLES=10000``).
"""
from __future__ import annotations

import contextlib
import io
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import cli

EXAMPLES = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES < 1000,
                suppress_health_check=list(HealthCheck), database=None)

# Pieces of copy that exercise the engine: digits in three scripts and their
# separators, number words, scale words, qualifiers, currencies, dates, and what
# breaks naive code (marks, bidi controls, control characters, long runs).
PIECES = [
    "دربت المملكة المتحدة أكثر من 120 ألف فرد", "٣٫٥ مليار دولار", "نحو 9 أشهر", "15 في المائة",
    "١٥٪", "ملياري درهم", "منذ عام 2014", "الذكرى العاشرة", "بين 3 و5 ملايين", "عشرات الآلاف",
    "8 ر8", "874.347.21", "1,1,1,1", "ألف ", "1 ", "مليار ", "أكثر من ", "و", "ـ", "\u064b", "\u200f",
    "\u200e", "\u061c", "\u2028", "\x85", "\x0c", "\x1b[2J", "\x07", "\x00", "\r\n", "\n", ".", "؟ ",
    "|", "`", "<b>", "=HYPERLINK()", "-5", "+7", "@x", "9" * 40, "١" * 30, "دينار", "ريال عماني",
    "في 11 آذار/مارس 2024", "1445 هـ", "%", "٪", "😀", "\ufeff",
]
text_st = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=30).map("".join)
data_st = st.one_of(
    text_st.map(lambda t: t.encode("utf-8")),
    text_st.map(lambda t: t.encode("utf-16")),
    text_st.map(lambda t: t.encode("cp1256", "replace")),
    st.binary(max_size=300),
    st.sampled_from([b"\x89PNG\r\n\x1a\n" + bytes(20), b"PAR1" + bytes(20) + b"PAR1", b"",
                     "نص".encode("utf-16-be") * 50]),
)
ENCODINGS = [None, None, None, "utf-8", "cp1256", "utf-16", "latin-1", "rot13", "hex", "base64",
             "zlib", "uu", "klingon", "", "utf-8-sig", "idna", "punycode", "unicode_escape"]
APPROX = [None, None, "0.1", "10%", "NaN", "sNaN", "-1", "1", "1e999999999", "inf", "", "5%%", "٪5",
          "0.05", "abc"]
OUTPUTS = [None, None, None, "report.out", "/dev/null", "", " ", "missing/report.out", ".",
           "good.txt"]


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, bytes]], bytes]:
    from claimcheck.report import FORMATS

    files = draw(st.lists(st.tuples(st.sampled_from(["a.txt", "b.md", "c.txt", "d.csv",
                                                      "e.parquet", "f.jsonl"]), data_st),
                          min_size=0, max_size=3, unique_by=lambda f: f[0]))
    command = draw(st.sampled_from(["extract", "check"]))
    args = [command] + [name for name, _ in files]
    stdin = b""
    if not files or draw(st.booleans()):
        args.append("-")
        stdin = draw(data_st)
    fmt = draw(st.sampled_from([None, *FORMATS]))
    if fmt:
        args += ["--format", fmt]
    out = draw(st.sampled_from(OUTPUTS))
    if fmt == "xlsx" and out is None:
        out = "report.xlsx"
    if out is not None:
        args += ["-o", out]
    jobs = draw(st.sampled_from([None] * 12 + ["1", "0", "2", "100000", "-1", "x"]))
    if jobs is not None:
        args += ["--jobs", jobs]
    enc = draw(st.sampled_from(ENCODINGS))
    if enc is not None:
        args += ["--encoding", enc]
    if draw(st.booleans()):
        args += ["--text-column", draw(st.sampled_from(["body", "text", ""]))]
    if draw(st.booleans()):
        args += ["--country", draw(st.sampled_from(["IQ", "eg", "XX", "", "Iraq", "١٢"]))]
    if command == "check":
        approx = draw(st.sampled_from(APPROX))
        if approx is not None:
            args += ["--approximation", approx]
        if draw(st.booleans()):
            args += ["--fail-on", draw(st.sampled_from(["contradicted", "unverifiable", "never",
                                                         "x"]))]
        if draw(st.booleans()):
            args += ["--lang", draw(st.sampled_from(["ar", "en", "fr"]))]
    args.append("-q")
    return args, files, stdin


def run_in_process(args: list[str], stdin: bytes) -> tuple[int, str]:
    """``claimcheck ARGS`` here, in this process: (exit code, stderr)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    old_in = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main(args)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
            else:
                code = 0
    finally:
        sys.stdin = old_in
    return code, err.getvalue()


@FUZZ
@given(case=command_lines())
def test_no_command_line_makes_a_traceback(case, tmp_path_factory: pytest.TempPathFactory) -> None:
    args, files, stdin = case
    folder = tmp_path_factory.mktemp("cli")
    (folder / "good.txt").write_text("نحو 5%\n", encoding="utf-8")
    for name, data in files:
        (folder / name).write_bytes(data)
    before = os.getcwd()
    os.chdir(folder)
    try:
        code, err = run_in_process(args, stdin)
    finally:
        os.chdir(before)
    assert code in (0, 1, 2), (args, err)
    assert "Traceback" not in err and "internal error" not in err, (args, err)
    for line in err.splitlines():
        assert not line.strip() or line.startswith(("error:", "note:", "wrote ", "  ", "Usage:", "Try ")), (
            args, err)


HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source"
RATE_HEADER = "date,currency,usd_per_unit,source"
CELLS = ["", "87", "1e-30", "1e4400", "1e999999999", "-5", "٣٫٥", "NaN", "inf", "10%", "2023",
         "2011/2024", "2024-02-30", "USD", "percent", "kilometer ** 2", "date", "more_than",
         "exact", "0.02", "2%", "150%", "1e999999999%", "الأردن|المملكة", "عدد السكان", '"', '""',
         "a,b", "\u2028", "\x85", "\x0c", "\x1b]0;x\x07", "\n", "\r", "x" * 300, "=1+1", " ", "|",
         "٢٠٢٤-٠٣", "1/2/3", "/", "2024/2011", "EUR", "XXX", "-1", "0", "1e30"]
cell_st = st.sampled_from(CELLS) | st.text(max_size=12)


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\n\r') and value not in ('"', '""'):
        return '"' + value.replace('"', '""') + '"'
    return value


@FUZZ
@given(rows=st.lists(st.lists(cell_st, min_size=0, max_size=11), min_size=0, max_size=6),
       rates=st.booleans(), raw=st.booleans())
def test_no_table_cell_makes_a_traceback(rows, rates: bool, raw: bool,
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    from claimcheck.errors import ReferenceTableError
    from claimcheck.reference.tables import validate

    folder = tmp_path_factory.mktemp("ref")
    join = ",".join if raw else (lambda cells: ",".join(_csv_cell(c) for c in cells))
    lines = [RATE_HEADER if rates else HEADER] + [join(r) for r in rows]
    path = folder / "table.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems, refs = validate([path])
    assert all(isinstance(p, ReferenceTableError) for p in problems)
    assert (refs is None) == bool(problems)
    for p in problems:  # each problem names the file and reads as one line
        assert p.file == str(path) and "\n" not in p.user_message(), p.user_message()
    if refs is not None:
        # a table that loads is one that check can use: no arithmetic error later
        import claimcheck

        claimcheck.check("بلغ عدد السكان في الأردن 11 مليون نسمة عام 2023، و3.5 مليار دولار.",
                         reference=refs)
