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
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from claimcheck.lang import display
from claimcheck.model import Verdict
from claimcheck.report.base import (
    FINDING_ORDER,
    FINDING_VERDICT,
    Item,
    Report,
    Tally,
    claim_of,
    display_value,
    finding_of,
    is_web_link,
    reference_text,
    summary_line,
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
    """Which mark is which claim, and which claims a flagged relation used (SPEC §6).

    ``items`` gives the file's items afresh at each call (they may be read back
    from disk): a pass finds the relations, a second (only when there are
    some) the marks they point to."""

    def __init__(self, items: Callable[[], Iterable[Item]], d: int) -> None:
        self.ids: dict[tuple[int, int], str] = {}
        self.used_by: dict[tuple[int, int], list[str]] = {}
        for n, it in enumerate(items(), start=1):
            for r in getattr(it, "related", ()):
                self.used_by.setdefault((r.start, r.end), []).append(f"c{d}-{n}")
        if self.used_by:
            for n, it in enumerate(items(), start=1):
                c = claim_of(it)
                if (c.start, c.end) in self.used_by:
                    self.ids.setdefault((c.start, c.end), f"c{d}-{n}")


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


def _highlighted(document: str, items: Callable[[], Iterable[Item]], d: int, lang: str) -> Iterator[str]:
    """The whole document, escaped, with each claim wrapped in its mark (the
    marks of file ``d`` are ``c{d}-1``, ``c{d}-2``…).

    Claims never overlap in practice; if one did, it is clipped to what is left
    after the previous mark so every claim still gets exactly one mark.
    """
    pos = 0
    links = _Links(items, d)
    for n, it in enumerate(items(), start=1):
        c = claim_of(it)
        start = max(c.start, pos)
        end = max(c.end, start)
        yield esc(document[pos:start])
        yield _mark(it, f"c{d}-{n}", document[start:end], lang, links)
        pos = end
    yield esc(document[pos:])


def _sentences(items: Callable[[], Iterable[Item]], d: int, lang: str) -> Iterator[str]:
    """Without the document text: each claim in its sentence."""
    links = _Links(items, d)
    for n, it in enumerate(items(), start=1):
        c = claim_of(it)
        sentence = c.sentence or c.text
        at = sentence.find(c.text)
        if at < 0:
            sentence, at = c.text, 0
        yield (("\n\n" if n > 1 else "") + esc(sentence[:at])
               + _mark(it, f"c{d}-{n}", c.text, lang, links) + esc(sentence[at + len(c.text):]))


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


def _filters(report: Any, tally: Tally, files: list[str]) -> str:
    lang = report.lang
    col = lambda name: display.label("column", name, lang)  # noqa: E731
    selects = []
    if report.checked:
        present = [f for f in FINDING_ORDER if f in tally.every_findings]
        selects.append(_select("verdict", col("verdict"),
                               [(f, display.label("verdict", f, lang)) for f in present], lang))
        reasons = sorted(tally.every_reasons)
        selects.append(_select("reason", col("reason"),
                               [(r, display.label("reason", r, lang)) for r in reasons], lang))
    else:
        kinds = sorted(tally.every_kinds)
        selects.append(_select("kind", col("kind"), [(k, display.label("kind", k, lang)) for k in kinds],
                               lang))
    selects.append(_select("file", col("file"), [(f, f) for f in files], lang))
    shown = display.text("show", lang)
    return (f'<form class="filters" id="filters" hidden aria-label="{esc(display.text("filter", lang))}">'
            + "".join(selects) + "</form>"
            + f'<p id="shown" hidden aria-live="polite" data-template="{esc(shown)}: {{n}}"></p>')


def _groups(report: Any, tally: Tally, files: list[str]) -> Iterator[str]:
    """The findings, worst first: a section per verdict, then the silenced ones."""
    lang = report.lang
    index = {f: d for d, f in enumerate(files, start=1)}
    groups: list[tuple[str, str, int, Iterable[tuple[Item, str | None, str | None]]]] = []

    def anchored(finding: str | None) -> Iterator[tuple[Item, str | None, str | None]]:
        return ((i, None, f"c{index[claim_of(i).file]}-{n}") for i, n in report.numbered(finding))

    if report.checked:
        for f in FINDING_ORDER:
            if tally.findings.get(f):
                groups.append((f"g-{f}", display.label("verdict", f, lang), tally.findings[f], anchored(f)))
    elif tally.reported:
        groups.append(("g-claims", display.text("claims", lang), tally.reported, anchored(None)))
    if tally.silenced:
        title = display.text("comment_status", lang) + " / " + display.text("baseline_status", lang)
        groups.append(("g-silenced", title, tally.suppressed + tally.known,
                       ((i, status, None) for i, status in report.silenced_entries())))
    if not groups:
        yield f'<p class="muted">{esc(display.text("no_claims", lang))}</p>'
    for ident, title, count, members in groups:
        yield (f'<section class="group" id="{ident}"><h3>{esc(title)} '
               f'<span class="muted">({display.number(count, lang)})</span></h3><ol class="findings">')
        yield from (_finding(i, anchor, lang, status) for i, status, anchor in members)
        yield "</ol></section>"


def _summary(report: Any, tally: Tally, files: list[str]) -> str:
    lang = report.lang
    n = display.number
    chips = [f"<li>{esc(display.text('claims_label', lang))}: {n(tally.reported, lang)}</li>",
             f"<li>{esc(display.text('files_label', lang))}: {n(len(files), lang)}</li>"]
    if report.checked:
        for f, k in tally.finding_counts().items():
            text = f"{esc(display.label('verdict', f, lang))}: {n(k, lang)}"
            css = CSS_CLASS[FINDING_VERDICT[f]]
            chips.append(f'<li class="{css}"><a href="#g-{f}" data-filter="{f}">{text}</a></li>'
                         if k else f'<li class="{css}">{text}</li>')
    silenced = tally.suppressed
    text = esc(display.text("suppressed", lang, n=n(silenced, lang)))
    chips.append(f'<li><a href="#g-silenced">{text}</a></li>' if silenced else f"<li>{text}</li>")
    if report.baselined:
        text = esc(display.text("baselined", lang, n=n(report.baselined, lang)))
        chips.append(f'<li><a href="#g-silenced">{text}</a></li>' if tally.known else f"<li>{text}</li>")
    return f'<ul class="summary" aria-label="{esc(display.text("counts", lang))}">' + "".join(chips) + "</ul>"


def html(report: Report) -> bytes:
    return "".join(html_pieces(report)).encode()


def html_pieces(report: Any) -> Iterator[str]:
    """The page a piece at a time, from running totals and the items in the
    orders it reads them (a :class:`Report` or a
    :class:`~claimcheck.report.spill.BoundedReport`): the findings worst first,
    then each file's text with its claims marked."""
    lang = report.lang
    tally = report.tally()
    files = report.files()
    title = esc(display.text("title", lang))
    heading = display.text("findings" if report.checked else "claims", lang)
    yield (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="generator" content="claimcheck">\n'
        f'<title>claimcheck — {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n'
        f'<header><h1>{title}</h1>{_summary(report, tally, files)}'
        f'<p>{bidi(summary_line(report, tally), lang)}</p></header>\n<main>\n'
        f'<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">{esc(heading)}</h2>'
        f'{_filters(report, tally, files)}')
    yield from _groups(report, tally, files)
    yield "</section>\n"
    items_of = report.file_items()
    for d, file in enumerate(files, start=1):
        items = items_of.get(file, _none)
        document = report.document(file)
        located = document is not None and all(
            document[claim_of(i).start:claim_of(i).end] == claim_of(i).text for i in items())
        yield ("\n" if d > 1 else "") + (
            f'<section class="doc" id="doc-{d}" data-file="{esc(file)}" aria-labelledby="h{d}">'
            f'<h2 id="h{d}" dir="ltr">{esc(file)}</h2><div class="text" dir="auto">')
        if document is None and file not in tally.positions:
            yield f'<p class="muted">{esc(display.text("no_claims", lang))}</p>'
        else:
            yield from (_highlighted(document, items, d, lang) if located  # type: ignore[arg-type]
                        else _sentences(items, d, lang))
        yield "</div></section>"
    yield f'\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n'


def _none() -> Iterator[Item]:
    return iter(())
