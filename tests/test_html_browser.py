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

from claimcheck.model import CONSISTENCY_REASONS
from claimcheck.report import render

from golden.sample import DOCUMENTS, checked, claims

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
REPORTS = Path(__file__).resolve().parent.parent / "reports"

# Measures the laid-out page and writes the figures into the DOM for --dump-dom.
PROBE = """<script>
(() => {
  const marks = [...document.querySelectorAll('mark.claim')];
  const visible = marks.filter(m => {
    const r = m.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(
      e => e.getBoundingClientRect().right > root.clientWidth + 1 || e.getBoundingClientRect().left < -1
    ).map(e => e.tagName + '.' + e.className);
  let tipShown = null;
  if (marks.length) {
    const tip = marks[0].querySelector('.tip');
    const before = getComputedStyle(tip).display;
    marks[0].focus();
    tipShown = before === 'none' && getComputedStyle(tip).display !== 'none'
      && document.activeElement === marks[0];
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


# --- a report to work in: filters, order, bidi, phone width ---------------------------------

def _probe(tmp_path: Path, page: str, width: int, body: str, *extra: str) -> dict:
    """Run ``body`` (JavaScript that assigns ``result``) on the laid-out page."""
    script = ("<script>(() => { let result = null;\n" + body +
              "\nconst out = document.createElement('pre'); out.id = 'probe';"
              " out.textContent = JSON.stringify(result); document.body.appendChild(out); })();</script>")
    probed = page.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1)
    probed = probed.replace("</body>", script + "</body>", 1)
    path = tmp_path / f"probe-{width}-{len(list(tmp_path.iterdir()))}.html"
    path.write_text(probed, encoding="utf-8")
    proc = _chromium(tmp_path, f"--window-size={width},900", *extra, "--dump-dom", path.as_uri())
    m = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert m, f"no probe output; chromium said: {proc.stderr[-2000:]}"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">"))


VISIBLE = ("const shown = () => [...document.querySelectorAll('li.finding')]"
           ".filter(li => li.offsetParent !== null);")


def test_filters_change_what_is_shown(tmp_path):
    page = render(checked(), "html", documents=DOCUMENTS).decode()
    got = _probe(tmp_path, page, 1200, VISIBLE + """
      const pick = (key, value) => { const s = document.querySelector(`select[data-key="${key}"]`);
        s.value = value; s.dispatchEvent(new Event('change')); };
      const form = document.getElementById('filters');
      const all = shown().length;
      pick('verdict', 'contradicted');
      const contradicted = shown().map(li => li.dataset.verdict);
      pick('verdict', 'inconsistent');
      const inconsistent = shown().map(li => li.dataset.reason);
      pick('verdict', ''); pick('reason', 'inconsistent_elapsed');
      const reasons = shown().map(li => li.dataset.reason);
      pick('reason', ''); pick('file', 'notes.txt');
      const files = shown().map(li => li.dataset.file);
      const docs = [...document.querySelectorAll('section.doc')].filter(d => d.offsetParent !== null)
        .map(d => d.dataset.file);
      pick('file', '');
      result = {formShown: !form.hidden, all, contradicted, inconsistent, reasons, files, docs,
                after: shown().length,
                counter: document.getElementById('shown').textContent};
    """)
    n = len(checked())
    assert got["formShown"] is True
    assert got["all"] == n
    # a contradiction between the document's own figures is its own class on the page
    own = {c.reason for c in checked() if c.reason in CONSISTENCY_REASONS}
    n_contradicted = sum(1 for c in checked() if c.verdict == "contradicted" and c.reason not in own)
    assert got["contradicted"] == ["contradicted"] * n_contradicted
    assert got["inconsistent"] and set(got["inconsistent"]) == own == {"inconsistent_elapsed"}
    n_elapsed = sum(1 for c in checked() if c.reason == "inconsistent_elapsed")
    assert got["reasons"] == ["inconsistent_elapsed"] * n_elapsed
    assert got["files"] and set(got["files"]) == {"notes.txt"} and got["docs"] == ["notes.txt"]
    assert got["after"] == n and got["counter"].endswith(str(n))


def test_summary_count_link_filters_by_its_verdict(tmp_path):
    page = render(checked(), "html", documents=DOCUMENTS).decode()
    got = _probe(tmp_path, page, 1200, VISIBLE + """
      document.querySelector('.summary a[data-filter="unverifiable"]').click();
      result = {shown: shown().map(li => li.dataset.verdict), hash: location.hash,
                select: document.querySelector('select[data-key="verdict"]').value};
    """)
    assert set(got["shown"]) == {"unverifiable"} and got["select"] == "unverifiable"
    assert got["hash"] == "#g-unverifiable"


def test_findings_worst_first(tmp_path):
    page = render(checked(), "html", documents=DOCUMENTS).decode()
    got = _probe(tmp_path, page, 1200, VISIBLE + "result = shown().map(li => li.dataset.verdict);")
    rank = {"contradicted": 0, "inconsistent": 1, "unverifiable": 2, "supported": 3}
    assert [rank[v] for v in got] == sorted(rank[v] for v in got) and got[0] == "contradicted"


def test_without_scripts_everything_is_shown(tmp_path):
    """Scripts off (the report's script removed; the probe alone runs): the filter form
    stays hidden, every finding is listed under its verdict's heading, the links work."""
    from claimcheck.report.html import SCRIPT

    page = render(checked(), "html", documents=DOCUMENTS).decode()
    assert f"<script>{SCRIPT}</script>" in page
    page = page.replace(f"<script>{SCRIPT}</script>", "")
    got = _probe(tmp_path, page, 1200, VISIBLE + """
      const groups = [...document.querySelectorAll('section.group')].map(g => g.id);
      const targets = [...document.querySelectorAll('.summary a')].map(a => a.getAttribute('href'))
        .every(h => document.querySelector(h) !== null);
      result = {form: getComputedStyle(document.getElementById('filters')).display, shown: shown().length,
                groups, targets};
    """)
    assert got["form"] == "none"
    assert got["shown"] == len(checked())
    assert got["groups"] == ["g-contradicted", "g-inconsistent", "g-unverifiable", "g-supported"]
    assert got["targets"] is True


def test_latin_runs_inside_arabic_render_in_order(tmp_path):
    """«المصدر: UK Government, September 2014.»: the full stop ends the sentence on the
    left of the English run (right-to-left), not on its right; «12 شهرًا» keeps its figure."""
    import dataclasses

    item = checked()[0]
    text = "يطابق المرجع: 12 شهرًا. المصدر: UK Government, September 2014."
    page = render([dataclasses.replace(item, explanation=text)], "html").decode()
    got = _probe(tmp_path, page, 1200, """
      const why = document.querySelector('li.finding div[dir="auto"]');
      const bdis = [...why.querySelectorAll('bdi')].map(b => b.textContent);
      const last = why.lastChild;                       // the text node holding the final "."
      const r = document.createRange(); r.setStart(last, last.length - 1); r.setEnd(last, last.length);
      const dot = r.getBoundingClientRect();
      const run = why.querySelectorAll('bdi')[bdis.length - 1].getBoundingClientRect();
      result = {bdis, dotRight: dot.right, runLeft: run.left, dir: getComputedStyle(why).direction};
    """)
    assert got["bdis"] == ["12", "UK Government, September 2014"]
    assert got["dir"] == "rtl"
    assert got["dotRight"] <= got["runLeft"] + 1, got   # the full stop sits left of the English run


def test_usable_at_390_px_with_filters(tmp_path):
    page = render(checked(), "html", documents=DOCUMENTS, suppressed=checked()[-1:]).decode()
    got = _probe(tmp_path, page, 390, """
      const root = document.documentElement;
      const wide = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width && (r.right > root.clientWidth + 1 || r.left < -1);
      }).map(e => e.tagName + '.' + e.className);
      const selects = [...document.querySelectorAll('#filters select')].map(
        s => s.getBoundingClientRect().width);
      result = {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5), selects};
    """)
    assert got["scroll"] <= got["client"], got
    assert got["wide"] == [], got
    assert got["selects"] and min(got["selects"]) > 80, got   # the filters can be tapped


def test_english_page_is_left_to_right(tmp_path):
    page = render(checked(), "html", documents=DOCUMENTS, lang="en").decode()
    got = _probe(tmp_path, page, 1200, """
      result = {dir: document.documentElement.dir, lang: document.documentElement.lang,
                title: document.querySelector('h1').textContent,
                verdicts: [...document.querySelectorAll('li.finding b')].map(b => b.textContent)};
    """)
    assert got["dir"] == "ltr" and got["lang"] == "en" and got["title"] == "Quantitative claims report"
    assert set(got["verdicts"]) == {"contradicted", "inconsistent", "unverifiable", "supported"}
