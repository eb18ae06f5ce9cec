"""Configuration: ``[tool.claimcheck]`` in ``pyproject.toml`` or a ``.claimcheck.toml``.

In each folder a ``.claimcheck.toml`` wins over a ``pyproject.toml``, and a
``pyproject.toml`` without a ``[tool.claimcheck]`` table is passed over.
Command-line options win over the file, the file over the defaults. Every value
remembers where it came from, which ``claimcheck config [PATH]`` prints.

Which file, as ruff does it (:class:`Configs`): each checked file follows the
configuration nearest above it — searched from its folder upwards, stopping
after a project root (a folder holding ``.git`` or ``.hg``) or at the filesystem
root — so ``claimcheck check a/ b/`` from the parent reads ``a/`` by
``a/pyproject.toml`` and ``b/`` by ``b/.claimcheck.toml``. A file with none
above it, and stdin, follow the run's configuration: the one found from the
working directory upwards. ``--config FILE`` is the configuration of every file.
What concerns the whole run rather than a file — the report's ``format`` and
``lang``, ``fail_on`` — always comes from the run's configuration
(:data:`RUN_KEYS`); the rest (``ignore`` globs, ``select``/``ignore_rules``,
``country``, ``reference`` tables relative to their file, ``approximation``…)
from each file's.

Example ``.claimcheck.toml``::

    reference = ["facts/", "rates/"]   # paths relative to this file
    fail_on = "unverifiable"
    approximation = "10%"              # or 0.1
    country = "EG"                     # resolves bare جنيه، دينار، ريال…
    ra_order = "fraction-first"        # 5ر14 = 14.5, as the wires store it
    lang = "ar"                        # language of explanations
    ignore = ["archive/**", "*.draft.md"]
    format = "table"
    select = ["contradicted", "no_reference"]   # rule codes: reasons, kinds, verdicts
    ignore_rules = ["ordinal"]
    as_of = "2024-07-11"               # the documents' date (SPEC §6), else each one's latest
    consistency = true                 # arithmetic consistency between a document's claims
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, Callable, Mapping

from claimcheck.errors import ConfigError
from claimcheck.lang import recache

FAIL_ON = ("contradicted", "unverifiable", "never")
#: as :data:`claimcheck.extraction.engine.RA_ORDERS` (not imported: config loads light)
RA_ORDERS = ("fraction-first", "integer-first")
LANGS = ("ar", "en")
FILE_NAMES = (".claimcheck.toml", "pyproject.toml")
#: a folder holding one of these is a project's root: a file's search stops there
PROJECT_MARKERS = (".git", ".hg")
#: keys of the whole run (the report, the exit code): the run's configuration's only
RUN_KEYS = frozenset({"format", "lang", "fail_on"})
DEFAULT_SOURCE = "default"
CLI_SOURCE = "command line"


def _strings(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{key} must be a string or a list of strings")
    return list(value)


def _choice(options: tuple[str, ...]) -> Callable[[Any, str], str]:
    def parse(value: Any, key: str) -> str:
        if not isinstance(value, str) or value.lower() not in options:
            raise ConfigError(f"{key} must be one of {', '.join(options)} (got {value!r})")
        return value.lower()
    return parse


def _tolerance(value: Any, key: str) -> float:
    """``0.1``, ``"0.1"`` or ``"10%"`` → 0.1; must lie in [0, 1)."""
    text = str(value).strip() if isinstance(value, (str, int, float)) \
        and not isinstance(value, bool) else None
    try:
        if text is None:
            raise InvalidOperation
        number = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
    except InvalidOperation:
        raise ConfigError(f"{key} must be a fraction like 0.1 or a percentage like \"10%\" "
                          f"(got {value!r})") from None
    if not number.is_finite() or not 0 <= number < 1:
        raise ConfigError(f"{key} must be at least 0 and below 1 (got {value!r})")
    return float(number)


def _as_of(value: Any, key: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a TOML date is accepted too)."""
    import datetime as _dt

    from claimcheck.lang import recache

    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and recache.compile(r"\d{4}(-\d{2}(-\d{2})?)?").fullmatch(value.strip()):
        text = value.strip()
        try:
            as_of_date(text)
        except ValueError:
            pass
        else:
            return text
    raise ConfigError(f"{key} must be a date like 2024, 2024-07 or 2024-07-11 (got {value!r})")


def as_of_date(text: str) -> Any:
    """The date ``as_of`` stands for: its first day (``2024`` → 2024-01-01)."""
    import datetime as _dt

    parts = [int(p) for p in text.split("-")] + [1, 1]
    return _dt.date(parts[0], parts[1], parts[2])


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false (got {value!r})")
    return value


def _country(value: Any, key: str) -> str:
    if not isinstance(value, str) or len(value) != 2 or not value.isascii() or not value.isalpha():
        raise ConfigError(f"{key} must be a two-letter ISO 3166 country code like \"EG\" "
                          f"(got {value!r})")
    return value.upper()


def _codes(value: Any, key: str) -> list[str]:
    """Rule codes (reasons, kinds, verdicts), comma-separated or a list; unknown ones refused."""
    from claimcheck.report.policy import parse_codes

    if isinstance(value, (list, tuple)) and not value:
        return []
    return sorted(parse_codes(list(value) if isinstance(value, tuple) else value, key))


def _format(value: Any, key: str) -> str:
    from claimcheck.report import FORMATS

    return _choice(FORMATS)(value, key)


@dataclass(frozen=True, slots=True)
class Key:
    parse: Callable[[Any, str], Any]
    default: Any
    help: str
    #: Paths in the value are relative to the config file's folder.
    paths: bool = False


KEYS: dict[str, Key] = {
    "reference": Key(_strings, None, "reference tables (files or folders); default: bundled",
                     paths=True),
    "fail_on": Key(_choice(FAIL_ON), "contradicted", "lowest verdict that fails the run"),
    "approximation": Key(_tolerance, 0.1, "tolerance for approximate claims (نحو، حوالي)"),
    "country": Key(_country, None, "country for bare currencies (ISO 3166 alpha-2)"),
    "ra_order": Key(_choice(RA_ORDERS), "fraction-first",
                    "how agency decimals with ر read: 5ر14 = 14.5 (fraction-first) or 5.14"),
    "lang": Key(_choice(LANGS), "ar", "language of explanations (Arabic by default)"),
    "ignore": Key(_strings, [], "glob patterns of files not to check"),
    "select": Key(_codes, [], "report only findings with these reasons, kinds or verdicts"),
    "ignore_rules": Key(_codes, [], "do not report findings with these reasons, kinds or verdicts"),
    "format": Key(_format, "table", "report format"),
    "as_of": Key(_as_of, None, "the documents' date for elapsed times; default: each "
                 "document's latest full date"),
    "consistency": Key(_bool, True, "check the arithmetic between a document's claims"),
}


@dataclass(frozen=True, slots=True)
class Setting:
    value: Any
    source: str


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration, each value with its source."""

    settings: Mapping[str, Setting]
    #: The file the values came from, if any.
    path: Path | None = None
    #: Folder that relative ignore globs are matched against.
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> Any:
        return self.settings[key].value

    def override(self, **options: Any) -> Config:
        """Command-line values win; ``None`` (and empty tuples) mean "not given"."""
        settings = dict(self.settings)
        for key, value in options.items():
            if value is None or value == ():
                continue
            if key not in KEYS:
                raise KeyError(key)
            if isinstance(value, tuple):
                value = list(value)
            flag = "--ignore" if key == "ignore_rules" else f"--{key.replace('_', '-')}"
            settings[key] = Setting(KEYS[key].parse(value, flag), CLI_SOURCE)
        return Config(settings, self.path, self.root)

    def policy(self) -> Any:
        """What is reported and what fails (:class:`claimcheck.report.policy.Policy`)."""
        from claimcheck.report.policy import Policy

        return Policy(frozenset(self["select"]), frozenset(self["ignore_rules"]))

    def is_ignored(self, path: str) -> bool:
        """True when ``path`` matches an ``ignore`` pattern, with .gitignore
        semantics (pathspec) relative to the config's folder: a pattern without
        ``/`` matches a name at any depth (``*.draft.md``), one with ``/`` is
        anchored (``docs/*.md`` is docs/a.md, not docs/sub/b.md; ``archive/``
        and ``archive/**`` a whole folder), ``!`` re-includes.
        """
        patterns = self["ignore"]
        if not patterns or path == "-":
            return False
        p = Path(path)
        try:
            rel = p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = PurePath(path).as_posix()
        return _spec(tuple(patterns)).match_file(rel)

    def describe(self) -> str:
        """``key = value    # source`` lines, as ``claimcheck config`` prints them."""
        lines = [f"# configuration file: {self.path if self.path else 'none found'}"]
        for key in KEYS:
            s = self.settings[key]
            lines.append(f"{key} = {_toml_value(s.value)}    # {s.source}")
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=16)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _toml_value(value: Any) -> str:
    if value is None:
        return '""  (unset)'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def find_config_file(start: Path | None = None, *,
                     stop_at_project: bool = False) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file from ``start`` upwards, with its claimcheck table
    (``stop_at_project``: not above a folder holding ``.git`` or ``.hg``)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            table = _read_table(candidate)
            if table is not None:
                return candidate, table
        if stop_at_project and any((folder / m).exists() for m in PROJECT_MARKERS):
            return None
    return None


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(f"{path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    # parsed once per content and kept in the start-up cache (a project's
    # pyproject.toml is read by every run in it: tomllib's import and parse cost
    # a short check ~4 %); a file whose values marshal cannot keep is parsed each time
    doc = recache.memo("toml", recache.digest("config", text, sys.version), lambda: _parse(path, text))
    if path.name == "pyproject.toml":
        table = doc.get("tool", {}).get("claimcheck")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
        return table
    # .claimcheck.toml: top-level keys, or a [tool.claimcheck] table for symmetry.
    return doc.get("tool", {}).get("claimcheck", doc) if "tool" in doc else doc


def _parse(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # (a run whose configuration is in the start-up cache never needs it)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None


def load(start: Path | None = None, *, path: Path | None = None) -> Config:
    """Defaults, overlaid with the nearest config file (or ``path`` when given).

    Raises :class:`ConfigError` naming the file and key for any invalid value.
    """
    if path is not None:
        table = _read_table(path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.claimcheck] table")
        found: tuple[Path, dict[str, Any]] | None = (path.resolve(), table)
    else:
        found = find_config_file(start)
    if found is None:
        settings = {k: Setting(spec.default, DEFAULT_SOURCE) for k, spec in KEYS.items()}
        return Config(settings, None, (start or Path.cwd()).resolve())
    return _from_table(*found)


def _from_table(file: Path, table: dict[str, Any]) -> Config:
    settings = {k: Setting(spec.default, DEFAULT_SOURCE) for k, spec in KEYS.items()}
    label = f"{file} [tool.claimcheck]" if file.name == "pyproject.toml" else str(file)
    for key, raw in table.items():
        spec = KEYS.get(key.replace("-", "_"))
        if spec is None:
            raise ConfigError(f"{file}: unknown key {key!r} (known: {', '.join(KEYS)})")
        try:
            value = spec.parse(raw, key)
        except ConfigError as e:
            raise ConfigError(f"{file}: {e}") from None
        if spec.paths and value is not None:
            value = [str((file.parent / v).resolve()) if not Path(v).is_absolute() else v
                     for v in value]
        settings[key.replace("-", "_")] = Setting(value, label)
    return Config(settings, file, file.parent)


class Configs:
    """The configuration of each file of a run (see the module's docstring).

    ``run`` is the run's configuration with the command line applied; ``fixed``
    (``--config FILE``) makes it every file's; ``options`` are the command-line
    values, applied over each file's configuration as over the run's.
    """

    def __init__(self, run: Config, *, fixed: bool = False, options: Mapping[str, Any] | None = None):
        self.run = run
        self.fixed = fixed
        self.options = dict(options or {})
        self._by_folder: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}

    def for_path(self, path: str) -> Config:
        """The configuration that ``path`` (a file or a folder) follows."""
        if self.fixed or path == "-":
            return self.run
        p = Path(path)
        folder = (p if p.is_dir() else p.parent).resolve()
        got = self._by_folder.get(folder)
        if got is None:
            got = self._by_folder[folder] = self._nearest(folder)
        return got

    def _nearest(self, folder: Path) -> Config:
        found = find_config_file(folder, stop_at_project=True)
        if found is None or found[0] == self.run.path:
            return self.run
        file = found[0]
        if file not in self._by_file:
            own = _from_table(*found).override(**self.options)
            # the whole run's keys stay the run's, whatever the file says
            settings = {k: self.run.settings[k] if k in RUN_KEYS else v for k, v in own.settings.items()}
            self._by_file[file] = Config(settings, own.path, own.root)
        return self._by_file[file]

    def is_ignored(self, path: str) -> bool:
        """The ``ignore`` globs of the configuration ``path`` follows."""
        return self.for_path(path).is_ignored(path)

    def group(self, files: list[str]) -> list[tuple[Config, list[str]]]:
        """``files`` by the configuration each follows, in the order first met."""
        groups: dict[int, tuple[Config, list[str]]] = {}
        for f in files:
            c = self.for_path(f)
            groups.setdefault(id(c), (c, []))[1].append(f)
        return list(groups.values())
