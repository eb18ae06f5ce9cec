"""The CLI's Dask engine (``--engine dask``): archives analysed on a Dask cluster.

Each archive is read as a Dask DataFrame of its text (and id) column; every
partition runs the same analysis as the local pool (:func:`run_analysis`) on a
Dask worker and comes back as a one-column frame of claim objects, which the
report layer serialises like any other run.
"""
from __future__ import annotations

import importlib.util
from typing import Any, Callable, Sequence

from claimcheck.errors import ConfigError, InputError
from claimcheck.frame import blank_cell
from claimcheck.run.analyses import Scan, run_analysis, with_doc_id


def _items_partition(df: Any, text_column: str, id_column: str | None, analyse: Any,
                     file: str) -> Any:
    """A partition → one-column frame of claim objects (lossless, for the report layer)."""
    import pandas as pd

    texts = df[text_column].tolist()
    ids = df[id_column].tolist() if id_column is not None else None
    items: list[Any] = []
    for i, text in enumerate(texts):
        if blank_cell(text):
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
              scheduler: str | None = None, ignore: Callable[[str], bool] | None = None) -> Scan:
    """Run ``analyse`` over archives on Dask; returns a :class:`~claimcheck.run.analyses.Scan`.

    With ``scheduler`` (``tcp://host:8786``) the work goes to that running cluster;
    without, Dask's local process scheduler runs it on this machine's cores. Without
    ``id_column`` the document id is the 1-based row number, as with the local engine.
    """
    import pandas as pd

    from claimcheck.text.sources import expand_paths

    if importlib.util.find_spec("dask") is None:  # pragma: no cover - depends on the installed extras
        raise ConfigError("--engine dask needs Dask: pip install 'claimcheck[dask]'") from None
    files = [p for p in expand_paths(list(paths)) if not (ignore and ignore(p))]
    client = None
    if scheduler:
        from distributed import Client

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



__all__ = ["read_archive", "dask_scan", "SCHEDULER_TIMEOUT"]
