"""Numbers written in Arabic words: a grammar over word tokens.

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
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from claimcheck.lang import relite as rx

from claimcheck.errors import LexiconError
from claimcheck.lang import clitics
from claimcheck.lang.lexicon import forms as _forms
from claimcheck.lang.lexicon import load, trie_pattern
from claimcheck.text.normalize import fold
from claimcheck.lang.digits import DIGIT_LITERAL, Literal, parse_literal

if TYPE_CHECKING:  # pragma: no cover
    from claimcheck.text.normalize import Normalized

__all__ = [
    "WordNumber", "WORD_ANCHOR", "STARTERS", "PREFIXES",
    "match_words", "match_scale", "match_fraction_tail",
]


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

    def __post_init__(self) -> None:
        for name in ("value", "low", "high", "resolution"):
            v = getattr(self, name)
            if v is not None:
                object.__setattr__(self, name, _clean(v))
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


# ---------------------------------------------------------------------------
# The lexicon

# Reading kinds
ZERO, UNIT, TEEN_UNIT, TEN, TEEN, TENS, HUND, SCALE, GPL, FRAC, ORD, VCOEF, POINT, AND = range(14)
# Scale numbers
SG, DUAL, DUALC, AMB, PL = range(5)


class Reading(NamedTuple):
    kind: int
    value: Decimal = Decimal(0)
    #: SCALE: grammatical number; FRAC: 0 singular, 1 dual, 2 plural.
    number: int = 0
    #: FRAC: resolution; VCOEF: high bound.
    extra: Decimal | None = None
    #: False for forms that never stand alone (متين، حادي).
    alone: bool = True


class _Lex(NamedTuple):
    readings: dict[str, tuple[Reading, ...]]
    prefixes: tuple[str, ...]
    article: frozenset[str]
    not_numbers: frozenset[str]
    ambiguous: frozenset[str]
    ord_not_alone: frozenset[str]
    tail: dict[str, Decimal]
    blockers: dict[str, frozenset[str]]
    function_words: frozenset[str]
    plural_low: Decimal
    plural_high: Decimal
    anchor: str


def _fs(values: list[str], where: str) -> frozenset[str]:
    return frozenset(_forms(values, where=where))


@lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    data = load("number_words")
    table: dict[str, list[Reading]] = {}

    def add(values: list[str], reading: Reading, where: str) -> None:
        for f in _forms(values, where=where):
            if " " in f:
                raise LexiconError(f"number_words.toml {where}: one word per form: {f!r}")
            lst = table.setdefault(f, [])
            if reading not in lst:
                lst.append(reading)

    for e in data["zero"]:
        add(e["forms"], Reading(ZERO, Decimal(e["value"])), "zero")
    for e in data["unit"]:
        v = Decimal(e["value"])
        add(e["forms"], Reading(UNIT, v), f"unit {v}")
        if "teen" in e:
            add(e["teen"], Reading(TEEN_UNIT, v), f"unit {v} teen")
    add(data["ten"]["forms"], Reading(TEN, Decimal(data["ten"]["value"])), "ten")
    for e in data["teen_word"]:
        add(e["forms"], Reading(TEEN, Decimal(e["value"])), "teen_word")
    for e in data["tens"]:
        add(e["forms"], Reading(TENS, Decimal(e["value"])), "tens")
    for e in data["hundreds"]:
        add(e["forms"], Reading(HUND, Decimal(e["value"]), alone=e.get("alone", True)), "hundreds")
    for e in data["scale"]:
        v = Decimal(e["value"])
        for key, num in (("singular", SG), ("dual", DUAL), ("dual_construct", DUALC),
                         ("tanween_ambiguous", AMB), ("plural", PL)):
            add(e[key], Reading(SCALE, v, num), f"scale {v} {key}")
    for e in data["group_plural"]:
        add(e["forms"], Reading(GPL, Decimal(e["value"])), "group_plural")
    for e in data["fraction"]:
        num, den = Decimal(e["numerator"]), Decimal(e["denominator"])
        f = num / den
        res = Decimal(e["resolution"])
        add(e["forms"], Reading(FRAC, f, 0, res), "fraction")
        if "dual" in e:
            add(e["dual"], Reading(FRAC, 2 * num / den, 1, res), "fraction dual")
        if "plural" in e:
            add(e["plural"], Reading(FRAC, f, 2, res), "fraction plural")
    for e in data["ordinal"]:
        add(e["forms"], Reading(ORD, Decimal(e["value"]), alone=not e.get("compound_only", False)),
            "ordinal")
    for e in data["vague"]["coefficient"]:
        add(e["forms"], Reading(VCOEF, Decimal(e["low"]), 0, Decimal(e["high"])), "vague")
    add(data["decimal"]["forms"], Reading(POINT), "decimal")
    table["و"] = [Reading(AND)]

    tail: dict[str, Decimal] = {}
    for key, frac in (("half", "0.5"), ("quarter", "0.25"), ("third", None)):
        for f in _forms(data["tail_fraction"][key], where=f"tail_fraction {key}"):
            tail[f] = Decimal(frac) if frac else Decimal(1) / Decimal(3)

    cl = data["clitics"]
    prefixes = tuple(sorted(clitics.GLUED, key=len, reverse=True))
    b = data["blockers"]
    blockers = {k: _fs(v, f"blockers {k}") for k, v in b.items()}

    starters = [f for f, rs in table.items() if any(r.kind not in (POINT, AND) for r in rs)]
    anchor = (r"(?<![\p{L}\p{N}])(?:" + trie_pattern(prefixes) + r")?(?:"
              + trie_pattern(starters) + r")(?![\p{L}\p{N}])")
    return _Lex(
        readings={k: tuple(v) for k, v in table.items()},
        prefixes=prefixes,
        article=clitics.DEFINITE - {""},
        not_numbers=_fs(cl["not_numbers"], "clitics not_numbers"),
        ambiguous=_fs(data["ambiguous"]["forms"], "ambiguous"),
        ord_not_alone=_fs(data["ordinal_not_alone_indefinite"]["forms"], "ordinal_not_alone"),
        tail=tail,
        blockers=blockers,
        function_words=_fs(data["function_words"]["forms"], "function_words"),
        plural_low=Decimal(data["vague"]["plural_low"]),
        plural_high=Decimal(data["vague"]["plural_high"]),
        anchor=anchor,
    )


LEX = _lexicon()

#: Regex source (for the ``regex`` module, on normalised text) matching the first
#: word of any number-word expression, clitics included. No ``\b``: explicit
#: look-arounds, because clitics are word characters.
WORD_ANCHOR: str = LEX.anchor

#: The bare (clitic-free) words that can begin an expression, and the clitic
#: prefixes that may be glued to them, for engines that build their own scanner.
STARTERS: frozenset[str] = frozenset(
    f for f, rs in LEX.readings.items() if any(r.kind not in (POINT, AND) for r in rs))
PREFIXES: tuple[str, ...] = LEX.prefixes
#: The prefixes by their first letter, longest first as in PREFIXES: a word is
#: only tried with those it can start with (most words start with none).
_PREFIXES_AT: dict[str, tuple[str, ...]] = {
    c: tuple(p for p in PREFIXES if p[0] == c) for c in {p[0] for p in PREFIXES}}

# ---------------------------------------------------------------------------
# Tokens

_SPACE = rx.compile(r"[^\S\n]*")
_TOKEN = rx.compile(
    r"(?P<cl>[وفبلك]{0,2})(?P<d>" + DIGIT_LITERAL + r")(?![\p{L}\p{N}])"
    r"|(?P<w>\p{L}+)(?![\p{N}])"
)
_WORDCHAR = rx.compile(r"[\p{L}\p{N}]")
_ORIG_ALEF_HAMZA = "أ"
_SHADDA = "\u0651"
_FATHATAN = "\u064b"
_MAX_TOKENS = 40


@dataclass(slots=True)
class Tok:
    start: int          # first character, clitics included
    wstart: int         # first character of the word proper
    end: int
    clitic: str
    word: str           # the word without its clitics
    whole: str          # the whole letter run as written (normalised)
    readings: tuple[Reading, ...]
    lit: Literal | None = None

    @property
    def article(self) -> bool:
        return self.clitic in LEX.article

    def get(self, *kinds: int) -> Reading | None:
        for r in self.readings:
            if r.kind in kinds:
                return r
        return None


@lru_cache(maxsize=1 << 16)
def _split(word: str, taa: bool = False) -> tuple[str, str, tuple[Reading, ...]]:
    """Split clitics off a letter run: the whole word first, then the longest prefix.

    ``taa``: the word ends in ة in the original, so بعدة is "with several", not
    بعده "after it" (both fold to بعده).
    """
    lex = LEX
    if word in lex.not_numbers and not taa:
        return "", word, ()
    r = lex.readings.get(word)
    if r is not None:
        return "", word, r
    for p in _PREFIXES_AT.get(word[:1], ()):
        if len(word) > len(p) + 1 and word.startswith(p):
            r = lex.readings.get(word[len(p):])
            if r is not None and not (len(r) == 1 and r[0].kind == AND):
                return p, word[len(p):], r
    return "", word, ()


def _token_at(text: str, pos: int, original: "Normalized | None") -> Tok | None:
    m = _TOKEN.match(text, pos)
    if m is None:
        return None
    digits, whole = m.group("d", "w")
    if digits is not None:
        lit = parse_literal(digits)
        if lit is None:
            return None
        return Tok(m.start(), m.start("d"), m.end(), m.group("cl"), digits, m.group(), (), lit)
    start, end = m.span()
    taa = False
    if original is not None and whole in LEX.not_numbers and whole.endswith("ه"):
        o = original.to_original(end - 1)
        taa = original.original[o:o + 1] == "ة"
    cl, word, readings = _split(whole, taa)
    if original is not None and readings and word in ("واحد", "واحده") and cl == "":
        # وأحد ("and one of") folds to واحد ("one"): the hamza tells them apart.
        o = original.to_original(start + 1)
        if original.original[o:o + 1] == _ORIG_ALEF_HAMZA:
            cl, word = "و", word[1:]
            readings = LEX.readings.get(word, ())
    return Tok(start, start + len(cl), end, cl, word, whole, readings)


class _Tokens(dict):
    """Tokens from ``pos`` on, read lazily (only as far as the grammar looks):
    ``tok[i]`` is the i-th token, None past the last one.

    A dict, so that a token read already (the grammar looks at each one many
    times) is a plain look-up; ``__missing__`` reads the ones not read yet.
    """

    __slots__ = ("text", "original", "n", "pos", "done")

    def __init__(self, text: str, pos: int, original: "Normalized | None") -> None:
        super().__init__()
        self.text, self.original = text, original
        self.n = 0  # tokens read
        self.pos = pos
        self.done = False

    def __missing__(self, i: int) -> Tok | None:
        while self.n <= i and not self.done:
            if self.n >= _MAX_TOKENS:
                self.done = True
                break
            p = _SPACE.match(self.text, self.pos).end() if self.n else self.pos
            t = _token_at(self.text, p, self.original)
            if t is None:
                self.done = True
                break
            self[self.n] = t
            self.n += 1
            self.pos = t.end
        return self[i] if 0 <= i < self.n else None


def _prev_words(text: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` letter words before ``pos`` on the same line, nearest first."""
    out: list[str] = []
    i = pos
    lo = max(0, pos - 80)
    while len(out) < n and i > lo:
        j = i
        while j > lo and text[j - 1] in " \t":
            j -= 1
        k = text.rfind(" ", lo, j) + 1
        if not (k and text[k:j].isalpha()):  # not a word after a space: letter by letter
            k = j
            while k > lo and text[k - 1].isalpha():
                k -= 1
        if k == j:
            break
        out.append(text[k:j])
        i = k
    return out


@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> frozenset[str]:
    """A word and its readings without clitics (للقرن → القرن، قرن)."""
    out = {word}
    for p in _PREFIXES_AT.get(word[:1], ()):
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
def _blocked_by(word: str) -> frozenset[str]:
    """The ``[blockers]`` lists that hold ``word`` or one of its readings without
    clitics (``للقرن`` is in ``ordinal_after`` through ``القرن``)."""
    lists: frozenset[str] = frozenset()
    for v in _variants(word):
        if v in _LISTS_OF:
            lists |= _LISTS_OF[v]
    return lists


def _after_any(words: list[str], key: str) -> bool:
    for w in words:
        if key in _blocked_by(w):
            return True
    return False


# ---------------------------------------------------------------------------
# The grammar


class _Term(NamedTuple):
    value: Decimal
    resolution: Decimal
    scale: Decimal
    next: int          # index of the first token after the term
    has_words: bool


class _Parser:
    __slots__ = ("text", "tok", "definite", "original")

    def __init__(self, text: str, pos: int, original: "Normalized | None") -> None:
        self.text = text
        self.original = original
        self.tok = _Tokens(text, pos, original)
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
                s.number == AMB and self._construct_dual(i)) else Decimal(1)
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

    def _construct_dual(self, i: int) -> bool:
        """مليونا: accusative singular (مليوناً) or construct dual (مليونا دولار)?"""
        t = self.tok[i]
        assert t is not None
        o = self.original
        if o is not None:
            a, b = o.span(t.wstart, t.end)
            if _FATHATAN in o.original[a:b + 1]:
                return False
        nxt = self.tok[i + 1]
        if nxt is None or nxt.lit is not None or nxt.readings:
            return False
        w = nxt.whole
        if w.startswith("ال"):
            return False  # a construct dual is indefinite-headed: ألفا جندي, not ألفا الجنود
        if w in LEX.function_words or w.startswith("و"):
            return False
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
            if j is not None and self.tok[j[0]].word in LEX.tail:
                f = LEX.tail[self.tok[j[0]].word]
                total += f * scale
                res = Decimal("0.1") * scale
                i = j[0] + 1
                same = self.tok[i]
                if same is not None and same.lit is None and same.clitic in ("", "ال") \
                        and (s := same.get(SCALE)) is not None and s.value == scale \
                        and s.number in (SG, AMB):
                    i += 1
                return total, res, i, True
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


_END = rx.compile(r"[^\S\n]*(?:$|\n|[.!?؟،,:;)\]»”\"])")


def _nothing_follows(p: "_Parser", i: int) -> bool:
    """Token ``i`` ends a sentence or clause (``عددهم ست.``)."""
    t = p.tok[i]
    return t is not None and _END.match(p.text, t.end) is not None


def _counted_noun_follows(tok: _Tokens, i: int) -> bool:
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


def match_words(text: str, pos: int, original: "Normalized | None" = None) -> WordNumber | None:
    """Longest number-word expression starting at normalised offset ``pos``, or None.

    ``original`` (the document's :class:`~claimcheck.text.normalize.Normalized`) lets
    the grammar see harakat that normalisation drops (مليوناً vs مليونا دولار).

    >>> match_words("بلغ عدد السكان ثلاثة ملايين ومئتين وخمسين ألفاً", 15).value
    Decimal('3250000')
    >>> match_words("يوم الاثنين", 4) is None
    True
    """
    if pos > 0 and _WORDCHAR.match(text, pos - 1):
        return None
    p = _Parser(text, pos, original)
    t0 = p.tok[0]
    if t0 is None or (t0.lit is None and not t0.readings):
        return None
    p.definite = t0.article
    start = t0.start
    if t0.lit is None and _inside_refused(p, text, start):
        return None

    before: list[str] | None = None

    def prev(n: int = 1) -> list[str]:
        # the words before the expression are read once (up to the three the
        # title check needs) however many checks look at them
        nonlocal before
        if before is None:
            before = _prev_words(text, start, 3)
        return before[:n]

    def out(value: Decimal | None, end_i: int, **kw) -> WordNumber:
        end = p.tok[end_i - 1].end  # type: ignore[union-attr]
        return WordNumber(start, end, value, definite=p.definite, **kw)

    if t0.lit is None:
        kinds = {r.kind for r in t0.readings}
        # -- ordinals ----------------------------------------------------------
        if ORD in kinds:
            o = p.ordinal()
            if o is None:
                return None
            value, n = o
            if _ordinal_blocked(p, prev, n):
                return None
            return out(value, n, resolution=Decimal(1), ordinal=True)
        # -- vague amounts -----------------------------------------------------
        if VCOEF in kinds or GPL in kinds or (SCALE in kinds and t0.get(SCALE).number == PL):
            if VCOEF in kinds and t0.article:
                return None  # العدة: "the equipment"
            v = p.vague()
            if v is None:
                return None
            low, high, n = v
            if n == 1 and VCOEF in kinds and not _counted_noun_follows(p.tok, 1):
                return None
            if t0.word in LEX.not_numbers:
                return None
            return WordNumber(start, p.tok[n - 1].end, None, low, high, vague=True,
                              definite=p.definite)
        # -- fractions ---------------------------------------------------------
        if FRAC in kinds and (UNIT not in kinds and TEN not in kinds or _fraction_reading(p)):
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
            if nxt is not None and "fraction_before" in _blocked_by(nxt.whole):
                return None
            return out(value, n, resolution=res)
    # -- cardinals -------------------------------------------------------------
    c = p.cardinal()
    if c is None:
        return None
    value, res, n, words = c
    if not words:
        return None
    if not _cardinal_ok(p, prev, n):
        return None
    ordinal = False
    if p.definite:
        if _after_any(prev(), "definite_after") or _after_any(prev(), "ordinal_after"):
            return None
        r = t0.get(TENS, HUND, TEEN_UNIT, TEN, UNIT, SCALE, ZERO)
        if r is not None and r.kind == HUND and n == 1 and (
                t0.clitic in ("بال", "وبال") or _after_any(prev()[:1], "percent_after")):
            return None  # في المئة، بالمئة: the percent sign in words
        if r is not None and r.kind in (TENS, HUND, TEEN_UNIT):
            ordinal = True
        elif r is not None and r.kind == UNIT and n > 1 and (
                p.plain(1, TEN) is not None or r.value == 1):
            ordinal = True  # الثلاثة عشر، الواحد والعشرون
        if ordinal and _ordinal_blocked(p, prev, n):
            return None
    return out(value, n, resolution=Decimal(1) if ordinal else res, ordinal=ordinal)


_DIGIT_BEFORE = rx.compile(r"[0-9][^\S\n]*\Z")


def _has_tanween(p: _Parser, t: Tok) -> bool:
    if p.original is None:
        return False
    a, b = p.original.span(t.wstart, t.end)
    return _FATHATAN in p.original.original[a:b + 1]


def _inside_refused(p: _Parser, text: str, start: int) -> bool:
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
    before = _prev_words(text, start, 1)
    if not before or text[start - 1] not in " \t":
        return False
    _, _, rs = _split(before[0])
    if joins_ten:
        return any(r.kind in (ORD, UNIT, TEEN_UNIT) for r in rs)
    return any(r.kind in (ORD, UNIT, HUND) for r in rs)


def _fraction_reading(p: _Parser) -> bool:
    """خمس/عشر standing alone: a fraction before a definite noun (خمس السكان)."""
    if p.definite:
        return False
    nxt = p.tok[1]
    return (nxt is not None and nxt.lit is None and nxt.whole.startswith("ال")
            and not nxt.readings)


def _ordinal_blocked(p: _Parser, prev, n: int) -> bool:
    t0 = p.tok[0]
    before = prev(3)
    if before:
        near = _blocked_by(before[0])  # the lists the word right before is in
        if "ordinal_after" in near or "weekday_after" in near and n == 1:
            return True
    if _after_any(before, "ordinal_after_title"):
        return True
    if n == 1 and not t0.article and t0.word in LEX.ord_not_alone:
        return True
    nxt = p.tok[n]
    if n == 1 and not t0.article and t0.word == "اولي" and nxt is not None and nxt.lit is None:
        # أولى من / أولى بـ: the elative "more deserving", not "first"
        if nxt.whole in LEX.blockers["awla_before"] or nxt.whole.startswith("ب"):
            return True
    if nxt is not None and nxt.lit is None:
        if "ordinal_before" in _blocked_by(nxt.whole):
            return True
        if nxt.whole == "من":
            after = p.tok[n + 1]
            if after is not None and after.whole in LEX.blockers["ordinal_before"]:
                return True  # أول من أمس
    return False


_SCORE_BEFORE = rx.compile(r"[0-9\-/:][^\S\n]*\Z")
_SCORE_AFTER = rx.compile(r"[^\S\n]*[\-/:]")


def _cardinal_ok(p: _Parser, prev, n: int) -> bool:
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
        return False
    if t0.word in LEX.ambiguous and not p.definite:
        return _counted_noun_follows(p.tok, 1) or _nothing_follows(p, 0)
    nxt = p.tok[1]
    if r.kind == ZERO:
        if p.definite:
            return False  # الصفر: "تحت الصفر"، "من الصفر"
        if _after_any(prev(), "zero_after") or (nxt is not None and nxt.lit is not None):
            return False
        # Match scores (4 - صفر، صفر/1) and dates: a digit or dash right beside it.
        if _SCORE_BEFORE.search(p.text, max(0, t0.start - 4), t0.start):
            return False
        return _SCORE_AFTER.match(p.text, t0.end) is None
    if r.kind == UNIT and r.value == 1:
        if p.definite:
            return False  # الواحد: "per", "the one"
        if nxt is not None and nxt.lit is None and (
                nxt.whole in LEX.blockers["one_before"]
                or (nxt.whole.startswith("ال") and not nxt.readings)):
            return False
    if r.kind == UNIT and r.value == 2:
        if p.definite or _after_any(prev(), "weekday_after"):
            return False  # الاثنين، يوم الاثنين: Monday
    if r.kind == SCALE:
        if p.definite:
            return False  # الألف، المليون: names ("مسيرة المليون")
        if r.number == AMB and r.value == 1000 and not _has_tanween(p, t0) \
                and not p._construct_dual(0):
            return False  # ألفا without tanween or a counted noun: the name Alpha
        if p.original is not None and r.value == 1000:
            a, b = p.original.span(t0.wstart, t0.end)
            if _SHADDA in p.original.original[a:b + 1]:
                return False  # ألّف "he wrote"
    return True


# ---------------------------------------------------------------------------
# Helpers for the digit engine

_TAIL_RE: rx.Pattern[str] | None = None


def match_fraction_tail(text: str, pos: int, unit: str | None = None) -> tuple[int, Decimal] | None:
    """``ونصف``/``وربع``/``وثلث`` right after a unit → (end, fraction), or None.

    ``أربع سنوات ونصف`` = 4 + 0.5 years: call at the end of ``سنوات``. When
    ``unit`` (the unit word as written, e.g. ``العام`` or ``عام``) is given, a
    repeated definite unit is included: ``عام ونصف العام`` ends after العام.

    >>> match_fraction_tail("لتر ونصف", 3)
    (8, Decimal('0.5'))
    """
    global _TAIL_RE
    if _TAIL_RE is None:
        _TAIL_RE = rx.compile(r"[^\S\n]*و[^\S\n]*(" + trie_pattern(LEX.tail) + r")(?![\p{L}\p{N}])")
    m = _TAIL_RE.match(text, pos)
    if m is None:
        return None
    end = m.end()
    if unit:
        u = fold(unit)
        if u.startswith("ال"):
            u = u[2:]
        m2 = rx.compile(r"[^\S\n]+ال" + rx.escape(u) + r"(?![\p{L}\p{N}])").match(text, end)
        if m2 is not None:
            end = m2.end()
    return end, LEX.tail[m.group(1)]


def match_scale(text: str, pos: int) -> tuple[int, Decimal, bool] | None:
    """A single scale word at ``pos`` → (end, multiplier of one scale unit, dual).

    Used after digits: ``4.3 مليار`` → ×10⁹, ``3 ملايين`` → ×10⁶. ``dual`` is
    True for the dual forms (ملياران، ملياري): standing alone they mean two of
    the scale, but after digits (``2 ملياري``) the digits already count, so the
    caller multiplies by the multiplier only. Leading spaces are skipped.

    >>> match_scale("120 ألف فرد", 3)
    (7, Decimal('1000'), False)
    """
    p = _SPACE.match(text, pos).end()
    m = _TOKEN.match(text, p)
    if m is None or m.group("w") is None:
        return None
    for r in LEX.readings.get(m.group("w"), ()):
        if r.kind == SCALE:
            return m.end(), r.value, r.number in (DUAL, DUALC)
    return None
