"""Real news text: the first 1,000 articles of ../shared/corpus/news.txt.

Every claim must satisfy the offset invariants on real copy, and extracting a
big file chunk by chunk (what the CLI does for large inputs) must give exactly
the claims of extracting it whole. Skipped where ../shared is absent (a user's
clone); nothing from the corpus is copied into the project.
"""
from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from claimcheck.extraction.engine import extract
from claimcheck.text.sources import open_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news.txt"
ARTICLES = 1000

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")


def _articles(n: int) -> list[str]:
    with CORPUS.open(encoding="utf-8") as f:
        return [line.rstrip("\n") for line in itertools.islice(f, n)]


def test_first_thousand_articles_keep_the_offset_invariants() -> None:
    articles = _articles(ARTICLES)
    assert len(articles) == ARTICLES
    total, kinds, t0 = 0, set(), time.perf_counter()
    for i, doc in enumerate(articles, 1):
        claims = extract(doc, file=f"news.txt#{i}")
        last_end = 0
        for c in claims:
            where = f"article {i}, {c.start}:{c.end} {c.text!r}"
            assert 0 <= c.start < c.end <= len(doc), where
            assert doc[c.start:c.end] == c.text, where
            assert c.line == doc.count("\n", 0, c.start) + 1, where
            assert c.column == c.start - (doc.rfind("\n", 0, c.start) + 1) + 1, where
            assert c.start >= last_end, f"overlap: {where}"
            assert c.sentence and c.text.strip() in c.sentence or c.kind == "date", where
            last_end = c.end
            kinds.add(str(c.kind))
        total += len(claims)
    print(f"{ARTICLES} articles, {total} claims in {time.perf_counter() - t0:.1f}s")
    assert total > ARTICLES  # real news is full of numbers
    assert {"number", "money", "percent", "date"} <= kinds


def test_chunked_extraction_equals_whole_extraction(tmp_path) -> None:
    """The streaming path: a file of 300 articles, one per line, read in chunks."""
    text = "\n".join(_articles(300)) + "\n"
    path = tmp_path / "archive.txt"
    path.write_text(text, encoding="utf-8")
    whole = extract(text, file=str(path))
    chunked = []
    with open_source(str(path)) as src:
        chunks = list(src.chunks(50_000, 200_000))
        for ch in chunks:
            chunked += extract(ch.text, file=src.name, base_offset=ch.offset, base_line=ch.line)
    assert len(chunks) > 5
    assert [c.to_record() for c in chunked] == [c.to_record() for c in whole]
