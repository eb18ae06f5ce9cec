"""The wheel carries every package of the source tree (pyproject lists them by hand)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "claimcheck").rglob("__init__.py")}
    missing = on_disk - listed
    assert not missing, f"packages a wheel would leave out: {sorted(missing)}"
    assert "claimcheck.extraction.kinds" in listed  # a sub-package, as the engine's kinds are


def test_a_package_that_is_not_there_is_not_listed() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]
    for name in listed:
        if name == "claimcheck.reference_data":
            continue  # mapped from reference_data/ by package-dir
        assert (ROOT / Path(*name.split("."))).is_dir(), name
