"""Reading documents and writing reports, whatever arrives on disk.

Documents in
    A path is opened as a :class:`Source`: the whole file is read once in blocks to
    settle its encoding and to refuse binary data *before* a single claim of it is
    reported, then :meth:`Source.chunks` decodes it again incrementally and yields
    :class:`Chunk` blocks of about a megabyte cut at line ends, each with its
    document-wide character offset and line number. Memory therefore stays bounded
    by the chunk size (and the longest line), not by the file size.

    Encodings, in the order they are tried:

    * a byte-order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
    * otherwise UTF-8;
    * when UTF-8 fails and the bytes read as Arabic in windows-1256 (the code page
      most Arabic files on Windows disks were saved in), windows-1256, with a
      :attr:`Source.note` the command line prints on stderr;
    * ``encoding=`` forces a codec and disables the guessing.

    Binary input (more than 1 % control characters such as NUL, or the magic
    number of an image, PDF, archive, office document or executable) is an
    :class:`~claimcheck.errors.InputError` naming the file. A stray NUL or
    end-of-file mark, as real archives have at the end of articles, is text. A
    byte-order mark is not part of the document: offsets start after it.

Reports out
    :func:`atomic_writer` / :func:`atomic_write` write to a temporary file in the
    target's folder and rename it into place only when the whole report is
    written, so an interrupted or failed run never leaves a half-written report
    and never clobbers the previous one. A symlink is followed (the file it
    points to is replaced, the link kept); a character device or FIFO
    (``/dev/null``, a named pipe) is written into as a stream, never replaced;
    a block device, a folder or an empty name is refused.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Callable, Iterator

from claimcheck.errors import ClaimcheckError, InputError, OutputError, UndecodableByteError
from claimcheck.lang import recache

TEXT_SUFFIXES = (".txt", ".md")

#: Bytes read per block while probing and decoding.
BLOCK_SIZE = 1 << 20
#: A chunk is cut at the last line end before this many characters …
CHUNK_CHARS = 1 << 18
#: … or, on a line longer than this, at a sentence end or a space.
MAX_CHUNK_CHARS = 4 << 20

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE mark starts with the UTF-16 LE mark.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Leading bytes of the binary files people most often hand a text tool by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx/.odt? save it as plain text)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (save it as plain text)"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV file", b"AVI ": "an AVI video"}

WINDOWS_1256 = "cp1256"
#: Valid non-ASCII UTF-8 characters before a bad byte that rule out windows-1256:
#: Arabic in windows-1256 breaks UTF-8 at its first or second word.
_UTF8_EVIDENCE = 8


@dataclass(frozen=True, slots=True)
class Document:
    """A whole decoded document (for small inputs and the Python API)."""

    name: str
    text: str
    encoding: str = "utf-8"
    #: A remark for the user (e.g. the encoding was guessed), or None.
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    """A block of a document: its text, and where it starts in the whole document."""

    #: 0-based character offset of ``text[0]`` in the decoded document.
    offset: int
    #: 1-based line number of ``text[0]``.
    line: int
    text: str


# --------------------------------------------------------------------------- paths


def iter_paths(
    paths: list[str] | tuple[str, ...],
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[str]:
    """Expand the PATH arguments: files as given, folders to their *.txt/*.md files, '-' for stdin.

    A path that does not exist raises :class:`InputError`, or, when ``on_error``
    is given, is handed to it and skipped so that the other paths still run.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        try:
            if path.is_dir():
                found = [
                    f for f in path.rglob("*")
                    if f.suffix.lower() in TEXT_SUFFIXES and f.is_file()
                ]
                yield from sorted(str(f) for f in found)
            elif path.is_file():
                yield p
            elif path.exists():
                raise InputError("not a regular file or folder", path=p)
            else:
                raise InputError("no such file or folder", path=p)
        except OSError as e:
            err = InputError(e.strerror or str(e), path=p)
            if on_error is None:
                raise err from None
            on_error(err)
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)


def expand_paths(
    paths: list[str] | tuple[str, ...],
    on_error: Callable[[InputError], None] | None = None,
) -> list[str]:
    """:func:`iter_paths`, sorted and without duplicates (reports are sorted by file)."""
    return sorted(set(iter_paths(paths, on_error)))


# ------------------------------------------------------------------------ decoding


def _magic_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and b"\x00" not in head[:64]:
                continue  # "MZ" is also how a text may start; real executables hold NULs
            return kind
    if head[:4] == b"RIFF" and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    return None


def _bom(head: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return None


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


def _byte_class(pred: Callable[[str], bool]) -> bytes:
    """The bytes whose windows-1256 reading satisfies ``pred`` (for C-speed counting)."""
    return bytes(b for b in range(256) if pred(bytes([b]).decode(WINDOWS_1256)))


_CP1256_ARABIC = _byte_class(lambda c: c >= "\x80" and _is_arabic(c))
_CP1256_LATIN = _byte_class(lambda c: c >= "\x80" and not _is_arabic(c) and c.isalpha())
_CP1256_CONTROL = _byte_class(lambda c: c < " " and c not in "\t\n\r\f\v")


_UTF8_LEAD_BYTES = bytes(range(0xC2, 0xF5))


def _count(block: bytes, members: bytes) -> int:
    return len(block) - len(block.translate(None, members))


class _Cp1256Evidence:
    """Counts whether bytes that are not UTF-8 read as Arabic text in windows-1256.

    In windows-1256 every byte is defined, so decoding always "works"; what tells
    Arabic apart from, say, a Latin-1 French file or random data is what the high
    bytes turn into: Arabic letters, not Latin letters with accents, and almost no
    control characters.
    """

    def __init__(self) -> None:
        self.arabic = 0
        self.latin = 0
        self.control = 0
        self.chars = 0

    def feed(self, block: bytes) -> None:
        self.chars += len(block)
        self.arabic += _count(block, _CP1256_ARABIC)
        self.latin += _count(block, _CP1256_LATIN)
        self.control += _count(block, _CP1256_CONTROL)

    def plausible(self) -> bool:
        return (
            self.arabic >= 2
            and self.arabic >= 4 * self.latin
            and self.control * 100 <= self.chars
        )


class Source:
    """An input file (or stdin) whose encoding has been settled; read it with :meth:`chunks`.

    >>> with open_source("article.txt") as src:          # doctest: +SKIP
    ...     for chunk in src.chunks():
    ...         claims = extract(chunk.text, file=src.name,
    ...                          base_offset=chunk.offset, base_line=chunk.line)
    """

    def __init__(self, name: str, fh: BinaryIO, encoding: str, skip: int,
                 note: str | None, owns: bool, verify: bool = False) -> None:
        self.name = name
        self.encoding = encoding
        self.note = note
        self._fh = fh
        self._skip = skip
        self._owns = owns
        #: Only the first block was probed: check the rest (decoding, control
        #: characters) as it is read.
        self._verify = verify

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns:
            self._fh.close()

    def chunks(self, chunk_chars: int = CHUNK_CHARS,
               max_chunk_chars: int = MAX_CHUNK_CHARS) -> Iterator[Chunk]:
        """Decode the document block by block and yield it in line-aligned chunks.

        Concatenating the chunks' texts gives the whole document; each chunk knows
        its offset and line in it.
        """
        offset, line = 0, 1
        for text in _cut_chunks(self._decoded_blocks(), chunk_chars, max_chunk_chars):
            yield Chunk(offset, line, text)
            offset += len(text)
            line += text.count("\n")

    def read(self) -> Document:
        """The whole document at once."""
        text = "".join(self._decoded_blocks())
        return Document(self.name, text, self.encoding, self.note)

    def _decoded_blocks(self) -> Iterator[str]:
        census = _Census(self.encoding) if self._verify else None
        first = True
        try:
            for block, text, final in _decode(self._fh, self.encoding, self._skip):
                if census is not None:
                    census.feed(block, text)
                    if final:
                        census.verdict(self.name)
                if first and text:
                    if text[0] == "\ufeff":  # a mark left by a forced codec
                        text = text[1:]
                    first = False
                if text:
                    yield text
        except UndecodableByteError as bad:
            if census is not None and self.encoding == "utf-8":
                # the probed first block held plenty of valid UTF-8
                raise InputError(_damaged(bad), path=self.name) from None
            # past the probed block (or the file changed since it was probed)
            raise InputError(f"cannot decode as {self.encoding} ({bad})", path=self.name) from None


def _decode(fh: BinaryIO, codec: str, skip: int) -> Iterator[tuple[bytes, str, bool]]:
    """The stream from ``skip`` on, block by block: (bytes, their text, whether last).
    Raises :class:`UndecodableByteError` where it stops decoding."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    fh.seek(skip)
    consumed = skip
    while True:
        block = fh.read(BLOCK_SIZE)
        final = not block
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the last block
        try:
            text = decoder.decode(block, final=final)
        except UnicodeDecodeError as e:
            raise UndecodableByteError(consumed - pending + e.start, e.object[e.start]) from None
        except UnicodeError:  # a codec that names no byte (UTF-16 without a byte-order mark)
            raise UndecodableByteError(consumed - pending, block[0] if block else 0) from None
        consumed += len(block)
        yield block, text, final
        if final:
            return


def _cut_chunks(blocks: Iterator[str], chunk_chars: int, max_chunk_chars: int) -> Iterator[str]:
    """Regroup decoded text into chunks of at most ``chunk_chars`` cut after a newline.

    A line longer than that makes a longer chunk; a line longer than
    ``max_chunk_chars`` is cut after a sentence end or a space (see :func:`_soft_cut`).
    """
    buf = ""
    for text in blocks:
        buf = buf + text if buf else text
        start, n = 0, len(buf)  # chunks are sliced from start on: the rest is copied once
        while n - start >= chunk_chars:
            # After the last line end within chunk_chars, else the first one after it.
            lim = start + chunk_chars
            cut = buf.rfind("\n", start, lim) + 1 or buf.find("\n", lim, start + max_chunk_chars) + 1
            if cut == 0:
                if n - start <= max_chunk_chars:
                    # read on to the end of this long line (a soft cut needs the
                    # character after the limit, to keep a letter with its marks)
                    break
                cut = start + _soft_cut(buf[start:], max_chunk_chars)
            yield buf[start:cut]
            start = cut
        if start:
            buf = buf[start:]
    if buf:
        yield buf


_SENTENCE_ENDS = (". ", "؟ ", "! ", "? ", "۔ ", "؛ ")
_NO_CUT_BEFORE = frozenset(
    "\u0640\u0670\u200c\u200d\u200e\u200f\u061c" + "".join(map(chr, range(0x064B, 0x0653)))
)


def _soft_cut(buf: str, limit: int) -> int:
    """Where to cut a line longer than ``limit``: after a sentence end, else a space, else anywhere
    that does not separate a letter from its marks."""
    window = buf[:limit]
    best = max(window.rfind(end) for end in _SENTENCE_ENDS)
    if best > limit // 2:
        return best + 2
    space = window.rfind(" ")
    if space > limit // 2:
        return space + 1
    cut = min(limit, len(buf))
    while 1 < cut < len(buf) and buf[cut] in _NO_CUT_BEFORE:
        cut -= 1
    return cut


def _open_binary(path: str) -> tuple[BinaryIO, bool]:
    """The file's bytes as a seekable stream (stdin is spooled to a temporary file)."""
    if path == "-":
        import tempfile  # (only here and for -o: a run that reads files needs none)

        spool = tempfile.SpooledTemporaryFile(max_size=32 << 20)
        stdin = sys.stdin.buffer
        while block := stdin.read(BLOCK_SIZE):
            spool.write(block)
        spool.seek(0)
        return spool, True  # type: ignore[return-value]
    try:
        return open(path, "rb"), True
    except OSError as e:
        raise InputError(e.strerror or str(e), path=path) from None


def text_codec(encoding: str) -> str:
    """The canonical name of a codec that turns bytes into text.

    Python's codec registry also holds bytes-to-bytes and text-to-text
    transforms (``hex``, ``base64``, ``zlib``, ``uu``, ``rot13``): they are not
    encodings of a document, and are refused like an unknown name.

    >>> text_codec("UTF8"), text_codec("windows-1256")
    ('utf-8', 'cp1256')
    """
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise InputError(f"unknown encoding {encoding!r}") from None
    # (the registry marks the transforms so; the probe catches a third-party one)
    if not getattr(info, "_is_text_encoding", True) or not _decodes_to_text(info):
        raise InputError(f"{encoding!r} is not a text encoding (it is a {info.name} transform); "
                         "name the character encoding of the file, e.g. utf-8 or windows-1256")
    return info.name


def _decodes_to_text(info: codecs.CodecInfo) -> bool:
    try:
        return isinstance(info.incrementaldecoder(errors="strict").decode(b"", final=True), str)
    except Exception:  # a codec that cannot even decode nothing is no text codec
        return False



def _probe(name: str, fh: BinaryIO, encoding: str | None,
           lazy: bool = False) -> tuple[str, int, str | None, bool]:
    """Settle the codec of the stream: (codec, bytes to skip, note, verify the rest).

    Reads it all once; or, with ``lazy``, only the first block when that settles
    the codec (a named codec, a byte-order mark, or plenty of valid UTF-8): then
    the rest is verified as it is read (the last value is True).
    """
    head = fh.read(64)
    kind = _magic_kind(head)
    if kind:
        raise InputError(f"binary file ({kind}), not text", path=name)
    bom = _bom(head)
    skip = 0
    if encoding is not None:
        codec = text_codec(encoding)
        if bom and codecs.lookup(bom[0]).name == codec:
            skip = bom[1]
    elif bom:
        codec, skip = bom
    else:
        codec = "utf-8"
    if lazy:
        failure, good, complete = _validate(name, fh, codec, skip, limit=BLOCK_SIZE)
        if failure is None and (complete or encoding is not None or bom or good >= _UTF8_EVIDENCE):
            return codec, skip, None, not complete
    failure, good_non_ascii, _ = _validate(name, fh, codec, skip)
    if failure is None:
        return codec, skip, None, False
    if encoding is not None or bom:
        raise InputError(f"cannot decode as {codec} ({failure})", path=name)
    if good_non_ascii >= _UTF8_EVIDENCE:
        # Plenty of valid multi-byte UTF-8 before the bad byte: a damaged UTF-8 file,
        # which read as windows-1256 would turn into nonsense.
        raise InputError(_damaged(failure), path=name)
    # Not UTF-8: is it Arabic saved in windows-1256?
    evidence = _Cp1256Evidence()
    fh.seek(0)
    while block := fh.read(BLOCK_SIZE):
        evidence.feed(block)
    if evidence.plausible():
        note = f"not valid UTF-8 ({failure}); read as windows-1256 (use --encoding to choose)"
        return WINDOWS_1256, 0, note, False
    raise InputError(
        f"cannot decode as UTF-8 ({failure}) and it does not read as windows-1256 Arabic; "
        "use --encoding to name its encoding",
        path=name,
    )


#: C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = recache.compile("[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
#: Codecs in which those characters are single bytes that occur in no other
#: character's encoding (UTF-8 continuation and lead bytes are all >= 0x80).
_BYTEWISE_CODECS = frozenset({"utf-8", "cp1256", "iso8859-6", "latin-1", "iso8859-1", "ascii", "cp1252"})
#: Text may hold a stray control character (real archives end articles with NUL or
#: the DOS end-of-file mark); more than this share of them means binary data.
MAX_CONTROL_SHARE = 0.01


class _Census:
    """Counts decoded characters and control characters, to tell binary data from text."""

    def __init__(self, codec: str) -> None:
        self.bytewise = codec in _BYTEWISE_CODECS
        self.codec = codec
        self.chars = self.controls = self.nuls = self.acks = 0
        #: NUL and 0x06 bytes at even offsets: the high byte comes first in UTF-16 BE
        self.high_first = 0

    def feed(self, block: bytes, text: str) -> None:
        self.chars += len(text)
        if self.bytewise:
            # one byte per control character in these codecs: counted on the bytes
            # (a C-speed delete) rather than searched for in the decoded text
            n = len(block) - len(block.translate(None, _CONTROL_BYTES))
            if n:
                self.controls += n
                self.nuls += block.count(b"\x00")
                self.acks += block.count(b"\x06")
                even = block[::2]  # (blocks are read at even offsets)
                self.high_first += even.count(b"\x00") + even.count(b"\x06")
        elif _CONTROL.search(text):
            self.controls += len(_CONTROL.findall(text))
            self.nuls += text.count("\x00")
            self.acks += text.count("\x06")  # the high byte of Arabic letters in UTF-16

    def verdict(self, name: str) -> None:
        """A stream dense in control characters (NUL…) is binary data, or UTF-16
        without a byte-order mark read as UTF-8: an :class:`InputError`."""
        if self.controls > self.chars * MAX_CONTROL_SHARE:
            hint = ""
            if self.codec == "utf-8" and max(self.nuls, self.acks) * 4 > self.chars:
                # ASCII and Arabic letters in UTF-16 have a high byte of 0x00 or 0x06:
                # first in big-endian order, second in little-endian
                order = "be" if self.high_first * 2 > self.nuls + self.acks else "le"
                hint = f"; UTF-16 without a byte-order mark? use --encoding utf-16-{order}"
            what = "NUL bytes" if self.nuls else "control characters"
            raise InputError(f"binary file (full of {what}), not text{hint}", path=name)


def _damaged(failure: object) -> str:
    return f"cannot decode as UTF-8 ({failure}); the text before it is valid UTF-8, so it looks damaged"


def _validate(name: str, fh: BinaryIO, codec: str, skip: int,
              limit: int | None = None) -> tuple[str | None, int, bool]:
    """Decode the stream (its first ``limit`` bytes, if given): (why it failed or
    None, non-ASCII characters decoded before the failure, whether the whole
    stream was read).

    A stream dense in control characters (NUL…) is binary data, or UTF-16 without
    a byte-order mark read as UTF-8: an :class:`InputError`. With ``limit``, the
    non-ASCII characters of a UTF-8 prefix that decodes are counted too.
    """
    census = _Census(codec)
    read = 0
    complete = True
    try:
        for block, text, final in _decode(fh, codec, skip):
            census.feed(block, text)
            read += len(block)
            if not final and limit is not None and read >= limit:
                complete = False
                break
    except UndecodableByteError as bad:
        # The multi-byte characters of the valid part are the evidence of a damaged
        # UTF-8 file (counted here, on the rare failure path, not for every file).
        return str(bad), _utf8_chars(fh, skip, bad.at - skip) if codec == "utf-8" else 0, False
    census.verdict(name)
    return None, _utf8_chars(fh, skip, read) if not complete and codec == "utf-8" else 0, complete


def _utf8_chars(fh: BinaryIO, skip: int, n: int) -> int:
    """Non-ASCII UTF-8 characters in the ``n`` bytes after ``skip``."""
    fh.seek(skip)
    return _count(fh.read(n), _UTF8_LEAD_BYTES)


def open_source(path: str, encoding: str | None = None, *, lazy: bool = False) -> Source:
    """Open ``path`` ('-' for stdin), settle its encoding and refuse binary data.

    Raises :class:`InputError` naming the file when it cannot be read, is binary,
    or cannot be decoded. With ``lazy``, a long file whose first megabyte settles
    its encoding is not read through first: the rest is checked as it is read,
    and a problem there raises the same error from :meth:`Source.chunks` (the
    reports are written whole or not at all, so nothing half-done is left).
    """
    name = path
    fh, owns = _open_binary(path)
    try:
        codec, skip, note, verify = _probe(name, fh, encoding, lazy)
    except OSError as e:
        fh.close()
        raise InputError(e.strerror or str(e), path=name) from None
    except BaseException:
        fh.close()
        raise
    return Source(name, fh, codec, skip, note, owns, verify)


def read_document(path: str, encoding: str | None = None) -> Document:
    """Read a whole document ('-' for stdin); see :func:`open_source`."""
    with open_source(path, encoding) as src:
        try:
            return src.read()
        except OSError as e:
            raise InputError(e.strerror or str(e), path=path) from None


def decode_bytes(data: bytes, name: str = "-", encoding: str | None = None) -> Document:
    """Decode in-memory bytes exactly as a file with that content would be."""
    import io as _io

    fh = _io.BytesIO(data)
    codec, skip, note, _ = _probe(name, fh, encoding)
    return Source(name, fh, codec, skip, note, owns=True).read()


@dataclass(slots=True)
class Inputs:
    """The PATH arguments sorted out before a run: what can be read, and what cannot."""

    #: Files to analyse, sorted, each already probed (decodable text, not binary).
    files: list[str]
    #: One error per path that cannot be used (missing, unreadable, binary, undecodable).
    problems: list[InputError]
    #: Remarks for the user, e.g. ``"old.txt: … read as windows-1256"``.
    notes: list[str]


def check_inputs(
    paths: list[str] | tuple[str, ...],
    *,
    encoding: str | None = None,
    ignore: Callable[[str], bool] = lambda path: False,
    is_text: Callable[[str], bool] = lambda path: True,
) -> Inputs:
    """Expand ``paths`` and probe every text file, so that a run can process every
    good file and name every bad one instead of stopping at the first.

    Standard input ('-') can be read only once, so it is not probed here (it is
    checked when it is read); nor are paths for which ``is_text`` is false
    (archives read by another reader).
    """
    problems: list[InputError] = []
    notes: list[str] = []
    files: list[str] = []
    for path in expand_paths(paths, on_error=problems.append):
        if ignore(path):
            continue
        if path != "-" and is_text(path):
            try:
                with open_source(path, encoding) as src:
                    if src.note:
                        notes.append(f"{src.name}: {src.note}")
            except InputError as e:
                problems.append(e)
                continue
        files.append(path)
    return Inputs(files, problems, notes)


# ------------------------------------------------------------------------ writing


#: The temporary file of a report being written: ``.<name>.claimcheck-partial-<pid>-<random>.tmp``
#: beside the target (a run killed with SIGKILL leaves it; the next run to the
#: same target removes those whose process is gone).
TEMP_MARK = "claimcheck-partial"


def _temp_prefix(name: str) -> str:
    return f".{name}.{TEMP_MARK}-"


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove the temporary files that killed runs left for this target."""
    prefix = _temp_prefix(name)
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's live process
    return True


def output_target(path: str) -> tuple[str, Path]:
    """How a report reaches ``path``: ``("stream", path)`` for a character device
    or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe: written into, never
    replaced), else ``("replace", file)`` where ``file`` is the regular file to
    replace whole — the file a symlink points to, so the link stays a link.

    Refused with :class:`OutputError`: an empty name, a folder, a block device
    or socket, and an existing file this user may not write.
    """
    import stat

    if not path or not path.strip():
        raise OutputError("an empty file name", path=repr(path))
    try:
        mode = os.stat(path).st_mode  # (follows symlinks)
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise OutputError(e.strerror or str(e), path=path) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputError("is a folder", path=path)
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return "stream", Path(path)
        if stat.S_ISBLK(mode):
            raise OutputError("is a block device: a report is never written onto a disk", path=path)
        if not stat.S_ISREG(mode):
            raise OutputError("is not a regular file, a character device or a FIFO", path=path)
        if not os.access(path, os.W_OK):
            raise OutputError("permission denied (the file is read-only)", path=path)
    real = Path(os.path.realpath(path))
    if str(real).startswith(("/proc/", "/dev/")):
        return "stream", Path(path)  # /dev/stdout and friends: the descriptor, not a file
    return "replace", real


@contextlib.contextmanager
def atomic_writer(path: str) -> Iterator[IO[bytes]]:
    """A binary file handle whose content replaces ``path`` only if the block completes.

    The temporary file is created up front beside the target (so an unwritable
    destination fails before any work is done), fsynced, then renamed over the
    target. On any exception — including KeyboardInterrupt — it is removed and
    the target keeps its previous content. A symlink is followed: the file it
    points to is replaced and the link kept. A character device or a FIFO is
    written into as a stream (see :func:`output_target`).
    """
    how, target = output_target(path)
    if how == "stream":
        try:
            fh = open(target, "wb")
        except OSError as e:
            raise OutputError(e.strerror or str(e), path=path) from None
        with fh:
            yield fh
            fh.flush()
        return
    directory = target.parent
    _remove_stale_temps(directory, target.name)
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(target.name)}{os.getpid()}-",
                                   suffix=".tmp", dir=directory)
    except OSError as e:
        raise OutputError(e.strerror or str(e), path=path) from None
    in_body = True
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            in_body = False
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(target).st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError) and not isinstance(e, ClaimcheckError) and not in_body:
            raise OutputError(e.strerror or str(e), path=path) from None
        raise


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temp file + rename)."""
    with atomic_writer(path) as fh:
        fh.write(data)
