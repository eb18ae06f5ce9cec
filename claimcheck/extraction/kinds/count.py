"""Counts: a number no kind word follows (``87 شريكاً``، ``سالب 5``), vague
amounts (``عشرات الآلاف من اللاجئين``), with the noun they count as ``subject``;
a dual that is the number two by itself (``اشترى سيارتين``، ``جنيهان مصريان``);
and a share said as «X من كل Y» (``واحد من كل أربعة`` = 0.25).
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.context import OF_SUBJECT, SUBJECT, is_subject, qualify
from claimcheck.extraction.kinds.money import currency
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import DIGIT_LITERAL, parse_literal
from claimcheck.model import Kind

#: «من كل» after the part of a share: ``واحد من كل أربعة``، ``1 من كل 5``.
_OF_EVERY = rx.compile(r"[^\S\n]+من[^\S\n]+كل[^\S\n]+(?=\S)")
_DIGITS = rx.compile("(" + DIGIT_LITERAL + r")(?![\p{L}\p{N}])")
#: The word after a dual (its adjective, or a nationality: ``جنيهان مصريان``).
_NEXT_WORD = rx.compile(r"[^\S\n]+(\p{L}+)(?![\p{L}\p{N}])")
#: One and two repeated after a dual noun for emphasis: ``سيارتين اثنتين``.
_TWO_AFTER = frozenset(["اثنان", "اثنين", "اثنتان", "اثنتين"])
#: Clitics a dual may carry and stay a new figure: conjunctions and prepositions,
#: not the article (``الطفلين`` points back to children named before) nor كـ "like".
_DUAL_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def attach(x: Scan, core: Core, left: int) -> Draft:
    t, lex = x.t, x.lex
    e, v = core.end, core.value
    if core.vague or v is None:
        d = Draft(left, e, Kind.NUMBER, None, low=core.low, high=core.high, resolution=core.resolution)
        sub = SUBJECT.match(t, e)
        # ``ملايين الأشخاص``، ``عشرات الآلاف من اللاجئين``: the counted noun is definite here
        if sub and sub.group("w") not in lex.context.not_subjects and not sub.group("w").startswith("و"):
            d.subject = (sub.start("w"), sub.end("w"))
            d.end = sub.end("w")
        else:
            sm = OF_SUBJECT.match(t, e)
            if sm:
                d.subject = (sm.start("w"), sm.end("w"))
                d.end = sm.end("w")
        return d
    share = of_every(x, core, left)
    if share is not None:
        return share
    d = Draft(left, e, Kind.NUMBER, v, resolution=core.resolution)
    # negative numbers: ``سالب 5``
    nm = x.left(lex.context.neg_before_re, left, 12)
    if nm:
        d.value = -v
        st = nm.start()
        d.start = st + (1 if t[st] in "وف" and t[st + 1:st + 2] in "سن" else 0)
    sub = SUBJECT.match(t, e)
    if sub and is_subject(sub.group("w"), lex):
        d.subject = (sub.start("w"), sub.end("w"))
        d.end = sub.end("w")
        if core.scale > 1:
            _scale_fraction_after_noun(x, core, d)
    return d


def _scale_fraction_after_noun(x: Scan, core: Core, d: Draft) -> None:
    """``خمسة ملايين نسمة ونصف المليون`` = 5.5 million: the و-fraction of the scale
    may follow the counted noun when the scale is repeated with the article after
    it (``نسمة ونصف`` alone could be half of something else)."""
    half = x.lex.words.match_scale_fraction(x.t, d.end, core.scale)
    if half is not None and len(x.t[d.end:half[0]].split()) >= 2 and d.value is not None:
        d.end, d.value = half[0], d.value + half[1]
        d.resolution = core.scale / 10


def of_every(x: Scan, core: Core, left: int) -> Draft | None:
    """``واحد من كل أربعة أطفال`` = 1/4, ``3 من كل 10`` = 0.3: a share, kind
    ``number`` with the fraction as its value (as ``ثلاثة أرباع`` = 0.75)."""
    t = x.t
    m = _OF_EVERY.match(t, core.end)
    if m is None or core.value is None or core.value <= 0 or core.scaled:
        return None
    k = m.end()
    whole = None
    dm = _DIGITS.match(t, k)
    if dm is not None:
        lit = parse_literal(dm.group(1))
        if lit is not None and lit.resolution == 1:
            whole, end = lit.value, dm.end()
    else:
        wn = x.lex.words.match_words(t, k, x.doc.norm)
        if wn is not None and not (wn.vague or wn.ordinal or wn.definite or wn.context_only):
            whole, end = wn.value, wn.end
    if whole is None or whole <= core.value:
        return None
    d = Draft(left, end, Kind.NUMBER, core.value / whole, resolution=Decimal("0.01"))
    sub = SUBJECT.match(t, end)
    if sub and is_subject(sub.group("w"), x.lex):
        d.subject = (sub.start("w"), sub.end("w"))
        d.end = sub.end("w")
    return d


def countable_follows(x: Scan, end: int) -> bool:
    """Is the word after ``end`` one of the countable nouns (``متين شخص``)?"""
    m = _NEXT_WORD.match(x.t, end)
    if m is None:
        return False
    w, singulars = m.group(1), x.lex.words.counted().singulars
    return w in singulars or (w[-1] == "ا" and w[:-1] in singulars)  # شخصاً: the accusative


def _agrees_dual(noun: str, word: str) -> bool:
    """Is ``word`` an adjective in the dual agreeing with the dual ``noun`` (same
    ending: ``عبوتين ناسفتين``، ``حادثان أمنيان``، ``طريقين حيويين``)?"""
    for end in ("تين", "تان", "ين", "ان"):
        if noun.endswith(end):
            return word.endswith(end) and len(word) > len(end) + 2 and word not in _TWO_AFTER
    return False


def from_dual(x: Scan, ws: int, s: int, e: int, kind: str) -> tuple[Draft | None, int]:
    """A dual noun at ``[s, e)`` (clitics from ``ws``) that is the number two:
    ``سيارتين`` (kind ``ndual``: a countable noun) or ``جنيهان مصريان`` (``cdual``)."""
    t, lex = x.t, x.lex
    cl = t[ws:s]
    if cl not in _DUAL_CLITICS:
        return None, e
    word = t[s:e]
    st = ws + 1 if cl[:1] in ("و", "ف") else ws  # the conjunction stays outside the claim
    end = e
    nxt = _NEXT_WORD.match(t, e)
    if kind == "ndual" and nxt is not None and _agrees_dual(word, nxt.group(1)) \
            and not nxt.group(1).startswith("ي"):  # ``شابان يقومان``: a verb, not an adjective
        end, nxt = nxt.end(), _NEXT_WORD.match(t, nxt.end())  # ``عبوتين ناسفتين``
    if nxt is not None and nxt.group(1) in _TWO_AFTER:
        end, nxt = nxt.end(), None  # ``سيارتين اثنتين``، ``بدرهمين اثنين``: one claim
    if kind == "cdual":
        noun = lex.currency_duals[word]
        nat = None
        if nxt is not None and nxt.group(1)[-2:] in ("ان", "ين"):
            adj = nxt.group(1)[:-2]  # ``مصريان`` → مصري: the nationality in the dual
            if (noun, adj) in lex.currencies.by_nationality:
                nat, end = adj, nxt.end()
        code, assumed = currency(x, word, nat, s, e)
        d = Draft(st, end, Kind.MONEY, Decimal(2), unit=code, resolution=Decimal(1),
                  currency_assumed=assumed, cur_noun=noun)
    else:
        d = Draft(st, end, Kind.NUMBER, Decimal(2), resolution=Decimal(1), subject=(s, e))
    qualify(x, d, d.start)
    return d, d.end
