"""claimcheck.extract_frame: a pandas frame of articles → a frame of claims."""
from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")

import claimcheck  # noqa: E402
from claimcheck.extraction.engine import extract  # noqa: E402
from claimcheck.frame import COLUMNS  # noqa: E402

from _articles import article  # noqa: E402


def articles(n: int = 12) -> pd.DataFrame:
    texts = [article(i, sentences=2) for i in range(n)]
    if n > 5:
        texts[3] = None  # missing copy
        texts[5] = ""
    return pd.DataFrame({"uid": [1000 + i for i in range(n)], "body": texts, "desk": "اقتصاد"})


def test_one_row_per_claim_in_row_then_offset_order() -> None:
    df = articles()
    claims = claimcheck.extract_frame(df, "body", "uid")
    assert tuple(claims.columns) == COLUMNS
    expected = [(1000 + i, c.start, c.text, str(c.kind))
                for i, t in enumerate(df["body"]) if isinstance(t, str) and t for c in extract(t)]
    got = list(zip(claims["doc_id"], claims["start"], claims["text"], claims["kind"], strict=True))
    assert got == expected
    assert claims["start"].dtype == "int64" and claims["currency_assumed"].dtype == "bool"


def test_records_match_the_json_records() -> None:
    df = articles(3)
    claims = claimcheck.extract_frame(df, "body", "uid")
    first = extract(df["body"][0])[0].to_record()
    row = claims.iloc[0].to_dict()
    assert {k: row[k] for k in first} == first


def test_index_is_the_default_doc_id_and_joins_back() -> None:
    df = articles(4).set_index(pd.Index(["a", "b", "c", "d"]))
    claims = claimcheck.extract_frame(df, "body")
    assert set(claims["doc_id"]) <= {"a", "b", "c", "d"}
    joined = claims.merge(df, left_on="doc_id", right_index=True)
    assert len(joined) == len(claims) and (joined["desk"] == "اقتصاد").all()


def test_empty_and_claimless_frames_keep_the_columns() -> None:
    empty = claimcheck.extract_frame(pd.DataFrame({"body": []}), "body")
    assert tuple(empty.columns) == COLUMNS and len(empty) == 0
    none = claimcheck.extract_frame(pd.DataFrame({"body": ["لا أرقام هنا"]}), "body")
    assert len(none) == 0 and tuple(none.columns) == COLUMNS


def test_missing_column_names_the_columns() -> None:
    with pytest.raises(KeyError, match="body"):
        claimcheck.extract_frame(pd.DataFrame({"text": ["5"]}), "body")
    with pytest.raises(KeyError, match="uid"):
        claimcheck.extract_frame(pd.DataFrame({"body": ["5"]}), "body", "uid")


def test_check_frame_beside_extract_frame(tmp_path):
    import pandas as pd

    import claimcheck

    (tmp_path / "f.csv").write_text("id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
                                    "p,التحالف,عدد الشركاء,87,,2024,,,شريك|شريكا|شركاء,src\n",
                                    encoding="utf-8")
    df = pd.DataFrame({"aid": [10, 11], "body": ["ضم التحالف 78 شريكًا في عام 2024.", "لا أرقام"]})
    got = claimcheck.check_frame(df, "body", "aid", reference=tmp_path)
    assert list(got.columns[:3]) == ["doc_id", "file", "line"] and "verdict" in got.columns
    rows = {r.text: (r.doc_id, r.verdict, r.reason) for r in got.itertuples()}
    assert rows["78 شريكًا"] == (10, "contradicted", "value_mismatch")
    empty = claimcheck.check_frame(df.iloc[1:], "body", "aid", reference=tmp_path)
    assert len(empty) == 0 and "explanation" in empty.columns
    with pytest.raises(TypeError, match="check_frame"):
        claimcheck.extract_frame(df, "body", "aid", reference=tmp_path)
