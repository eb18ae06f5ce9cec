"""The proclitics of Arabic: the one model of what may be glued in front of a word.

Arabic writes a few short words as part of the next word: the conjunctions
و "and" and ف "so", the prepositions ب "with, by", ل "for, to" and ك "like",
and the article ال "the". They come in a fixed order, each optional:

    conjunction? preposition? article?   وَ + بِ + الـ + مساعدات → وبالمساعدات

and ل before the article drops its alif: ل + ال is written لل (للمجتمع, not
لالمجتمع). Every list of clitic strings in the package is derived from here
(the number-word grammar, the left-context patterns of extraction, the
stemmer of the reference tables), so a new combination is added once.

>>> sorted(proclitics(article=False))
['', 'ب', 'ف', 'فب', 'فك', 'فل', 'ك', 'ل', 'و', 'وب', 'وك', 'ول']
"""
from __future__ import annotations

#: The conjunctions: و "and", ف "so, then".
CONJUNCTIONS = ("و", "ف")
#: The one-letter prepositions: ب "with, by", ل "for, to", ك "like, as".
PREPOSITIONS = ("ب", "ل", "ك")
#: The definite article.
ARTICLE = "ال"
#: ل + ال as it is written.
L_ARTICLE = "لل"


def _prep_article(preposition: bool, article: bool) -> tuple[str, ...]:
    """The strings the preposition and article slots make together ("" included)."""
    preps = ("",) + (PREPOSITIONS if preposition else ())
    if not article:
        return preps
    out = list(preps)
    for p in preps:
        out.append(L_ARTICLE if p == "ل" else p + ARTICLE)
    return tuple(out)


def proclitics(*, conjunction: bool = True, preposition: bool = True,
               article: bool = True) -> frozenset[str]:
    """Every string the chosen slots make, the empty one included.

    >>> sorted(proclitics(preposition=False, article=False))
    ['', 'ف', 'و']
    """
    conj = ("",) + (CONJUNCTIONS if conjunction else ())
    return frozenset(c + rest for c in conj for rest in _prep_article(preposition, article))


#: Every proclitic string: conjunction? preposition? article? (24 with "").
ALL = proclitics()
#: A conjunction alone (``وبين``، ``فمن``).
CONJ = proclitics(preposition=False, article=False)
#: A conjunction, then a preposition (``ولأكثر``، ``فبنحو``).
CONJ_PREP = proclitics(article=False)
#: The non-empty ones, shortest first (the reading a word is tried with first:
#: ``لترين`` after ل is ل + لترين, not لل + ترين).
GLUED = tuple(sorted(ALL - {""}, key=lambda c: (len(c), c)))
#: Those that carry the article (``وال``، ``بال``، ``لل``…).
DEFINITE = frozenset(c for c in ALL if c.endswith((ARTICLE, L_ARTICLE)))

#: Regex sources (for the ``regex`` module) matching exactly the strings of
#: ALL, CONJ and CONJ_PREP (``tests/test_left_context.py`` checks it).
PATTERN = r"(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"
CONJ_PATTERN = r"[وف]?"
CONJ_PREP_PATTERN = r"[وف]?[بلك]?"
