"""The frame API and the CLI on Dask: a LocalCluster with two workers on loopback."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import claimcheck  # noqa: E402

from _articles import article  # noqa: E402
from helpers import run_cli  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # Threads in this process, but a real scheduler and two workers talking TCP on loopback.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       protocol="tcp", host="127.0.0.1", dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def frame(n: int = 24) -> pd.DataFrame:
    return pd.DataFrame({"uid": [f"d{i:03d}" for i in range(n)],
                         "body": [article(i, sentences=2) for i in range(n)]})


def test_extract_frame_on_dask_equals_pandas(client) -> None:
    df = frame()
    local = claimcheck.extract_frame(df, "body", "uid")
    lazy = claimcheck.extract_frame(dd.from_pandas(df, npartitions=4), "body", "uid")
    assert list(lazy.columns) == list(local.columns)
    assert len(client.scheduler_info()["workers"]) == 2
    remote = client.compute(lazy).result()
    pd.testing.assert_frame_equal(remote.reset_index(drop=True), local.reset_index(drop=True))


def test_cli_engine_dask_on_a_running_scheduler(client, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "archive.parquet"
    frame().to_parquet(path, row_group_size=6)
    base = ["extract", str(path), "--text-column", "body", "--id-column", "uid", "--format", "jsonl"]
    code, local, err = run_cli(base + ["--jobs", "1"])
    assert code == 0, err
    code, remote, err = run_cli(base + ["--engine", "dask", "--scheduler", client.scheduler.address])
    assert code == 0, err
    assert remote == local
    assert [json.loads(line)["doc_id"] for line in remote.splitlines()][:1] == ["d000"]


def test_unreachable_scheduler_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimcheck.run.dask_engine.SCHEDULER_TIMEOUT", "1s")
    path = tmp_path / "a.jsonl"
    path.write_text('{"body": "5 ملايين"}\n', encoding="utf-8")
    code, _, err = run_cli(["extract", str(path), "--text-column", "body", "--engine", "dask",
                            "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2 and err.startswith("error: ") and "scheduler" in err
