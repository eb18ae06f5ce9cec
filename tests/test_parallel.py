"""--jobs: the same claims, in the same order, whatever the number of workers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import cli as cli_module
from claimcheck.extraction.engine import extract
from claimcheck.run.pool import (
    Checking,
    Extraction,
    cpu_count,
    default_jobs,
    iter_items,
    ordered_map,
    resolve_jobs,
    scan,
)
from claimcheck.text import sources as cc_io

from _articles import archive_text

CHUNK = 4000  # small chunks, so a test-sized file is cut into many units


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("par") / "archive.txt"
    p.write_text(archive_text(120), encoding="utf-8")
    return p


def test_chunked_claims_match_the_whole_document(big: Path) -> None:
    text = big.read_text(encoding="utf-8")
    whole = [c.to_record() for c in extract(text, file=str(big))]
    chunked = [c.to_record() for c in iter_items([str(big)], Extraction(), jobs=1, chunk_chars=CHUNK)]
    assert len(whole) > 500
    assert chunked == whole
    for r in chunked:
        assert text[r["start"]:r["end"]] == r["text"]


def test_jobs_2_gives_identical_records_in_order(big: Path) -> None:
    one = [c.to_record() for c in iter_items([str(big)], Extraction(), jobs=1, chunk_chars=CHUNK)]
    two = [c.to_record() for c in iter_items([str(big)], Extraction(), jobs=2, chunk_chars=CHUNK)]
    assert two == one


def test_check_in_parallel_matches_one_core(big: Path) -> None:
    from claimcheck.reference.tables import load

    analyse = Checking(load(None))
    one = scan([str(big)], analyse, jobs=1, chunk_chars=CHUNK, quiet=True)
    two = scan([str(big)], analyse, jobs=2, chunk_chars=CHUNK, quiet=True)
    assert [r.to_record() for r in two.items] == [r.to_record() for r in one.items]
    assert one.files == two.files == 1


def test_a_chunk_is_checked_at_its_place_in_the_document(tmp_path: Path) -> None:
    # a chunk's claims carry the document's offsets and lines; the comparator reads
    # the chunk at those offsets less the chunk's: the same verdicts as the whole
    from claimcheck.checking.checker import check_claims
    from claimcheck.extraction.engine import extract_normalized
    from claimcheck.reference.tables import load

    (tmp_path / "facts.csv").write_text(
        "id,entity,metric,value,unit,period,keywords,source\n"
        "u23,الأردن,معدل البطالة,21.9,percent,2023,البطالة,src\n", encoding="utf-8")
    refs = load(tmp_path)
    head = "عنوان أول\nيواجه الأردن أزمة اقتصادية منذ سنوات.\n"
    chunk = "وبلغ معدل البطالة في الأردن 30 في المئة عام 2023، و21.9 في المئة بحسب الإحصاءات.\n"
    doc = head + chunk
    claims, norm = extract_normalized(doc)
    whole = [r.to_record() for r in check_claims(doc, claims, refs, normalized=norm)
             if r.claim.start >= len(head)]
    claims, norm = extract_normalized(chunk, base_offset=len(head), base_line=3)
    part = [r.to_record() for r in check_claims(chunk, claims, refs, normalized=norm, offset=len(head))]
    assert part == whole
    assert [(r["start"], r["line"], r["verdict"]) for r in part][:2] == [
        (len(head) + chunk.index("30"), 3, "contradicted"), (len(head) + chunk.index("عام"), 3,
                                                             "unverifiable")]


def _cli(args: list[str]) -> tuple[int, bytes]:
    result = CliRunner().invoke(cli_module.cli, args, catch_exceptions=False, standalone_mode=False)
    return result.exit_code, result.stdout_bytes


def test_cli_jsonl_is_byte_identical_for_jobs_1_and_2(big: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(archive_text(3 + i), encoding="utf-8")
    (folder / "draft.md").write_text("# عنوان\n\n`5 ملايين` في الكود، و7 ملايين في النص.\n",
                                     encoding="utf-8")
    monkeypatch.setattr(cc_io, "CHUNK_CHARS", CHUNK)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.jsonl"
        code, _ = _cli(["extract", str(folder), str(big), "--format", "jsonl", "-o", str(out),
                        "--jobs", jobs, "--quiet"])
        assert code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    recs = [json.loads(line) for line in outs[0].decode().splitlines()]
    assert [(r["file"], r["start"]) for r in recs] == sorted((r["file"], r["start"]) for r in recs)
    assert not any(r["text"] == "5 ملايين" for r in recs)  # Markdown code stays masked
    assert any(r["text"] == "7 ملايين" for r in recs)


def test_ordered_map_keeps_order_with_a_bounded_window() -> None:
    assert list(ordered_map(abs, range(-50, 0), jobs=2, window=3)) == list(range(50, 0, -1))


def test_default_jobs_from_size_and_cores() -> None:
    assert default_jobs(10_000, cores=8) == 1          # a pool would only add start-up
    assert default_jobs(50 << 20, cores=1) == 1
    assert default_jobs(50 << 20, cores=2) == 2
    assert default_jobs(3 << 20, cores=16) == 3        # about a megabyte per worker
    assert resolve_jobs(1, []) == 1
    assert resolve_jobs(3, []) == min(3, cpu_count())  # never more workers than cores
    assert resolve_jobs(100_000, []) == cpu_count()
    assert resolve_jobs(0, []) == cpu_count()


def test_shift_moves_every_field_it_should_and_keeps_the_rest() -> None:
    # shift() builds claims positionally (fast); it must agree with replace()
    import dataclasses
    from decimal import Decimal

    from claimcheck.model import Calendar, CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict
    from claimcheck.run.pool import shift, shift_checked

    c = Claim("a.txt", 2, 5, 10, 14, "2014", Kind.DATE, "2014", Decimal(1), Decimal(2), "date",
              Qualifier.MORE_THAN, "عام", Calendar.GREGORIAN, True, "منذ عام 2014.", Decimal(1), "doc-7")
    assert shift(c, 100, 3) == dataclasses.replace(c, start=110, end=114, line=4)
    r = CheckedClaim(c, Verdict.SUPPORTED, Reason.EXACT, "r1", Decimal(2014), "date", "2014",
                     "src", Decimal(0), 0.9, "why")
    assert shift_checked(r, 100, 3) == dataclasses.replace(r, claim=shift(c, 100, 3))


def test_worker_results_travel_as_offsets_and_come_back_whole() -> None:
    # what a worker sends for a chunk: claim texts and sentences as offsets into the
    # chunk the main process holds; anything that is not a plain slice travels as is
    import pickle

    from claimcheck.run.pool import Done, Unit, _Analyse

    text = "في عام 2014 درّب التحالف 120 ألف فرد.\nوبلغت الكلفة نحو 3.5 مليار دولار.\n"
    unit = Unit("a.txt", text, offset=500, line=7, last=False)
    done = _Analyse(Extraction())(unit)
    assert len(done.active) >= 3
    packed = done.pack_for(unit)
    assert type(packed).__name__ == "_ChunkClaims"
    assert pickle.loads(pickle.dumps(packed)).unpack_with(unit) == done
    odd = Done("a.txt", [dataclasses_replace(done.active[0], sentence="not in the chunk")], [], False)
    assert pickle.loads(pickle.dumps(odd.pack_for(unit))).unpack_with(unit) == odd


def dataclasses_replace(obj, **kw):
    import dataclasses

    return dataclasses.replace(obj, **kw)
