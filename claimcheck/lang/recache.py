"""What is built from the language data, kept across runs (like ``__pycache__``).

A short ``claimcheck check`` spends a third of its time turning the data files
into patterns: prefix trees of thousands of names (:func:`~claimcheck.lang.lexicon.trie_pattern`)
and their compilation by ``re``, whose parser is pure Python (the country
gazetteer's 13,000-character pattern alone takes ~70 ms). Both are pure functions
of their input, so their results are kept, keyed by that input, in one file per
installed copy of claimcheck under the user's cache folder:

* a compiled pattern as the ``re`` engine's program (the list of opcodes that
  ``re`` hands to ``_sre``), keyed by the pattern and its flags;
* a prefix-tree pattern, keyed by a digest of its sorted words and of the code
  that builds it (an edit of the builder never reuses an old tree);
* the code of the methods ``@dataclass`` writes for claimcheck's classes, keyed
  by their source (:func:`source_code`), and whatever else a module builds from
  its data through :func:`memo` (the country table, CLDR's strings, the tables'
  surface forms), keyed by everything it is a function of.

The cache is keyed by the interpreter too (the opcodes are CPython's and change
between versions), is written atomically at exit, and is only an accelerator: any
failure to read or write it is ignored and the pattern is built as usual. The
file maps each key to its value marshalled on its own, so that a run decodes only
the entries it asks for: the file also holds what other commands (extract, the
consistency rules, a table import) built, and a short check must not pay for
decoding all of it.
``CLAIMCHECK_CACHE_DIR`` names the folder (default ``$XDG_CACHE_HOME/claimcheck``,
else ``~/.cache/claimcheck``); set it empty to turn the cache off.
"""
from __future__ import annotations

import atexit
import builtins
import contextlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

try:  # CPython's engine; elsewhere patterns are compiled as usual
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

T = TypeVar("T")

#: a file past this many entries or bytes keeps only what the run that writes it
#: used or built: entries of older code and data are never read again, and every
#: start pays for reading the file (patterns made up at run time, as in the
#: tests, must not grow it for ever). The bounds hold what every command and
#: format of one version uses (a check, an extract, the HTML and SARIF reports
#: together: about 900 entries, 2.6 MB) with room, so that commands taking turns
#: do not each prune what the other needs and rebuild it on the next start.
MAX_ENTRIES = 4096
MAX_BYTES = 8 << 20

_TAG = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"
#: one file per installed copy: two checkouts (or versions) side by side never
#: make each other's file larger to read
_WHERE = f"{zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode('utf-8', 'surrogatepass')):08x}"
#: the file's layout: key → the value marshalled on its own (decoded when asked for)
_FORMAT = 2
#: key → marshalled value: the file's entries and what this run built
_entries: dict[Any, bytes] | None = None
_new: dict[Any, bytes] = {}  # what this run built, marshalled when built
_used: set[Any] = set()       # what this run read from the file
_files: dict[tuple[str | None, ...], Path | None] = {}  # cache_file() by the variables it reads
#: (the entries read, the file they were read from): once the file is read, the
#: environment is not asked again (a run asks for the file at every pattern and
#: datum, ~1,000 times: ``os.environ.get`` of an unset variable costs ~5 µs)
_read_from: tuple[dict[Any, bytes] | None, Path | None] = (None, None)


def cache_file() -> Path | None:
    """Where the cache lives for this interpreter, or ``None`` when it is off
    (read from the environment until the file is read, then kept for the process)."""
    entries, path = _read_from
    if entries is not None and entries is _entries:
        return path
    env = os.environ
    where = (env.get("CLAIMCHECK_CACHE_DIR"), env.get("XDG_CACHE_HOME"), env.get("HOME"))
    try:  # asked for at every pattern and datum of a run: the answer is worked out once
        return _files[where]
    except KeyError:
        pass
    folder = where[0]
    if folder is None:
        base = where[1] or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "claimcheck")
    path = None
    if folder and _sre is not None:
        path = Path(folder) / f"patterns-{_FORMAT}-{_TAG}-{_WHERE}.marshal"
    _files[where] = path
    return path


def _load(path: Path | None) -> dict[Any, bytes]:
    """The file's entries, each value still marshalled (see :func:`_decode`)."""
    if path is None:
        return {}
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _decode(key: Any) -> Any:
    """The value kept under ``key`` (``None`` when there is none or it cannot be
    read: a damaged entry is dropped and built again)."""
    entries = _entries_now()
    raw = entries.get(key)
    if raw is None:
        return None
    try:
        value = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        del entries[key]
        return None
    _used.add(key)
    return value


def _entries_now() -> dict[Any, bytes]:
    global _entries, _read_from
    if _entries is None:
        path = cache_file()
        _entries = _load(path)
        _read_from = (_entries, path)
        atexit.register(save)
    return _entries


def save() -> None:
    """Write what this run built (merged with what other runs wrote meanwhile)."""
    path = cache_file()
    if path is None or not _new:
        return
    merged = _load(path)
    merged.update(_new)
    data = marshal.dumps(merged)
    if len(merged) > MAX_ENTRIES or len(data) > MAX_BYTES:
        data = marshal.dumps({k: v for k, v in merged.items() if k in _used or k in _new})
    import tempfile  # only when something new is written

    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    _new.clear()


def _program(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``."""
    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]  # named opcodes are ints
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in p.state.groupdict.items():
        indexgroup[i] = k
    return (flags | p.state.flags, code, p.state.groups - 1, dict(p.state.groupdict),
            tuple(indexgroup))


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, the program read from the cache when it is there."""
    if _sre is None or cache_file() is None:
        return re.compile(pattern, flags)
    key = ("re", pattern, int(flags))
    prog = _decode(key)
    if prog is not None:
        try:
            return _sre.compile(pattern, *prog)
        except (TypeError, ValueError, RuntimeError):  # a stale or damaged entry
            _entries_now().pop(key, None)
    try:
        prog = _program(pattern, int(flags))
        compiled = _sre.compile(pattern, *prog)
    except re.error:
        raise
    except Exception:  # the engine's internals changed: compile as usual
        return re.compile(pattern, flags)
    _new[key] = _entries_now()[key] = marshal.dumps(prog)
    return compiled


def _blake2b() -> Any:
    """hashlib's BLAKE2b, from the module that defines it: ``import hashlib``
    also loads OpenSSL's bindings (~6 ms of a short check) for nothing here."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without the module
        from hashlib import blake2b
    return blake2b(digest_size=16)


@cache
def _code_key(code: Any) -> str:
    """:func:`_digest_code` of a function's code, once per process."""
    d = _blake2b()
    _digest_code(d, code)
    return d.hexdigest()


def _digest_code(digest: Any, code: Any) -> None:
    """A function's own code and constants, nested functions included (not
    ``marshal.dumps(code)``, whose bytes vary with reference counts)."""
    digest.update(code.co_code)
    digest.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            _digest_code(digest, const)
        else:
            digest.update(repr(const).encode("utf-8", "surrogatepass"))


def digest(*parts: Any) -> str:
    """A key for what ``parts`` determine: functions by their code, strings and
    bytes by their content, anything else by its ``repr``."""
    d = _blake2b()
    for part in parts:
        d.update(b"\x00")
        if hasattr(part, "__code__"):
            d.update(_code_key(part.__code__).encode())
        elif isinstance(part, bytes):
            d.update(part)
        elif isinstance(part, str):
            d.update(part.encode("utf-8", "surrogatepass"))
        else:
            d.update(repr(part).encode("utf-8", "surrogatepass"))
    return d.hexdigest()


@cache
def package_stamp(name: str) -> str | None:
    """What names an installed package's version, without importing it: a digest
    of where it lives and of its ``__init__.py`` (which states its version);
    None when it is not installed."""
    spec = getattr(sys.modules.get(name), "__spec__", None)
    if spec is None:
        import importlib.util

        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
    origin = getattr(spec, "origin", None)
    try:
        return digest(origin, Path(origin).read_bytes()) if origin else None
    except OSError:
        return None


def memo(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept across runs under ``(kind, key)``: ``key`` must name
    everything the result depends on (see :func:`digest`), and the result be made
    of ``None``, numbers, strings, and lists, tuples, sets and dicts of those."""
    if cache_file() is None:
        return compute()
    k = (kind, key)
    if k in _entries_now():
        got = _decode(k)
        if got is not None or k in _entries_now():  # (None is a value too)
            return got
    out = compute()
    try:  # as it is now: a caller may change its copy before the run ends
        _new[k] = _entries_now()[k] = marshal.dumps(out)
    except ValueError:  # not kept (a date in a TOML file, say)
        return out
    return out


def memo_pattern(build: Callable[[list[str]], str], words: Iterable[str]) -> str:
    """``build(words)`` for a pattern built from a set of words (the order and
    repeats of ``words`` do not matter to ``build``), kept across runs."""
    ws = sorted(set(words))
    return memo("words", digest(build, "\n".join(ws)), lambda: build(ws))


# ------------------------------------------------------------- dataclass methods
# ``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``,
# ``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` and compiles it
# on every start (``exec`` of a string): some sixty frozen dataclasses on a
# check's path made it a sixth of a short check's CPU. The code object is a pure
# function of that source, so it is kept here too; the class is built exactly
# as before, from the same code.

_PY_SOURCE = "py"  # key kind: compiled Python source


def source_code(source: str) -> Any:
    """``compile(source, "<string>", "exec")`` as ``exec`` of the string does it
    (no ``__future__`` flags inherited), read from the cache when it is there."""
    key = (_PY_SOURCE, source)
    if cache_file() is not None:
        code = _decode(key)
        if code is not None and hasattr(code, "co_code"):
            return code
    code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
    if cache_file() is not None:
        _new[key] = _entries_now()[key] = marshal.dumps(code)
    return code


def _exec_kept(source: Any, globals: dict[str, Any] | None = None,
               locals: Any = None, /) -> None:
    """``exec`` as the dataclasses module calls it: the methods of claimcheck's
    own classes from :func:`source_code`, anything else as usual."""
    if globals is None:  # (dataclasses always passes them: exec in its caller's frame)
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if isinstance(source, str):  # compiled as dataclasses' own exec would, not with this module's flags
        source = (source_code(source) if str(globals.get("__name__", "")).startswith("claimcheck.")
                  else builtins.compile(source, "<string>", "exec", dont_inherit=True))
    builtins.exec(source, globals, locals)


def keep_dataclass_code() -> None:
    """Route ``dataclasses``' compilation of generated methods through
    :func:`source_code` (its module-level name ``exec`` shadows the built-in)."""
    import dataclasses

    if _sre is not None and getattr(dataclasses, "exec", None) is None:
        dataclasses.exec = _exec_kept  # type: ignore[attr-defined]


# every module that defines a check's dataclasses imports this one first
# (tests/test_startup.py: a warm check compiles no method source)
keep_dataclass_code()
