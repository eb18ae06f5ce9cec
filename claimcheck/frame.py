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
``.to_parquet()``). That is what ``claimcheck extract --engine dask`` runs.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterable, Sequence

from claimcheck.model import CLAIM_RECORD

#: Columns of a claims frame, in order: the document id, then the JSON record's fields.
COLUMNS: tuple[str, ...] = ("doc_id", *CLAIM_RECORD)

_INT_COLUMNS = ("line", "column", "start", "end")


def _is_dask(df: Any) -> bool:
    mod = type(df).__module__
    return mod.startswith("dask.") or mod.startswith("dask_expr")


#: Fixed dtypes (so every partition and Dask's ``meta`` agree): positions are
#: int64, ``currency_assumed`` bool, everything else object — ``value`` mixes
#: ints, floats and ISO date strings, ``doc_id`` keeps the id column's values.
_DTYPES: dict[str, str] = {c: "object" for c in COLUMNS} | {c: "int64" for c in _INT_COLUMNS} \
    | {"currency_assumed": "bool"}


def empty_frame() -> Any:
    """The claims frame with no rows (the ``meta`` Dask needs)."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()}, columns=list(COLUMNS))


def _blank(text: Any) -> bool:
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
    for doc_id, text in zip(ids, texts):
        if _blank(text):
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
        raise KeyError(f"no text column {text_column!r} (columns: {', '.join(map(str, df.columns))})")
    if id_column is not None and id_column not in df.columns:
        raise KeyError(f"no id column {id_column!r} (columns: {', '.join(map(str, df.columns))})")
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
    if _is_dask(df):
        return df.map_partitions(_pandas_frame, text_column, id_column, options,
                                 meta=empty_frame(), align_dataframes=False)
    return _pandas_frame(df, text_column, id_column, options)


# --------------------------------------------------------------------------- the CLI's Dask engine


def _items_partition(df: Any, text_column: str, id_column: str | None, analyse: Any,
                     file: str) -> Any:
    """A partition → one-column frame of claim objects (lossless, for the report layer)."""
    import pandas as pd

    from claimcheck.run.pool import run_analysis, with_doc_id

    texts = df[text_column].tolist()
    ids = df[id_column].tolist() if id_column is not None else None
    items: list[Any] = []
    for i, text in enumerate(texts):
        if _blank(text):
            continue
        doc = ids[i] if ids is not None else None
        for it in run_analysis(analyse, text if isinstance(text, str) else str(text), file):
            items.append(with_doc_id(it, _str_id(doc)) if doc is not None else it)
    return pd.DataFrame({"item": pd.Series(items, dtype="object")})


def _str_id(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_archive(path: str, text_column: str, id_column: str | None = None) -> Any:
    """A Dask DataFrame of an archive's text (and id) column.

    CSV is read as one partition per file: quoted articles hold line breaks, which
    byte-range partitions would cut through. JSON Lines escape them, so a JSONL
    archive is split into ~64 MB blocks; Parquet partitions by row group.
    """
    import dask.dataframe as dd

    from claimcheck.text.archives import archive_format
    from claimcheck.errors import InputError

    cols = [text_column] + ([id_column] if id_column and id_column != text_column else [])
    fmt = archive_format(path)
    try:
        if fmt == "csv":
            sep = "\t" if path.lower().endswith(".tsv") else ","
            ddf = dd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, blocksize=None,
                              encoding="utf-8-sig")
        elif fmt == "jsonl":
            ddf = dd.read_json(path, lines=True, blocksize=64 << 20, dtype=False)
        elif fmt == "parquet":
            ddf = dd.read_parquet(path)
        else:
            raise InputError("--engine dask reads archives (.csv, .jsonl, .parquet)", path=path)
    except (OSError, ValueError) as e:
        if isinstance(e, InputError):
            raise
        raise InputError(f"cannot read as {fmt}: {e}", path=path) from None
    missing = [c for c in cols if c not in ddf.columns]
    if missing:
        raise InputError(f"no column {missing[0]!r} (columns: {', '.join(map(str, ddf.columns))})",
                         path=path)
    return ddf[cols]


#: How long to try reaching a ``--scheduler`` before giving up.
SCHEDULER_TIMEOUT = "10s"


def dask_scan(paths: Sequence[str], analyse: Any, *, text_column: str, id_column: str | None = None,
              scheduler: str | None = None, ignore: Callable[[str], bool] | None = None) -> Any:
    """Run ``analyse`` over archives on Dask; returns a :class:`claimcheck.text.drafts.Scan`.

    With ``scheduler`` (``tcp://host:8786``) the work goes to that running cluster;
    without, Dask's local process scheduler runs it on this machine's cores. Without
    ``id_column`` the document id is the 1-based row number, as with the local engine.
    """
    import pandas as pd

    from claimcheck.text.drafts import Scan
    from claimcheck.text.sources import expand_paths

    try:
        import dask
    except ImportError:  # pragma: no cover - depends on the installed extras
        from claimcheck.errors import ConfigError

        raise ConfigError("--engine dask needs Dask: pip install 'claimcheck[dask]'") from None
    files = [p for p in expand_paths(list(paths)) if not (ignore and ignore(p))]
    client = None
    if scheduler:
        from distributed import Client

        from claimcheck.errors import ConfigError

        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    try:
        result = Scan()
        meta = pd.DataFrame({"item": pd.Series([], dtype="object")})
        for path in files:
            ddf = read_archive(path, text_column, id_column)
            id_col = id_column
            if id_col is None:
                # the 1-based row number across partitions (as the local engine numbers rows)
                ddf = ddf.assign(_row=1)
                ddf["_row"] = ddf["_row"].cumsum()
                id_col = "_row"
            parts = ddf.map_partitions(_items_partition, text_column, id_col, analyse, path,
                                       meta=meta, align_dataframes=False)
            if client is not None:
                frame = client.compute(parts).result()
            else:
                frame = parts.compute(scheduler="processes")
            result.items.extend(frame["item"].tolist())
            result.files += 1
        return result
    finally:
        if client is not None:
            client.close()


__all__ = ["extract_frame", "empty_frame", "read_archive", "dask_scan", "COLUMNS"]
