"""When a figure speaks of: forecasts and targets, and a year left unwritten.

A table's fact is the actual figure of its period. Two kinds of figure in
real copy are not comparable with it although entity and metric match:

* **forecasts and targets** — «تستهدف الحكومة 15 مليار دولار بحلول 2030»،
  «الإيرادات المتوقعة بنحو 13 ملياراً»، «يسعى العراق إلى زيادة إنتاجه العام
  المقبل إلى 3.7 ملايين برميل»: the actual figure of that year neither supports
  nor contradicts a hope. A forecast word in the figure's own clause (before
  it, or in the few words right after it: «… بحلول 2030») makes it one,
  unless the fact is itself a forecast or a target (its metric says so).

* **a year left unwritten** — a figure with no date in its sentence speaks of
  the article's time. When the article's date is known (``--as-of``, or the
  latest full date the article writes, as SPEC §6 reads "now"), that is its
  year or the year before (the latest figure an article can cite). When it is
  not known, the figure is compared with no dated fact if its sentence ties it
  to the article's "now" («حالياً»، «خلال العام الجاري»، «في مايو») or if the
  article is one of an archive's (a text whose lines are whole articles, each
  of its own unknown time). A lone draft with no date at all is read as
  written now, and may be checked against any period (SPEC §3: periods must
  overlap *when both are known*).

The words live in ``lang/data/timeframe.toml``.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.checking.clauses import boundaries, clause
from claimcheck.checking.context import claim_period
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.model import Kind
from claimcheck.reference.periods import Period
from claimcheck.text.normalize import fold
from claimcheck.lang import recache

if TYPE_CHECKING:
    from claimcheck.checking.context import Document
    from claimcheck.model import Claim
    from claimcheck.reference.index import Fact

#: words right after a figure where a forecast word still governs it («… بحلول عام 2030»)
AFTER_REACH = 4
#: The period of a figure that no dated fact is comparable with: it speaks of a
#: time whose year is not known (it overlaps no fact's period).
UNDATED = Period("", date.min, date.min)

_WORD = recache.compile(r"[^\W_]+")
_CLITICS = r"(?<!\w)[وف]?[بل]?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("timeframe")
    forecast = forms(data["forecast"]["words"], where="timeframe.toml forecast")
    now = forms(data["now"]["words"], where="timeframe.toml now")
    frames = forms(data["now"]["month_frames"], where="timeframe.toml month_frames")
    months = forms((n for m in load("months")["gregorian"] for n in m["names"]),
                   where="months.toml gregorian")
    return (
        recache.compile(_CLITICS + "(?:" + trie_pattern(forecast) + r")(?!\w)"),
        recache.compile(_CLITICS + "(?:" + trie_pattern(now) + r")(?!\w)"
                   + r"|(?<!\w)[وف]?(?:" + trie_pattern(frames) + r")\s+(?:" + trie_pattern(months)
                   + r")(?!\w)(?!\s*[0-9]{4}(?![0-9]))"),
    )


def says_forecast(text: str) -> bool:
    """Does ``text`` (any spelling) hold a forecast or target word?

    >>> says_forecast("الإيرادات المتوقعة"), says_forecast("الإيرادات الفعلية")
    (True, False)
    """
    return _patterns()[0].search(fold(text)) is not None


@lru_cache(maxsize=4096)
def _forecast_metric(metric: str, keywords: tuple[str, ...]) -> bool:
    return says_forecast(metric) or any(says_forecast(k) for k in keywords)


def is_forecast_fact(f: Fact) -> bool:
    """Is the fact itself a forecast or a target (``الإيرادات المستهدفة``)?"""
    return _forecast_metric(f.metric, f.keywords)


def is_forecast(doc: Document, c: Claim, si: int) -> bool:
    """Is claim ``c`` (sentence ``si``) stated as a forecast or a target: a
    forecast word in its own clause before it, or in the words right after it
    up to the next clause boundary (at most :data:`AFTER_REACH`)?"""
    a, b = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    pattern = _patterns()[0]
    if s0 > a and pattern.search(folded, a, s0):
        return True
    p = _adverbial_before(doc, c, si, a)
    if p is not None:
        # a time adverbial between the forecast word and its figure («يمكن خلال
        # عام أن تنتج 10 ملايين برميل»، «يتوقع في غضون 5 سنوات أن يبلغ …»): the
        # duration ends the figure's stretch, not the forecast's reach
        pa = clause(doc, p, si)[0]
        ps = to_text(p.start - off)
        if ps > pa and pattern.search(folded, pa, ps):
            return True
    if b <= e0:
        return False
    cut = boundaries(folded, e0, b)
    end = cut[2] if cut else b
    for k, m in enumerate(_WORD.finditer(folded, e0, end)):
        if k == AFTER_REACH:
            end = m.start()
            break
    return end > e0 and pattern.search(folded, e0, end) is not None


def _adverbial_before(doc: Document, c: Claim, si: int, a: int) -> Claim | None:
    """The duration right before claim ``c`` in its sentence when nothing but
    words (no clause boundary) lies between them: ``a`` is the start of ``c``'s
    clause, which then begins where the duration ends."""
    k = doc.index_of(c)
    if not k:
        return None
    p = doc.claims[k - 1]
    if p.kind is not Kind.DURATION or p.start < doc.starts[si]:
        return None
    to_text, off = doc.norm.to_text, doc.off
    if doc.clause_cut(to_text(p.end - off), to_text(c.start - off)):
        return None
    return p if to_text(p.end - off) <= a else None


def _ties_to_now(doc: Document, c: Claim, si: int) -> bool:
    """Does the clause of claim ``c`` tie it to the article's own time without
    a year («حالياً»، «العام الجاري»، «في مايو»)? (Another figure's clause may
    say «في العام السابق» of its own figure: «بلغت 18.7 مليار مقابل 16.5 مليار
    في العام السابق».)"""
    a, b = clause(doc, c, si)
    return _patterns()[1].search(doc.folded, a, b) is not None


def article_date(doc: Document, si: int) -> date | None:
    """The date of sentence ``si``'s article: the latest full date (day, month
    and year) it writes, as SPEC §6 reads the document's date."""
    latest = doc.article_dates
    if latest is None:
        latest = doc.article_dates = {}
        article = doc.article
        for d in doc.dates:
            v = d.value
            if isinstance(v, str) and len(v) == 10:
                try:
                    day = date.fromisoformat(v)
                except ValueError:
                    continue
                k = article[doc.sentence_of(d.start)]
                if k not in latest or day > latest[k]:
                    latest[k] = day
    return latest.get(doc.article[si]) if latest else None


def _document_period(d: date) -> Period:
    """The time an article dated ``d`` speaks of: its year and the year before."""
    return Period(f"{d.year - 1}/{d.year}", date(d.year - 1, 1, 1), date(d.year, 12, 31))


#: words before a date where a forecast word makes it a target date («بحلول عام 2030»)
TARGET_REACH = 2


#: the most characters before a dateline's date on its line («الرباط، 5 يناير 2015 -»)
DATELINE_REACH = 40
_DATELINE_END = recache.compile(r"\s*[-–—:(]")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """Is the date at ``[start, end)`` of ``text`` a dateline: near its line's
    start, and followed by a dash, a colon or a bracket?"""
    line = text.rfind("\n", 0, start) + 1
    return start - line <= DATELINE_REACH and _DATELINE_END.match(text, end) is not None


def _mark_target_dates(doc: Document) -> None:
    """Note the document's target dates («بحلول 2030»، «العام المقبل 2025») and
    datelines as no period of the figures around them: a target's year is not
    the year of the figure beside it («5.5 مليار حالياً، و13 ملياراً بحلول
    2023»), and a dateline dates the article (see :meth:`Document.article_date`),
    not the figure of its first sentence."""
    doc.targets_marked = True
    pattern = _patterns()[0]
    to_text, off, folded, text = doc.norm.to_text, doc.off, doc.folded, doc.text
    for d in doc.dates:
        if isinstance(d.value, str) and len(d.value) == 10 \
                and _is_dateline(text, d.start - off, d.end - off):
            doc.event_dates.add(d.start)
            continue
        s0 = to_text(d.start - off)
        words = list(_WORD.finditer(folded, max(0, s0 - 40), s0))[-TARGET_REACH:]
        if words and pattern.search(folded, words[0].start(), s0):
            doc.event_dates.add(d.start)
        elif pattern.match(folded, s0) and pattern.match(folded, s0).end() < to_text(d.end - off):
            doc.event_dates.add(d.start)  # the cue inside the date's own text (بحلول 2030)


def period_of(c: Claim, doc: Document, si: int, as_of: date | None = None) -> Period | None:
    """The period claim ``c`` speaks of: a date of its sentence (see
    :func:`claimcheck.checking.context.claim_period`), else the article's time
    (see the module doc); :data:`UNDATED` when that is unknown and the figure
    may not be read as written now; None when any period fits."""
    if c.kind is Kind.DATE:
        return None
    if not doc.targets_marked:
        _mark_target_dates(doc)
    cp = claim_period(c, doc, si)
    if cp is not None:
        return cp
    d = as_of or article_date(doc, si)
    if d is not None:
        return _document_period(d)
    if _ties_to_now(doc, c, si) or len(doc.article_start) > 1:
        return UNDATED
    return None
