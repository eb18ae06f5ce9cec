"""Documents in, reports out: encodings, binary input, streaming chunks, atomic writes."""
from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError, InputError
from claimcheck.text import sources as ccio
from claimcheck.text.sources import (
    Chunk,
    OutputError,
    atomic_write,
    atomic_writer,
    decode_bytes,
    expand_paths,
    iter_paths,
    open_source,
    read_document,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news.txt"

# Our own sentences; every character here exists in windows-1256 (Western digits).
ARTICLE = (
    "دربت المملكة المتحدة أكثر من 120 ألف فرد منذ عام 2014.\n"
    "وبلغت قيمة الصفقة نحو 3.5 مليار دولار، أي 15 في المائة من الميزانية.\n"
    "\n"
    "وقال الوزير إن العمل سيستمر نحو 9 أشهر.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# --------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "label, data",
    [
        ("utf-8", ARTICLE.encode("utf-8")),
        ("utf-8-bom", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
        ("utf-16-le-bom", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")),
        ("utf-16-be-bom", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
        ("utf-32-bom", ARTICLE.encode("utf-32")),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_unambiguous_encodings_decode_without_note(tmp_path, label, data):
    path = _write(tmp_path, f"{label}.txt", data)
    doc = read_document(path)
    assert doc.text == ARTICLE  # the byte-order mark is not part of the document
    assert doc.note is None
    assert doc.name == path


def test_windows_1256_is_detected_with_a_note(tmp_path):
    path = _write(tmp_path, "old.txt", ARTICLE.encode("cp1256"))
    doc = read_document(path)
    assert doc.text == ARTICLE
    assert doc.encoding == "cp1256"
    assert doc.note and "windows-1256" in doc.note and "\n" not in doc.note


def test_short_windows_1256_text_is_detected():
    doc = decode_bytes("بلغ عدد السكان 5 ملايين".encode("cp1256"))
    assert doc.text == "بلغ عدد السكان 5 ملايين"
    assert doc.encoding == "cp1256"


def test_forced_encoding_wins_and_gives_no_note(tmp_path):
    path = _write(tmp_path, "old.txt", ARTICLE.encode("cp1256"))
    doc = read_document(path, encoding="windows-1256")
    assert doc.text == ARTICLE and doc.note is None


def test_forced_utf16_without_bom(tmp_path):
    path = _write(tmp_path, "u16.txt", ARTICLE.encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_document(path)
    assert read_document(path, encoding="utf-16-le").text == ARTICLE


def test_forced_utf8_on_a_file_with_bom_drops_the_bom(tmp_path):
    path = _write(tmp_path, "bom.txt", codecs.BOM_UTF8 + ARTICLE.encode())
    assert read_document(path, encoding="utf-8").text == ARTICLE


def test_forced_encoding_that_does_not_fit_names_file_and_byte(tmp_path):
    path = _write(tmp_path, "old.txt", ARTICLE.encode("cp1256"))
    with pytest.raises(InputError) as e:
        read_document(path, encoding="utf-8")
    msg = e.value.user_message()
    assert msg.startswith(path + ": ") and "utf-8" in msg and "byte 0" in msg


def test_unknown_encoding_is_an_input_error(tmp_path):
    path = _write(tmp_path, "a.txt", b"abc")
    with pytest.raises(InputError, match="unknown encoding"):
        read_document(path, encoding="no-such-codec")


def test_latin1_text_is_not_mistaken_for_arabic(tmp_path):
    path = _write(tmp_path, "fr.txt", "Le café coûte 3 € à Montréal, déjà élevé.".encode("cp1252"))
    with pytest.raises(InputError) as e:
        read_document(path)
    msg = e.value.user_message()
    assert msg.startswith(path) and "--encoding" in msg


def test_damaged_utf8_is_an_error_not_windows_1256_nonsense(tmp_path):
    data = ARTICLE.encode() * 50
    at = data.index(b" ", 3000)
    data = data[:at] + b"\xff" + data[at:]
    path = _write(tmp_path, "damaged.txt", data)
    with pytest.raises(InputError) as e:
        read_document(path)
    assert f"0xff at byte {at}" in str(e.value) and "damaged" in str(e.value)


def test_error_position_is_document_wide_across_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 7)
    data = "ا".encode() * 20 + b"\xc3(" + b"x" * 20
    with pytest.raises(InputError, match=r"0xc3 at byte 40"):
        decode_bytes(data, "x.txt")


# A big file is probed on its first block only and checked as it is read
# (open_source(lazy=True), what the streaming runs use): the same errors, raised
# by the reading instead of before it.


def _stream(path):
    with ccio.open_source(path, lazy=True) as src:
        return "".join(c.text for c in src.chunks(64, 256))


def test_lazy_probe_reads_a_clean_file_like_the_full_one(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 64)
    data = ARTICLE.encode() * 20
    path = _write(tmp_path, "big.txt", data)
    with ccio.open_source(path, lazy=True) as src:
        assert src._verify  # only the first block was probed
    assert _stream(path) == data.decode()


def test_lazy_probe_finds_damage_past_the_first_block(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 64)
    data = ARTICLE.encode() * 20
    at = data.index(b" ", len(data) // 2)
    data = data[:at] + b"\xff" + data[at:]
    path = _write(tmp_path, "damaged.txt", data)
    with pytest.raises(InputError) as e:
        _stream(path)
    # the same message as the full probe gives
    assert f"0xff at byte {at}" in str(e.value) and "damaged" in str(e.value)
    with pytest.raises(InputError) as full:
        read_document(path)
    assert str(full.value) == str(e.value)


def test_lazy_probe_finds_binary_data_past_the_first_block(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 64)
    path = _write(tmp_path, "tail.txt", ARTICLE.encode() * 3 + bytes(5000))
    with pytest.raises(InputError, match="NUL bytes"):
        _stream(path)


def test_lazy_probe_reads_everything_when_the_first_block_proves_nothing(tmp_path, monkeypatch):
    # an ASCII first block says nothing about the encoding: Arabic in windows-1256
    # after it is still detected (the whole file is probed, as without lazy)
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 64)
    data = b"x" * 200 + "\n".join([ARTICLE] * 3).encode("cp1256")
    path = _write(tmp_path, "old.txt", data)
    with ccio.open_source(path, lazy=True) as src:
        assert src.encoding == "cp1256" and src.note and not src._verify


# ------------------------------------------------------------------------ binary


@pytest.mark.parametrize(
    "label, data, kind",
    [
        ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "PNG image"),
        ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(40), "JPEG image"),
        ("gif", b"GIF89a\x01\x00\x01\x00", "GIF image"),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        ("docx", b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        ("gzip", b"\x1f\x8b\x08\x00" + bytes(10), "gzip archive"),
        ("elf", b"\x7fELF\x02\x01\x01" + bytes(9), "executable"),
        ("webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP image"),
        ("nul", "نص عادي".encode() + b"\x00\x01\x02 more", "NUL bytes"),
        ("nul-late", ARTICLE.encode() * 300 + bytes(5000), "NUL bytes"),
        ("controls", ARTICLE.encode() + bytes(range(1, 9)) * 50, "control characters"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_binary_input_is_an_error_naming_the_file(tmp_path, label, data, kind):
    path = _write(tmp_path, f"{label}.txt", data)
    with pytest.raises(InputError) as e:
        read_document(path)
    msg = e.value.user_message()
    assert msg.startswith(path + ": binary file")
    assert kind in msg
    assert "\n" not in msg


def test_stray_nul_and_eof_marks_in_real_text_are_kept(tmp_path):
    """Archives converted from old systems end articles with NUL or ^Z (0x1A)."""
    text = (ARTICLE.rstrip("\n") + " \x00\n") * 20 + "\x1a"
    doc = read_document(_write(tmp_path, "archive.txt", text.encode()))
    assert doc.text == text  # kept, so offsets stay true to the file


def test_arabic_utf16_without_bom_is_not_read_as_utf8(tmp_path):
    """Arabic letters in UTF-16 LE are valid UTF-8 bytes (0x06 + ASCII) — but nonsense."""
    path = _write(tmp_path, "u16.txt", "مليار دولار في المائة".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_document(path)


def test_random_bytes_are_refused(tmp_path):
    import random

    rnd = random.Random(6)
    data = bytes(rnd.randrange(1, 256) for _ in range(20000))
    path = _write(tmp_path, "noise.txt", data)
    with pytest.raises(InputError):
        read_document(path)


def test_text_starting_with_mz_is_still_text():
    assert decode_bytes(b"MZ is a postcode; 120 items").text.startswith("MZ")


# ------------------------------------------------------------------------ chunks


def _chunks(tmp_path, text: str, chunk_chars: int, max_chunk_chars: int, **kw) -> list[Chunk]:
    path = _write(tmp_path, "doc.txt", text.encode(kw.pop("encoding", "utf-8")))
    with open_source(path) as src:
        return list(src.chunks(chunk_chars, max_chunk_chars))


def _check_chunks(text: str, chunks: list[Chunk]) -> None:
    assert "".join(c.text for c in chunks) == text
    for c in chunks:
        assert text[c.offset:c.offset + len(c.text)] == c.text
        assert c.line == text.count("\n", 0, c.offset) + 1
        assert c.text


def test_chunks_are_cut_at_line_ends_with_document_offsets(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 333)  # splits multi-byte letters across blocks
    text = ARTICLE * 200
    chunks = _chunks(tmp_path, text, 1000, 4000)
    assert len(chunks) > 10
    _check_chunks(text, chunks)
    assert all(c.text.endswith("\n") for c in chunks)
    assert all(len(c.text) < 1000 + 333 + 200 for c in chunks)


def test_a_long_line_is_cut_at_a_sentence_end(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 500)
    text = ARTICLE.replace("\n", " ") * 100  # one line
    chunks = _chunks(tmp_path, text, 1000, 4000)
    _check_chunks(text, chunks)
    assert all(len(c.text) <= 4000 for c in chunks)
    assert all(c.text.endswith((". ", "\u060c ", " ")) for c in chunks[:-1])
    assert sum(c.text.endswith(". ") for c in chunks[:-1]) == len(chunks) - 1


def test_a_long_line_without_spaces_is_cut_between_letters_not_marks(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 256)
    text = "بَـ" * 5000
    chunks = _chunks(tmp_path, text, 1000, 4000)
    _check_chunks(text, chunks)
    for c in chunks[1:]:
        assert c.text[0] == "ب"


def test_chunks_of_utf16_and_windows_1256(tmp_path, monkeypatch):
    monkeypatch.setattr(ccio, "BLOCK_SIZE", 101)
    text = ARTICLE * 50
    for data in (codecs.BOM_UTF16_BE + text.encode("utf-16-be"), text.encode("cp1256")):
        path = _write(tmp_path, "doc.txt", data)
        with open_source(path) as src:
            _check_chunks(text, list(src.chunks(500, 2000)))


def test_bom_is_not_counted_in_offsets(tmp_path):
    path = _write(tmp_path, "bom.txt", codecs.BOM_UTF8 + ARTICLE.encode())
    with open_source(path) as src:
        first = next(src.chunks())
    assert first.offset == 0 and first.text == ARTICLE


def test_empty_file_has_no_chunks(tmp_path):
    path = _write(tmp_path, "empty.txt", b"")
    with open_source(path) as src:
        assert list(src.chunks()) == []
    assert read_document(path).text == ""


def test_stdin_is_read_like_a_file(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1256")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = read_document("-")
    assert doc.name == "-" and doc.text == ARTICLE and doc.encoding == "cp1256"


# ------------------------------------------------------------------------- paths


def test_folders_expand_to_their_text_files_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("x")
    (tmp_path / "b" / "a.TXT").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    (tmp_path / "dir.txt").mkdir()  # a folder named like a text file is not a file
    got = list(iter_paths([str(tmp_path)]))
    assert got == sorted(got)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in got] == ["a.txt", "b/a.TXT", "b/z.md"]


def test_missing_path_raises_or_is_reported(tmp_path):
    good = _write(tmp_path, "good.txt", b"x")
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no such file"):
        list(iter_paths([missing, good]))
    errors: list[InputError] = []
    assert list(iter_paths([missing, good], on_error=errors.append)) == [good]
    assert [e.path for e in errors] == [missing]


def test_expand_paths_sorts_and_removes_duplicates(tmp_path):
    a = _write(tmp_path, "a.txt", b"x")
    b = _write(tmp_path, "b.txt", b"x")
    assert expand_paths([b, a, b]) == [a, b]


def test_unreadable_file_names_the_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = _write(tmp_path, "secret.txt", b"x")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="secret.txt"):
        read_document(path)


# ------------------------------------------------------------------------ writing


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_replaces_whole(tmp_path):
    target = tmp_path / "report.jsonl"
    target.write_bytes(b"old\n")
    atomic_write(str(target), b"new\n")
    assert target.read_bytes() == b"new\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("exc", [RuntimeError("engine crashed"), KeyboardInterrupt()])
def test_failed_write_keeps_the_previous_report(tmp_path, exc):
    target = tmp_path / "report.jsonl"
    target.write_bytes(b"previous report\n")
    with pytest.raises(type(exc)):
        with atomic_writer(str(target)) as fh:
            fh.write(b"half of a new rep")
            raise exc
    assert target.read_bytes() == b"previous report\n"
    assert _leftovers(tmp_path) == []


def test_writer_keeps_the_mode_of_the_report_it_replaces(tmp_path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(str(target), b"new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_new_report_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "new.csv"
    atomic_write(str(target), b"x")
    mode = stat.S_IMODE(os.stat(target).st_mode)
    assert mode & 0o600 == 0o600 and mode & 0o044  # not mkstemp's private 0600


@pytest.mark.parametrize("where", ["missing-folder/report.csv", "."])
def test_unwritable_destination_is_an_output_error(tmp_path, where):
    target = str(tmp_path / where)
    with pytest.raises(OutputError) as e:
        with atomic_writer(target):
            pytest.fail("the body must not run when the report cannot be written")
    assert isinstance(e.value, ClaimcheckError)
    msg = e.value.user_message()
    assert msg.startswith(target) and "\n" not in msg


# ------------------------------------------------------- real text, old code page


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_corpus_articles_saved_as_windows_1256_are_recognised():
    seen = 0
    with CORPUS.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 400:
                break
            try:
                data = line.encode("cp1256")
            except UnicodeEncodeError:
                continue
            if "?C?" in line:  # lines already garbled in the corpus
                continue
            doc = decode_bytes(data, f"line{i}")
            assert doc.text == line and doc.encoding == "cp1256", i
            seen += 1
    assert seen > 100
