"""Figure chains: the figure a figure restates or continues, and what it inherits.

A figure with no metric words of its own leans on an earlier figure of its
sentence:

* a **restatement** says the same amount again in another currency or unit,
  after «أي»، «أي ما يعادل»، «بما يعادل»، «ما يوازي»، «أو نحو», or in brackets
  right after the figure («1.5 تريليون درهم (408.2 مليار دولار)»)::

      بلغت الصادرات 9 مليارات جنيه، أي ما يعادل نحو 190 مليون دولار

  The dollar figure is the same fact: it inherits the metric, the entity and
  the period of the pound figure and is checked through the exchange rates
  (or pint, for units).

* a **continuation** gives the same metric for another year or another
  entity in the next clause::

      تراجعت عائدات السياحة إلى 6 مليارات دولار في 2024، بعدما كانت قد بلغت نحو 13 ملياراً في 2010

  «نحو 13 ملياراً» inherits the metric (and the currency it leaves out), but
  keeps its own year and, when its clause names one, its own entity.

:func:`restates` is the one notion of a restatement of the package: the
consistency rules use it to say that the two figures disagree.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from claimcheck.checking.clauses import clause, entities_in
from claimcheck.checking.context import WORD, Document
from claimcheck.checking.matching import claim_class, match_groups, subject_terms
from claimcheck.checking.options import Options
from claimcheck.lang import recache
from claimcheck.lang.lexicon import forms, load
from claimcheck.model import Claim, Kind
from claimcheck.reference.index import References

#: how far back (in claims of the same sentence) an antecedent is looked for
REACH = 2


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], ...]:
    """The restatement cues of ``clauses.toml``, folded, as word tuples (longest first)."""
    data = load("clauses")["restatement"]
    cues = {tuple(f.split()) for f in forms(data["cues"], where="clauses.toml restatement")}
    return tuple(sorted(cues, key=len, reverse=True))


def restates(gap: list[str]) -> bool:
    """Do the folded words between two figures that open the second one's clause
    (``gap``) make it a restatement of the first? A cue of several words may
    close a longer gap («في 2024 بما يعادل»); a one-word cue (أي، أو) must be
    the whole of it. A conjunction may be glued to the cue (وأي).

    >>> restates(["اي", "ما", "يعادل"]), restates(["او"]), restates(["من"])
    (True, True, False)
    """
    if not gap:
        return False
    words = list(gap)
    cues = _cues()
    if words[0][:1] in "وف" and len(words[0]) > 2 and (words[0],) not in cues:
        words[0] = words[0][1:]
    if tuple(words) in cues:
        return True
    return any(len(cue) > 1 and tuple(words[-len(cue):]) == cue for cue in cues)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """The figure ``claim`` leans on, and how."""

    claim: Claim
    restatement: bool


def inherit_unit(c: Claim, p: Claim) -> Claim | None:
    """``c`` read in ``p``'s unit when it leaves its own unit out («نحو 13 ملياراً»
    after «6 مليارات دولار»); ``c`` itself when the two are of one kind; None
    when they measure different things."""
    if c.kind is p.kind:
        if c.kind is Kind.NUMBER and c.subject and p.subject and c.subject != p.subject:
            return None
        return c
    if c.kind is Kind.NUMBER and not c.subject and p.kind in (Kind.MONEY, Kind.QUANTITY) and p.unit:
        return replace(c, kind=p.kind, unit=p.unit, currency_assumed=p.currency_assumed)
    return None


def _gap_words(doc: Document, p: Claim, c: Claim) -> list[str]:
    """The folded words between ``p`` and ``c`` that open ``c``'s clause (all of
    them when nothing opens a clause between the two)."""
    to_text, off = doc.norm.to_text, doc.off
    x, y = to_text(p.end - off), to_text(c.start - off)
    words = WORD.findall(doc.folded, x, y)
    cut = doc.clause_cut(x, y)
    return words[cut[1]:] if cut else words


#: what may stand between a figure and its restatement in brackets: «1.5 تريليون
#: درهم (408.2 مليار دولار)»، «2.76 تريليون ريال [736 مليار دولار]»
_BRACKET = recache.compile(r"\s*[(\[]\s*(?:اي|او|نحو|حوالي|ما\s+يعادل|ما\s+يوازي|يعادل)?\s*")


def _bracketed(doc: Document, p: Claim, c: Claim) -> bool:
    """Does ``c`` open a bracket right after figure ``p`` («1.5 تريليون درهم
    (408.2 مليار دولار)»)? A figure in another currency or unit in brackets
    right after a figure says it again: it is a restatement."""
    if c.unit is None or c.unit == p.unit or c.kind is not p.kind:
        return False
    to_text, off = doc.norm.to_text, doc.off
    x, y = to_text(p.end - off), to_text(c.start - off)
    return y - x < 40 and _BRACKET.fullmatch(doc.folded, x, y) is not None


def antecedent(c: Claim, doc: Document, si: int) -> Antecedent | None:
    """The figure before ``c`` in its sentence that ``c`` may restate or continue:
    the nearest one that is not a date (``restatement`` is settled by
    :func:`chain_match`, once the antecedent is known to matter)."""
    k = doc.index_of(c)
    if k is None:
        return None
    start = doc.starts[si]
    for j in range(k - 1, max(-1, k - 1 - REACH), -1):
        p = doc.claims[j]
        if p.end <= start:
            return None
        if p.kind is Kind.DATE:
            continue
        return Antecedent(p, False)
    return None


def _dates_in(doc: Document, si: int, a: int, b: int) -> set[str]:
    """The date values written in ``[a, b)`` of the folded text of sentence ``si``."""
    to_text, off = doc.norm.to_text, doc.off
    lo = bisect_left(doc.date_starts, doc.starts[si])
    hi = bisect_left(doc.date_starts, doc.ends[si], lo)
    return {str(d.value) for d in doc.dates[lo:hi] if a <= to_text(d.start - off) < b}


def _says_what_differs(c: Claim, p: Claim, doc: Document, si: int) -> bool:
    """A continuation gives the same metric for another year or another entity:
    its own clause names a year, or an entity, that the antecedent's does not.
    Without one it is another quantity of the same words (the value a year
    before, «مقابل 100 مليون في العام السابق»), never the fact's."""
    ca, cb = clause(doc, c, si)
    pa, pb = clause(doc, p, si)
    years = _dates_in(doc, si, ca, cb)
    if years and years - _dates_in(doc, si, pa, pb):
        return True
    ents = entities_in(doc, si, ca, cb)
    return bool(ents) and not ents <= entities_in(doc, si, pa, pb)


def chain_match(c: Claim, doc: Document, si: int, refs: References, opts: Options
                ) -> tuple[Claim, Claim, list[tuple[float, int, str]]] | None:
    """For a claim with no match of its own: the claim as judged (in the unit of
    the figure it leans on), the claim whose period it takes, and the facts the
    antecedent's words match for it — or None."""
    ante = antecedent(c, doc, si)
    if ante is None:
        return None
    p = ante.claim
    # most figures lean on nothing the tables know: settled before reading the words
    pwin = doc.windows.get(id(p))
    if pwin is None:
        return None
    judged = inherit_unit(c, p)
    if judged is None:
        return None
    restating = _bracketed(doc, p, c) or restates(_gap_words(doc, p, c))
    if not restating and not _says_what_differs(c, p, doc, si):
        return None
    if c.subject:
        # a figure that names what it counts («ثلاث مناطق» after «ثلاثة من الحجاج»)
        # is read with its own counted noun, not the antecedent's: a count of
        # something else never takes the antecedent's fact
        pwin = replace(pwin, subject=subject_terms(c.subject))
    matches = match_groups(c, claim_class(judged), doc, si, refs, opts, pwin)
    if not matches:
        return None
    return judged, (p if restating else c), matches
