"""Checking claims against reference facts (SPEC §3): the public ``check`` and
``check_claims``, and the decision for each claim of a document.

For one document::

    claims ──► the document's context (sentences, title, entities named)   context
           ──► each claim's matching facts, best first                       matching, aliases
           ──► no fact, or none for the claim's period      → no_reference, period_not_covered
           ──► equally good facts that disagree              → ambiguous_reference
           ──► verdict rules on intervals                    → reason, delta   verdicts
           ──► explanation (Arabic or English)                                evidence

**Precision first.** A fact for another period, entity or metric never yields
``contradicted``; neither does a weak match (below ``contradict_threshold``), a
vague amount, nor a figure of another order of magnitude than the fact's.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Iterator, Sequence

from claimcheck.checking import rules as consistency
from claimcheck.checking.chains import chain_match
from claimcheck.checking.context import Document
from claimcheck.checking.evidence import evidence, mentions_claim_period, nothing_found
from claimcheck.checking.matching import (best_match, claim_class, match_groups, match_of_row,
                                          other_class_match, prefer_own_unit, top_rows, window)
from claimcheck.checking.options import Options, as_tolerance
from claimcheck.checking.timeframe import UNDATED, is_forecast, is_forecast_fact, period_of
from claimcheck.checking.verdicts import judge, tied_rows_disagree
from claimcheck.model import REASON_VERDICT, CheckedClaim, Claim, Kind, Reason, Verdict
from claimcheck.reference.index import Fact, References
from claimcheck.reference.tables import as_references
from claimcheck.text.normalize import Normalized
from claimcheck.units import DATE


def check_one(c: Claim, doc: Document, refs: References, opts: Options, si: int | None = None) -> CheckedClaim:
    """The verdict of claim ``c`` of ``doc`` (in sentence ``si``, when known)."""
    if si is None:
        si = doc.sentence_of(c.start)
    # a date is only compared with dates (never "in another unit"): without date
    # facts there is nothing to look at
    win = None if c.kind is Kind.DATE and DATE not in refs.class_set else window(c, doc, si)
    if c.kind is not Kind.DATE and win is not None:
        doc.windows[id(c)] = win
        doc.window_sentences.add(si)
    klass = claim_class(c)
    matches = match_groups(c, klass, doc, si, refs, opts, win) if win is not None else []
    # what the claim is judged as: itself, or read in the unit of the figure it
    # restates or continues (checking.chains), with that figure's period
    judged, period_claim = c, c
    if not matches and c.kind is not Kind.DATE and si in doc.window_sentences:
        chained = chain_match(c, doc, si, refs, opts)
        if chained is not None:
            judged, period_claim, matches = chained
            klass = claim_class(judged)
    if win is None and not matches:
        # no fact can match: the claim's period is only wanted if the explanation names it
        if mentions_claim_period(Reason.NO_REFERENCE, opts.lang):
            return evidence(c, None, Reason.NO_REFERENCE, opts, cp=period_of(c, doc, si, opts.as_of))
        return nothing_found(c, Reason.NO_REFERENCE, opts)
    if not matches:
        assert win is not None
        # a fact of the same metric in another unit: say so rather than "no reference"
        other = other_class_match(c, klass, doc, si, refs, opts, win)
        reason = Reason.NO_REFERENCE if other is None else Reason.INCOMPARABLE_UNITS
        cp = period_of(c, doc, si, opts.as_of) if mentions_claim_period(reason, opts.lang) else None
        return evidence(c, other, reason, opts, cp=cp)
    cp = period_of(period_claim, doc, si, opts.as_of)
    top = prefer_own_unit(judged, top_rows(matches, refs, cp, opts.tie))
    if not top:
        # (a figure of the article's time when that time is unknown: say so)
        undated = cp is UNDATED
        return evidence(c, best_match(matches, refs), Reason.PERIOD_NOT_COVERED, opts,
                        cp=None if undated else cp, note="undated" if undated else "")
    m0 = match_of_row(top[0])
    if c.kind is not Kind.DATE and not is_forecast_fact(m0.fact) and is_forecast(doc, c, si):
        # a forecast or a target is not the actual figure of its year
        return evidence(c, m0, Reason.PERIOD_NOT_COVERED, opts, note="forecast")
    j0 = judge(judged, m0.fact, refs, opts, cp)
    if tied_rows_disagree(judged, top[1:], REASON_VERDICT[j0.reason], refs, opts, cp):
        # equally good facts disagree (one row per year and no year in the text):
        # name every other candidate
        others = ", ".join(x[1] for x in top[1:])
        return evidence(c, m0, Reason.AMBIGUOUS_REFERENCE, opts, j0, cp, note=f"also:{others}")
    if REASON_VERDICT[j0.reason] is Verdict.CONTRADICTED and m0.score < opts.contradict_threshold:
        return evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="weak_match")
    if REASON_VERDICT[j0.reason] is Verdict.CONTRADICTED and c.value is None and c.kind is not Kind.DATE:
        # ``بضعة أفراد``، ``عدة دول``: a vague amount says too little to be wrong
        return evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="vague_amount")
    if j0.reason in (Reason.VALUE_MISMATCH, Reason.BOUND_VIOLATED, Reason.BOUND_SATISFIED) \
            and j0.delta is not None and not opts.plausible_low <= 1 + j0.delta <= opts.plausible_high:
        # A wrong figure is a slip of a digit, a word or a scale: 78 for 87, 4.3
        # million for 4.3 billion (scale_mismatch). Six people against 120,000
        # trained is another quantity that happens to share the words — and so
        # is «أكثر من 1300 حالة» beside 650,000 refugees: a bound that far
        # from the fact holds without saying anything about it.
        return evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="other_magnitude")
    if j0.reason is Reason.DATE_MISMATCH and _years_apart(judged, m0.fact) > DATE_REACH:
        # a slip of a date is a digit or a year or two (تأسس عام 2015 for 2014);
        # a date decades away is another event that shares the words
        # («تأسيس الجيش العراقي في 6 كانون الثاني 1921» beside a 2014 founding)
        return evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="other_magnitude")
    if j0.reason is Reason.SCALE_MISMATCH and c.kind is Kind.ORDINAL:
        # an ordinal (أول، العاشرة) has no scale word that could have slipped
        return evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="other_magnitude")
    return evidence(c, m0, j0.reason, opts, j0, cp)


#: the most years a date may be from the fact's date and still be a slip of it
DATE_REACH = 20


def _years_apart(c: Claim, f: Fact) -> int:
    """Years between a date claim (its nearest end, for a range) and a date fact."""
    try:
        ref = int(str(f.value)[:4])
        years = [int(str(v)[:4]) for v in (c.value, c.low, c.high) if isinstance(v, str)]
    except ValueError:
        return 0
    return min((abs(y - ref) for y in years), default=0)


def check_document(doc: Document, refs: References, opts: Options) -> list[CheckedClaim]:
    """Every claim of ``doc`` checked, in document order.

    Dates are checked first: a date that is itself a claim about an event of the
    tables (تأسس عام 2015) is no period marker for the figures around it. Here a
    check that relates several claims of one document sees the document and all
    its checked claims.
    """
    # the sentence of each claim, in one walk (claims and sentences both in order)
    starts, last = doc.starts, len(doc.starts) - 1
    sis: list[int] = []
    si = 0
    for c in doc.claims:
        while si < last and starts[si + 1] <= c.start:
            si += 1
        sis.append(si)
    done: dict[int, CheckedClaim] = {}
    for c, si in zip(doc.claims, sis):
        if c.kind is Kind.DATE:
            r = done[id(c)] = check_one(c, doc, refs, opts, si)
            if r.reference_id is not None:
                doc.event_dates.add(c.start)
    results = [done.get(id(c)) or check_one(c, doc, refs, opts, si) for c, si in zip(doc.claims, sis)]
    if opts.rules == ():
        return results
    return consistency.apply(doc.text, doc.claims, results, offset=doc.off, approx=opts.approx,
                             lang=opts.lang, as_of=opts.as_of, rules=opts.rules)


#: The most claims one checking context holds. A document is checked with all
#: its claims in view (each claim's neighbours, the dates around it, the
#: relations of SPEC §6); a text denser in claims than any article — «ألف ألف
#: …» or «1 1 1 …» over megabytes, a claim every two to four characters — is
#: checked this many claims at a time, cut where a sentence ends when one does
#: within a fifth more, so that memory stays bounded however many claims a
#: text holds (some 4 KB a claim while it is checked). The dense news of the
#: corpus has at most 1,196 claims in a chunk of 260,000 characters.
CONTEXT_CLAIMS = 10_000


def stretches(claims: Iterable[Claim], size: int | None = None) -> Iterator[list[Claim]]:
    """``claims`` (in text order) in lists of at most ``size`` (default
    :data:`CONTEXT_CLAIMS`) and a fifth more: a list ends at the first sentence
    end after ``size`` claims, or at ``size`` and a fifth when none comes.

    >>> [len(s) for s in stretches(iter(range(7)), 3)]  # no sentences: cut at 3 + 0
    [3, 3, 1]
    """
    size = size or CONTEXT_CLAIMS
    most = size + size // 5
    batch: list[Claim] = []
    for c in claims:
        if len(batch) >= size and (len(batch) >= most or _new_sentence(batch[-1], c)):
            yield batch
            batch = []
        batch.append(c)
    if batch:
        yield batch


def _new_sentence(a: Any, b: Any) -> bool:
    sa, sb = getattr(a, "sentence", None), getattr(b, "sentence", None)
    return sa is not None and sa is not sb and sa != sb


def _options(lang: str, approx_tolerance: Any, options: Options | None) -> Options:
    opts = options or Options()
    if lang != opts.lang or approx_tolerance is not None:
        opts = replace(opts, lang=lang,
                       approx=opts.approx if approx_tolerance is None else as_tolerance(approx_tolerance))
    return opts


def iter_check(text: str, claims: Iterable[Claim], reference: Any = None, *,
               lang: str = "ar", approx_tolerance: Any = None,
               options: Options | None = None,
               normalized: Normalized | None = None, offset: int = 0) -> Iterator[CheckedClaim]:
    """:func:`check_claims`, the checked claims given as each stretch of the text
    is checked (see :data:`CONTEXT_CLAIMS`): ``claims`` may be an iterator (the
    engine's stream), never listed whole. The same results as
    :func:`check_claims`, which is this listed."""
    refs = as_references(reference)
    opts = _options(lang, approx_tolerance, options)
    doc: Document | None = None
    for part in stretches(claims):
        # the text's sentences, title and named entities are read once
        doc = Document(text, part, refs, normalized, offset) if doc is None else doc.for_claims(part)
        yield from check_document(doc, refs, opts)


def check_claims(text: str, claims: Sequence[Claim], reference: Any = None, *,
                 lang: str = "ar", approx_tolerance: Any = None,
                 options: Options | None = None,
                 normalized: Normalized | None = None, offset: int = 0) -> list[CheckedClaim]:
    """Check already-extracted ``claims`` of ``text`` against the reference tables.

    ``normalized`` is ``text``'s :class:`Normalized` view when the caller has it
    (extraction built one), to save building it again. ``offset``: ``text`` is a
    piece of a document that starts there, and the claims' offsets are the
    document's (as extraction with ``base_offset`` gives them). A text of more
    than :data:`CONTEXT_CLAIMS` claims is checked a stretch at a time
    (:func:`iter_check`).
    """
    ordered = sorted(claims, key=lambda c: c.start)  # (stretches are cut in text order)
    return list(iter_check(text, ordered, reference, lang=lang, approx_tolerance=approx_tolerance,
                           options=options, normalized=normalized, offset=offset))


def check(text: str, reference: Any = None, *, file: str = "-", lang: str = "ar",
          approx_tolerance: Any = None, options: Options | None = None,
          **extract_options: Any) -> list[CheckedClaim]:
    """Extract the claims of ``text`` and check each against the reference tables.

    ``reference`` is a path, a list of paths, a loaded :class:`References`, or None for
    the bundled ``reference_data/``.

    >>> [r.verdict.value for r in check("شارك 87 شريكًا في التحالف الدولي.")]  # doctest: +SKIP
    ['supported']
    """
    from claimcheck.extraction.engine import extract_normalized

    refs = as_references(reference)
    claims, norm = extract_normalized(text, file=file, watch=refs.alias_first_forms,
                                      **extract_options)
    return check_claims(text, claims, refs, lang=lang, approx_tolerance=approx_tolerance,
                        options=options, normalized=norm)
