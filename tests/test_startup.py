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


def test_check_on_a_short_article_imports_no_pint_numpy_or_pandas(tmp_path) -> None:
    """A pre-commit hook checks one short article: pint (and the dask/numpy it pulls
    in) only when units must be converted, numpy only for a big screen of spellings."""
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن الإنفاق بلغ 12 مليار دولار خلال 12 شهرًا في عام 2023، "
                       "على مساحة 5 كيلومترات مربعة.\n", encoding="utf-8")
    code = ("import sys\nfrom claimcheck.cli import main\n"
            f"sys.argv = ['claimcheck', 'check', {str(article)!r}, '--fail-on', 'never', '-q']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(','.join(m for m in ('pint', 'numpy', 'pandas', 'dask') if m in sys.modules),\n"
            "      file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "شهرًا" in out.stdout
    assert out.stderr.strip().splitlines()[-1:] in ([], [""]), out.stderr


def test_unit_dimensions_match_pint() -> None:
    """unit_dimensions.toml (what check knows without pint) is what pint says."""
    from claimcheck.units import _known_dimensions, pint_unit_class

    known = _known_dimensions()
    assert len(known) > 100 and known["kilometer ** 2"] == "[length] ** 2"
    drift = {u: (c, pint_unit_class(u)) for u, c in known.items() if pint_unit_class(u) != c}
    assert not drift, f"run scripts/unit_dimensions.py: {drift}"


def test_python_m_claimcheck_and_short_version_flag() -> None:
    for flag in ("-V", "--version"):
        out = subprocess.run([sys.executable, "-m", "claimcheck", flag], capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.startswith("claimcheck, version")


# --------------------------------------------------------------------------- start-up work
# What a short `check` does at start-up, counted rather than timed (a busy CI
# machine cannot make these fail, a regression in the work itself does).

ARTICLE = ("قال وزير المالية المصري في القاهرة إن الإنفاق بلغ 12 مليار جنيه في عام 2023، "
           "بزيادة 8% عن العام السابق، وإن صادرات الأردن بلغت 500 مليون دولار.\n")

#: run `claimcheck check` in this process and report, on stderr as JSON, what it
#: loaded and what it had to build: the report modules imported, the patterns that
#: claimcheck's own code compiled with `re` (not read back from the start-up cache),
#: and the entries the start-up cache did not have
_PROBE = r"""
import json, os, re, sys, traceback
import re._compiler as compiler
import claimcheck

package = os.path.dirname(os.path.abspath(claimcheck.__file__)) + os.sep
own_compiles = []
real = compiler.compile
def counting(p, flags=0):
    caller = traceback.extract_stack(limit=4)[0]  # the frame that called into re
    if os.path.abspath(caller.filename).startswith(package):
        own_compiles.append(f"{caller.filename}:{caller.lineno}")
    return real(p, flags)
compiler.compile = counting

from claimcheck.cli import main
from claimcheck.lang import recache
sys.argv = ["claimcheck", "check", sys.argv[1], "--fail-on", "never", "-q"] + sys.argv[2:]
try:
    main()
except SystemExit:
    pass
print(json.dumps({
    "report": sorted(m for m in sys.modules if m.startswith("claimcheck.report.")),
    "stdlib": sorted(m for m in ("importlib.resources", "tempfile", "shutil") if m in sys.modules),
    "own_compiles": own_compiles,
    "built": sorted(repr(k[:2])[:120] for k in recache._new),
    "read": sorted({k[0] for k in recache._used if isinstance(k, tuple)}),
    "frozen": __import__("gc").get_freeze_count(),
    "modules": sorted(m for m in ("tomllib", "hashlib", "babel.dates", "babel.numbers", "babel.units")
                      if m in sys.modules),
    "locales": sorted(getattr(sys.modules.get("babel.localedata"), "_cache", {})),
}), file=sys.stderr)
"""


def _probe(article, cache, *args: str) -> dict:
    import json
    import os

    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(cache))
    out = subprocess.run([sys.executable, "-c", _PROBE, str(article), *args],
                         capture_output=True, text=True, env=env, cwd=article.parent)
    assert "مليار" in out.stdout, out.stderr
    return json.loads(out.stderr.strip().splitlines()[-1])


def test_a_table_check_imports_only_the_table_format(tmp_path) -> None:
    """A report format's module is imported when the format is chosen: a pre-commit
    hook's table run loads no HTML page, workbook writer or SARIF code."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    got = _probe(article, tmp_path / "cache")
    assert "claimcheck.report.text" in got["report"]
    for heavy in ("claimcheck.report.html", "claimcheck.report.xlsx", "claimcheck.report.ci",
                  "claimcheck.report.data"):
        assert heavy not in got["report"], got["report"]
    # nor the machinery of importlib.resources (the data files are read beside
    # lang/lexicon.py) nor tempfile (for stdin and -o only)
    assert got["stdlib"] == [], got["stdlib"]
    from claimcheck.report import STREAMED_FORMATS
    from claimcheck.report.streamed import STREAMED

    assert STREAMED_FORMATS == STREAMED  # the registry names what report/streamed writes
    html = _probe(article, tmp_path / "cache", "--format", "html")
    assert "claimcheck.report.html" in html["report"] and "claimcheck.report.xlsx" not in html["report"]


def test_a_warm_check_builds_nothing_and_compiles_no_pattern_of_its_own(tmp_path) -> None:
    """After one run has filled the start-up cache, a check compiles none of
    claimcheck's patterns with `re` (each is read back as the engine's program:
    a module-level `re.compile` bypasses the cache; use `recache.compile`) and
    builds no language data afresh (the country table, prefix trees, TOML)."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    # a project's configuration, read by every run in it
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.claimcheck]\nlang = "ar"\n')
    cold = _probe(article, tmp_path / "cache")
    assert cold["built"], "the first run fills the cache"
    warm = _probe(article, tmp_path / "cache")
    assert warm["own_compiles"] == [], warm["own_compiles"]
    assert warm["built"] == [], warm["built"]
    # the tables' indexes of surface forms are read back whole, not rebuilt term by term;
    # the dataclasses' generated methods are read back compiled ("py")
    assert {"forms_index", "alias_first_forms", "py"} <= set(warm["read"]), warm["read"]
    # nor loads a babel locale (its CLDR strings are kept: "cldr_display"), tomllib
    # for the project's pyproject.toml, or hashlib's OpenSSL bindings
    assert cold["locales"] and "cldr_display" in warm["read"] and "toml" in warm["read"]
    assert warm["locales"] == [] and warm["modules"] == [], (warm["locales"], warm["modules"])
    # the probe sees a pattern that does bypass the cache
    off = _probe(article, "")
    assert off["own_compiles"], "with the cache off every pattern is compiled"


def test_commands_taking_turns_keep_each_others_start_up_data(tmp_path) -> None:
    """A pre-commit check, then an extract to SARIF and to HTML (which build
    entries of their own), then the check again: the cache keeps both sides'
    entries, so the second check builds nothing (a file pruned to the last
    writer's entries made each command rebuild what the other had pruned)."""
    import os

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    assert _probe(article, cache)["built"], "the first check fills the cache"
    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(cache))
    for fmt in ("sarif", "html"):
        done = subprocess.run([sys.executable, "-m", "claimcheck", "extract", str(article),
                               "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
    again = _probe(article, cache)
    assert again["built"] == [], again["built"]


def test_the_kept_alias_forms_are_those_built(tmp_path, monkeypatch) -> None:
    """The tables' surface-form indexes read back from the start-up cache are the
    ones built from the tables, and a change of a table's spelling is a new entry."""
    from claimcheck.lang import recache
    from claimcheck.lang.stemming import forms_index, surface_forms
    from claimcheck.reference import index

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    for name, empty in (("_entries", None), ("_new", {}), ("_used", set())):
        monkeypatch.setattr(recache, name, empty)  # this process's cache: a fresh one
    firsts = ["مصر", "سعودي", "تحالف"]
    written = {"تحالف": {("تحالف", True)}, "سعودي": {("سعودي", False)}}
    built = index._build_first_forms(sorted(firsts), written)
    assert "التحالف" in built and "والتحالف" in built and "تحالف" not in built
    assert "للتحالف" in built and "المصرية" not in built
    assert index._first_forms(firsts, written) == built
    assert len(recache._new) > 0 and not any(k[0] == "alias_first_forms" for k in recache._used)
    recache._used.clear()
    assert index._first_forms(list(reversed(firsts)), written) == built
    assert any(k[0] == "alias_first_forms" for k in recache._used)  # read back, not built
    indefinite = {**written, "تحالف": {("تحالف", False)}}
    assert "تحالف" in index._first_forms(firsts, indefinite)
    kinds = [k[0] for k in recache._new if isinstance(k, tuple)]
    assert kinds.count("alias_first_forms") == 2
    assert forms_index(["مصر", "تحالف"]) == {w: t for t in ("تحالف", "مصر") for w in surface_forms(t)}


def test_a_check_process_exits_with_its_start_up_data_frozen(tmp_path) -> None:
    """The command that is the whole process leaves the language data and the
    tables frozen out of the collector (its last full pass at exit would walk
    them all for nothing); a run in process (a test, CliRunner) thaws them."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    got = _probe(article, tmp_path / "cache")
    assert got["frozen"] > 10_000, got["frozen"]


_CLASS = """
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Kept:
    name: str
    size: int = 3
    tags: tuple = field(default=(), compare=False)
"""


def _define(module_name: str):
    import types

    module = types.ModuleType(module_name)
    sys.modules[module_name] = module
    try:
        exec(_CLASS, module.__dict__)
    finally:
        del sys.modules[module_name]
    return module.Kept


def test_dataclass_methods_are_read_back_compiled_and_behave_the_same(tmp_path, monkeypatch) -> None:
    """A claimcheck dataclass's generated methods are compiled once and read back
    from the start-up cache: the class built from them behaves as one built by
    ``dataclasses`` alone (a class outside claimcheck is left to it)."""
    import dataclasses

    import pytest

    from claimcheck.lang import recache

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    for name, empty in (("_entries", None), ("_new", {}), ("_used", set())):
        monkeypatch.setattr(recache, name, empty)
    assert dataclasses.exec is recache._exec_kept  # installed by importing recache
    built = _define("claimcheck.probe_kept")
    kinds = [k[0] for k in recache._new]
    assert kinds.count("py") >= 5, kinds  # __init__, __repr__, __eq__, __hash__, __setattr__…
    recache._used.clear()
    kept = _define("claimcheck.probe_kept")
    assert sum(k[0] == "py" for k in recache._used) == kinds.count("py")  # all read back
    plain_count = len(recache._new)
    plain = _define("elsewhere.probe_plain")
    assert len(recache._new) == plain_count  # not claimcheck's: compiled as usual

    for cls in (built, kept, plain):
        a, b = cls("x"), cls("x", 3, ("t",))
        assert a == b and hash(a) == hash(b) and a != cls("y")
        assert repr(a) == "Kept(name='x', size=3, tags=())"
        assert cls.__init__.__code__.co_filename == "<string>"
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.size = 4
        assert not hasattr(a, "__dict__")
    assert built.__init__.__annotations__ == kept.__init__.__annotations__ == plain.__init__.__annotations__


def test_a_rules_cues_are_read_when_first_matched(tmp_path, monkeypatch) -> None:
    """A rule's cues are many and a short document meets few: each cue's clitic
    forms are read from the start-up cache (or built) when it is first matched."""
    from claimcheck.checking.rules import cues as cue_module
    from claimcheck.lang import recache

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    for name, empty in (("_entries", None), ("_new", {}), ("_used", set())):
        monkeypatch.setattr(recache, name, empty)
    cue_module.cues.cache_clear()
    try:
        change = cue_module.cues("change")
        assert len(change) > 3 and not any(k[0] == "cues" for k in recache._new)
        assert change["from"].find(["ارتفع", "الإنتاج", "من", "5"]) == 2
        assert "ومن" in change["from"] and change["from"].starts(["فمن"]) == 1
        assert sum(k[0] == "cues" for k in recache._new) == 1  # that cue's forms only
        recache._entries, recache._used = None, set()  # a new run: read back, not built
        recache.save()
        cue_module.cues.cache_clear()
        assert cue_module.cues("change")["from"].find(["من"]) == 0
        assert sum(k[0] == "cues" for k in recache._used) == 1
    finally:
        cue_module.cues.cache_clear()
