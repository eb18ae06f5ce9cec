"""A progress bar on stderr for long runs (tqdm), that follows the work, not the files.

The bar counts the bytes of the inputs as their pieces are analysed: each chunk
of a large text file and each batch of archive rows moves it, so a single 6 MB
file or a 2,000-row archive is seen moving, not only a folder of many files. Its
end says how many files are done and how many claims a second are found.

Drawn only when stderr is a terminal and ``--quiet`` is not given (never in a CI
log or a pipe), only for a run worth watching (more than one file, or more than
:data:`MIN_BYTES`), and cleared when the run ends, before the report is written
(a report printed on the same terminal is never mixed with it). Otherwise every
method is a no-op.
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

#: Redraw at most this often (seconds), so drawing never costs more than the work.
INTERVAL = 0.1
#: A single input shows a bar from this size (about a quarter of a second of checking).
MIN_BYTES = 256 * 1024


class Progress:
    """``with Progress(files=n, total=size) as bar: …; bar.advance(k_bytes, last=…, claims=c)``.

    ``total`` is the inputs' size in bytes (None when unknown: stdin); ``advance``
    is called for each piece analysed, with its size and whether it ends a file.
    Without a size, the bar counts files.

    >>> import io
    >>> with Progress(3, stream=io.StringIO()) as bar:  # not a tty: silent
    ...     bar.advance(claims=2)
    >>> bar.files, bar.claims
    (1, 2)
    """

    def __init__(self, files: int, total: int | None = None, *, stream: TextIO | None = None,
                 quiet: bool = False, clock: Any = time.monotonic, interval: float | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total_files = files
        self.total = total or None
        self.files = 0
        self.claims = 0
        self.bytes = 0
        self._clock = clock
        self._start = clock()
        isatty = getattr(self.stream, "isatty", lambda: False)
        worth = files > 1 or (self.total or 0) >= MIN_BYTES
        self.enabled = not quiet and worth and bool(isatty())
        self._bar: Any = None
        if self.enabled:
            from tqdm import tqdm

            interval = INTERVAL if interval is None else interval
            if self.total:
                self._bar = tqdm(total=self.total, file=self.stream, unit="B", unit_scale=True,
                                 unit_divisor=1024, leave=False, mininterval=interval,
                                 dynamic_ncols=True,
                                 bar_format="{bar:24} {n_fmt}/{total_fmt} · {rate_fmt}{postfix}")
            else:
                self._bar = tqdm(total=files, file=self.stream, unit="file", leave=False,
                                 mininterval=interval, dynamic_ncols=True,
                                 bar_format="{bar:24} {rate_fmt}{postfix}")
            self._bar.set_postfix_str(self._postfix(), refresh=False)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _postfix(self) -> str:
        elapsed = max(self._clock() - self._start, 1e-9)
        return f"{self.files}/{self.total_files} files · {self.claims / elapsed:.0f} claims/s"

    def advance(self, size: int = 0, *, last: bool = True, claims: int = 0) -> None:
        """A piece of ``size`` bytes analysed (``last``: it ended its file)."""
        self.files += int(last)
        self.claims += claims
        if self.total:
            # never past the total (a decoded piece may count more bytes than the file held)
            size = max(0, min(size, self.total - self.bytes))
        self.bytes += size
        if self._bar is not None:
            self._bar.set_postfix_str(self._postfix(), refresh=False)
            self._bar.update(size if self.total else int(last))
            if self.files >= self.total_files:
                self._bar.refresh()  # the last step is always drawn

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self.enabled = False


class Work:
    """The size of each piece of work, paired with its result: pieces go out to
    the workers through :meth:`feed` and come back in the same order to
    :meth:`step`, which says how far the bar moves. Within a file the bar moves
    by the piece's UTF-8 size, never past the file's size on disk, and the
    file's last piece completes it (a windows-1256 file holds fewer bytes than
    its text in UTF-8)."""

    def __init__(self, files: list[str]) -> None:
        self.sizes = {f: _size(f) for f in files}
        self.total = sum(self.sizes.values()) or None
        self._out: deque[int] = deque()
        self._left: dict[str, int] = {}

    def feed(self, pieces: Iterable[Any]) -> Iterator[Any]:
        for piece in pieces:
            self._out.append(_piece_bytes(piece))
            yield piece

    def step(self, file: str, last: bool) -> int:
        size = self._out.popleft() if self._out else 0
        budget = self._left.pop(file, self.sizes.get(file, 0))
        step = budget if last else min(size, budget)
        if not last:
            self._left[file] = budget - step
        return step


def _size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _piece_bytes(piece: Any) -> int:
    """A chunk of text (its ``text``) or a batch of archive rows (``rows`` of (id, text))."""
    text = getattr(piece, "text", None)
    if isinstance(text, str):
        return len(text.encode("utf-8", "surrogatepass"))
    rows = getattr(piece, "rows", None) or ()
    return sum(len(t.encode("utf-8", "surrogatepass")) for _, t in rows if isinstance(t, str))
