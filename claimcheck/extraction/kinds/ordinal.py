"""Ordinals: ``الذكرى العاشرة``، ``الاجتماع الـ22``، ``الثالث من أكتوبر`` (a date).

A number is an ordinal when the grammar reads it so (``العاشر``، ``الحادي
والعشرون``) or when digits follow an ordinal-taking head with the article
(``الذكرى الـ10``) or a definite noun then ``الـ`` (``الاجتماع الـ22``). An
ordinal that names a chapter or an article (``الفصل السابع``، ``المادة
الخامسة``) is not a claim, nor is ``أمس الأول`` (the day before yesterday).
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.context import SUBJECT, WORD_BEFORE, is_subject, qualify
from claimcheck.extraction.kinds import date, has_unit
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import SKIP, Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.model import Kind, Qualifier

_DEFINITE_BEFORE = rx.compile(r"(?<![\p{L}])[وفبلك]?ال\p{L}{2,} $")
_YESTERDAY = rx.compile(r"(?<!\w)[وف]?امس\s+\Z")
_OPEN_BOUNDS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST)


def mark(x: Scan, core: Core) -> None:
    """Digits written as an ordinal after an ordinal-taking noun: ``الذكرى الـ10``."""
    if not core.plain_int or core.ordinal:
        return
    s = core.start
    ctx = x.lex.context
    om = x.left(ctx.ordinal_head_re, s, 30)
    if om is not None and x.lex.months.after_re.match(x.t, core.end):
        return  # ``ذكرى 11 سبتمبر``: a day and its month, not a rank
    if om is not None and (om.group("al") or glued_article(x, s) or x.left(ctx.bare_rank_re, s, 16)):
        core.ordinal = True  # ``الذكرى الـ10``، ``المرتبة 20``
    elif centre_rank(x, s, core.end):
        core.ordinal = True  # ``احتل المركز 93``، ``المركز 3 عالمياً``
    elif (a := article_start(x, s)) >= 0 and not has_unit(x, core.end):
        dm = _DEFINITE_BEFORE.search(x.t, max(0, a - 24), a)
        # ``الاجتماع الـ22``: a definite noun, then the number with ال; after a plural
        # (``المحافظات الـ27``، ``الدول الـ27``) the number counts them; before a unit
        # (``الـ 47 درجة``) it measures
        if dm and not ctx.plural_re.search(dm.group(0)):
            core.ordinal = True


def centre_rank(x: Scan, s: int, e: int) -> bool:
    """``احتل المركز 93``، ``تراجع إلى المركز ( 93 )``، ``المركز 3 عالمياً``: المركز
    before a bare number is a place in a table when a verb of taking or moving to a
    place stands before it, or a ranking after the number; not ``أصدر المركز 17
    تقريراً`` (the centre issued 17 reports) nor before a scale, unit or counted noun."""
    t, ctx = x.t, x.lex.context
    if t.find("مركز", max(0, s - 10), s) < 0 or ctx.centre_head_re.search(t, max(0, s - 14), s) is None:
        return False
    if ctx.rank_after_re.match(t, e):
        return True
    if has_unit(x, e) or x.lex.scales.after_re.match(t, e):
        return False
    vm = x.left(ctx.centre_rank_re, s, 60)
    if vm is None or vm.group("v") in ctx.occupy_verbs:
        return vm is not None  # ``تحتل المركز150 إنجازاً``: occupying places it all the same
    sm = SUBJECT.match(t, e)
    return not (sm and is_subject(sm.group("w"), x.lex))


def attach(x: Scan, core: Core) -> tuple[Draft | None, int]:
    """The claim of an ordinal ``core`` (None: not a claim), and where to go on."""
    t, lex = x.t, x.lex
    s = core.start
    if core.definite and core.value is not None and 20 <= core.value < 100 and core.value % 10 == 0:
        d = _tens_bound(x, core)
        if d is not None:
            return d, d.end
    a = article_start(x, s) if core.ndigits else -1
    # ``الدقيقة الـ 4``: a minute (the head stands before the number's article)
    if x.left(lex.context.time_re, a if a >= 0 else s, 24) or lex.context.time_after_re.match(t, core.end):
        return None, core.end  # ``الساعة الخامسة``، ``الثالثة زوالاً``: a clock time
    # ``المرحلة الأولى`` ranks a stage; ``المرحلة 3`` names one
    ranked = core.ndigits == 0 and x.left(lex.context.ranked_head_re, s, 16)
    if x.left(lex.context.ident_re, s, 40) and not ranked or (
            t.find("امس", max(0, s - 8), s) >= 0 and _YESTERDAY.search(t, max(0, s - 8), s)):
        # ``الفصل السابع``، ``المادة الخامسة``: the ordinal names a chapter or an
        # article (but ``المرحلة الأولى`` ranks a stage); ``أمس الأول``: the day before yesterday
        return None, core.end
    if (core.ndigits == 0 and core.value == 1
            and lex.context.first_of_plural_re.search(t, max(0, s - 40), s)):
        # ``الأيام القليلة الأولى``، ``المراتب الأولى``: "the first ones" of a plural
        # names no rank (``المراكز الخمسة الأولى`` counts five: the number's own claim)
        return None, core.end
    if core.ndigits == 0 and core.definite and core.value in (1, 2, 3) and former_or_latter(x, core):
        return None, core.end  # ``فحصل الأول على …، والثاني على …``: the former, the latter
    d = date.ordinal_date(x, core)
    if d is SKIP:
        return None, core.end
    if d is not None:
        return d, d.end
    start = a if a >= 0 else _glued_start(x, s)  # ``الـ 51``: the article in the span
    hm = x.left(lex.context.ordinal_head_re, start, 30)
    if hm is not None and t[hm.end():start].strip() == "":
        start = hm.start()
        if t[start] in "وف" and t[start + 1:start + 3] == "ال":
            start += 1  # ``والذكرى``: the conjunction stays outside
    d = Draft(max(x.floor, start), core.end, Kind.ORDINAL, core.value, resolution=Decimal(1))
    return d, d.end


def former_or_latter(x: Scan, core: Core) -> bool:
    """``فحصل الأول على 3386 صوتاً، والثاني على 1750``: الأول (الثاني، الثالث) with
    no definite noun before it, and its partner standing so in the same sentence
    (after it for الأول, الأول before it for the others): a pronoun, no rank."""
    t, ctx = x.t, x.lex.context
    s, e = core.start, core.end
    if not _standalone(t, s, e) or _OF_NEXT.match(t, e):
        return False  # ``المركز الأول``; ``الأول من يناير`` (a date)
    if core.value == 1:
        stop = _sentence_end(t, e, min(len(t), e + 300))
        pairs = ctx.latter_re.finditer(t, e, stop)
    else:
        pairs = ctx.former_re.finditer(t, _sentence_start(t, max(0, s - 300), s), s)
    return any(_standalone(t, m.start(), m.end()) and not _OF_NEXT.match(t, m.end()) for m in pairs)


#: The word before a standalone ordinal: no article (a verb, a preposition, a
#: comma: ``فحصل الأول``، ``، والثاني``), unlike ``المركز الأول``، ``للمرة الثالثة``
#: or a noun made definite by its pronoun (``في نسختها الثالثة``).
_DEFINITE_WORD = rx.compile(r"(?<![\p{L}])(?:[وفبلك]?ال\p{L}+|[وف]?لل\p{L}+|\p{L}+(?:ته|تها|تهم|تهما))\s+$")
_OF_NEXT = rx.compile(r"\s+من\s")
#: Where a sentence ends: a stop not inside a number (``7.16``), a line break.
_SENTENCE_MARK = rx.compile(r"[.!?؟](?![0-9])|\n")


def _standalone(t: str, s: int, e: int) -> bool:
    return _DEFINITE_WORD.search(t, max(0, s - 24), s) is None


def _sentence_end(t: str, lo: int, hi: int) -> int:
    m = _SENTENCE_MARK.search(t, lo, hi)
    return m.start() if m else hi


def _sentence_start(t: str, lo: int, hi: int) -> int:
    last = lo
    for m in _SENTENCE_MARK.finditer(t, lo, hi):
        last = m.end()
    return last


def _tens_bound(x: Scan, core: Core) -> Draft | None:
    """``فوق الثلاثين``: with the article, the tens are the same word as ordinals
    and cardinals; after a comparative they are an open bound."""
    s = core.start
    qm = x.left(x.lex.qualifiers.before_re, s, 40)
    q = x.lex.qualifiers.before[key(qm.group("q"))] if qm else None
    if q is None and (vm := x.left(x.lex.qualifiers.verb_re, s, 48)) and vm.group("p"):
        # ``أربى الذين دخلوا في الإسلام على الثلاثين``، ``لا يقل عمره عن الثلاثين``
        q = x.lex.qualifiers.verbs[vm.group("v")]
        if vm.group("neg"):
            q = Qualifier.AT_MOST if q is Qualifier.MORE_THAN else Qualifier.AT_LEAST
    if q not in _OPEN_BOUNDS:
        return None
    d = Draft(s, core.end, Kind.NUMBER, core.value, resolution=Decimal(1))
    if q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        d.low = core.value
    else:
        d.high = core.value
    qualify(x, d, s)
    return d


def glued_article(x: Scan, s: int) -> bool:
    """``الـ10``، ``الـ 51``: the article written before the digits."""
    return article_start(x, s) >= 0


def article_start(x: Scan, s: int) -> int:
    """Where the article written before the digits at ``s`` starts (-1: none):
    glued (``الـ10``) or, written with its tatweel, a space before the digits
    (``الـ 51``; the tatweel is gone from the normalised text)."""
    t = x.t
    if t[max(0, s - 2):s] == "ال":
        return s - 2
    if s >= 4 and t[s - 3:s] == "ال " and not t[s - 4].isalpha():
        norm = x.doc.norm
        o = norm.to_original(s - 2) + 1
        if norm.original[o:o + 1] == "\u0640":
            return s - 3
    return -1


def _glued_start(x: Scan, s: int) -> int:
    m = WORD_BEFORE.search(x.t, max(x.floor, s - 6), s)
    return m.start() if m else s
