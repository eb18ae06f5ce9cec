"""The kind of a claim, decided by the words around its number.

Each kind is one module with one ``attach()``: it looks at the words after
the number (and, for money, a symbol before it) and returns the claim, or
None when they are not its words. :func:`attach` tries them in a fixed order;
the first that recognises the words wins:

1. :mod:`.percent` — ``%``، ``في المئة``;
2. :mod:`.money` — a currency symbol before, a currency noun or symbol after;
3. :mod:`.quantity` — a unit (with a rate: ``برميل يومياً``), ``تحت الصفر``;
4. :mod:`.duration` — a time unit (``10 سنوات``، ``ساعتين و5 دقائق``);
5. :mod:`.date` — a month name or a year head around a whole number;
6. :mod:`.count` — a bare count or a vague amount, with its counted noun.

Ordinals (:mod:`.ordinal`) are told by the number itself (``العاشر``،
``الـ10``) and read before any of these.

To add a kind: a module here with ``attach(x, core, left, after)``, its patterns
in :mod:`claimcheck.extraction.patterns` from a data file, and a line in
:func:`attach`.
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.context import is_subject
from claimcheck.extraction.kinds import count, date, duration, money, percent, quantity
from claimcheck.extraction.scan import SKIP, Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.model import Kind

_PREV_WORD = rx.compile(r"(\p{L}+)\s+$")


def attach(x: Scan, core: Core, left: int) -> Draft | None:
    """The claim ``core`` makes with the words around it (``left``: where the claim
    may start, before the number when a range or a symbol opens it)."""
    # no word after the number that could give it a kind: most numbers are
    # followed by none, and one failed match then stands for the kinds' six
    after = x.lex.after_re.match(x.t, core.end) is not None
    d = (percent.attach(x, core, left, after) or money.attach(x, core, left, after)
         or quantity.attach(x, core, left, after) or duration.attach(x, core, left, after))
    if d is not None:
        return d
    if core.plain_int and core.value is not None:
        d = date.attach(x, core, left)
        if d is SKIP:
            return None
        if d is not None:
            return d
    return count.attach(x, core, left)


def has_unit(x: Scan, e: int) -> bool:
    """Does a word that gives a kind (percent, currency, unit, time unit) follow ``e``?"""
    t, lex = x.t, x.lex
    if not lex.after_re.match(t, e):
        return False
    return bool(lex.context.percent_re.match(t, e) or lex.currencies.noun_re.match(t, e)
                or lex.currencies.symbol_re.match(t, e) or lex.units.unit_re.match(t, e)
                or lex.units.dur_re.match(t, e))


def postposed(x: Scan, core: Core) -> Draft | None:
    """``يوم واحد``، ``دولار واحد``: one and two follow their noun as adjectives.

    Alone (``قال واحد منهم``) they are pronouns, not quantities.
    """
    t, lex = x.t, x.lex
    m = _PREV_WORD.search(t, max(x.floor, core.start - 30), core.start)
    if not m:
        return None
    w = m.group(1)
    if w in lex.units.durations:
        pint_unit, factor = lex.units.durations[w]
        return Draft(m.start(1), core.end, Kind.DURATION, core.value * factor, unit=pint_unit,
                     resolution=factor)
    if w in lex.currencies.nouns:
        return money.before_one(x, w, m.start(1), m.end(1), core)
    if w in lex.units.units:
        return Draft(m.start(1), core.end, Kind.QUANTITY, core.value, unit=lex.units.units[w],
                     resolution=Decimal(1))
    # ``خسارة واحدة``، ``شريحة واحدة``، ``بطاقة صفراء واحدة``، ``لاعبين اثنين``: any
    # indefinite noun counts, but not an idiom (``في آن واحد``، ``دفعة واحدة``)
    idioms = lex.words.LEX.blockers["one_after"]
    if w[:1] == "ك" and w[1:] not in lex.units.durations:
        return None  # ``كوحدة واحدة``، ``كرجل واحد``: "as one", not a count
    bare = w[1:] if w[:1] in "وفبل" and len(w) > 3 else w  # ``لخسارة واحدة``
    if ((is_subject(w, lex) or is_subject(bare, lex)) and w not in idioms and bare not in idioms
            and _agrees(w, t[core.start:core.end])):
        st = m.start(1) if is_subject(w, lex) else m.end(1) - len(bare)
        return Draft(st, core.end, Kind.NUMBER, core.value, resolution=Decimal(1), subject=(st, m.end(1)))
    return None


def _agrees(noun: str, numeral: str) -> bool:
    """Does the numeral after ``noun`` agree with it as its adjective? واحدة follows
    a feminine noun (``خسارة``، ``صفراء``), واحد a masculine one; اثنان/اثنين a dual or
    plural (``لاعبين اثنين``). ``لا يختلف اثنان``، ``تريد واحدة``، ``خلفوا واحداً``: a
    verb before the numeral, which is then a pronoun ("two people", "one")."""
    if noun.endswith("وا"):
        return False  # a verb's plural ending
    if numeral.startswith("اثن"):
        return noun.endswith(("ان", "ين", "ات", "ون"))
    feminine = noun.endswith(("ه", "اء"))
    return feminine == numeral.endswith("ه")
