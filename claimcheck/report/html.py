"""A self-contained HTML report: each article with its claims highlighted in place.

No scripts, no network: a Content-Security-Policy forbids both. Every piece of
input (file names, article text, claims, evidence) goes through :func:`esc`.
Evidence shows on hover and on keyboard focus (each claim has ``tabindex=0``),
so it works with a mouse, a keyboard and a tap on a phone.
"""
from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

from claimcheck.model import Verdict
from claimcheck.report.base import Item, Report, claim_of, display_value, is_web_link, reference_text, verdict_of

LABEL = {
    Verdict.CONTRADICTED: "مخالف للمرجع",
    Verdict.UNVERIFIABLE: "تعذّر التحقق",
    Verdict.SUPPORTED: "مدعوم بالمرجع",
    None: "ادعاء",
}
CSS_CLASS = {Verdict.CONTRADICTED: "v-contradicted", Verdict.UNVERIFIABLE: "v-unverifiable",
             Verdict.SUPPORTED: "v-supported", None: "v-claim"}

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
:root{--bad:#b42318;--bad-bg:#fde4e1;--warn:#8a5a00;--warn-bg:#fff1c2;--ok:#16683a;--ok-bg:#d8f3e1;
--claim:#1d4f91;--claim-bg:#e1ecfb;--ink:#1b1b1f;--muted:#5b5b66;--line:#d9d9e0}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.9 "Noto Naskh Arabic","Segoe UI",Tahoma,system-ui,sans-serif;color:var(--ink);
background:#fafafa;overflow-wrap:anywhere}
header,main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}
h2{font-size:1.1rem;margin:0 0 .5rem;direction:ltr;text-align:right;unicode-bidi:plaintext}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.summary li{padding:.2rem .7rem;border-radius:1rem;background:#eee}
.doc{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0}
.text{position:relative;white-space:pre-wrap}
.claim,.chip{border-radius:.2rem;padding:0 .1rem;border-bottom:2px solid}
.claim{cursor:help}
.claim:focus{outline:3px solid #3b82f6;outline-offset:1px}
.v-contradicted{background:var(--bad-bg);border-color:var(--bad);color:inherit}
.v-unverifiable{background:var(--warn-bg);border-color:var(--warn);color:inherit}
.v-supported{background:var(--ok-bg);border-color:var(--ok);color:inherit}
.v-claim{background:var(--claim-bg);border-color:var(--claim);color:inherit}
.tip{display:none;position:absolute;inset-inline:0;margin-top:2em;z-index:2;white-space:normal;
background:#fff;color:var(--ink);border:1px solid var(--line);border-radius:.4rem;padding:.5rem .8rem;
box-shadow:0 4px 16px rgba(0,0,0,.15);font-size:.9rem;line-height:1.6}
.claim:hover .tip,.claim:focus .tip,.claim:focus-within .tip{display:block}
.tip b,.findings b{font-weight:600}
dl{margin:0;display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0 .8rem}
dt{color:var(--muted)}dd{margin:0}
.findings{padding-inline-start:1.2rem;margin:1rem 0 0}
.findings li{margin:.4rem 0}
.ltr{direction:ltr;unicode-bidi:isolate}
.muted{color:var(--muted)}
.why{text-align:start;unicode-bidi:plaintext}
@media (max-width:30rem){body{font-size:15px}header,main{padding:.5rem}.doc{padding:.6rem}}
"""


def esc(value: Any) -> str:
    """Text from the input, as text: ``<script>`` shows as ``<script>``, never runs."""
    return escape("" if value is None else str(value), quote=True)


def _ltr(value: Any) -> str:
    return f'<span class="ltr" dir="ltr">{esc(value)}</span>'


def _evidence(rec: Mapping[str, Any]) -> str:
    rows = [("الادعاء", _ltr(f"{rec['kind']} {display_value(rec)} ({rec['qualifier']})"))]
    if rec.get("verdict"):
        rows.append(("الحكم", _ltr(f"{rec['verdict']} · {rec['reason']}")))
    if rec.get("reference_id"):
        rows.append(("المرجع", _ltr(reference_text(rec))))
    if isinstance(rec.get("delta"), (int, float)):
        rows.append(("الفرق", _ltr(f"{rec['delta']:+.2%}")))
    source = rec.get("reference_source")
    if source:
        link = (f'<a href="{esc(source)}" rel="noopener noreferrer">{esc(source)}</a>'
                if is_web_link(source) else esc(source))
        rows.append(("المصدر", f'<span class="ltr" dir="ltr">{link}</span>'))
    if rec.get("explanation"):
        rows.append(("الشرح", f'<div dir="auto">{esc(rec["explanation"])}</div>'))
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _mark(item: Item, ident: str, text: str) -> str:
    rec = item.to_record()
    verdict = verdict_of(item)
    return (f'<mark class="claim {CSS_CLASS[verdict]}" tabindex="0" id="{ident}" '
            f'data-verdict="{esc(rec.get("verdict", "claim"))}" aria-describedby="{ident}-tip">'
            f'{esc(text) or "◆"}<span class="tip" role="tooltip" id="{ident}-tip">'
            f'<b>{LABEL[verdict]}</b>{_evidence(rec)}</span></mark>')


def _highlighted(document: str, items: Sequence[Item], prefix: str) -> str:
    """The whole document, escaped, with each claim wrapped in its mark.

    Claims never overlap in practice; if one did, it is clipped to what is left
    after the previous mark so every claim still gets exactly one mark.
    """
    out, pos = [], 0
    for n, it in enumerate(items, start=1):
        c = claim_of(it)
        start = max(c.start, pos)
        end = max(c.end, start)
        out.append(esc(document[pos:start]))
        out.append(_mark(it, f"{prefix}-{n}", document[start:end]))
        pos = end
    out.append(esc(document[pos:]))
    return "".join(out)


def _sentences(items: Sequence[Item], prefix: str) -> str:
    """Without the document text: each claim in its sentence."""
    paras = []
    for n, it in enumerate(items, start=1):
        c = claim_of(it)
        sentence = c.sentence or c.text
        at = sentence.find(c.text)
        if at < 0:
            sentence, at = c.text, 0
        paras.append(esc(sentence[:at]) + _mark(it, f"{prefix}-{n}", c.text)
                     + esc(sentence[at + len(c.text):]))
    return "\n\n".join(paras)


def _findings(items: Sequence[Item], prefix: str) -> str:
    if not items:
        return '<p class="muted">لا ادعاءات كمية في هذا الملف.</p>'
    lis = []
    for n, it in enumerate(items, start=1):
        rec = it.to_record()
        verdict = verdict_of(it)
        lis.append(f'<li><a href="#{prefix}-{n}" class="ltr">{rec["line"]}:{rec["column"]}</a> '
                   f'<span class="chip {CSS_CLASS[verdict]}">{esc(rec["text"])}</span> — '
                   f'<b>{LABEL[verdict]}</b> {_ltr(rec.get("reason", rec["kind"]))}'
                   + (f'<div dir="auto" class="why">{esc(rec["explanation"])}</div>'
                      if rec.get("explanation") else "") + "</li>")
    return '<ol class="findings">' + "".join(lis) + "</ol>"


def _summary(report: Report) -> str:
    # counts as labelled numbers: no plural agreement to get wrong (ادعاء/ادعاءان/ادعاءات)
    chips = [f"<li>الادعاءات: {len(report.items)}</li>", f"<li>الملفات: {len(report.files())}</li>"]
    if report.checked:
        chips += [f'<li class="{CSS_CLASS[v]}">{LABEL[v]}: {n}</li>'
                  for v, n in report.verdict_counts().items()]
    chips.append(f"<li>مكتوم بتعليق: {len(report.suppressed)}</li>")
    if report.baselined:
        chips.append(f"<li>معروف من خط الأساس: {report.baselined}</li>")
    return '<ul class="summary" aria-label="summary">' + "".join(chips) + "</ul>"


def html(report: Report) -> bytes:
    sections = []
    for d, (file, items) in enumerate(report.by_file().items(), start=1):
        prefix = f"c{d}"
        document = report.documents.get(file)
        located = document is not None and all(
            document[claim_of(i).start:claim_of(i).end] == claim_of(i).text for i in items)
        body = _highlighted(document, items, prefix) if located else _sentences(items, prefix)
        sections.append(
            f'<section class="doc" aria-labelledby="h{d}"><h2 id="h{d}" dir="ltr">{esc(file)}</h2>'
            f'<div class="text" dir="auto">{body}</div>{_findings(items, prefix)}</section>')
    page = (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="generator" content="claimcheck">\n'
        f'<title>claimcheck — تقرير الادعاءات الكمية</title>\n<style>{STYLE}</style>\n</head>\n<body>\n'
        f'<header><h1>تقرير الادعاءات الكمية</h1>{_summary(report)}</header>\n'
        f'<main>\n' + "\n".join(sections) + '\n</main>\n</body>\n</html>\n'
    )
    return page.encode()
