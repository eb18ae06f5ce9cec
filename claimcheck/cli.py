"""The command line: a thin layer over the Python API.

User errors become one ``error:`` line on stderr and exit code 2 here, and only here.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterator

import click
from click import UsageError

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, InputError

if TYPE_CHECKING:
    from claimcheck.config import Config
    from claimcheck.run.analyses import Checking

EXIT_SUCCESS, EXIT_FAIL, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3

#: Set to show the traceback of an internal error instead of the one-line message.
DEBUG_VARIABLE = "CLAIMCHECK_DEBUG"

HELP = """Find and check the numbers in Arabic news copy.

\b
Example:
  echo "دربت المملكة المتحدة أكثر من 120 ألف فرد" | claimcheck extract - --lang en
  → 1:22  number  more than 120,000  «أكثر من 120 ألف فرد»


Shell completion: eval "$(_CLAIMCHECK_COMPLETE=bash_source claimcheck)"
"""


def _say(kind: str, message: str) -> None:
    """One ``error:``/``note:`` line on stderr: a single line, whatever the file names
    and cells in it hold (their control characters are shown, not obeyed)."""
    from claimcheck.report.escape import visible

    click.echo(f"{kind}: {visible(' '.join(message.split()))}", err=True)


def _fail(message: str) -> None:
    _say("error", message)
    sys.exit(EXIT_ERROR)


def _emit(marked: list[tuple[Any, str | None]], fmt: str, out: IO[bytes] | None,
          suppressed: list[Any], **context: Any) -> None:
    """Render the report and write it whole to ``out`` (None: stdout): ``marked``
    the reported and baseline-known findings with their status, ``suppressed``
    the comment-silenced ones, each in the order the run gave them (the order
    of a report written as they come); ``context``: checked, documents, read, lang."""
    import os

    from claimcheck.report import BINARY_FORMATS, make_report, render, write_step_summary
    from claimcheck.report.base import in_run_order

    if out is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        raise UsageError(f"--format {fmt} is a binary file; give --output FILE")
    report = make_report([i for i, s in marked if s is None], suppressed=suppressed,
                         known=[i for i, s in marked if s is not None],
                         color=_use_color(None if out is None else "--output"), **context)
    report = in_run_order(report, marked, suppressed)
    data = render(report, fmt)
    if out is not None:
        out.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if fmt == "github":
        write_step_summary(report, os.environ)


def _use_color(output: str | None) -> bool:
    """``--color always|never|auto``; auto: FORCE_COLOR, else NO_COLOR, else a terminal."""
    import os

    ctx = click.get_current_context(silent=True)
    choice = (ctx.find_root().obj or {}).get("color", "auto") if ctx is not None else "auto"
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    if os.environ.get("NO_COLOR", ""):
        return False
    return output is None and sys.stdout.isatty()


#: Report format by the suffix of ``--output`` when ``--format`` is not given.
SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".md": "markdown",
                 ".sarif": "sarif", ".txt": "table"}


def format_for(output: str | None) -> str | None:
    """``report.csv`` → ``csv``; None for no output or an unknown suffix."""
    return SUFFIX_FORMAT.get(Path(output).suffix.lower()) if output else None


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        root = ctx.find_root()
        if not isinstance(root.obj, dict):
            root.obj = {}
        if value is not None:
            root.obj[name] = value
        return value
    return store


def global_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--config and --color, accepted before or after the subcommand."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
                     expose_value=False, is_eager=True, callback=_remember("config_file"),
                     help="Use this config file instead of searching for .claimcheck.toml/pyproject.toml."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default=None,
                     expose_value=False, callback=_remember("color"),
                     help="Colour the terminal table: auto (a terminal, unless NO_COLOR; "
                          "FORCE_COLOR forces it), always or never [default: auto]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _open_output(stack: contextlib.ExitStack, path: str | None, option: str) -> IO[bytes] | None:
    """The report's destination, opened before any work (an unwritable one fails
    first, not after a long run); the report replaces it when the run ends well."""
    from claimcheck.text.sources import atomic_writer

    if path is None:
        return None
    if not path.strip():
        raise UsageError(f"{option} needs a file name (got an empty one)")
    return stack.enter_context(atomic_writer(path))


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--format, --output, --baseline, --write-baseline and --quiet, shared by extract and check."""
    from claimcheck.report import FORMATS

    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                     help="Report format [default: `format` from the config, else table]."),
        click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
                     help="Write the report here (whole or not at all) instead of stdout."),
        click.option("--baseline", type=click.Path(dir_okay=False), default=None,
                     help="Report only findings not recorded in this baseline file."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
                     help="Record today's findings in this file (and exit 0)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress line on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--select and --ignore: which findings are reported (claimcheck.report.policy)."""
    options = [
        click.option("--select", multiple=True, metavar="CODES",
                     help="Report only findings with these reasons, kinds or verdicts, comma-separated "
                          "(e.g. value_mismatch,money); naming no_reference also lets it fail a run "
                          "[default: config, else everything]."),
        click.option("--ignore", "ignore_codes", multiple=True, metavar="CODES",
                     help="Do not report findings with these reasons, kinds or verdicts "
                          "(e.g. date,no_reference) [default: config `ignore_rules`]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from claimcheck.text.sources import text_codec

    if value is not None:
        try:
            text_codec(value)
        except ClaimcheckError as e:
            raise click.BadParameter(str(e)) from None
    return value


def scale_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --text-column, --id-column, --engine and --scheduler (see claimcheck.run.pool)."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
                     help="Worker processes (0: every core) [default: from the input size and the cores]."),
        click.option("--text-column", default=None,
                     help="Read PATHs ending .csv/.jsonl/.parquet as archives: "
                          "the column holding each document's text."),
        click.option("--id-column", default=None,
                     help="Archive column holding the document id (records get doc_id) "
                          "[default: row number]."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                     help="Run archives on this machine or on a Dask cluster [default: local]."),
        click.option("--scheduler", default=None,
                     help="Address of a running Dask scheduler (with --engine dask), e.g. tcp://host:8786."),
        click.option("--encoding", default=None, callback=_check_encoding,
                     help="Decode text files with this codec (e.g. windows-1256, utf-16) "
                          "[default: BOM, else UTF-8, else windows-1256 Arabic with a note]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _config(ctx: click.Context) -> Config:
    from claimcheck.config import load

    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    if "config" not in root.obj:
        path = root.obj.get("config_file")
        root.obj["config"] = load(path=Path(path) if path else None)
    return root.obj["config"]


def _configs(ctx: click.Context, **options: Any) -> Any:
    """The run's configuration and each file's (:class:`claimcheck.config.Configs`),
    the command line's ``options`` over both."""
    from claimcheck.config import Configs

    run = _config(ctx).override(**options)
    return Configs(run, fixed=bool(ctx.find_root().obj.get("config_file")), options=options)


def _not_named(paths: tuple[str, ...], is_ignored: Callable[[str], bool]) -> Callable[[str], bool]:
    """The ``ignore`` globs apply to what folders hold; a file named on the command
    line is always read (as ruff and pre-commit expect), never skipped silently."""
    named = {str(Path(p)) for p in paths}
    return lambda path: str(Path(path)) not in named and is_ignored(path)


def _inputs(paths: tuple[str, ...], ignore: Callable[[str], bool], scale: dict[str, Any]) -> Any:
    """Probe every input first: notes and one ``error:`` line per unusable path."""
    from claimcheck.text.sources import check_inputs

    def is_text(path: str) -> bool:
        if scale.get("text_column") is None:
            return True
        from claimcheck.text.archives import is_archive

        return not is_archive(path)

    inputs = check_inputs(paths, encoding=scale.get("encoding"), ignore=ignore, is_text=is_text)
    for note in inputs.notes:
        _say("note", note)
    for problem in inputs.problems:
        _say("error", problem.user_message())
    return inputs


def _stream_jsonl(files: list[str], analyse: Callable[..., Any], out: IO[bytes] | None,
                  checked: bool, fail_on: str, scale: dict[str, Any], policy: Any = None,
                  quiet: bool = True) -> bool:
    """JSON Lines written as the records come, so memory stays flat on any input.

    With ``--output`` the file still appears whole or not at all. Returns whether
    a finding reached ``fail_on``.
    """
    options = _run_options(scale)
    failed = False
    sink = out if out is not None else sys.stdout.buffer
    # each unit is rendered where it is analysed (in a worker with --jobs, a Dask task)
    for _, _, data, _, unit_failed in _pieces(scale)(
            files, analyse, fail_on=fail_on if checked else None, policy=policy,
            quiet=_no_bar(quiet, out), **options):
        sink.write(data)
        failed = failed or unit_failed
    sink.flush()
    return failed


def _pieces(scale: dict[str, Any]) -> Callable[..., Iterator[tuple[str, bool, Any, int, bool]]]:
    """What runs the files and renders their findings as they come: the local
    pool (:func:`claimcheck.run.pool.iter_rendered`) or Dask's partitions
    (:func:`claimcheck.run.dask_engine.iter_dask`)."""
    if scale.get("engine") == "dask":
        from claimcheck.run.dask_engine import iter_dask

        return iter_dask
    from claimcheck.run.pool import iter_rendered

    return iter_rendered


def _run_options(scale: dict[str, Any]) -> dict[str, Any]:
    """The options of :func:`_pieces`'s runner."""
    keys = ("jobs", "encoding", "text_column", "id_column", "on_error")
    return {k: scale.get(k) for k in (*keys, "scheduler") if k in keys or scale.get("engine") == "dask"}


def _no_bar(quiet: bool, out: IO[bytes] | None) -> bool:
    """No progress bar where records are written to the terminal as they come
    (the bar would be drawn between them); a report written at the end, or to
    ``--output``, has the bar while the work runs."""
    return quiet or (out is None and sys.stdout.isatty())


def _can_stream(fmt: str, groups: list[Any], baseline: bool, scale: dict[str, Any]) -> str | None:
    """``streamed`` (:mod:`claimcheck.report.streamed`), ``bounded``
    (:mod:`claimcheck.report.spill`), ``marked`` (with a baseline: written as
    it comes, :class:`~claimcheck.report.spill.Marked`) or None: how the run's
    report is written."""
    import os

    from claimcheck.report import BOUNDED_FORMATS, STREAMED_FORMATS

    files = [f for _, group, _ in groups for f in group]
    if fmt not in BOUNDED_FORMATS | STREAMED_FORMATS | {"jsonl"}:
        return None
    archives = scale.get("text_column") is not None
    if baseline:  # (on Dask too: the parts' findings pass in the rows' order)
        from claimcheck.report.spill import can_bound
        from claimcheck.report.streamed import can_mark

        if can_bound(fmt, baseline=True, environ=os.environ):
            return "bounded"
        return "marked" if can_mark(fmt, environ=os.environ) else None
    summary = fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY")
    # (a table run loads no CSV or GitHub writer)
    if fmt in STREAMED_FORMATS and not summary:
        from claimcheck.report.streamed import can_stream

        if can_stream(fmt, files, baseline=baseline, archives=archives, environ=os.environ):
            return "streamed"
    from claimcheck.report.spill import can_bound

    return "bounded" if can_bound(fmt, baseline=baseline, environ=os.environ) else None


def _in_report_order(groups: list[Any]) -> list[Any]:
    """The groups' files run in report order, by name, whatever configuration each
    follows: ``(config, files, analysis)`` for each run of consecutive files of one
    group (the files of a folder with a configuration of its own can come between
    two of another). Every report writes its findings in the order they come."""
    order = sorted((f, k) for k, (_, files, _) in enumerate(groups) for f in files)
    runs: list[tuple[int, list[str]]] = []
    for file, k in order:
        if runs and runs[-1][0] == k:
            runs[-1][1].append(file)
        else:
            runs.append((k, [file]))
    return [(groups[k][0], files, groups[k][2]) for k, files in runs]


def _stream_report(groups: list[Any], fmt: str, out: IO[bytes] | None, checked: bool, config: Config,
                   scale: dict[str, Any], readable: Callable[[], bool], read: list[str], how: str,
                   quiet: bool = True, baselines: tuple[str | None, IO[bytes] | None] = (None, None)) -> bool:
    """A report written as the records come (CSV, JSON, GitHub annotations:
    :mod:`claimcheck.report.streamed`) or made from running totals and records
    kept on disk (table, Markdown, SARIF, HTML, xlsx: :mod:`claimcheck.report.spill`); whether
    a finding reached ``fail_on``. ``baselines``: the ``--baseline`` file and
    the ``--write-baseline`` output, when given: the items then come here,
    where the baseline marks the known ones and records the others
    (:class:`claimcheck.run.baseline.Passing`)."""
    options = _run_options(scale)
    failed = False
    sink = out if out is not None else sys.stdout.buffer
    with contextlib.ExitStack() as stack:
        if how in ("bounded", "marked"):
            from claimcheck.report.spill import BoundedReport, Collector, Listed, Pickled
            from claimcheck.run.pool import resolve_jobs

            if how == "marked":  # (a table run loads no streamed writer)
                from claimcheck.report.streamed import Marked

                bounded = stack.enter_context(Marked(fmt, sink, checked))
            else:
                bounded = stack.enter_context(BoundedReport(
                    fmt, checked=checked, lang=config["lang"], read=read,
                    color=_use_color(None if out is None else "--output")))
            passing = _passing(stack, bounded, baselines, config["fail_on"] if checked else None)
            report: Any = stack.enter_context(Collector(passing or bounded))
            files = [f for _, group, _ in groups for f in group]
            one = resolve_jobs(scale.get("jobs"), files) <= 1 and scale.get("engine") != "dask"
            render: Any = Listed() if one else Pickled()
            if fmt == "html":  # the page shows each file's text
                options["texts"] = report.text
        else:
            from claimcheck.report.streamed import StreamedReport, renderer

            report = bounded = stack.enter_context(StreamedReport(fmt, sink, checked))
            render, passing = renderer(fmt, checked), None
        for group_config, files, analyse in groups:
            if passing is not None:  # the items come whole; the policy is applied here
                passing.policy = group_config.policy()
            for file, last, data, _, unit_failed in _pieces(scale)(
                    files, analyse, fail_on=config["fail_on"] if checked and not passing else None,
                    policy=None if passing else group_config.policy(), render=render,
                    quiet=quiet if how == "bounded" else _no_bar(quiet, out), **options):
                report.add(file, data, last)
                failed = failed or unit_failed
        if readable():
            _finish(report, bounded, fmt, how, sink)
            if passing is not None and passing.entries is not None:
                passing.entries.write(baselines[1])  # type: ignore[arg-type]
    sink.flush()
    return failed or bool(passing and passing.failed)


def _passing(stack: contextlib.ExitStack, target: Any, baselines: tuple[str | None, IO[bytes] | None],
             fail_on: str | None) -> Any:
    """The stage that marks known findings and records the baseline to write
    (:class:`claimcheck.run.baseline.Passing`), when a baseline option is given."""
    baseline, baseline_out = baselines
    if baseline is None and baseline_out is None:
        return None
    from claimcheck.run.baseline import Baseline, Entries, Passing

    known = Baseline.load(baseline).passing() if baseline else None
    entries = stack.enter_context(Entries()) if baseline_out is not None else None
    return Passing(target, known, entries, fail_on)


def _finish(report: Any, written: Any, fmt: str, how: str, sink: IO[bytes]) -> None:
    """The run was read: the report's end (what waited for it) goes out."""
    if how == "streamed":
        written.close()
        return
    report.close()
    if how == "marked":
        written.close()
        return
    written.write(sink)
    if fmt == "github":  # its step summary (see report.write_step_summary)
        import os

        with open(os.environ["GITHUB_STEP_SUMMARY"], "ab") as summary:
            written.write(summary, "markdown")


@contextlib.contextmanager
def _start_up() -> Iterator[None]:
    """Loading the code, the language data and the reference tables with the
    cyclic collector paused: what they allocate lives for the whole run and holds
    no garbage, yet the collector walked it over and over as it grew (some 90
    collections, a tenth of a short check's time). :func:`_settle` then freezes
    it out of the collector's way, and the collector runs again for the work."""
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


#: set in the root context's ``obj`` when the command is the process's own (see :func:`main`)
_OWN_PROCESS = "own_process"


def _settle(analyse: Any) -> None:
    """The language data and the reference tables live for the whole run: load
    them, then move them out of the cyclic collector's way (``gc.freeze``): a
    full collection no longer walks them (10,000 facts of a large table) each
    time, and forked ``--jobs`` workers share those pages instead of copying
    them. (A program's decision, not the library's: the API leaves the
    collector alone.)"""
    import gc

    warm = getattr(analyse, "warm", None)  # a plain function has nothing to load
    if warm is not None:
        warm()
    gc.freeze()
    ctx = click.get_current_context(silent=True)
    if ctx is not None and not (ctx.find_root().obj or {}).get(_OWN_PROCESS):
        ctx.call_on_close(gc.unfreeze)  # (a command run in-process leaves no trace)
    # A command that is the whole process leaves it frozen: the interpreter's
    # last full collection at exit would walk it all (a sixth of a short check's
    # CPU) to find no garbage in it; what the work allocated is collected as usual.


def _run(
    ctx: click.Context,
    paths: tuple[str, ...],
    configs: Any,
    analysis: Callable[[Any], Any],
    *,
    output: str | None,
    baseline: str | None,
    write_baseline: str | None,
    quiet: bool,
    checked: bool,
    scale: dict[str, Any] | None = None,
) -> None:
    """Documents → drafts (masking, suppressions) → analyse → rules → baseline → report → exit code.

    ``configs`` gives each file its configuration; the files of one configuration
    are analysed by ``analysis(config)`` and reported by its policy."""
    from claimcheck.run.pool import cap_jobs, check_scale

    config = configs.run
    fmt = config["format"]
    check_scale(**(scale := dict(scale or {})))  # (a streamed report does not go through run_inputs)
    scale["jobs"], note = cap_jobs(scale.get("jobs"))
    if note:
        _say("note", note)
    wrote_baseline = False
    # raised when no input could be read: the reports being written are dropped
    nothing_readable = InputError("no input could be read")
    try:
        with contextlib.ExitStack() as stack:
            # the destinations first: an unwritable one is an error before any work
            out = _open_output(stack, output, "--output")
            baseline_out = _open_output(stack, write_baseline, "--write-baseline")
            ignored = _not_named(paths, configs.is_ignored)
            inputs = _inputs(paths, ignored, scale)
            if inputs.problems and not inputs.files:
                raise nothing_readable  # keep any previous report as it is
            # every group's tables loaded before any work: a bad one is an error first
            with _start_up():
                groups = _in_report_order([(c, fs, analysis(c)) for c, fs in configs.group(inputs.files)])
                for _, _, analyse in groups:
                    _settle(analyse)
            # a file found unreadable part-way: its error line now, the other files go on
            broken: set[str] = set()
            scale["on_error"] = lambda e: (inputs.problems.append(e), broken.add(e.path),
                                           _say("error", e.user_message()))
            if fmt == "jsonl" and not (baseline or write_baseline):
                failed = True in [_stream_jsonl(files, analyse, out, checked, config["fail_on"], scale,
                                                c.policy(), quiet) for c, files, analyse in groups]
            elif how := _can_stream(fmt, groups, bool(baseline or write_baseline), scale):
                failed = _stream_report(groups, fmt, out, checked, config, scale,
                                        lambda: not broken >= set(inputs.files), inputs.files, how, quiet,
                                        (baseline, baseline_out))
            else:
                found, reported = _collect(groups, ignored, keep_text=fmt == "html", quiet=quiet, scale=scale)
                if broken >= set(inputs.files):
                    raise nothing_readable
                failed = _report(reported, found, fmt, out, baseline, config, checked=checked,
                                 read=inputs.files)
                if baseline_out is not None:
                    from claimcheck.run.baseline import dump

                    baseline_out.write(dump(found.items))
            if broken >= set(inputs.files):
                raise nothing_readable
            wrote_baseline = baseline_out is not None
            code = (EXIT_ERROR if inputs.problems  # the good files are reported; the bad named
                    else EXIT_SUCCESS if write_baseline else EXIT_FAIL if failed else EXIT_SUCCESS)
    except InputError as e:
        if e is not nothing_readable:
            raise
        code = EXIT_ERROR
    if wrote_baseline and not quiet:
        click.echo(f"wrote the baseline {write_baseline}", err=True)
    sys.exit(code)


def _collect(groups: list[tuple[Any, list[str], Any]], ignored: Callable[[str], bool], *,
             keep_text: bool, quiet: bool, scale: dict[str, Any]) -> tuple[Any, list[tuple[list, Any]]]:
    """Run each group of files with its analysis: everything found (a
    :class:`~claimcheck.run.analyses.Scan`), and what each group's policy reports."""
    from claimcheck.run.analyses import Scan
    from claimcheck.run.pool import run_inputs

    total, reported = Scan(), []
    for config, files, analyse in groups:
        found = run_inputs(files, analyse, ignore=ignored, keep_text=keep_text, quiet=quiet, **scale)
        policy = config.policy()
        reported.append((policy.keep(found.items), policy))
        total.items.extend(found.items)
        total.suppressed.extend(found.suppressed)
        total.documents.update(found.documents)
        total.files += found.files
    return total, reported


def _report(reported: list[tuple[list, Any]], found: Any, fmt: str, out: IO[bytes] | None,
            baseline: str | None, config: Config, *, checked: bool, read: list[str]) -> bool:
    """Write the report of what the groups' policies keep, less the baseline's;
    whether a finding reached ``fail_on`` (by the policy of its file)."""
    from claimcheck.report import fails

    items = [i for kept, _ in reported for i in kept]
    marked: list[tuple[Any, str | None]] = [(i, None) for i in items]
    if baseline:
        from claimcheck.report.base import KNOWN_FROM_BASELINE
        from claimcheck.run.baseline import Baseline

        # spent in run order: of two findings with one fingerprint recorded
        # once, the first the run gives is known (as a bounded run marks them)
        known = Baseline.load(baseline).passing()
        marked = [(i, KNOWN_FROM_BASELINE if known.is_known(i) else None) for i in items]
    _emit(marked, fmt, out, found.suppressed, checked=checked, documents=found.documents,
          read=read, lang=config["lang"])
    new = {id(i) for i, status in marked if status is None}
    return checked and any(fails([i for i in kept if id(i) in new], config["fail_on"], policy)
                           for kept, policy in reported)


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="claimcheck")
@global_options
def cli() -> None:
    pass


@cli.command("config", help="Print the effective configuration and where each value comes from "
                            "(of the run, or the one PATH follows: the nearest above it).")
@click.argument("path", required=False)
@global_options
@click.pass_context
def config_command(ctx: click.Context, path: str | None) -> None:
    configs = _configs(ctx)
    click.echo((configs.for_path(path) if path else configs.run).describe(), nl=False)


_lang_option = click.option(
    "--lang", type=click.Choice(["ar", "en"]), default=None,
    help="Language of what people read: explanations, labels and summaries of the table, "
         "Markdown, HTML and xlsx reports [default: config, else ar].")

_country_option = click.option(
    "--country", default=None, metavar="CC",
    help="Country (ISO 3166 alpha-2, e.g. IQ) that settles bare دينار/ريال/جنيه/ليرة/درهم "
         "[default: config, else the documented default currency].")


_ra_order_option = click.option(
    "--ra-order", type=click.Choice(["fraction-first", "integer-first"]), default=None,
    help="How agency decimals written with ر read: 5ر14 is 14.5 (fraction-first, as the "
         "wires store it) or 5.14 [default: config, else fraction-first].")


@cli.command(help="List every quantitative claim in PATH... (files, folders, or - for stdin).")
@click.argument("paths", nargs=-1, required=True)
@_country_option
@_lang_option
@_ra_order_option
@rule_options
@report_options
@scale_options
@global_options
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], country: str | None, lang: str | None,
            ra_order: str | None, select: tuple[str, ...], ignore_codes: tuple[str, ...], fmt: str | None,
            output: str | None, baseline: str | None, write_baseline: str | None, quiet: bool,
            **scale: Any) -> None:
    from claimcheck.run.analyses import Extraction

    configs = _configs(ctx, country=country, ra_order=ra_order, lang=lang, select=select,
                       ignore_rules=ignore_codes, format=fmt or format_for(output))
    _run(ctx, paths, configs, lambda config: Extraction(config["country"], ra_order=config["ra_order"]),
         output=output, baseline=baseline, write_baseline=write_baseline,
         quiet=quiet, checked=False, scale=scale)


@cli.command(help="Check every claim in PATH... against reference tables: each gets a verdict "
                  "(supported, contradicted, unverifiable) and a reason, with its evidence.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--reference", "-r", "reference", multiple=True,
              help="Reference table or folder (repeatable) [default: config, else bundled reference_data/].")
@click.option("--fail-on", type=click.Choice(["contradicted", "unverifiable", "never"]), default=None,
              help="Exit 1 when a reported verdict at or above this is found; no_reference fails "
                   "only when named in --select [default: contradicted].")
@_lang_option
@click.option("--approximation", default=None, metavar="TOL",
              help="Tolerance of approximate claims (نحو، حوالي), e.g. 0.1 or 10% "
                   "[default: config, else 10%].")
@click.option("--no-consistency", is_flag=True,
              help="Do not check the arithmetic between the claims of a document (its changes, "
                   "shares, totals, elapsed times).")
@click.option("--as-of", default=None, metavar="YYYY[-MM[-DD]]",
              help="The documents' date for elapsed times and anniversaries [default: config, "
                   "else each document's latest full date; without one they are not checked].")
@click.option("--consistency-rules", "rules", default=None, metavar="NAMES",
              help="Consistency rules to run, comma-separated: change, points, share, ratio, "
                   "total, elapsed, repeat [default: all but repeat, which is off by default "
                   "(below 90% precision on real news)].")
@_country_option
@_ra_order_option
@rule_options
@report_options
@scale_options
@global_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], reference: tuple[str, ...],
          fail_on: str | None, lang: str | None, approximation: str | None,
          no_consistency: bool, as_of: str | None, rules: str | None, country: str | None,
          ra_order: str | None, select: tuple[str, ...], ignore_codes: tuple[str, ...], fmt: str | None,
          output: str | None, baseline: str | None, write_baseline: str | None,
          quiet: bool, **scale: Any) -> None:
    none = reference == ("none",)  # consistency only: no table at all
    configs = _configs(ctx, reference=None if none else reference or None, lang=lang,
                       country=country, approximation=approximation, ra_order=ra_order,
                       as_of=as_of, consistency=False if no_consistency else None,
                       format=fmt or format_for(output), fail_on=fail_on, select=select,
                       ignore_rules=ignore_codes)
    chosen = _rules(rules)
    tables: dict[tuple[str, ...], Any] = {}  # two projects naming the same tables share them

    def analysis(config: Config) -> Checking:
        # (imported here, at the run's start-up: see _start_up)
        from claimcheck.config import as_of_date
        from claimcheck.reference.index import References
        from claimcheck.reference.tables import load
        from claimcheck.run.analyses import Checking

        key = tuple(config["reference"] or ())
        if key not in tables:
            tables[key] = References() if none else load(config["reference"] or None)  # bad: exit 2
        return Checking(tables[key], country=config["country"], lang=config["lang"],
                        approx_tolerance=config["approximation"], ra_order=config["ra_order"],
                        rules=chosen if config["consistency"] else (),
                        as_of=as_of_date(config["as_of"]) if config["as_of"] else None)

    _run(ctx, paths, configs, analysis, output=output, baseline=baseline,
         write_baseline=write_baseline, quiet=quiet, checked=True, scale=scale)


def _rules(names: str | None) -> tuple[str, ...] | None:
    """``--consistency-rules change,share`` → the names, checked against the registry (None: the defaults)."""
    if names is None:
        return None
    from claimcheck.checking.rules import registry

    known = {r.name for r in registry()}
    chosen = tuple(n.strip() for n in names.split(",") if n.strip())
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise UsageError(f"--consistency-rules: unknown rule {unknown[0]!r} "
                         f"(known: {', '.join(sorted(known))})")
    return chosen


@cli.group(help="Work with reference tables.")
def reference() -> None:
    pass


@reference.command("validate",
                   help="Report every problem in the reference tables at PATH... (exit 2 if any).")
@click.argument("paths", nargs=-1, required=True)
def reference_validate(paths: tuple[str, ...]) -> None:
    from claimcheck.errors import ReferenceTableError
    from claimcheck.reference.tables import validate
    from claimcheck.report.escape import visible

    problems, refs = validate(list(paths))
    if problems:
        for p in problems:
            click.echo(visible(" ".join(str(p).split())), err=True)
        first = problems[0]
        raise ReferenceTableError(first.message, file=first.file, row=first.row,
                                  column=first.column, problems=problems)
    assert refs is not None
    n_rates = sum(len(v) for v in refs.rates.values())
    click.echo(f"ok: {len(refs.facts)} facts and {n_rates} exchange rates in "
               f"{len(refs.files)} file{'s' if len(refs.files) != 1 else ''}")


@reference.command("import", help="Turn statistics files (World Bank CSV, SDMX-CSV, or any CSV/xlsx "
                   "with --mapping) into one fact table.")
@click.argument("files", nargs=-1, required=True)
@click.option("--mapping", "-m", type=click.Path(dir_okay=False), default=None,
              help="TOML file saying which columns hold the entity, period, value and what they measure.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help="The fact table to write (CSV, whole or not at all).")
@click.option("--rates", type=click.Path(dir_okay=False), default=None,
              help="Also write the exchange rates among the files (World Bank PA.NUS.FCRF) "
                   "as an exchange-rate table here.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def reference_import(files: tuple[str, ...], mapping: str | None, output: str,
                     rates: str | None, quiet: bool) -> None:
    from claimcheck.reference.importer import import_tables

    summary = import_tables(files, output, mapping, rates)
    if not quiet:
        for note in summary.notes():
            click.echo(f"note: {note}", err=True)
        click.echo(f"wrote {summary.written:,} facts to {output}", err=True)
        if rates:
            click.echo(f"wrote {summary.rates:,} exchange rates to {rates}", err=True)


@reference.command("coverage", help="Which entities, metrics and periods the claims no table covers "
                   "are about, and which catalogue indicators would cover them.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--reference", "-r", "reference", multiple=True,
              help="Reference table or folder (repeatable) [default: config, else bundled reference_data/].")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table",
              help="A terminal table, or CSV for a spreadsheet [default: table].")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the report here (whole or not at all) instead of stdout.")
@click.option("--top", type=click.IntRange(min=1), default=20, help="Rows of the table [default: 20].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
@scale_options
@click.pass_context
def reference_coverage(ctx: click.Context, paths: tuple[str, ...], reference: tuple[str, ...],
                       fmt: str, output: str | None, top: int, quiet: bool, **scale: Any) -> None:
    from claimcheck.reference.coverage import render_csv, render_table, survey
    from claimcheck.reference.tables import load

    with contextlib.ExitStack() as stack:
        # opened before the work, as for extract and check: an unwritable or empty
        # --output fails at once; the report replaces it only when the run ends well
        out = _open_output(stack, output, "--output")
        config = _config(ctx).override(reference=reference or None)
        refs = load(config["reference"] or None)
        inputs = _inputs(paths, config.is_ignored, scale)
        if inputs.problems and not inputs.files:
            sys.exit(EXIT_ERROR)
        report = survey(inputs.files, refs, country=config["country"], quiet=quiet,
                        jobs=scale.get("jobs"), encoding=scale.get("encoding"),
                        text_column=scale.get("text_column"), id_column=scale.get("id_column"))
        data = render_csv(report) if fmt == "csv" else render_table(report, top).encode("utf-8")
        sink = out if out is not None else sys.stdout.buffer
        sink.write(data)
        sink.flush()
    if inputs.problems:
        sys.exit(EXIT_ERROR)


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # unwind: a report being written is removed, the old one kept


def main(argv: list[str] | None = None) -> None:
    import signal

    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminate)
    try:
        # argv None: the process's own command line (the console script, python -m)
        cli.main(args=argv, prog_name="claimcheck", standalone_mode=False,
                 obj={_OWN_PROCESS: True} if argv is None else None)
    except click.exceptions.Abort:
        _say("error", "interrupted")
        _leave_now(EXIT_ERROR)
    except click.exceptions.ClickException as e:
        _say("error", e.format_message())
        sys.exit(EXIT_ERROR)
    except AssertionError as e:  # (a ReportOrderError too): a bug, not the input's fault
        _internal(e)
    except ClaimcheckError as e:
        _fail(e.user_message())
    except BrokenPipeError:
        sys.exit(EXIT_SUCCESS)
    except OSError as e:  # e.g. the disk filled up, or a file vanished mid-run
        where = f"{e.filename}: " if e.filename else ""
        _fail(f"{where}{e.strerror or e}")
    except Exception as e:  # a bug: never a traceback, never mistaken for findings
        _internal(e)
    sys.exit(EXIT_SUCCESS)


def _leave_now(code: int) -> None:
    """Exit with ``code`` at once after an interrupt: the report was already unwound.

    Python's own shutdown after a KeyboardInterrupt (finalizers, atexit hooks such as
    the start-up cache's save) could end the process as killed by SIGINT (exit -2)
    instead of with ``code``; an interrupted run has nothing left worth saving.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _internal(e: BaseException) -> None:
    """One ``error: internal error …`` line and exit 3 (``CLAIMCHECK_DEBUG=1``: the traceback)."""
    import os

    if os.environ.get(DEBUG_VARIABLE):
        import traceback

        traceback.print_exception(e, file=sys.stderr)
    detail = " ".join(str(e).split())[:200]
    _say("error", f"internal error ({type(e).__name__}{': ' + detail if detail else ''}); "
                  f"this is a bug in claimcheck {__version__}: please report it with the command "
                  f"and, if you can, the input (run with {DEBUG_VARIABLE}=1 for the traceback)")
    sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
