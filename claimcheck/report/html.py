"""A self-contained HTML report to work in: findings worst first, filters, each
article with its claims highlighted in place.

No network and no server: one small inline script (allowed by its hash in the
Content-Security-Policy, nothing else may run) adds the filters by verdict,
reason (or kind) and file. With scripts off the page is whole: the findings are
grouped worst first under headings the summary counts link to, and the filter
form stays hidden. Every piece of input (file names, article text, claims,
evidence) goes through :func:`esc`; runs of the other script are ``<bdi>``
(Latin and numbers inside Arabic, Arabic inside English). Evidence shows on
hover and on keyboard focus (each claim has ``tabindex=0``). A print
stylesheet drops the controls and keeps the colours.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Any, Mapping, Sequence

from claimcheck.lang import display
from claimcheck.model import Verdict
from claimcheck.report.base import (
    FINDING_ORDER,
    FINDING_VERDICT,
    KNOWN_FROM_BASELINE,
    SUPPRESSED_BY_COMMENT,
    Item,
    Report,
    claim_of,
    display_value,
    finding_of,
    importance_key,
    is_web_link,
    reference_text,
    verdict_of,
)

CSS_CLASS = {Verdict.CONTRADICTED: "v-contradicted", Verdict.UNVERIFIABLE: "v-unverifiable",
             Verdict.SUPPORTED: "v-supported", None: "v-claim"}

SCRIPT = """(()=>{const f=document.getElementById('filters');if(!f)return;f.hidden=false;
const sel=[...f.querySelectorAll('select')],items=[...document.querySelectorAll('li.finding')];
const out=document.getElementById('shown');
function apply(){const want={};sel.forEach(s=>{if(s.value)want[s.dataset.key]=s.value});let n=0;
items.forEach(li=>{const ok=Object.entries(want).every(([k,v])=>li.dataset[k]===v);li.hidden=!ok;if(ok)n++});
document.querySelectorAll('section.group').forEach(g=>{g.hidden=!g.querySelector('li.finding:not([hidden])')});
document.querySelectorAll('section.doc').forEach(d=>{d.hidden=!!want.file&&d.dataset.file!==want.file});
out.hidden=false;out.textContent=out.dataset.template.replace('{n}',n)}
sel.forEach(s=>s.addEventListener('change',apply));
document.querySelectorAll('a[data-filter]').forEach(a=>a.addEventListener('click',()=>{
const s=f.querySelector('select[data-key="verdict"]');if(s){s.value=a.dataset.filter;apply()}}));})();"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()

CSP = (f"default-src 'none'; script-src 'sha256-{SCRIPT_HASH}'; style-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")

STYLE = """
:root{--bad:#b42318;--bad-bg:#fde4e1;--warn:#8a5a00;--warn-bg:#fff1c2;--ok:#16683a;--ok-bg:#d8f3e1;
--claim:#1d4f91;--claim-bg:#e1ecfb;--ink:#1b1b1f;--muted:#5b5b66;--line:#d9d9e0}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.9 "Noto Naskh Arabic","Segoe UI",Tahoma,system-ui,sans-serif;color:var(--ink);
background:#fafafa;overflow-wrap:anywhere}
header,main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:1rem 0 .5rem}
h3{font-size:1rem;margin:.8rem 0 .3rem}
.doc h2{font-size:1.05rem;direction:ltr;text-align:start;unicode-bidi:plaintext}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.summary li{padding:.2rem .7rem;border-radius:1rem;background:#eee}
.summary a{color:inherit;text-decoration:none}.summary a:hover,.summary a:focus{text-decoration:underline}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
.filters select{font:inherit;max-width:100%}
.filters label{display:flex;gap:.4rem;align-items:center;max-width:100%}
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
.findings{padding-inline-start:1.2rem;margin:.3rem 0 0}
.findings li{margin:.4rem 0}
.where{direction:ltr;unicode-bidi:isolate}
.muted,.status{color:var(--muted)}
.related{outline:2px dashed var(--bad);outline-offset:1px}
.silenced{opacity:.75}
[hidden]{display:none!important}
@media (max-width:30rem){body{font-size:15px}header,main{padding:.5rem}.doc{padding:.6rem}
.filters label{flex:1 1 100%}.filters select{flex:1;min-width:0}}
@media print{body{background:#fff;font-size:11pt}.filters,#shown,.tip{display:none!important}
.doc,.group{break-inside:auto}.findings li{break-inside:avoid}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def esc(value: Any) -> str:
    """Text from the input, as text: ``<script>`` shows as ``<script>``, never runs."""
    return escape("" if value is None else str(value), quote=True)


def bidi(value: Any, lang: str) -> str:
    """Escaped text with each run of the other script in its own ``<bdi>``."""
    if value is None:
        return ""
    return "".join(f"<bdi>{esc(p)}</bdi>" if iso else esc(p) for p, iso in display.runs(str(value), lang))


def _ltr(value: Any) -> str:
    return f'<bdi class="where" dir="ltr">{esc(value)}</bdi>'


def _related(rec: Mapping[str, Any], links: _Links | None) -> str:
    """The claims a consistency relation used, each linked to its mark in the text."""
    out = []
    for r in rec.get("related") or ():
        ident = links.ids.get((r["start"], r["end"])) if links else None
        chip = f'<span class="chip related">{esc(r["text"])}</span>'
        out.append(f'<a href="#{ident}">{chip}</a>' if ident else chip)
    return "، ".join(out)


class _Links:
    """Which mark is which claim, and which claims a flagged relation used (SPEC §6)."""

    def __init__(self, items: Sequence[Item], ids: Mapping[int, str]) -> None:
        self.ids: dict[tuple[int, int], str] = {}
        self.used_by: dict[tuple[int, int], list[str]] = {}
        for it in items:
            c = claim_of(it)
            self.ids.setdefault((c.start, c.end), ids[id(it)])
        for it in items:
            for r in getattr(it, "related", ()):
                self.used_by.setdefault((r.start, r.end), []).append(ids[id(it)])


def _evidence(rec: Mapping[str, Any], lang: str, links: _Links | None = None) -> str:
    word = lambda name: display.label("column", name, lang)  # noqa: E731
    rows = [(word("kind"), bidi(f"{display.label('kind', rec['kind'], lang)}: "
                                f"{display_value(rec, lang)}", lang))]
    if rec.get("verdict"):
        rows.append((word("reason"), esc(display.label("reason", rec["reason"], lang))))
    if rec.get("reference_id"):
        rows.append((display.text("reference", lang), bidi(reference_text(rec, lang=lang), lang)))
    if rec.get("delta") is not None:
        rows.append((word("delta"), _ltr(display.percent_change(rec["delta"], lang))))
    source = rec.get("reference_source")
    if source:
        link = (f'<a href="{esc(source)}" rel="noopener noreferrer">{esc(source)}</a>'
                if is_web_link(source) else bidi(source, lang))
        rows.append((word("reference_source"), link))
    if rec.get("explanation"):
        rows.append((word("explanation"), bidi(rec["explanation"], lang)))
    if rec.get("related"):
        rows.append((word("related"), _related(rec, links)))
    if rec.get("expected") is not None:
        rows.append((word("expected"), _ltr(rec["expected"])))
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _mark(item: Item, ident: str, text: str, lang: str, links: _Links | None = None) -> str:
    rec = item.to_record()
    verdict = verdict_of(item)
    finding = finding_of(item) or "claim"
    title = display.label("verdict", finding, lang)
    c = claim_of(item)
    # a figure a flagged relation used is marked beside the flagged one (SPEC §6)
    by = links.used_by.get((c.start, c.end)) if links else None
    extra = f' related" data-related-to="{esc(" ".join(by))}' if by else ""
    return (f'<mark class="claim {CSS_CLASS[verdict]}{extra}" tabindex="0" id="{ident}" '
            f'data-verdict="{esc(finding)}" aria-describedby="{ident}-tip">'
            f'{esc(text) or "◆"}<span class="tip" role="tooltip" id="{ident}-tip">'
            f'<b>{esc(title)}</b>{_evidence(rec, lang, links)}</span></mark>')


def _highlighted(document: str, items: Sequence[Item], ids: Mapping[int, str], lang: str) -> str:
    """The whole document, escaped, with each claim wrapped in its mark.

    Claims never overlap in practice; if one did, it is clipped to what is left
    after the previous mark so every claim still gets exactly one mark.
    """
    out, pos = [], 0
    links = _Links(items, ids)
    for it in items:
        c = claim_of(it)
        start = max(c.start, pos)
        end = max(c.end, start)
        out.append(esc(document[pos:start]))
        out.append(_mark(it, ids[id(it)], document[start:end], lang, links))
        pos = end
    out.append(esc(document[pos:]))
    return "".join(out)


def _sentences(items: Sequence[Item], ids: Mapping[int, str], lang: str) -> str:
    """Without the document text: each claim in its sentence."""
    paras = []
    links = _Links(items, ids)
    for it in items:
        c = claim_of(it)
        sentence = c.sentence or c.text
        at = sentence.find(c.text)
        if at < 0:
            sentence, at = c.text, 0
        paras.append(esc(sentence[:at]) + _mark(it, ids[id(it)], c.text, lang, links)
                     + esc(sentence[at + len(c.text):]))
    return "\n\n".join(paras)


def _finding(item: Item, anchor: str | None, lang: str, status: str | None = None) -> str:
    rec = item.to_record()
    verdict = verdict_of(item)
    where = f'{rec["file"]}:{rec["line"]}:{rec["column"]}'
    link = f'<a href="#{anchor}">{_ltr(where)}</a>' if anchor else _ltr(where)
    # the page's verdict is the finding's class as people read it (an inconsistency
    # between the document's own figures is not "contradicted by a reference")
    finding = finding_of(item) or "claim"
    attrs = {"verdict": finding, "reason": rec.get("reason", ""),
             "kind": rec["kind"], "file": rec["file"], "status": status or ""}
    data = " ".join(f'data-{k}="{esc(v)}"' for k, v in attrs.items())
    label = display.label("verdict", finding, lang)
    detail = display.label("reason", rec["reason"], lang) if verdict else display_value(rec, lang)
    state = (f' <span class="status">({esc(display.text(status + "_status", lang))})</span>'
             if status else "")
    why = f'<div dir="auto">{bidi(rec["explanation"], lang)}</div>' if rec.get("explanation") else ""
    return (f'<li class="finding{" silenced" if status else ""}" {data}>{link} '
            f'<span class="chip {CSS_CLASS[verdict]}">{esc(rec["text"])}</span> — '
            f'<b>{esc(label)}</b> · {bidi(detail, lang)}{state}{why}</li>')


def _select(key: str, title: str, options: Sequence[tuple[str, str]], lang: str) -> str:
    opts = f'<option value="">{esc(display.text("all", lang))}</option>' + "".join(
        f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    return f'<label>{esc(title)} <select data-key="{key}">{opts}</select></label>'


def _filters(report: Report) -> str:
    lang = report.lang
    col = lambda name: display.label("column", name, lang)  # noqa: E731
    every = (*report.items, *report.suppressed, *report.known)
    selects = []
    if report.checked:
        present = [f for f in FINDING_ORDER if any(finding_of(i) == f for i in every)]
        selects.append(_select("verdict", col("verdict"),
                               [(f, display.label("verdict", f, lang)) for f in present], lang))
        reasons = sorted({str(i.reason) for i in every if verdict_of(i) is not None})
        selects.append(_select("reason", col("reason"),
                               [(r, display.label("reason", r, lang)) for r in reasons], lang))
    else:
        kinds = sorted({str(claim_of(i).kind) for i in every})
        selects.append(_select("kind", col("kind"), [(k, display.label("kind", k, lang)) for k in kinds],
                               lang))
    files = report.files()
    selects.append(_select("file", col("file"), [(f, f) for f in files], lang))
    shown = display.text("show", lang)
    return (f'<form class="filters" id="filters" hidden aria-label="{esc(display.text("filter", lang))}">'
            + "".join(selects) + "</form>"
            + f'<p id="shown" hidden aria-live="polite" data-template="{esc(shown)}: {{n}}"></p>')


def _groups(report: Report, anchors: Mapping[int, str]) -> str:
    """The findings, worst first: a section per verdict, then the silenced ones."""
    lang = report.lang
    items = sorted(report.items, key=importance_key)
    groups: list[tuple[str, str, list[tuple[Item, str | None]]]] = []
    if report.checked:
        for f in FINDING_ORDER:
            members = [(i, None) for i in items if finding_of(i) == f]
            if members:
                groups.append((f"g-{f}", display.label("verdict", f, lang), members))
    elif items:
        groups.append(("g-claims", display.text("claims", lang), [(i, None) for i in items]))
    silenced = sorted([(i, SUPPRESSED_BY_COMMENT) for i in report.suppressed]
                      + [(i, KNOWN_FROM_BASELINE) for i in report.known],
                      key=lambda e: importance_key(e[0]))
    if silenced:
        title = display.text("comment_status", lang) + " / " + display.text("baseline_status", lang)
        groups.append(("g-silenced", title, silenced))
    if not groups:
        return f'<p class="muted">{esc(display.text("no_claims", lang))}</p>'
    out = []
    for ident, title, members in groups:
        lis = "".join(_finding(i, anchors.get(id(i)), lang, status) for i, status in members)
        out.append(f'<section class="group" id="{ident}"><h3>{esc(title)} '
                   f'<span class="muted">({display.number(len(members), lang)})</span></h3>'
                   f'<ol class="findings">{lis}</ol></section>')
    return "".join(out)


def _summary(report: Report) -> str:
    lang = report.lang
    n = display.number
    chips = [f"<li>{esc(display.text('claims_label', lang))}: {n(len(report.items), lang)}</li>",
             f"<li>{esc(display.text('files_label', lang))}: {n(len(report.files()), lang)}</li>"]
    if report.checked:
        for f, k in report.finding_counts().items():
            text = f"{esc(display.label('verdict', f, lang))}: {n(k, lang)}"
            css = CSS_CLASS[FINDING_VERDICT[f]]
            chips.append(f'<li class="{css}"><a href="#g-{f}" data-filter="{f}">{text}</a></li>'
                         if k else f'<li class="{css}">{text}</li>')
    silenced = len(report.suppressed)
    text = esc(display.text("suppressed", lang, n=n(silenced, lang)))
    chips.append(f'<li><a href="#g-silenced">{text}</a></li>' if silenced else f"<li>{text}</li>")
    if report.baselined:
        text = esc(display.text("baselined", lang, n=n(report.baselined, lang)))
        chips.append(f'<li><a href="#g-silenced">{text}</a></li>' if report.known else f"<li>{text}</li>")
    return f'<ul class="summary" aria-label="{esc(display.text("counts", lang))}">' + "".join(chips) + "</ul>"


def html(report: Report) -> bytes:
    lang = report.lang
    sections, anchors = [], {}
    for d, (file, items) in enumerate(report.by_file().items(), start=1):
        ids = {id(it): f"c{d}-{n}" for n, it in enumerate(items, start=1)}
        anchors.update(ids)
        document = report.documents.get(file)
        located = document is not None and all(
            document[claim_of(i).start:claim_of(i).end] == claim_of(i).text for i in items)
        body = _highlighted(document, items, ids, lang) if located else _sentences(items, ids, lang)
        if not items and document is None:
            body = f'<p class="muted">{esc(display.text("no_claims", lang))}</p>'
        sections.append(
            f'<section class="doc" id="doc-{d}" data-file="{esc(file)}" aria-labelledby="h{d}">'
            f'<h2 id="h{d}" dir="ltr">{esc(file)}</h2><div class="text" dir="auto">{body}</div></section>')
    title = esc(display.text("title", lang))
    heading = display.text("findings" if report.checked else "claims", lang)
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="generator" content="claimcheck">\n'
        f'<title>claimcheck — {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n'
        f'<header><h1>{title}</h1>{_summary(report)}'
        f'<p>{bidi(report.summary_line(), lang)}</p></header>\n<main>\n'
        f'<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">{esc(heading)}</h2>'
        f'{_filters(report)}{_groups(report, anchors)}</section>\n'
        + "\n".join(sections) + f'\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n'
    )
    return page.encode()
