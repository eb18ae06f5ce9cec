"""Words that merely look like numbers, refused (precision first).

Weekdays (``يوم الاثنين``، ``الأحد``), "one of" (``أحد المسؤولين``، ``واحد من``),
month names (``كانون الأول``), centuries (``القرن الحادي والعشرين``), quarters
of a year (``الربع الثالث``), the G-groups (``مجموعة العشرين``), regnal names
(``الملك عبد الله الثاني``), ``ثاني أكسيد الكربون``, ``الوزير الأول``, match
scores (``4 - صفر``), ``ألّف`` "he wrote", and the everyday words
خمس/عشر/تسع/ست/سبع/عدة when nothing around them says they count. The word
lists are ``number_words.toml``'s ``[blockers]``; these functions say where
each applies.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from claimcheck.extraction.numberwords.lexicon import (
    AMB,
    FRAC,
    GPL,
    HUND,
    LEX,
    ORD,
    PREFIXES_AT,
    SCALE,
    SG,
    TEEN,
    TEEN_UNIT,
    TEN,
    TENS,
    UNIT,
    ZERO,
)
from claimcheck.extraction.numberwords.tokens import FATHATAN, SHADDA, Tok, Tokens, prev_words, split_clitics
from claimcheck.lang import relite as rx

if TYPE_CHECKING:  # pragma: no cover
    from claimcheck.extraction.numberwords.parser import Parser

#: The words before an expression, nearest first (read once, on demand).
Before = Callable[..., "list[str]"]

@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> frozenset[str]:
    """A word and its readings without clitics (للقرن → القرن، قرن)."""
    out = {word}
    for p in PREFIXES_AT.get(word[:1], ()):
        if len(word) > len(p) + 1 and word.startswith(p):
            out.add(word[len(p):])
    if word.startswith("لل") and len(word) > 3:
        out.add("ال" + word[2:])
    return frozenset(out)


def _lists_by_word() -> dict[str, frozenset[str]]:
    """Each word of the ``[blockers]`` lists → the names of the lists that hold it."""
    out: dict[str, frozenset[str]] = {}
    for key, block in LEX.blockers.items():
        for w in block:
            out[w] = out.get(w, frozenset()) | {key}
    return out


_LISTS_OF = _lists_by_word()


@lru_cache(maxsize=1 << 16)
def blocked_by(word: str) -> frozenset[str]:
    """The ``[blockers]`` lists that hold ``word`` or one of its readings without
    clitics (``للقرن`` is in ``ordinal_after`` through ``القرن``)."""
    lists: frozenset[str] = frozenset()
    for v in _variants(word):
        if v in _LISTS_OF:
            lists |= _LISTS_OF[v]
    return lists


def after_any(words: list[str], key: str) -> bool:
    for w in words:
        if key in blocked_by(w):
            return True
    return False


_END = rx.compile(r"[^\S\n]*(?:$|\n|[.!?؟،,:;)\]»”\"])")


def nothing_follows(p: Parser, i: int) -> bool:
    """Token ``i`` ends a sentence or clause (``عددهم ست.``)."""
    t = p.tok[i]
    return t is not None and _END.match(p.text, t.end) is not None


def counted_noun_follows(tok: Tokens, i: int) -> bool:
    """Can token ``i`` be the noun a bare number counts (سنوات، ملايين)?"""
    t = tok[i]
    if t is None or t.lit is not None:
        return False
    if t.whole.startswith("ال") and not t.readings:
        return False
    if t.whole in LEX.function_words:
        if t.whole == "في":
            nxt = tok[i + 1]
            return nxt is not None and nxt.word in ("مئه", "مائه") and nxt.article
        return False
    return True


_DIGIT_BEFORE = rx.compile(r"[0-9][^\S\n]*\Z")


def has_tanween(p: Parser, t: Tok) -> bool:
    if p.original is None:
        return False
    a, b = p.original.span(t.wstart, t.end)
    return FATHATAN in p.original.original[a:b + 1]


def inside_refused(p: Parser, text: str, start: int) -> bool:
    """The word continues a number word just before it that the grammar refused.

    In ``القرن التاسع عشر`` the ordinal is a century and refused; the engine then
    tries ``عشر`` on its own, which must not become ten. The same holds for
    ``والعشرين`` after a refused ``القرن الحادي``.
    """
    t0 = p.tok[0]
    assert t0 is not None
    if not t0.clitic and (t0.get(SCALE) is not None or t0.get(FRAC, GPL) is not None) \
            and _DIGIT_BEFORE.search(text, max(0, start - 3), start):
        return True  # 2 مليون: the scale belongs to the digits (start there instead)
    joins_ten = not t0.clitic and t0.get(TEN) is not None
    joins_and = t0.clitic[:1] == "و" and t0.get(TENS) is not None
    if not (joins_ten or joins_and):
        return False
    before = prev_words(text, start, 1)
    if not before or text[start - 1] not in " \t":
        return False
    _, _, rs = split_clitics(before[0])
    if joins_ten:
        return any(r.kind in (ORD, UNIT, TEEN_UNIT) for r in rs)
    return any(r.kind in (ORD, UNIT, HUND) for r in rs)


def fraction_reading(p: Parser) -> bool:
    """خمس/عشر standing alone: a fraction before a definite noun (خمس السكان) or a
    whole in the construct state (خمس إجمالي الناتج)."""
    if p.definite:
        return False
    nxt = p.tok[1]
    return (nxt is not None and nxt.lit is None and not nxt.readings
            and (nxt.whole.startswith("ال") and nxt.whole not in LEX.function_words  # الى "to"
                 or "fraction_wholes" in blocked_by(nxt.whole)))


def ordinal_blocked(p: Parser, prev, n: int) -> bool:
    t0 = p.tok[0]
    before = prev(3)
    if before:
        near = blocked_by(before[0])  # the lists the word right before is in
        if "ordinal_after" in near or "weekday_after" in near and n == 1 and t0.word == "احد":
            return True  # يوم الأحد: Sunday (but ``اليوم الثاني``، ``اليوم ثاني أيام``: ordinals)
        if "regnal_names" in near and t0.article:
            return True  # ``هنري الثامن``، ``لويس الرابع عشر``: a regnal name with no title
        if "team_after" in near and (t0.article or not _ranks_what_follows(p, n)):
            return True  # ``الفريق الأول لكرة القدم``، ``الفريق أول صدقي``: a team, a rank
        if (t0.article and len(before) > 1 and _NISBA.fullmatch(before[0])
                and "team_after" in blocked_by(before[1])):
            return True  # ``المنتخب السعودي الأول``: a nationality between the side and its rank
    if after_any(before, "ordinal_after_title"):
        return True
    if n == 1 and not t0.article and t0.word in LEX.ord_not_alone:
        return True
    nxt = p.tok[n]
    if n == 1 and not t0.article and t0.word == "اولي" and nxt is not None and nxt.lit is None:
        # أولى من / أولى بـ: the elative "more deserving", not "first"
        if nxt.whole in LEX.blockers["awla_before"] or nxt.whole.startswith("ب"):
            return True
    if nxt is not None and nxt.lit is None:
        if "ordinal_before" in blocked_by(nxt.whole):
            return True
        if nxt.whole == "من":
            after = p.tok[n + 1]
            if after is not None and after.whole in LEX.blockers["ordinal_before"]:
                return True  # أول من أمس
    return False


def _ranks_what_follows(p: Parser, n: int) -> bool:
    """``أول لقاءاته``: a bare ordinal before a noun with a pronoun (first of its …)."""
    nxt = p.tok[n]
    return nxt is not None and nxt.lit is None and nxt.whole.endswith(("ه", "ها", "هم", "هما"))


#: A definite nationality (or other nisba) adjective: السعودي، الوطني، المصرية.
_NISBA = rx.compile(r"ال\p{L}{2,}(?:ي|يه)")
_SCORE_BEFORE = rx.compile(r"[0-9\-/:][^\S\n]*\Z")
_SCORE_AFTER = rx.compile(r"[^\S\n]*[\-/:]")


MILLION = 10 ** 6


def range_follows(tok: Tokens) -> bool:
    """``بين خمس إلى عشر سنوات``: إلى/أو and a number after an ambiguous word."""
    to, n = tok[1], tok[2]
    if to is None or n is None or to.whole not in LEX.blockers["ambiguous_range_before"]:
        return False
    return n.lit is not None or any(r.kind in (UNIT, TEN, TEEN, TENS, HUND) for r in n.readings)


def of_every_follows(tok: Tokens) -> bool:
    """``واحد من كل أربعة``، ``واحدة من كل 5``: «من كل» and a number after «one»."""
    of, every, n = tok[1], tok[2], tok[3]
    if of is None or every is None or n is None or of.whole != "من" or every.whole != "كل":
        return False
    return n.lit is not None or any(r.kind in (UNIT, TEN, TEEN, TENS, HUND, SCALE) for r in n.readings)


def definite_scale_counts(tok: Tokens) -> bool:
    """After ``المليون``: an indefinite counted noun (``زائر``، ``دولار``), not a verb
    (``يعيشون``، ``تمت``), a definite word, a word with a preposition (``لخطر``)."""
    if not counted_noun_follows(tok, 1):
        return False
    w = tok[1].whole  # type: ignore[union-attr]
    return not (w.startswith(("ال", "ي", "ت", "و", "ف", "ل", "ب", "ك")) or w.endswith(("ون", "وا"))
                or tok[1].readings or w in LEX.blockers["definite_scale_before"])


def cardinal_ok(p: Parser, prev, n: int) -> bool:
    """Refuse single words that are something else here (weekday, "one of", …)."""
    t0 = p.tok[0]
    assert t0 is not None
    if t0.lit is not None:
        return True
    if n > 1:
        return True
    r = t0.get(ZERO, UNIT, TEN, TEEN, TENS, HUND, SCALE)
    if r is None:
        return False
    if not r.alone:
        return not p.definite  # المية "the water": a dialect word never takes the article
    if t0.word in LEX.ambiguous and not p.definite:
        # ``بين خمس إلى عشر سنوات``; with no opener (``بعد خمس إلى عشر سنوات``) the
        # range must go on past its second figure (the reader checks for a unit there)
        return (counted_noun_follows(p.tok, 1) or nothing_follows(p, 0)
                or range_follows(p.tok) and (after_any(prev(1), "ambiguous_range_after")
                                             or p.tok[3] is not None))
    nxt = p.tok[1]
    if r.kind == ZERO:
        if p.definite:
            return False  # الصفر: "تحت الصفر"، "من الصفر"
        if after_any(prev(), "zero_after") or (nxt is not None and nxt.lit is not None):
            return False
        # Match scores (4 - صفر، صفر/1) and dates: a digit or dash right beside it.
        if _SCORE_BEFORE.search(p.text, max(0, t0.start - 4), t0.start):
            return False
        return _SCORE_AFTER.match(p.text, t0.end) is None
    if r.kind == UNIT and r.value == 1:
        if p.definite:
            return False  # الواحد: "per", "the one"
        if range_follows(p.tok):
            return True  # ``من واحد إلى أربعة أكواب``: one opens a range (إلى is no article)
        if nxt is not None and nxt.lit is None and (
                nxt.whole in LEX.blockers["one_before"]
                or (nxt.whole.startswith("ال") and not nxt.readings)):
            return of_every_follows(p.tok)  # ``واحد من كل أربعة``: a share, not "one of"
    if r.kind == UNIT and r.value == 2:
        if p.definite or after_any(prev(), "weekday_after"):
            return False  # الاثنين، يوم الاثنين: Monday
    if r.kind == SCALE:
        if p.definite:
            # الألف، المليون: names (``نادي المليون``، ``مسيرة المليون``), but
            # ``المليون زائر``: the million visitors, a count
            return (r.value >= MILLION and r.number == SG and t0.clitic in ("ال", "وال")
                    and (after_any(prev(1), "definite_scale_subjects")  # ``يفوق عددهم المليار``
                         or definite_scale_counts(p.tok) and not after_any(prev(1), "definite_scale_after")))
        if r.number == AMB and r.value == 1000 and not has_tanween(p, t0) \
                and not p.construct_dual(0):
            return False  # ألفا without tanween or a counted noun: the name Alpha
        if p.original is not None and r.value == 1000:
            a, b = p.original.span(t0.wstart, t0.end)
            if SHADDA in p.original.original[a:b + 1]:
                return False  # ألّف "he wrote"
    return True
