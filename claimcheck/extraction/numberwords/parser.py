"""Numbers written in Arabic words: the grammar over word tokens.

The extraction engine finds the first word of a number-word expression with
:data:`WORD_ANCHOR` and asks :func:`match_words` for the longest expression
starting there. Everything works on the *normalised* text
(:mod:`claimcheck.text.normalize`): Western digits, bare alif, ي for ى, ه for ة.

How Modern Standard Arabic builds a number, and so how the grammar reads one:

* A **group** below a thousand is written hundreds first, then units, then
  tens, joined by و: ``ثلاثمئة وخمسة وعشرون`` = 325. The teens are two words
  with no و, unit then ten (``ثلاثة عشر``، ``إحدى عشرة``، ``اثنا عشر``), and
  one and two take special forms there (أحد/إحدى، اثنا/اثني).
* A group followed by a **scale word** multiplies: 3–10 take the plural
  (``ثلاثة ملايين``), 11 and up the accusative singular (``خمسة عشر مليوناً``),
  hundreds the genitive singular (``مئة ألف``). A scale standing alone is one
  of it (``مليون``) or, in the dual, two (``ألفان``، and the construct
  ``ألفا جندي``/``ملياري درهم`` that drops its ن before the counted noun).
* **Terms** (group × scale) are joined by و from the largest scale down:
  ``ثلاثة ملايين ومئتان وخمسون ألفاً`` = 3,250,000. A term may be digits
  (``3 ملايين و400 ألف``). ``ونصف``/``وربع``/``وثلث`` after a term adds that
  fraction of the term's scale (``مليون ونصف`` = 1,500,000, also written
  ``مليون ونصف المليون``).
* **Ordinals** 1–10 have their own forms (الأول … العاشر/العاشرة); 11–19 are
  ordinal unit + عشر (``الحادي عشر``، ``الثالثة عشرة``); above twenty the tens
  are the definite cardinal (``الحادي والعشرون``), so a bare definite tens or
  hundreds word (``الخمسين``، ``المئة``) is read as an ordinal.
* **Vague amounts** are plural scale nouns (عشرات، مئات، آلاف، ملايين), alone
  or stacked (``عشرات الآلاف``), optionally after بضع/بضعة/عدة; their bounds
  are documented in ``number_words.toml``.

Words that merely look like numbers are refused (None) — precision first:
weekdays (``يوم الاثنين``، ``الأحد``), "one of" (``أحد المسؤولين``،
``واحد من``), month names (``كانون الأول``), centuries (``القرن الحادي
والعشرين``), quarters of a year (``الربع الثالث``), the G-groups (``مجموعة
العشرين``), regnal names (``الملك عبد الله الثاني``), ``ثاني أكسيد الكربون``,
``الوزير الأول`` and the everyday words خمس/عشر/تسع/ست/سبع/عدة when nothing
around them says they count.

Resolution (the precision implied by the wording, used by the checker like
the last written digit): an integer expression has the scale of its last term
(``ثلاثة ملايين`` → 10⁶, ``مئة وخمسون ألفاً`` → 10³, ``مئة وخمسون`` → 1); a
digit term keeps its own resolution times its scale (``4.3 مليار`` → 10⁸); a
fraction has the resolution listed with it in the lexicon times its scale
(``نصف مليار`` → 10⁸); ordinals have 1; vague amounts have None.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from claimcheck.extraction.numberwords.guards import (
    after_any,
    blocked_by,
    cardinal_ok,
    counted_noun_follows,
    fraction_reading,
    inside_refused,
    ordinal_blocked,
)
from claimcheck.extraction.numberwords.lexicon import (
    AMB,
    AND,
    DUAL,
    DUALC,
    FRAC,
    GPL,
    HUND,
    LEX,
    ORD,
    PL,
    POINT,
    SCALE,
    SG,
    TEEN,
    TEEN_UNIT,
    TEN,
    TENS,
    UNIT,
    VCOEF,
    ZERO,
    Reading,
)
from claimcheck.extraction.numberwords.tokens import (
    FATHATAN,
    WORDCHAR,
    Tok,
    Tokens,
    prev_words,
)

if TYPE_CHECKING:  # pragma: no cover
    from claimcheck.text.normalize import Normalized

def _is_fraction(stem: str) -> bool:
    return any(r.kind == FRAC for r in LEX.readings.get(stem, ()))


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number expression written (at least partly) in words.

    ``start``/``end`` are offsets into the normalised text; ``start`` includes
    clitics glued to the first word (``وبخمسة`` starts at و).
    """

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    resolution: Decimal | None = None
    ordinal: bool = False
    vague: bool = False
    #: The first word carries the article (``الثلاثة``، ``العشرين``).
    definite: bool = False
    #: A lone word that is also an everyday word (``متين`` "solid", ``نص`` "text"):
    #: a number only when a unit, currency or countable noun follows (the engine
    #: decides; ``number_words.toml`` ``number_context``).
    context_only: bool = False

    def __post_init__(self) -> None:
        # the four values cleaned, written out (a loop of getattr per field
        # costs more than the cleaning, for thousands of numbers a document)
        put = object.__setattr__
        if self.value is not None:
            put(self, "value", _clean(self.value))
        if self.low is not None:
            put(self, "low", _clean(self.low))
        if self.high is not None:
            put(self, "high", _clean(self.high))
        if self.resolution is not None:
            put(self, "resolution", _clean(self.resolution))
        if self.end <= self.start:
            raise ValueError("empty WordNumber span")
        if self.vague != (self.value is None):
            raise ValueError("a vague amount has no value, and only a vague amount")


def _clean(d: Decimal) -> Decimal:
    """``500000000.0`` → ``500000000``; ``0.50`` → ``0.5``; never an exponent."""
    i = d.to_integral_value()
    if d == i:
        return Decimal(int(i))  # exact at any size (quantize fails past 28 digits)
    n = d.normalize()
    return n if n.as_tuple().exponent < 0 else d  # type: ignore[operator]


# The grammar


class _Term(NamedTuple):
    value: Decimal
    resolution: Decimal
    scale: Decimal
    next: int          # index of the first token after the term
    has_words: bool


class Parser:
    __slots__ = ("text", "tok", "definite", "original")

    def __init__(self, text: str, pos: int, original: Normalized | None) -> None:
        self.text = text
        self.original = original
        self.tok = Tokens(text, pos, original)
        self.definite = False

    # -- helpers -------------------------------------------------------------
    def plain(self, i: int, *kinds: int) -> Reading | None:
        """Reading of token ``i`` of one of ``kinds`` when it carries no clitic."""
        t = self.tok[i]
        if t is None or t.clitic or t.lit is not None:
            return None
        return t.get(*kinds)

    def conj(self, i: int) -> int | None:
        """Index of the word after a conjunction و at ``i`` (glued or standalone)."""
        t = self.tok[i]
        if t is None or t.lit is not None and not t.clitic:
            return None
        if t.readings and t.readings[0].kind == AND:
            nxt = self.tok[i + 1]
            if nxt is None:
                return None
            return i + 1 if not nxt.clitic or self.definite and nxt.clitic == "ال" else None
        ok = ("و", "وال") if self.definite else ("و",)
        return i if t.clitic in ok else None

    def joined(self, i: int, *kinds: int) -> tuple[int, Reading | Tok] | None:
        """``و`` + a word of ``kinds`` (or digits when DIGITS in kinds) at ``i``."""
        j = self.conj(i)
        if j is None:
            return None
        t = self.tok[j]
        if t is None:
            return None
        if t.lit is not None:
            return (j, t) if -1 in kinds else None
        r = t.get(*kinds)
        return (j, r) if r is not None else None

    # -- groups below a thousand ---------------------------------------------
    def group(self, i: int) -> tuple[Decimal, int] | None:
        """A group 0–999 starting at token ``i`` → (value, next index)."""
        t = self.tok[i]
        if t is None or t.lit is not None:
            return None
        r = t.get(HUND, UNIT, TEEN_UNIT, TEN, TEEN, TENS)
        if r is None:
            return None
        v = r.value
        k = i + 1
        if r.kind == HUND:
            return self._after_hundreds(v, k)
        if r.kind == TEEN_UNIT:
            if self.plain(k, TEN) is None:
                return None
            return v + 10, k + 1
        if r.kind == UNIT:
            return self._after_unit(v, k, allow_hundreds=True)
        return v, k  # ten, teen word, tens: complete

    def _after_unit(self, v: Decimal, k: int, allow_hundreds: bool) -> tuple[Decimal, int]:
        if self.plain(k, TEN) is not None:
            return v + 10, k + 1
        h = self.plain(k, HUND)
        if allow_hundreds and h is not None and h.value == 100 and v >= 3:
            return self._after_hundreds(v * 100, k + 1)
        j = self.joined(k, TENS)
        if j is not None:
            return v + j[1].value, j[0] + 1
        return v, k

    def _after_hundreds(self, v: Decimal, k: int) -> tuple[Decimal, int]:
        j = self.joined(k, UNIT, TEEN_UNIT, TEN, TEEN, TENS)
        if j is None:
            # Egyptian juxtaposition without و: خمسمية خمسة وعشرين
            r = self.plain(k, UNIT, TEEN, TENS)
            if r is None:
                return v, k
            j = (k, r)
        idx, r = j
        if r.kind == UNIT:
            w, n = self._after_unit(r.value, idx + 1, allow_hundreds=False)
            return v + w, n
        if r.kind == TEEN_UNIT:
            if self.plain(idx + 1, TEN) is None:
                return v, k
            return v + r.value + 10, idx + 2
        return v + r.value, idx + 1

    # -- terms: group × scale ------------------------------------------------
    def scale_at(self, i: int, after_number: bool) -> Reading | None:
        t = self.tok[i]
        if t is None or t.clitic or t.lit is not None:
            return None
        r = t.get(SCALE)
        if r is None:
            return None
        if after_number and r.number in (DUAL, DUALC):
            return None  # ثلاثة ألفين is not Arabic
        return r

    def term(self, i: int, first: bool) -> _Term | None:
        t = self.tok[i]
        if t is None:
            return None
        if t.lit is not None:
            lit = t.lit
            if not first and lit.resolution != 1:
                return None
            s = self.scale_at(i + 1, True)
            if s is not None:
                return _Term(lit.value * s.value, lit.resolution * s.value, s.value, i + 2, True)
            return _Term(lit.value, lit.resolution, Decimal(1), i + 1, False)
        s = t.get(SCALE)
        if s is not None and t.get(UNIT, TENS, HUND) is None:
            if s.number == PL or (t.article and not first):
                return None
            n = Decimal(2) if s.number in (DUAL, DUALC) or (
                s.number == AMB and self.construct_dual(i)) else Decimal(1)
            value, scale, k = n * s.value, s.value, i + 1
            if first and n == 1:
                # ألف مليون = 10⁹ (the older way to say a billion)
                s2 = self.scale_at(k, True)
                if s2 is not None and s2.value > scale:
                    value, scale, k = value * s2.value, s2.value, k + 1
            return _Term(value, scale, scale, k, True)
        if first and t.get(ZERO) is not None:
            return _Term(Decimal(0), Decimal(1), Decimal(1), i + 1, True)
        g = self.group(i)
        if g is None:
            return None
        v, k = g
        # ثلاثة أرباع = 3/4: a unit counting a plural fraction
        fr = self.plain(k, FRAC)
        if fr is not None and fr.number == 2 and v <= 10:
            return _Term(v * fr.value, fr.extra or Decimal("0.1"), Decimal(1), k + 1, True)
        s = self.scale_at(k, True)
        if s is not None and s.number != PL or s is not None and v <= 10:
            return _Term(v * s.value, s.value, s.value, k + 1, True)
        if s is not None and s.number == PL:
            # أحد عشر آلاف: plural after 11+ is loose usage, still a multiplier
            return _Term(v * s.value, s.value, s.value, k + 1, True)
        gp = self.plain(k, GPL)
        if gp is not None and 3 <= v <= 10:
            return _Term(v * gp.value, gp.value, gp.value, k + 1, True)
        return _Term(v, Decimal(1), Decimal(1), k, True)

    def construct_dual(self, i: int) -> bool:
        """مليونا: accusative singular (مليوناً) or construct dual (مليونا دولار)?"""
        t = self.tok[i]
        assert t is not None
        o = self.original
        if o is not None:
            a, b = o.span(t.wstart, t.end)
            if FATHATAN in o.original[a:b + 1]:
                return False
        nxt = self.tok[i + 1]
        if nxt is None or nxt.lit is not None or nxt.readings:
            return False
        w = nxt.whole
        if w.startswith("ال"):
            return False  # a construct dual is indefinite-headed: ألفا جندي, not ألفا الجنود
        if w in LEX.function_words or w.startswith("و"):
            return False
        stem = w.removesuffix("هما").removesuffix("ها").removesuffix("هم")
        if stem != w and _is_fraction(stem):
            return False  # ``جمع مليونا ثلثها``: a million (accusative), a third of it
        return True

    # -- whole expressions ---------------------------------------------------
    def cardinal(self) -> tuple[Decimal, Decimal, int, bool] | None:
        first = self.term(0, True)
        if first is None:
            return None
        total, res, scale, i, words = first.value, first.resolution, first.scale, first.next, first.has_words
        if scale == 1:
            dec = self._decimal(i, total)
            if dec is not None:
                return dec
        while True:
            # و + fraction: مليون ونصف، خمسة وربع، مليار ونصف المليار
            j = self.joined(i, FRAC)
            if j is not None and self.tok[j[0]].word in LEX.tail and (scale > 1 or j[1].alone):
                # (the dialects' ونص only after a scale: ``خمسة ونص`` is a clock time)
                k = j[0] + 1
                same = self.tok[k]
                if same is not None and same.lit is None and same.clitic in ("", "ال") \
                        and (s := same.get(SCALE)) is not None and s.value == scale \
                        and s.number in (SG, AMB):
                    k += 1
                elif same is not None and same.lit is None and (
                        same.whole.startswith("ال") or same.whole in LEX.blockers["tail_not_before"]):
                    # ``مليون ونص القرار على``: ونص is the verb "and stipulated";
                    # ``ونصف السكان`` a new phrase, not half of the scale
                    return total, res, i, words
                total += LEX.tail[self.tok[j[0]].word] * scale
                return total, Decimal("0.1") * scale, k, True
            if scale == 1:
                break
            k = self.conj(i)
            if k is None:
                break
            nxt = self.term(k, False)
            if nxt is None or nxt.scale >= scale:
                break
            total += nxt.value
            res, scale, i = nxt.resolution, nxt.scale, nxt.next
            words = words or nxt.has_words
        return total, res, i, words

    def _decimal(self, i: int, whole: Decimal) -> tuple[Decimal, Decimal, int, bool] | None:
        """واحد فاصلة خمسة = 1.5, ثلاثة فاصلة اثنين مليار = 3.2×10⁹."""
        if self.plain(i, POINT) is None:
            return None
        k = i + 1
        zeros = 0
        while self.plain(k, ZERO) is not None:
            zeros += 1
            k += 1
        t = self.tok[k]
        if t is None or t.clitic:
            return None
        if t.lit is not None:
            if t.lit.resolution != 1:
                return None
            digits, frac, k = len(str(int(t.lit.value))), t.lit.value, k + 1
        else:
            g = self.group(k)
            if g is None:
                if zeros == 0:
                    return None
                frac, digits = Decimal(0), 0
            else:
                frac, k = g
                digits = len(str(int(frac)))
        places = zeros + digits
        value = whole + frac.scaleb(-places)
        res = Decimal(1).scaleb(-places)
        s = self.scale_at(k, True)
        if s is not None:
            value, res, k = value * s.value, res * s.value, k + 1
        return value, res, k, True

    def fraction(self) -> tuple[Decimal, Decimal, int] | None:
        t = self.tok[0]
        assert t is not None
        r = t.get(FRAC)
        if r is None or r.number == 2:
            return None
        s = self.scale_at(1, False)
        if s is not None and s.number in (SG, AMB):
            return r.value * s.value, (r.extra or Decimal("0.1")) * s.value, 2
        return r.value, r.extra or Decimal("0.1"), 1

    def ordinal(self) -> tuple[Decimal, int] | None:
        t = self.tok[0]
        assert t is not None
        r = t.get(ORD)
        if r is None:
            return None
        if self.plain(1, TEN) is not None and r.value < 10:
            return r.value + 10, 2
        j = self.joined(1, TENS)
        if j is not None:
            return r.value + j[1].value, j[0] + 1
        if not r.alone:
            return None
        return r.value, 1

    def vague(self) -> tuple[Decimal, Decimal, int] | None:
        t = self.tok[0]
        assert t is not None
        coef = t.get(VCOEF)
        i = 1 if coef is not None else 0
        if coef is not None and self.plain(1, TEN) is not None:
            # بضع عشرة سنة = 13–19
            return coef.value + 10, coef.extra + 10, 2
        product = Decimal(1)
        while True:
            u = self.tok[i]
            if u is None or u.lit is not None:
                break
            if i > 0 and u.clitic not in ("", "ال"):
                break  # عشرات الآلاف، بضعة آلاف — but not عشرات والآلاف
            r = u.get(GPL)
            if r is None:
                r = u.get(SCALE)
                if r is None or r.number != PL:
                    break
            product *= r.value
            i += 1
        if coef is not None:
            return coef.value * product, coef.extra * product, i
        if product == 1:
            return None
        return LEX.plural_low * product, LEX.plural_high * product - 1, i


def match_words(text: str, pos: int, original: Normalized | None = None) -> WordNumber | None:
    """Longest number-word expression starting at normalised offset ``pos``, or None.

    ``original`` (the document's :class:`~claimcheck.text.normalize.Normalized`) lets
    the grammar see harakat that normalisation drops (مليوناً vs مليونا دولار).

    >>> match_words("بلغ عدد السكان ثلاثة ملايين ومئتين وخمسين ألفاً", 15).value
    Decimal('3250000')
    >>> match_words("يوم الاثنين", 4) is None
    True
    """
    if pos > 0 and WORDCHAR.match(text, pos - 1):
        return None
    p = Parser(text, pos, original)
    t0 = p.tok[0]
    if t0 is None or (t0.lit is None and not t0.readings):
        return None
    p.definite = t0.article
    start = t0.start
    if t0.lit is None and inside_refused(p, text, start):
        return None
    prev = _Before(text, start)
    if t0.lit is None:
        kinds = {r.kind for r in t0.readings}
        if ORD in kinds:
            return _ordinal(p, prev, start)
        if VCOEF in kinds or GPL in kinds or (SCALE in kinds and t0.get(SCALE).number == PL):
            return _vague(p, kinds, start)
        if FRAC in kinds and (UNIT not in kinds and TEN not in kinds or fraction_reading(p)):
            return _fraction(p, start)
    return _cardinal(p, prev, start)


class _Before:
    """The words before the expression, nearest first: read once (up to the three
    the title check needs) however many checks look at them."""

    __slots__ = ("text", "start", "words")

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start
        self.words: list[str] | None = None

    def __call__(self, n: int = 1) -> list[str]:
        if self.words is None:
            self.words = prev_words(self.text, self.start, 3)
        return self.words[:n]


def _out(p: Parser, start: int, value: Decimal | None, end_i: int, **kw) -> WordNumber:
    end = p.tok[end_i - 1].end  # type: ignore[union-attr]
    return WordNumber(start, end, value, definite=p.definite, **kw)


def _ordinal(p: Parser, prev: _Before, start: int) -> WordNumber | None:
    o = p.ordinal()
    if o is None:
        return None
    value, n = o
    if ordinal_blocked(p, prev, n):
        return None
    return _out(p, start, value, n, resolution=Decimal(1), ordinal=True)


def _vague(p: Parser, kinds: set[int], start: int) -> WordNumber | None:
    t0 = p.tok[0]
    if VCOEF in kinds and t0.article:
        return None  # العدة: "the equipment"
    v = p.vague()
    if v is None:
        return None
    low, high, n = v
    if n == 1 and VCOEF in kinds and not counted_noun_follows(p.tok, 1):
        return None
    if t0.word in LEX.not_numbers:
        return None
    return WordNumber(start, p.tok[n - 1].end, None, low, high, vague=True, definite=p.definite)


def _fraction(p: Parser, start: int) -> WordNumber | None:
    t0 = p.tok[0]
    if t0.article:
        return None  # النصف، الربع: "the half", a period of the year
    t1 = p.tok[1]
    scale_follows = t1 is not None and any(r.kind == SCALE for r in LEX.readings.get(t1.word, ()))
    if t0.clitic[:1] == "و" and t0.word in LEX.tail and not scale_follows:
        # ساعة ونصف: the tail of a unit (match_fraction_tail); but
        # ``وربع مليون`` is "and a quarter of a million", a number of its own
        return None
    f = p.fraction()
    if f is None:
        return None
    value, res, n = f
    nxt = p.tok[n]
    if nxt is not None and "fraction_before" in blocked_by(nxt.whole):
        return None
    alone = t0.get(FRAC).alone  # type: ignore[union-attr]
    return _out(p, start, value, n, resolution=res, context_only=n == 1 and not alone)


def _cardinal(p: Parser, prev: _Before, start: int) -> WordNumber | None:
    c = p.cardinal()
    if c is None:
        return None
    value, res, n, words = c
    if not words:
        return None
    if not cardinal_ok(p, prev, n):
        return None
    ordinal = False
    if p.definite:
        if after_any(prev(), "definite_after") or after_any(prev(), "ordinal_after"):
            return None
        t0 = p.tok[0]
        r = t0.get(TENS, HUND, TEEN_UNIT, TEN, UNIT, SCALE, ZERO)
        if r is not None and r.kind == HUND and n == 1 and (
                t0.clitic in ("بال", "وبال") or after_any(prev()[:1], "percent_after")):
            return None  # في المئة، بالمئة: the percent sign in words
        if r is not None and r.kind in (TENS, HUND, TEEN_UNIT):
            ordinal = True
        elif r is not None and r.kind == UNIT and n > 1 and (
                p.plain(1, TEN) is not None or r.value == 1):
            ordinal = True  # الثلاثة عشر، الواحد والعشرون
        if ordinal and ordinal_blocked(p, prev, n):
            return None
    r0 = p.tok[0].get(ZERO, UNIT, TEEN, TENS, HUND, SCALE)  # type: ignore[union-attr]
    context_only = n == 1 and r0 is not None and not r0.alone
    return _out(p, start, value, n, resolution=Decimal(1) if ordinal else res, ordinal=ordinal,
                context_only=context_only)
