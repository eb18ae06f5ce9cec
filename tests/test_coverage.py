"""reference coverage: what the claims no table covers are about."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.reference.coverage import (
    Coverage,
    Topic,
    render_csv,
    render_table,
    survey,
    topics_of,
)
from claimcheck.reference.tables import load
from claimcheck.run.pool import Checking

ARTICLE = """اقتصاد المنطقة

ارتفع معدل التضخم في مصر إلى 33.9% في عام 2023.
وبلغ عدد سكان الأردن 11.4 مليون نسمة في 2023، فيما تراجعت البطالة فيه إلى 21.4%.
وقالت وزارة المالية العراقية إن الصادرات بلغت 100 مليار دولار في 2022.
وفاز الفريق بثلاثة أهداف.
"""


def topics(text: str) -> list[Topic]:
    refs = load(None)  # the bundled tables: about the coalition, none of this
    return topics_of(text, Checking(refs).run(text, "a.txt"))


def test_topics_read_entity_indicator_and_year() -> None:
    got = {(t.text, t.entity, t.indicator, t.period) for t in topics(ARTICLE)}
    assert ("33.9%", "EG", "inflation", "2023") in got
    assert ("11.4 مليون نسمة", "JO", "population", "2023") in got
    assert ("21.4%", "JO", "unemployment", "2023") in got
    # dollars go to the series published in dollars; the ministry names Iraq
    assert ("100 مليار دولار", "IQ", "exports", "2022") in got


def test_a_claim_about_nothing_known_has_no_topic_fields() -> None:
    got = {t.text: t for t in topics(ARTICLE)}
    goals = [t for k, t in got.items() if "أهداف" in k]
    assert all(t.indicator is None for t in goals)


def test_entity_named_earlier_in_the_line() -> None:
    (t,) = [t for t in topics("في السعودية تغير الكثير. وبلغ معدل التضخم 2.3% في 2023.\n")
            if t.text == "2.3%"]
    assert (t.entity, t.indicator) == ("SA", "inflation")


def test_percentages_are_not_populations() -> None:
    (t,) = topics("بلغت نسبة السكان في المدن 60% في مصر.\n")
    assert t.indicator != "population"


def test_covered_claims_are_not_counted(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("id,entity,metric,value,unit,period,keywords,source\n"
                     "eg_cpi,مصر,معدل التضخم,33.9,percent,2023,التضخم,test\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    cov = survey([str(doc)], load(table), quiet=True, jobs=1)
    assert ("EG", "inflation") not in cov.pairs
    assert cov.pairs[("JO", "population")] == 1


def test_reports() -> None:
    cov = Coverage()
    for t in topics(ARTICLE) * 2:
        cov.add(t)
    table = render_table(cov, top=2)
    lines = table.splitlines()
    assert lines[0].startswith(f"{cov.claims:,} claims no table covers")
    assert "FP.CPI.TOTL.ZG" in table and "\u2067مصر — معدل التضخم\u2069" in table
    data = render_csv(cov)
    assert data.startswith("\ufeff".encode()) and b"rank,claims,share" in data


def test_cli_coverage(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["reference", "coverage", str(doc)])
    assert r.exit_code == 0, r.output
    assert "inflation" in r.output
    out = tmp_path / "c.csv"
    r = CliRunner().invoke(cli, ["reference", "coverage", str(doc), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 0 and out.read_bytes().startswith("\ufeff".encode())
    p = subprocess.run([sys.executable, "-m", "claimcheck.cli", "reference", "coverage",
                        str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.startswith("error: ") and "Traceback" not in p.stderr


def test_archive_rows_are_documents(tmp_path: Path) -> None:
    import csv

    archive = tmp_path / "archive.csv"
    with archive.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "body"])
        w.writerow(["a1", "ارتفع معدل التضخم في مصر إلى 33.9% في عام 2023."])
        w.writerow(["a2", "وبلغ معدل التضخم 2.1% في عام 2023."])   # no country: not Egypt's
    cov = survey([str(archive)], load(None), quiet=True, jobs=1, text_column="body",
                 id_column="id")
    assert cov.pairs == {("EG", "inflation"): 1, (None, "inflation"): 1}
    assert cov.examples[("EG", "inflation")].doc_id == "a1"


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "news.txt"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not here")
def test_corpus_sample_top_20(tmp_path: Path) -> None:
    """A fifth of the news corpus (2,000 articles) gives a full top 20, at a
    fifth of the minute the whole corpus may take (benchmarks/coverage_corpus.py
    times the whole; the README quotes it)."""
    sample = tmp_path / "news_sample.txt"
    with CORPUS.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= 2000:
                break
            out.write(line)
    t0 = time.process_time()
    cov = survey([str(sample)], load(None), quiet=True, jobs=1)
    cpu = time.process_time() - t0
    assert len(cov.ranked(complete=True)) >= 20 and cov.claims > 5_000
    assert cpu < 12, f"{cpu:.1f} s of CPU for a fifth of the corpus"
