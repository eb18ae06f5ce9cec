"""The extraction engine: Arabic text → claims (SPEC §1).

The pipeline of one document, each step in a module of its own:

1. :mod:`.anchors` — every place a quantity can start, in one pass (a digit
   literal, a number word, a dual noun like ``سنتين``, a decade phrase), and
   the number there as written (digits with separators and scale words, or
   words read by :mod:`.numberwords`);
2. :mod:`.context` — numbers that are not claims (``القرار 2254``، ``F-16``،
   phone numbers, clock times, list markers);
3. :mod:`.kinds` — what the words after the number make of it (a percent, a
   currency, a unit, a time unit, a month), ordinals first and
   :mod:`.ranges` (``بين 3 و5 ملايين``) before a lone number;
4. :mod:`.context` again — the qualifier that bounds it (``أكثر من``).

Per-claim work happens only at anchors. All matching runs on the normalised
text of :mod:`claimcheck.text.normalize`; every span is mapped back, so
``document[claim.start:claim.end] == claim.text``.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from claimcheck.extraction.anchors import (
    anchors,
    digits_core,
    scale_of_words,
    unwrap,
    visual_decimal,
)
from claimcheck.extraction.context import (
    clock_time,
    excluded,
    glued_tatweel,
    list_marker,
    phone_end,
    qualify,
    score_in_words,
    sign_word,
    skip_token,
)
from claimcheck.extraction.document import ExtractionInput
from claimcheck.extraction.kinds import attach, count, date, duration, has_unit, ordinal, postposed, quantity
from claimcheck.extraction.patterns import NA, Lexicon, lexicon
from claimcheck.extraction.ranges import (
    attach_range,
    change_pair,
    find_range,
    word_range,
)
from claimcheck.extraction.scan import SKIP, Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import parse_literal
from claimcheck.model import Calendar, Claim, Kind, new_claim
from claimcheck.text.normalize import Normalized

__all__ = ["Lexicon", "extract", "extract_normalized", "iter_extract_normalized", "lexicon"]

#: Numeric dates ``25/12/2023``، ``2024/3/7``، ``6 / 4 / 1434هـ`` (spaces and a Hijri mark allowed).
_DATE_NUM = rx.compile(r"([0-9]{1,4}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,4})(?![0-9])")
#: Two numbers around a slash that are neither a date nor a percentage fraction: a score or ratio.
_SLASH_PAIR = rx.compile(r"[0-9]+ ?/ ?[0-9]+(?![0-9])")
#: What the three patterns above start with: the digits, then a separator.
_DIGITS_THEN_SEP = rx.compile(r"[0-9]+ ?[/.-]")
_DIGIT_NEXT = rx.compile(r" ?[0-9]")
_WORD_THEN_DIGIT = rx.compile(r"\s+\p{L}+\s+[0-9]")
_FRACTION = rx.compile(r"([0-9]{1,4})/(100|1000)" + NA)
#: One and two written after the counted noun: ``يوم واحد``، ``دولاران اثنان``.
_POSTPOSED = frozenset(["واحد", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين"])
#: The last word of a comparison before a noun and its numeral (أكثر من، لا يقل عن، يزيد على).
_THAN = ("من", "عن", "علي")


class Extractor(Scan):
    """The scan of one document: anchors in text order, each read into a claim."""

    __slots__ = ()

    def run(self) -> list[Draft]:
        """Every claim of the document, in text order."""
        return list(self.stream())

    def stream(self) -> Iterator[Draft]:
        """:meth:`run` as the claims are found: what is held at a time does not grow
        with the number of claims (see :func:`_settled`)."""
        return _settled(self.t, self._scan())

    def _scan(self) -> Iterator[Draft]:
        t = self.t
        pos = 0
        for a, b, kind, s in anchors(self.doc.norm, self.lex):
            if a < pos:
                continue
            if kind == "d":
                d, nxt = self._from_digits(s, b, t[a:s])
            else:
                d, nxt = self._from_word(a, s, b, kind)
            if d is not None:
                if d.kind is Kind.DURATION:
                    word_range(self, d)
                d.start = max(d.start, self.floor)
                self.floor = d.end
                pos = max(d.end, b)
                yield d
            else:
                pos = max(nxt, b, a + 1)

    def _from_word(self, ws: int, s: int, e: int, kind: str) -> tuple[Draft | None, int]:
        """A word anchor: ``ws`` starts its clitics, ``s`` the word itself."""
        t = self.t
        word = t[s:e]
        if word in self.lex.fractions:
            if t[ws:s] == "و":
                d, nxt = quantity.unit_and_fraction(self, ws, e, word)
                if d is not None:
                    return d, nxt
            elif ws == s and t[max(0, s - 2):s] == "و ":
                d, nxt = quantity.unit_and_fraction(self, s - 2, e, word)  # ``لتر و نصف``
                if d is not None:
                    return d, nxt
        if kind == "frac":
            return None, e
        if kind == "dual":
            return duration.from_dual(self, ws, e)
        if kind == "udual":
            return quantity.from_unit_dual(self, ws, e)
        if kind in ("ndual", "cdual"):  # ``سيارتين``، ``جنيهان مصريان``: two of it
            return count.from_dual(self, ws, s, e, kind)
        if kind == "lone":  # ``قبل عام``، ``لمدة شهر``، ``أسبوعاً كاملاً``
            return duration.lone(self, ws, s, e)
        if kind == "day1":  # ``غرة شوال 1445 هـ``: the first day of that month
            d = date.first_day(self, s, e)
            return (None, e) if d is None or d is SKIP else (d, d.end)
        if kind == "dec":
            m = self.lex.context.decade_re.match(t, ws)
            return duration.from_decade(self, ws, m.end()) if m else (None, e)
        d, nxt = self._from_words(ws, e)
        if d is not None and d.start == ws and t[ws:s][:1] in ("و", "ف"):
            d.start += 1  # ``وثلاثة ملايين``: the conjunction stays outside the claim
        return d, nxt

    def _from_words(self, s: int, e: int) -> tuple[Draft | None, int]:
        """A number written in words (``ثلاثة ملايين``، ``العاشر``، ``عشرات الآلاف``)."""
        wn = self.lex.words.match_words(self.t, s, self.doc.norm)
        if wn is None:
            return None, e
        if wn.vague and _DIGIT_NEXT.match(self.t, wn.end):
            return None, wn.end  # ``الاف 35``: the jet «إف 35» typed like آلاف, not thousands
        if wn.context_only and not self._number_context(wn.end, wn.value):
            return None, wn.end  # ``أساس متين``، ``نص القرار``: the everyday word, not a number
        scale = scale_of_words(self.t, wn.start, wn.end, self.lex)
        core = Core(wn.start, wn.end, wn.value, wn.resolution, scaled=scale > 1, scale=scale,
                    ordinal=wn.ordinal, low=wn.low, high=wn.high, vague=wn.vague,
                    definite=wn.definite)
        if self.t[wn.start:wn.end] in _POSTPOSED:
            share = count.of_every(self, core, core.start)  # ``واحد من كل أربعة``
            if share is not None:
                qualify(self, share, share.start)
                return share, share.end
            rng = find_range(self, core)  # ``من واحد إلى أربعة أكواب``: one opens a range
            if isinstance(rng, tuple):
                return attach_range(self, *rng)
            d = postposed(self, core)
            if d is None:
                return None, wn.end
            # ``جندي واحد على الأقل``، ``أكثر من يوم واحد``; but ``تحت معنى واحد`` (under
            # one meaning): before the noun only a comparison with من/عن/على bounds it
            qm = self.left(self.lex.qualifiers.before_re, d.start, 40)
            qualify(self, d, d.start, allow_qualifier=qm is not None and qm.group("q").endswith(_THAN))
            return d, max(d.end, wn.end)
        if core.definite and not core.ordinal and core.value is not None:
            d = duration.after_time_noun(self, core)
            if d is not None:
                return d, d.end
        if not core.ordinal and not core.vague:
            d = date.year_in_words(self, core)  # ``عام ألفين وتسعة عشر``
            if d is not None:
                return d, d.end
        return self._classify(core)

    def _number_context(self, end: int, value: Decimal | None) -> bool:
        """Does a dialect word that is also an everyday word (``متين``، ``نص``، ``تلت``)
        stand before what a number counts: a unit, currency or time unit (``متين
        جنيه``، ``نص ساعة``), or for a whole number a countable noun (``متين شخص``)?
        Not a time noun with a year after it: ``تلت عام 2010`` is "followed the year 2010"."""
        if has_unit(self, end):
            return _WORD_THEN_DIGIT.match(self.t, end) is None
        return value is not None and value >= 1 and count.countable_follows(self, end)

    def _from_digits(self, s: int, e: int, lead: str = "") -> tuple[Draft | None, int]:
        """A digit anchor at ``[s, e)``; ``lead``: a dot or minus sign read before it."""
        t = self.t
        if "." in lead:  # ``.77``، ``٫٧٧``: a decimal written without its leading zero
            lit = parse_literal("0." + t[s:e]) if t[s:e].isdigit() else None
            if lit is None:
                return None, e
            core = Core(s - 1, e, lit.value, lit.resolution)
            return self._classify(core)
        raw = t[s:e]
        phone = phone_end(self, s, e, raw)
        if phone:
            return None, phone
        if excluded(self, s, e):
            return None, skip_token(self, e)
        if clock_time(t, s, e):
            return None, skip_token(self, e)  # 10:30 is a clock time
        # dates, fractions and scores have a / . or - after the first digits
        slashed = _DIGITS_THEN_SEP.match(t, s) is not None
        if slashed and (span := date.numeric_day_span(self, s)) is not None:
            return span, span.end  # ``2 - 4 / 6 / 1436هـ``: days 2 to 4 of one month
        dm = _DATE_NUM.match(t, s) if slashed else None
        if dm:
            d = date.numeric_date(self, dm)
            if d is not None:
                return d, d.end
            return None, dm.end()
        fm = _FRACTION.match(t, s) if slashed else None
        if fm:
            v = Decimal(fm.group(1)) / Decimal(fm.group(2))
            core = Core(s, fm.end(), v, Decimal(1) / Decimal(fm.group(2)))
            return self._classify(core)
        sp = _SLASH_PAIR.match(t, s) if slashed else None
        if sp:
            a, b = (int(n) for n in rx.split(r" ?/ ?", t[s:sp.end()]))
            if 0 < a < b <= 16 and has_unit(self, sp.end()):  # ``3/4 كوب``: a fraction of a unit
                core = Core(s, sp.end(), Decimal(a) / Decimal(b), Decimal(1) / Decimal(b))
                return self._classify(core)
            d = date.day_month(self, s, sp.end(), a, b)  # ``الخميس 15/3``
            if d is None and b == a + 1:  # ``العام المالي 1435 / 1436هـ``
                d = date.hijri_years(self, s, a, b, sp.end())
            if d is not None:
                return d, d.end
            if b == a + 1 and 1800 <= a < 2100 and sp.end() - s >= 9:
                # ``العام الدراسي 2009/ 2010``: a school, fiscal or sports year spans two
                return Draft(s, sp.end(), Kind.DATE, None, low=f"{a:04d}", high=f"{b:04d}",
                             calendar=Calendar.GREGORIAN), sp.end()
            return None, sp.end()  # 2/1 after extra time, 11/8: scores and file numbers
        if list_marker(self, s, e):
            return None, e
        if glued_tatweel(self, e):
            return None, e  # ``3ـ قلة الربح``: a list item numbered with a tatweel dash
        core = digits_core(self.doc.norm, s, e, self.lex, self.doc.fraction_first)
        if core is None:
            return None, skip_token(self, e)
        visual_decimal(self, core, s, e)
        if "-" in lead or "\u2212" in lead:  # ``-1.2``، ``- 2 درجة``
            if self.lex.months.after_re.match(t, core.end):
                pass  # ``الثورة -6 جويلية 2012``: a dateline's dash, then a day
            elif not self._signed(s - len(lead), core.end):
                return None, skip_token(self, e)
            else:
                core.value = -core.value if core.value is not None else None
                core.start = s - len(lead)
        unwrap(self, core)
        return self._classify(core)

    def _signed(self, dash: int, e: int) -> bool:
        """Is the dash at ``dash`` a minus sign? After a word (``العجز -5``) only when a
        unit, currency, percent or scale follows (``-5 درجات``، ``-5 مليارات``): a bare
        figure there is as often a title's dash or a list's."""
        t = self.t
        if not (dash > 1 and t[dash - 1] == " " and t[dash - 2].isalpha()):
            return True
        return bool(self.lex.after_re.match(t, e) or self.lex.scales.after_re.match(t, e))

    def _classify(self, core: Core) -> tuple[Draft | None, int]:
        """The claim ``core`` makes, and the offset to go on from."""
        ordinal.mark(self, core)
        if core.ordinal:
            return ordinal.attach(self, core)
        if core.plain_int and core.ndigits <= 2:
            dr = date.day_range(self, core)  # ``(8-12) ذو القعدة``، ``13 الى 15 تموز``
            if dr is None:
                dr = date.day_of_same_month(self, core)  # ``في 9 منه``، ``15 من الشهر الجاري``
            if dr is not None:
                return (None, core.end) if dr is SKIP else (dr, dr.end)
        # Ranges: ``بين 3 و5 ملايين``، ``من 10 إلى 15``، ``10-20 دولار``.
        rng = find_range(self, core)
        if isinstance(rng, int):
            return None, rng  # ``3-1``: a score, not two quantities
        if rng is not None:
            return attach_range(self, *rng)
        d = attach(self, core, core.start)
        if d is not None and d.kind is Kind.NUMBER and d.end == core.end:
            # a bare figure (not a year, no noun after it): ``من 65 إلى 67 عاماً``
            d = change_pair(self, core) or d
        if d is None:
            return None, core.end
        if d.kind is Kind.NUMBER and score_in_words(self, d):
            return None, d.end  # ``فاز بثلاثة أهداف لهدف``: a score
        if d.kind in (Kind.MONEY, Kind.QUANTITY, Kind.PERCENT):
            sign_word(self, d)
        if d.kind is not Kind.DATE:
            qualify(self, d, d.start)
        return d, d.end


#: Drafts a paragraph holds in memory while it waits for its end (past them, on
#: disk): about 1.5 MB.
HOLD = 1024


def _settled(t: str, drafts: Iterator[Draft]) -> Iterator[Draft]:
    """``drafts`` with the paragraph's own currency given to its bare ones: a bare
    دينار in a paragraph that also writes «دينار عراقي» (before or after it) is the
    Iraqi dinar, not the default. (Per paragraph, so that a file read in
    line-aligned chunks gives the same claims as read whole.)

    A draft goes on at once unless a bare currency came before it in its
    paragraph; from there on the paragraph's drafts wait for its end — past
    :data:`HOLD` of them in a temporary file, so that «1 دينار» followed by a
    million-character paragraph of figures holds no more than a paragraph of prose.
    """
    held = _Held()
    named: dict[str, set[str]] = {}  # the paragraph's currency nouns → the currencies they name
    end = -1  # where the paragraph ends: its newline, or the end of the text
    for d in drafts:
        if d.start >= end:
            yield from held.release(named)
            named = {}
            end = t.find("\n", d.start + 1)
            if end < 0:
                end = len(t)
        if d.kind is Kind.MONEY and d.cur_noun and not d.currency_assumed and d.unit:
            named.setdefault(d.cur_noun, set()).add(d.unit)
        if held or d.currency_assumed:
            held.add(d)
        else:
            yield d
    yield from held.release(named)


class _Held:
    """A paragraph's waiting drafts, in order: a list, then a temporary file."""

    __slots__ = ("drafts", "spill")

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.spill: Any = None

    def __bool__(self) -> bool:
        return bool(self.drafts) or self.spill is not None

    def add(self, d: Draft) -> None:
        self.drafts.append(d)
        if len(self.drafts) >= HOLD:
            import pickle
            import tempfile

            if self.spill is None:
                self.spill = tempfile.TemporaryFile(prefix="claimcheck-drafts-")
            pickle.dump(self.drafts, self.spill, pickle.HIGHEST_PROTOCOL)
            self.drafts = []

    def release(self, named: dict[str, set[str]]) -> Iterator[Draft]:
        """The waiting drafts in order, the bare currencies settled by ``named``."""
        if not self:
            return
        for batch in self._batches():
            for d in batch:
                if d.currency_assumed and d.cur_noun:
                    codes = named.get(d.cur_noun, ())
                    if len(codes) == 1:
                        d.unit = next(iter(codes))
                        d.currency_assumed = False
                yield d

    def _batches(self) -> Iterator[list[Draft]]:
        spill, drafts = self.spill, self.drafts
        self.spill, self.drafts = None, []
        if spill is not None:
            import pickle

            with spill:
                spill.seek(0)
                while True:
                    try:
                        yield pickle.load(spill)
                    except EOFError:
                        break
        yield drafts


def _finish(doc: ExtractionInput, d: Draft) -> Claim:
    norm = doc.norm
    a, b = norm.span(d.start, d.end)
    line, col = doc.line_col(a)
    subject = None
    if d.subject:
        sa, sb = norm.span(*d.subject)
        subject = norm.original[sa:sb]
    low, high = d.low, d.high  # most claims have no bounds
    # positional, in CLAIM_FIELDS order (new_claim: the slots filled directly)
    return new_claim(
        doc.file, line, col, doc.base_offset + a, doc.base_offset + b, norm.original[a:b],
        d.kind, _clean(d.value),
        None if low is None else _clean(low), None if high is None else _clean(high),
        d.unit, d.qualifier, subject, d.calendar, d.currency_assumed,
        doc.sentence(d.start, d.end), d.resolution,
    )


def _clean(v: Any) -> Any:
    """Exact Decimals without exponent noise (4.3 × 10⁹ → 4300000000)."""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return Decimal(int(v))  # exact at any size (quantize fails past 28 digits)
        return v.normalize()
    return v


#: How the agency decimal ر is read (:func:`claimcheck.extraction.anchors.ra_number`).
RA_ORDERS = ("fraction-first", "integer-first")


def extract(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
    ra_order: str = "fraction-first",
) -> list[Claim]:
    """Every quantitative claim in ``text``, in document order.

    ``country`` (ISO 3166 alpha-2) resolves bare ambiguous currencies (دينار،
    ريال…); ``base_offset``/``base_line`` shift offsets and lines when ``text``
    is one chunk of a larger document. ``ra_order`` is how the agency decimal
    ر is read: ``fraction-first`` (``5ر14`` = 14.5, the wires' storage order and
    the default) or ``integer-first`` (``5ر14`` = 5.14).

    >>> [(c.kind.value, c.value, c.unit) for c in extract("بأكثر من 500 مليون جنيه إسترليني")]
    [('money', Decimal('500000000'), 'GBP')]
    """
    return extract_normalized(text, file=file, country=country, base_offset=base_offset,
                              base_line=base_line, ra_order=ra_order)[0]


def iter_extract(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
    ra_order: str = "fraction-first",
) -> Iterator[Claim]:
    """:func:`extract`, one claim at a time, each built as it is found: a caller
    that writes claims as they come (the JSON Lines stream) holds one at a time,
    however dense the text — neither the document's anchors nor its claims are
    ever listed (see :meth:`Extractor.stream`)."""
    if ra_order not in RA_ORDERS:
        raise ValueError(f"ra_order must be one of {', '.join(RA_ORDERS)}, not {ra_order!r}")
    if not text:
        return
    doc = ExtractionInput(Normalized.of(text), file, base_offset, base_line, country,
                          ra_order == "fraction-first")
    for d in Extractor(doc, lexicon()).stream():
        yield _finish(doc, d)


def extract_normalized(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
    watch: frozenset[str] | None = None,
    ra_order: str = "fraction-first",
) -> tuple[list[Claim], Normalized | None]:
    """:func:`extract`, and the normalised view of ``text`` it read (for ``check``).

    ``watch``: a vocabulary the caller will look for in the normalised text
    (:meth:`Normalized.segment_hits`): its words are found in the same pass as
    the number words.
    """
    if ra_order not in RA_ORDERS:
        raise ValueError(f"ra_order must be one of {', '.join(RA_ORDERS)}, not {ra_order!r}")
    if not text:
        return [], None
    lex = lexicon()
    norm = Normalized.of(text)
    if watch:
        norm.watch(watch)
    doc = ExtractionInput(norm, file, base_offset, base_line, country, ra_order == "fraction-first")
    drafts = Extractor(doc, lex).run()
    return [_finish(doc, d) for d in drafts], doc.norm


def iter_extract_normalized(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
    watch: frozenset[str] | None = None,
    ra_order: str = "fraction-first",
) -> tuple[Iterator[Claim], Normalized | None]:
    """:func:`extract_normalized` with the claims given one at a time, as they are
    found (see :func:`iter_extract`): what ``check`` streams."""
    if ra_order not in RA_ORDERS:
        raise ValueError(f"ra_order must be one of {', '.join(RA_ORDERS)}, not {ra_order!r}")
    if not text:
        return iter(()), None
    norm = Normalized.of(text)
    if watch:
        norm.watch(watch)
    doc = ExtractionInput(norm, file, base_offset, base_line, country, ra_order == "fraction-first")
    return (_finish(doc, d) for d in Extractor(doc, lexicon()).stream()), norm
