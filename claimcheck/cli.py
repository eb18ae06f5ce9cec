"""The command line: a thin layer over the Python API.

User errors become one ``error:`` line on stderr and exit code 2 here, and only here.
"""
from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__
from .errors import ClaimcheckError

EXIT_SUCCESS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

HELP = """Find and check the numbers in Arabic news copy.

\b
Example:
  echo "دربت المملكة المتحدة أكثر من 120 ألف فرد" | claimcheck extract -
  → number 120000 (more_than)  «أكثر من 120 ألف فرد»
"""


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _emit(items: list[Any], fmt: str, output: str | None) -> None:
    from .io import atomic_write
    from .report import render

    data = render(items, fmt)
    if output:
        atomic_write(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    pass


@cli.command(help="List every quantitative claim in PATH... (files, folders, or - for stdin).")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]),
              default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the report here (whole or not at all) instead of stdout.")
def extract(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    from .extract import extract as run
    from .io import iter_paths, read_document

    claims = []
    for path in iter_paths(list(paths)):
        doc = read_document(path)
        claims.extend(run(doc.text, file=doc.name))
    _emit(claims, fmt, output)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="claimcheck", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("error: interrupted", err=True)
        sys.exit(EXIT_ERROR)
    except click.exceptions.ClickException as e:
        click.echo(f"error: {e.format_message()}", err=True)
        sys.exit(EXIT_ERROR)
    except ClaimcheckError as e:
        _fail(e.user_message())
    except BrokenPipeError:
        sys.exit(EXIT_SUCCESS)
    sys.exit(EXIT_SUCCESS)


if __name__ == "__main__":
    main()
