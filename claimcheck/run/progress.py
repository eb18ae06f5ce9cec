"""A progress bar on stderr for long runs (tqdm): files done, files and claims per second.

Shown only when stderr is a terminal and ``--quiet`` is not given, and only for
more than one unit of work; otherwise every method is a no-op, so CI logs and
pipes stay clean. A large file or an archive counts its chunks and row batches
as they finish, so a single 6 MB file or a 2,000-row archive moves the bar too.
"""
from __future__ import annotations

import sys
import time
from typing import Any, TextIO

#: Redraw at most this often (seconds), so drawing never costs more than the work.
INTERVAL = 0.1


class Progress:
    """``with Progress(total=n) as bar: …; bar.advance(claims=k)`` after each file.

    >>> import io
    >>> with Progress(3, stream=io.StringIO()) as bar:  # not a tty: silent
    ...     bar.advance(claims=2)
    >>> bar.files, bar.claims
    (1, 2)
    """

    def __init__(self, total: int, *, stream: TextIO | None = None, quiet: bool = False,
                 clock: Any = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.files = 0
        self.claims = 0
        self._clock = clock
        self._start = clock()
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = not quiet and total > 1 and bool(isatty())
        self._bar: Any = None
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="file", leave=False,
                             mininterval=INTERVAL, dynamic_ncols=True,
                             bar_format="{bar:24} {n_fmt}/{total_fmt} files · {rate_fmt}{postfix}")

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, *, files: int = 1, claims: int = 0) -> None:
        self.files += files
        self.claims += claims
        if self._bar is not None:
            elapsed = max(self._clock() - self._start, 1e-9)
            self._bar.set_postfix_str(f"{self.claims / elapsed:.0f} claims/s", refresh=False)
            self._bar.update(files)
            if self.files >= self.total:
                self._bar.refresh()  # the last step is always drawn

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self.enabled = False
