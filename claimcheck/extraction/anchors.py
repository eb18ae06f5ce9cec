"""Where a number starts, and what it is as written (:class:`~claimcheck.extraction.scan.Core`).

One pass of a digit pattern finds the digit literals; number words, dual
nouns (``سنتين``), decade phrases and و-fractions are found through the
document's vocabulary (:func:`anchors`). At an anchor the number is read with
what completes it: separators and the Egyptian decimal ``8 ر8``, the decimal
said in words (``1 فاصلة 5``), scale words and their و-compounds
(``3 ملايين و400 ألف``), quotes or brackets around it (``"750" ريالاً``).
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from claimcheck.extraction.patterns import NA, Lexicon, key
from claimcheck.extraction.scan import Core, Scan
from claimcheck.lang import recache
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import DIGIT_LITERAL, SEPARATORS, parse_literal
from claimcheck.text.normalize import Normalized

#: Longer digit runs are codes or noise, not quantities.
MAX_INT_DIGITS = 18
_DIGIT_ANCHOR = recache.compile(DIGIT_LITERAL)
_FASILA = rx.compile(r"\s+فاصل[هة]\s+([0-9]+)" + NA)
#: ر groups after digits: ``5ر14``، ``8 ر8``، ``000ر750ر78`` (see :func:`ra_number`).
_RA_GROUPS = rx.compile(r"(?: ?ر ?[0-9]+)+" + NA)
#: و and digits after a number (``3 ملايين و400 ألف``، ``20 دولاراً و43 سنتاً``).
AND_DIGITS = rx.compile(r"\s*و\s*(" + DIGIT_LITERAL + ")")
_OPENER = rx.compile(r"([\"“«(\[]) ?$")
_CLOSER = rx.compile(r" ?([\"”»)\]])")
_PAIRS = {"“": "”", "«": "»", "(": ")", "[": "]"}


def anchors(norm: Normalized, lex: Lexicon) -> Iterator[tuple[int, int, str, int]]:
    """Every place a claim can start, in text order: (start, end, kind, core start).

    Digits come from one pass of a digit pattern. Words are found without
    scanning the text with a large alternation (that costs ~10× the digit
    pass): the document's vocabulary is intersected with every anchor word in
    every clitic form (a C-speed set operation), and only the few forms that
    occur are located. The vocabulary is listed once per document
    (:meth:`Normalized.segment_hits`), and ``check``'s table names are found in
    the same pass.

    The anchors are a stream, the two kinds merged as they are found: no list of
    a chunk's anchors is held (claim-dense text has one every two characters,
    and a long line makes a chunk of millions of characters).
    """
    words = _word_anchor_stream(norm, lex)
    w = next(words, None)
    for d in _digit_anchors(norm.text):
        while w is not None and w < d:  # number words are sparse: one look per digit anchor
            yield w
            w = next(words, None)
        yield d
    if w is not None:
        yield w
        yield from words


def _digit_anchors(t: str) -> Iterator[tuple[int, int, str, int]]:
    """The digit anchors, in order. An anchor may start a character or two before
    its digits (a sign or a dot read with them), never before the previous
    anchor: that would need a space or a sign where the previous literal has a
    digit (every literal starts with one)."""
    for m in _DIGIT_ANCHOR.finditer(t):
        s = m.start()
        a = s
        # ``.77`` (no leading zero) and a minus sign (``-1.2``، ``- 2``) that stand
        # after a space: read here, not in the pattern, so the scan keeps the
        # engine's fast first-character search.
        if a and t[a - 1] == "." and (a == 1 or t[a - 2].isspace()):
            a -= 1
        # A dash after a number is no sign (``ص 109 - 110``، ``2010 -2011``).
        if a and t[a - 1] in "-\u2212" and (a == 1 or t[a - 2].isspace()) and not _digit_before(t, a - 1):
            a -= 1
        elif (a > 1 and t[a - 2:a] in ("- ", "\u2212 ") and (a == 2 or t[a - 3].isspace())
              and not _digit_before(t, a - 2)):
            a -= 2
        yield a, m.end(), "d", s


def _word_anchor_stream(norm: Normalized, lex: Lexicon) -> Iterator[tuple[int, int, str, int]]:
    """Word anchors segment by segment (paragraphs, long ones cut at a space):
    each located form is searched only in the segment that holds it, so the
    cost stays linear however many distinct number words a long text has, and
    only one segment's anchors (a few thousand characters' worth) are held."""
    t = norm.text
    for a, b, present in norm.segment_hits(lex.anchor_form_set):
        out: list[tuple[int, int, str, int]] = []
        _word_anchors(t, a, b, present, lex, out)
        out.sort()
        yield from out


def _digit_before(t: str, i: int) -> bool:
    """Is the first character before ``i`` past a few blanks a digit?"""
    j = i - 1
    while j >= 0 and i - j <= 3 and t[j] == " ":
        j -= 1
    return j >= 0 and t[j].isdigit()


def _word_anchors(t: str, a: int, b: int, present: set[str], lex: Lexicon,
                  out: list[tuple[int, int, str, int]]) -> None:
    for form in present:
        plen, kind = lex.anchor_forms[form]
        n = len(form)
        s = t.find(form, a, b)
        while s >= 0:
            e = s + n
            # a whole word: not the tail of a longer word, not the head of one
            if not (s and t[s - 1].isalnum()) and not (e < len(t) and (t[e].isalnum() or t[e] == "_")):
                out.append((s, e, kind, s + plen))
            s = t.find(form, s + 1, b)


def scale_tail(t: str, pos: int, lex: Lexicon) -> tuple[int, Decimal] | None:
    m = lex.scales.after_re.match(t, pos)
    if not m:
        return None
    return m.end(), lex.scales.values[key(m.group(1))]


def digits_core(norm: Normalized, s: int, e: int, lex: Lexicon, fraction_first: bool = True) -> Core | None:
    t = norm.text
    raw = t[s:e]
    lit = parse_literal(raw)
    if lit is None or lit.int_digits > MAX_INT_DIGITS:
        return None
    value, res = lit.value, lit.resolution
    end = e
    if not lit.grouped and res == 1:
        ra = ra_number(t, raw, e, fraction_first)
        if ra:
            value, res, end = ra
    m = _FASILA.match(t, end)
    if m and res == 1 and not lit.grouped:  # ``1 فاصلة 5`` = 1.5, the decimal point said in words
        value = Decimal(f"{raw}.{m.group(1)}")
        res = Decimal(1).scaleb(-len(m.group(1)))
        end = m.end()
    if lit.grouped and end == e and "." in raw and lex.context.percent_re.match(t, end):
        # ``14.614%``: a percentage with a dot is a decimal whatever the digits
        # after it (a share of 14,614 % is written so by no one); ``1,250 %``
        # with a comma, the thousands sign of Gulf copy, stays grouped
        dec = _single_separator_decimal(norm, s, raw)
        if dec is not None:
            value, res = dec
            lit = replace(lit, grouped=False)
    core = Core(s, end, value, res, plain_int=(end == e and not lit.grouped and res == 1),
                ndigits=lit.int_digits)
    st = scale_tail(t, end, lex)
    if st:
        if lit.grouped and end == e:
            # ``2.375 مليار``، ``1,862 مليون``: one separator before a scale word is a
            # decimal point whatever the digits after it (nobody writes 2,375
            # billion so); ``٬`` (the Arabic thousands sign) and several groups stay
            # thousands (``1,250,000 ألف`` is rare but unambiguous).
            dec = _single_separator_decimal(norm, s, raw)
            if dec is not None:
                value, res = dec
                core.value, core.resolution = value, res
        core.end, mult = st
        core.value = value * mult
        core.resolution = res * mult
        core.scaled, core.plain_int, core.scale = True, False, mult
        and_smaller(t, core, mult, lex)
        if core.end == st[0]:
            half = lex.words.match_scale_fraction(t, core.end, mult)
            if half is not None:  # ``٤ مليون ونص`` = 4,500,000
                core.end, add = half
                core.value += add
                core.resolution = mult / 10
    elif core.plain_int and (t[end:end + 1] == "و" or t[end:end + 2] == " و"):
        hm = lex.half_tail_re.match(t, end)
        if hm is not None and lex.after_re.match(t, hm.end()):
            # ``16 ونصف متر``، ``16ونصف متر`` = 16.5 metres: the fraction before the unit
            frac = lex.fractions[hm.group(1)]
            core.value, core.resolution, core.end, core.plain_int = value + frac, frac, hm.end(), False
    return core


def and_smaller(t: str, core: Core, mult: Decimal, lex: Lexicon) -> None:
    """``3 ملايين و400 ألف`` = 3,400,000: a smaller scale joined by و adds on to
    ``core`` (scaled by ``mult``), and so do units after the thousands."""
    while True:
        m = AND_DIGITS.match(t, core.end)
        if not m:
            break
        lit2 = parse_literal(m.group(1))
        st2 = scale_tail(t, m.end(), lex) if lit2 else None
        if lit2 and not st2 and lit2.value < mult and lit2.resolution == 1:
            # ``14 ألف و558 سيارة`` = 14,558: the units after the thousands
            core.end = m.end()
            core.value += lit2.value
            core.resolution = Decimal(1)
            break
        if not st2 or st2[1] >= mult:
            break
        core.end, mult = st2
        core.value += lit2.value * mult
        core.resolution = lit2.resolution * mult


def _single_separator_decimal(norm: Normalized, s: int, raw: str) -> tuple[Decimal, Decimal] | None:
    """``2.375`` before a scale word: 2.375 (value, resolution), or None when the
    literal has several groups or its separator is the Arabic thousands sign ٬."""
    k = next((i for i, c in enumerate(raw) if c in SEPARATORS), -1)
    if k <= 0 or any(c in SEPARATORS for c in raw[k + 1:]):
        return None
    if norm.original[norm.to_original(s + k)] == "\u066c":
        return None
    frac = raw[k + 1:]
    return Decimal(f"{raw[:k]}.{frac}"), Decimal(1).scaleb(-len(frac))


def ra_number(t: str, raw: str, e: int, fraction_first: bool) -> tuple[Decimal, Decimal, int] | None:
    """Agency copy's ر decimals and groups after the digits ``raw`` ending at ``e``:
    (value, resolution, end), or None.

    Wire services (SPA, MENA, Petra) typed the decimal point as the letter ر and,
    right to left, put the fraction first in storage order: ``5ر14 مليون`` is
    14.5 million, ``84ر3 مليار`` 3.84 billion, ``4ر36 بالمائة`` 36.4 %. Measured
    on the shared corpus: 22 literals whose first part has a leading zero
    (``05ر1`` = 1.05, only a fraction starts so) against 6 the other way, most
    of these clock times (``33ر06``). ``fraction_first=False`` reads the other
    order (``8ر14`` = 8.14) for archives that use it. Three or more ر groups
    are thousands in the same reversed order: ``000ر750ر78`` = 78,750,000; so
    is a lone group of three zeros (``000ر30`` = 30,000).
    """
    m = _RA_GROUPS.match(t, e)
    if not m:
        return None
    groups = [raw, *(g.strip() for g in m.group().split("ر")[1:])]
    end = m.end()
    if len(groups) > 2:
        # thousands, smallest group first: every group but the last has three digits
        if any(len(g) != 3 for g in groups[:-1]) or len(groups[-1]) > 3:
            return None
        return Decimal("".join(reversed(groups))), Decimal(1), end
    whole, frac = (groups[1], groups[0]) if fraction_first else (groups[0], groups[1])
    if frac == "000":  # ``000ر30`` = 30,000: nobody writes a decimal tail of zeros
        return Decimal(whole + frac), Decimal(1), end
    return Decimal(f"{whole}.{frac}"), Decimal(1).scaleb(-len(frac)), end


def scale_of_words(t: str, s: int, e: int, lex: Lexicon) -> Decimal:
    """The scale word that ends a number written in words (``خمسة ملايين`` → 10⁶)."""
    words = t[s:e].split()
    last = words[-1] if words else ""
    for cl in ("", "و", "ال"):
        if last.startswith(cl) and last[len(cl):] in lex.scales.values:
            return lex.scales.values[last[len(cl):]]
    return Decimal(1)


def visual_decimal(x: Scan, core: Core, s: int, e: int) -> None:
    """``45.‏1`` with a right-to-left mark after the point is typed to *show* 1.45.

    Some papers type a decimal in display order inside Arabic text: the
    integer part after the mark, the fraction before the point. The reading
    is the one an editor sees on the page (1.45 euros for a litre of diesel).
    """
    raw = x.t[s:e]
    dot = raw.find(".")
    if dot <= 0 or raw.count(".") != 1 or core.value is None:
        return
    norm = x.doc.norm
    o = norm.to_original(s + dot)
    if norm.original[o + 1:o + 2] != "\u200f":
        return
    frac, whole = raw[:dot], raw[dot + 1:]
    swapped = Decimal(f"{whole}.{frac}")
    step = Decimal(1).scaleb(-len(frac))
    scale = core.scale if core.scaled else Decimal(1)
    core.value, core.resolution = swapped * scale, step * scale


def _said_again(x: Scan, at: int, value: Decimal) -> int | None:
    """The end of a number in words at ``at`` (after spaces) whose value is
    ``value``, or None: contracts and tenders restate a figure so."""
    t = x.t
    k = at
    while k < len(t) and t[k] == " ":
        k += 1
    if k >= len(t) or not t[k].isalpha():
        return None
    wn = x.lex.words.match_words(t, k, x.doc.norm)
    if wn is None or wn.vague or wn.ordinal or wn.value != value:
        return None
    return wn.end


def unwrap(x: Scan, core: Core) -> None:
    """``"750" ريالاً``، ``(8) سنوات``: a number in quotes or brackets keeps its unit."""
    t = x.t
    m = _OPENER.search(t, max(x.floor, core.start - 2), core.start)
    if not m:
        return
    c = _CLOSER.match(t, core.end)
    if not c or _PAIRS.get(m.group(1)) != c.group(1) and m.group(1) != c.group(1):
        return
    after = c.end()
    lex = x.lex
    if core.value is not None and not core.scaled:
        said = _said_again(x, after, core.value)
        if said:
            # ``( 2000 ) ألفي ريال``، ``( 000ر30 ) ثلاثون ألف ريال``: the figure
            # said again in words is one claim of it, not digits × a scale
            core.start, core.end = m.start(1), said
            return
        st = scale_tail(t, after, lex)
        if st:
            core.end, mult = st
            core.value *= mult
            core.resolution = (core.resolution or Decimal(1)) * mult
            core.scaled, core.plain_int, core.scale = True, False, mult
            core.start = m.start(1)
            and_smaller(t, core, mult, lex)  # ``(56) الف و540 جنيه`` = 56,540
            return
    if (lex.currencies.noun_re.match(t, after) or lex.units.unit_re.match(t, after)
            or lex.units.dur_re.match(t, after)
            or lex.context.percent_re.match(t, after)):
        core.start, core.end = m.start(1), after
