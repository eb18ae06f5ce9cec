"""The start-up cache (claimcheck/lang/recache.py): what it returns is exactly what
building afresh returns, a damaged or stale cache is never trusted, and it can be
turned off. Each test gets its own cache folder."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.lang import recache

ROOT = Path(__file__).resolve().parents[1]

#: (pattern, flags, text): named groups, look-arounds, case folding, Arabic classes
PATTERNS = [
    (r"(?<!\w)[وف]?[بلك]?(?P<name>العراق|مصر)(?!\w)", 0, "وللعراق ومصرف وبمصر"),
    (r"(?P<n>\d+)\s*(?P<u>%|بالمئة)", 0, "ارتفع 12 % ثم 7 بالمئة"),
    (r"^total:\s+(\d+)$", re.I | re.M, "x\nTOTAL: 12\ntotal:  7"),
    (r"(a)(b)?(?:c|d)+", 0, "acd abdd"),
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(folder))
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr(recache, "_used", set())
    return folder


def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process starts with: nothing in memory, the file on disk."""
    recache.save()
    monkeypatch.setattr(recache, "_entries", None)


def _same(a: re.Pattern[str], b: re.Pattern[str], text: str) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
    assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]
    assert [m.groupdict() for m in a.finditer(text)] == [m.groupdict() for m in b.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags", "text"), PATTERNS)
def test_a_pattern_read_back_from_the_cache_matches_as_re_compile_does(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, flags: int, text: str) -> None:
    built = recache.compile(pattern, flags)
    _same(built, re.compile(pattern, flags), text)
    _fresh_process_state(monkeypatch)
    assert recache.cache_file() is not None and recache.cache_file().is_file()
    read_back = recache.compile(pattern, flags)
    assert ("re", pattern, int(flags)) not in recache._new  # it came from the file
    _same(read_back, re.compile(pattern, flags), text)


def test_a_bad_pattern_raises_as_re_compile_does(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        recache.compile(r"(?P<a>x")
    assert not recache._new


def test_a_damaged_cache_file_is_ignored_and_replaced(cache_dir: Path, monkeypatch) -> None:
    cache_dir.mkdir()
    path = recache.cache_file()
    path.write_bytes(b"\x00not marshal at all")
    got = recache.compile(r"(?P<y>[0-9]{4})")
    assert got.match("2024").group("y") == "2024"
    _fresh_process_state(monkeypatch)
    assert ("re", r"(?P<y>[0-9]{4})", 0) in recache._entries_now()


def test_an_entry_that_is_no_program_is_rebuilt(cache_dir: Path, monkeypatch) -> None:
    key = ("re", r"\d+", 0)
    recache._entries_now()[key] = marshal.dumps((0, [1, 2, 3], 0, {}, (None,)))  # not valid for _sre
    assert recache.compile(r"\d+").findall("a 12 b 7") == ["12", "7"]


def test_an_entry_that_cannot_be_decoded_is_built_again(cache_dir: Path) -> None:
    recache._entries_now()[("re", r"\w+", 0)] = b"\xff\x00 not marshal"
    recache._entries_now()[("t", "k")] = b"\xff\x00 not marshal"
    assert recache.compile(r"\w+").findall("ab cd") == ["ab", "cd"]
    assert recache.memo("t", "k", lambda: [2]) == [2]
    assert ("t", "k") in recache._new


def test_a_run_decodes_only_the_entries_it_asks_for(cache_dir: Path, monkeypatch) -> None:
    """The file holds what every command built; a run reads it whole but unmarshals
    only what it uses (a short check must not pay for extract's or an import's data)."""
    for n in range(50):
        recache.memo("other", str(n), lambda n=n: {"words": ["كلمة"] * 200, "n": n})
    recache.memo("mine", "k", lambda: ["مصر", "العراق"])
    _fresh_process_state(monkeypatch)
    decoded: list[bytes] = []
    real = marshal.loads
    monkeypatch.setattr(recache.marshal, "loads", lambda b: decoded.append(b) or real(b))
    assert recache.memo("mine", "k", list) == ["مصر", "العراق"]
    assert len(decoded) == 2  # the file's table of entries, then the one entry


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", "")
    monkeypatch.setattr(recache, "_entries", None)  # a new process (the folder is read once)
    monkeypatch.setattr(recache, "_new", {})
    assert recache.cache_file() is None
    assert recache.compile(r"x+").match("xx")
    assert recache.memo("t", "k", lambda: [1]) == [1]
    assert not recache._new


def test_a_prefix_tree_depends_on_the_words_not_their_order(cache_dir: Path) -> None:
    calls = []

    def build(ws: list[str]) -> str:
        calls.append(ws)
        return "|".join(ws)

    assert recache.memo_pattern(build, ["مصر", "العراق", "مصر"]) == "العراق|مصر"
    assert recache.memo_pattern(build, ["العراق", "مصر"]) == "العراق|مصر"
    assert len(calls) == 1
    assert recache.memo_pattern(build, ["العراق", "مصر", "ليبيا"]) == "العراق|ليبيا|مصر"
    assert len(calls) == 2


def test_an_edited_builder_does_not_reuse_the_old_result(cache_dir: Path) -> None:
    def build(ws: list[str]) -> str:
        return "|".join(ws)

    def build_edited(ws: list[str]) -> str:  # the same name, other code
        return "(?:" + "|".join(ws) + ")"

    build_edited.__qualname__ = build.__qualname__
    assert recache.memo_pattern(build, ["a", "b"]) == "a|b"
    assert recache.memo_pattern(build_edited, ["a", "b"]) == "(?:a|b)"


def test_a_result_marshal_cannot_keep_is_returned_and_not_kept(cache_dir: Path) -> None:
    import datetime

    value = {"when": datetime.date(2024, 7, 1)}
    assert recache.memo("toml", "k", lambda: value) is value
    assert not recache._new


def test_the_digest_of_a_function_is_the_same_in_two_processes() -> None:
    code = ("from claimcheck.lang import lexicon, recache; "
            "print(recache.digest(lexicon._trie_pattern, 'x', (1, 2)))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)}
    assert len(outs) == 1 and len(outs.pop().strip()) == 32


def test_check_gives_the_same_report_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(tmp_path / "cache"))
    cmd = [sys.executable, "-m", "claimcheck", "check", str(ROOT / "examples" / "draft_with_errors.txt"),
           "--format", "jsonl", "--fail-on", "never"]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env)
    files = list((tmp_path / "cache").glob("patterns-*.marshal"))
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env)
    off = subprocess.run(cmd, capture_output=True, text=True, env=dict(env, CLAIMCHECK_CACHE_DIR=""))
    assert cold.returncode == warm.returncode == off.returncode == 0, cold.stderr + warm.stderr
    assert len(files) == 1
    assert cold.stdout.count("\n") > 3
    assert cold.stdout == warm.stdout == off.stdout


def test_what_is_kept_is_the_result_as_built_not_as_a_caller_changed_it(cache_dir: Path, monkeypatch) -> None:
    got = recache.memo("toml", "labels", lambda: {"ar": {"verdict": "مدعوم"}})
    got["ar"]["verdict"] = "changed by a caller"
    _fresh_process_state(monkeypatch)
    assert recache.memo("toml", "labels", dict) == {"ar": {"verdict": "مدعوم"}}


def test_a_file_grown_too_large_keeps_only_what_the_last_run_used(cache_dir: Path, monkeypatch) -> None:
    for n in range(20):                       # an earlier run's entries, of older code
        recache.memo("old", str(n), lambda n=n: "x" * 1000 + str(n))
    _fresh_process_state(monkeypatch)
    monkeypatch.setattr(recache, "_used", set())
    assert recache.memo("old", "3", lambda: "rebuilt").endswith("3")        # read from the file
    recache.memo("new", "k", lambda: "built now")
    monkeypatch.setattr(recache, "MAX_BYTES", 5000)
    _fresh_process_state(monkeypatch)
    kept = recache._entries_now()
    assert set(kept) == {("old", "3"), ("new", "k")}


def test_the_cache_folder_is_read_once_the_file_is_read(cache_dir: Path, monkeypatch, tmp_path: Path) -> None:
    """A run asks where the cache lives at every pattern: once the file is read,
    the answer is the file it was read from (not the environment, asked anew)."""
    assert recache.compile(r"y+").match("yy")
    first = recache.cache_file()
    assert first is not None and first.parent == cache_dir
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert recache.cache_file() == first
    monkeypatch.setattr(recache, "_entries", None)  # a new process: the environment again
    assert recache.cache_file().parent == tmp_path / "elsewhere"


def test_a_package_version_is_told_without_importing_it(monkeypatch) -> None:
    import subprocess
    import sys

    code = ("import sys; from claimcheck.lang import recache; "
            "print(recache.package_stamp('babel') is not None, recache.package_stamp('no_such_pkg_x'), "
            "'babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "None", "False"]
    # a package that is no file to read (a zipped install): its own version
    from claimcheck.lang import countries

    monkeypatch.setattr(recache, "package_stamp", lambda name: None)
    import babel

    assert countries._babel() == babel.__version__
