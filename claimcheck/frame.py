"""Claims as a table: pandas and Dask DataFrames in, a claims DataFrame out.

>>> import pandas as pd, claimcheck
>>> df = pd.DataFrame({"id": [7, 9], "body": ["دربت أكثر من 120 ألف فرد", "لا أرقام هنا"]})
>>> claims = claimcheck.extract_frame(df, "body", "id")
>>> claims[["doc_id", "text", "kind", "value", "qualifier"]].values.tolist()
[[7, 'أكثر من 120 ألف فرد', 'number', 120000, 'more_than']]

One row per claim, in row order then offset order. The columns are ``doc_id``
(the value of ``id_column``, with its type, or the row's index label) followed by
every field of the JSON records (SPEC §1); ``start``/``end``/``line``/``column``
are positions in that row's text. Join the claims back to the articles with
``claims.merge(df, left_on="doc_id", right_on="id")``.

A ``dask.dataframe.DataFrame`` goes through :meth:`map_partitions`: every
partition is a pandas frame handled by :func:`extract_frame` on a worker, and
the result is a lazy Dask frame (call ``.compute()`` or write it with
``.to_parquet()``). (``claimcheck extract --engine dask`` partitions archives the
same way, through :mod:`claimcheck.run.dask_engine`.)
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from claimcheck.errors import ColumnError
from claimcheck.model import CHECK_RECORD, CLAIM_RECORD

#: Columns of a claims frame, in order: the document id, then the JSON record's fields.
COLUMNS: tuple[str, ...] = ("doc_id", *CLAIM_RECORD)
#: Columns of a checked-claims frame: the claims frame's, then the verdict and its evidence.
CHECK_COLUMNS: tuple[str, ...] = (*COLUMNS, *CHECK_RECORD)

_INT_COLUMNS = ("line", "column", "start", "end")


def _is_dask(df: Any) -> bool:
    mod = type(df).__module__
    return mod.startswith(("dask.", "dask_expr"))


#: Fixed dtypes (so every partition and Dask's ``meta`` agree): positions are
#: int64, ``currency_assumed`` bool, everything else object — ``value`` mixes
#: ints, floats and ISO date strings, ``doc_id`` keeps the id column's values.
_DTYPES: dict[str, str] = dict.fromkeys(COLUMNS, "object") | dict.fromkeys(_INT_COLUMNS, "int64") \
    | {"currency_assumed": "bool"}


def empty_frame() -> Any:
    """The claims frame with no rows (the ``meta`` Dask needs)."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()}, columns=list(COLUMNS))


def blank_cell(text: Any) -> bool:
    """No document in this cell: None, NaN, pandas NA, or an empty string."""
    if isinstance(text, str):
        return text == ""
    if text is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(text))
    except (TypeError, ValueError):
        return False


def _records(texts: Iterable[Any], ids: Iterable[Any], extract: Callable[[str], list[Any]]) -> list[dict]:
    rows: list[dict] = []
    for doc_id, text in zip(ids, texts, strict=True):
        if blank_cell(text):
            continue
        for c in extract(text if isinstance(text, str) else str(text)):
            rec = c.to_record()
            rec.pop("doc_id", None)
            rows.append({"doc_id": doc_id, **rec})
    return rows


def _pandas_frame(df: Any, text_column: str, id_column: str | None, options: dict) -> Any:
    import pandas as pd

    from claimcheck.extraction.engine import extract

    if text_column not in df.columns:
        raise ColumnError(f"no text column {text_column!r} (columns: {', '.join(map(str, df.columns))})")
    if id_column is not None and id_column not in df.columns:
        raise ColumnError(f"no id column {id_column!r} (columns: {', '.join(map(str, df.columns))})")
    ids = df[id_column].tolist() if id_column is not None else df.index.tolist()
    rows = _records(df[text_column].tolist(), ids, lambda t: extract(t, **options))
    if not rows:
        return empty_frame()
    # built column by column as object data, so a missing unit stays None (not NaN)
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=t) for c, t in _DTYPES.items()},
                        columns=list(COLUMNS))


def extract_frame(df: Any, text_column: str, id_column: str | None = None, **options: Any) -> Any:
    """Claims of every row of ``df`` (pandas or Dask) as a DataFrame, one row per claim.

    ``options`` go to :func:`claimcheck.extraction.engine` (``country=``, ``file=``).
    """
    if "reference" in options:
        raise TypeError("extract_frame() finds claims; to check them against reference tables "
                        "use claimcheck.check_frame(df, text_column, id_column, reference=...)")
    if _is_dask(df):
        return df.map_partitions(_pandas_frame, text_column, id_column, options,
                                 meta=empty_frame(), align_dataframes=False)
    return _pandas_frame(df, text_column, id_column, options)


def _checked_frame(df: Any, text_column: str, id_column: str | None, options: dict) -> Any:
    import pandas as pd

    from claimcheck.checking.checker import check

    _require(df, text_column, id_column)
    ids = df[id_column].tolist() if id_column is not None else df.index.tolist()
    rows = _records(df[text_column].tolist(), ids, lambda t: check(t, **options))
    dtypes = dict.fromkeys(CHECK_COLUMNS, "object") | dict.fromkeys(_INT_COLUMNS, "int64") \
        | {"currency_assumed": "bool"}
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()}, columns=list(CHECK_COLUMNS))
    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=t) for c, t in dtypes.items()},
                        columns=list(CHECK_COLUMNS))


def _require(df: Any, text_column: str, id_column: str | None) -> None:
    if text_column not in df.columns:
        raise ColumnError(f"no text column {text_column!r} (columns: {', '.join(map(str, df.columns))})")
    if id_column is not None and id_column not in df.columns:
        raise ColumnError(f"no id column {id_column!r} (columns: {', '.join(map(str, df.columns))})")


def check_frame(df: Any, text_column: str, id_column: str | None = None, *, reference: Any = None,
                **options: Any) -> Any:
    """Checked claims of every row of a pandas DataFrame, one row per claim: the
    claims frame's columns, then ``verdict``, ``reason`` and the evidence.

    ``reference`` and ``options`` go to :func:`claimcheck.check` (``lang=``, ``country=``…).

    >>> import pandas as pd, claimcheck
    >>> df = pd.DataFrame({"id": [1], "body": ["في عام 2023"]})
    >>> claimcheck.check_frame(df, "body", "id")[["doc_id", "verdict", "reason"]].values.tolist()
    [[1, 'unverifiable', 'no_reference']]
    """
    if _is_dask(df):
        raise TypeError("check_frame() takes a pandas DataFrame (for Dask: "
                        "df.map_partitions(check_frame, ...))")
    return _checked_frame(df, text_column, id_column, dict(options, reference=reference))


__all__ = ["extract_frame", "check_frame", "empty_frame", "blank_cell", "COLUMNS", "CHECK_COLUMNS"]
