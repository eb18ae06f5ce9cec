"""Reading documents and writing reports (first version; hardened by the reliability work)."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Expand the PATH arguments: files as given, folders to their *.txt/*.md files, '-' for stdin."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES:
                    yield str(f)
        elif path.is_file():
            yield p
        else:
            raise InputError("no such file or folder", path=p)


def read_document(path: str) -> Document:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise InputError(e.strerror or str(e), path=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as UTF-8 (byte {e.start})", path=path) from None
    return Document(path, text)


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temp file + rename)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
