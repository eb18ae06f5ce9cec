"""The HTML report in a real browser (headless Chromium).

Checks the rendered page, not the markup: every claim is highlighted (one
visible ``mark.claim`` per claim), focusing a claim shows its evidence, and the
page does not overflow sideways at phone width. Screenshots go to ``reports/``.
Skipped when Chromium is not installed (``.ci/run`` installs it).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimcheck.report import render
from golden.sample import DOCUMENTS, checked, claims

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
REPORTS = Path(__file__).resolve().parent.parent / "reports"

# Measures the laid-out page and writes the figures into the DOM for --dump-dom.
PROBE = """<script>
(() => {
  const marks = [...document.querySelectorAll('mark.claim')];
  const visible = marks.filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1
      || e.getBoundingClientRect().left < -1).map(e => e.tagName + '.' + e.className);
  let tipShown = null;
  if (marks.length) {
    const tip = marks[0].querySelector('.tip');
    const before = getComputedStyle(tip).display;
    marks[0].focus();
    tipShown = before === 'none' && getComputedStyle(tip).display !== 'none' && document.activeElement === marks[0];
    marks[0].blur();
  }
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({marks: marks.length, visible: visible.length,
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 5),
    tipShown, dir: root.dir, tabbable: marks.every(m => m.tabIndex === 0)});
  document.body.appendChild(out);
})();
</script>"""


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    profile.mkdir()
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _measure(tmp_path: Path, page: str, width: int) -> dict:
    # The report forbids scripts (CSP); the test's copy allows its own probe only.
    probed = page.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1)
    probed = probed.replace("</body>", PROBE + "</body>", 1)
    path = tmp_path / f"probe-{width}.html"
    path.write_text(probed, encoding="utf-8")
    proc = _chromium(tmp_path, f"--window-size={width},900", "--dump-dom", path.as_uri())
    m = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert m, f"no probe output; chromium said: {proc.stderr[-2000:]}"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def _screenshot(tmp_path: Path, page_path: Path, name: str, width: int, height: int) -> Path:
    REPORTS.mkdir(exist_ok=True)
    shot = REPORTS / name
    proc = _chromium(tmp_path, f"--window-size={width},{height}", f"--screenshot={shot}",
                     page_path.as_uri())
    assert shot.exists() and shot.stat().st_size > 0, proc.stderr[-2000:]
    return shot


@pytest.mark.parametrize("kind", ["check", "extract"])
@pytest.mark.parametrize("width", [360, 1200])
def test_every_claim_highlighted_and_nothing_overflows(tmp_path, kind, width):
    items = checked() if kind == "check" else claims()
    page = render(items, "html", documents=DOCUMENTS).decode()
    got = _measure(tmp_path, page, width)
    assert got["marks"] == len(items)
    assert got["visible"] == len(items)
    assert got["tabbable"] is True
    assert got["tipShown"] is True, "focusing a claim must show its evidence"
    assert got["dir"] == "rtl"
    assert got["scrollWidth"] <= got["clientWidth"], f"horizontal overflow: {got}"
    assert got["wide"] == [], f"elements wider than the viewport: {got['wide']}"


def test_screenshots_saved_under_reports(tmp_path):
    page = tmp_path / "report.html"
    page.write_bytes(render(checked(), "html", documents=DOCUMENTS, suppressed=checked()[-1:]))
    phone = _screenshot(tmp_path, page, "html_report_phone.png", 390, 1600)
    desktop = _screenshot(tmp_path, page, "html_report_desktop.png", 1200, 1000)
    assert phone.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert desktop.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_engine_output_on_the_seed_article(tmp_path):
    """The real pipeline: extract the seed article, highlight every claim it finds."""
    from claimcheck.extraction.engine import extract

    seed = Path(__file__).resolve().parents[2] / "shared" / "samples" / "seed_article.txt"
    if not seed.exists():
        pytest.skip("no seed article")
    text = seed.read_text(encoding="utf-8")
    found = extract(text, file="seed_article.txt")
    page = render(found, "html", documents={"seed_article.txt": text}).decode()
    got = _measure(tmp_path, page, 360)
    assert got["marks"] == len(found)
    assert got["scrollWidth"] <= got["clientWidth"], got
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    _screenshot(tmp_path, path, "html_seed_phone.png", 390, 2400)
