"""One error hierarchy. Findings (verdicts) are data, never exceptions.

Every error that reaches the command line is turned into a one-line ``error:``
message in exactly one place (``claimcheck.cli``) with exit code 2.
"""
from __future__ import annotations


class ClaimcheckError(Exception):
    """Root of every error claimcheck raises on purpose."""

    def user_message(self) -> str:
        return str(self)


class InputError(ClaimcheckError, ValueError):
    """A document could not be read: missing path, binary data, undecodable bytes."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def user_message(self) -> str:
        msg = str(self)
        if self.path and not msg.startswith(self.path):
            return f"{self.path}: {msg}"
        return msg


class ReferenceTableError(ClaimcheckError, ValueError):
    """A reference table is malformed. Carries file, row and column of the problem.

    ``problems`` holds every problem found (file, row, column, message) so that
    ``claimcheck reference validate`` can report them all, not only the first.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        problems: list[ReferenceTableError] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.problems = problems if problems is not None else [self]

    def location(self) -> str:
        parts = [self.file or "<reference>"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def user_message(self) -> str:
        first = self.problems[0]
        more = len(self.problems) - 1
        tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        return f"{first.location()}: {first.message}{tail}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class ConfigError(ClaimcheckError, ValueError):
    """A configuration file or option is invalid."""


class LexiconError(ClaimcheckError, ValueError):
    """A shipped language data file is invalid (caught by the test suite, not users)."""


class UnknownEntityError(ClaimcheckError, LookupError):
    """A country or grouping code that neither CLDR nor countries.toml knows."""


class UndecodableByteError(ClaimcheckError, UnicodeError):
    """A byte the codec cannot decode, at a document-wide byte offset ``at``.

    Raised while a document is streamed (claimcheck.text.sources), which turns it
    into an :class:`InputError` naming the file.
    """

    def __init__(self, at: int, byte: int) -> None:
        super().__init__(f"invalid byte 0x{byte:02x} at byte {at}")
        self.at = at
        self.byte = byte


class OutputError(ClaimcheckError, OSError):
    """A report could not be written (missing folder, no permission, disk full)."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path

    def user_message(self) -> str:
        return f"{self.path}: cannot write report: {self}"


class FormatError(ClaimcheckError, ValueError):
    """An output format claimcheck does not have (``render(items, "pdf")``)."""


class BaselineError(ConfigError):
    """A baseline file cannot be read (missing, not JSON, wrong shape)."""


class ColumnError(ClaimcheckError, KeyError):
    """A DataFrame lacks the text or id column it was asked to read."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnitError(ClaimcheckError, ValueError):
    """A unit expression pint cannot read (``kilometre ** two``)."""


class NumberSyntaxError(ClaimcheckError, ValueError):
    """A table cell or option that should hold a number does not (``12..5``)."""


class ClaimSpanError(ClaimcheckError, ValueError):
    """A claim built with a span that does not hold its text (a bug in the caller)."""


class ReportOrderError(ClaimcheckError, AssertionError):
    """A run gave a file's findings out of report order to a report written as
    they come (a bug in claimcheck: the command line exits 3, not 2)."""
