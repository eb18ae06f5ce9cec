"""A progress line on stderr for long runs: files done, files and claims per second.

Shown only when stderr is a terminal and ``--quiet`` is not given; otherwise
every method is a no-op, so CI logs and pipes stay clean.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
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
                 clock=time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.files = 0
        self.claims = 0
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = not quiet and total > 1 and bool(isatty())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, *, files: int = 1, claims: int = 0) -> None:
        self.files += files
        self.claims += claims
        if not self.enabled:
            return
        now = self._clock()
        if now - self._last_draw >= INTERVAL or self.files >= self.total:
            self._last_draw = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """``[██████░░░░] 12/40 files · 35.2 files/s · 410 claims/s``"""
        elapsed = max((now if now is not None else self._clock()) - self._start, 1e-9)
        done = min(self.files / self.total, 1.0) if self.total else 1.0
        filled = int(done * WIDTH)
        bar = "█" * filled + "░" * (WIDTH - filled)
        return (f"[{bar}] {self.files}/{self.total} files · {self.files / elapsed:.1f} files/s"
                f" · {self.claims / elapsed:.0f} claims/s")

    def close(self) -> None:
        if self.enabled and self._last_draw != float("-inf"):
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.enabled = False
