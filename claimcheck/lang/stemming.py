"""Matching terms: Arabic words reduced to what a reference table and a text
share (for matching only, never shown).

A word is folded (hamza, ya, ta marbuta, digits, harakat; see
:mod:`claimcheck.text.normalize`) and lightly stemmed: the proclitics of
:mod:`claimcheck.lang.clitics` in front (conjunction, preposition, article),
and behind one ending — the accusative tanween alif, a sound plural or dual
ending, a final ه or ي. Broken plurals (شريك / شركاء) cannot be stemmed: a
reference table lists both in ``keywords``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from claimcheck.errors import LexiconError
from claimcheck.lang import clitics, recache
from claimcheck.lang.lexicon import forms, load
from claimcheck.text.normalize import fold

_TOKEN_RE = recache.compile(r"[^\W_]+")  # letters and digits (\p{L}\p{N})
_CONJ = frozenset(clitics.CONJUNCTIONS)
_PREP = frozenset(clitics.PREPOSITIONS)
_ART, _L_ART = clitics.ARTICLE, clitics.L_ARTICLE
_LAM = "ل"
_DATA = load("stemming")
#: Endings stem() strips, one per word: a two-letter one if the word ends so, else
#: one letter (lang/data/stemming.toml says which and why).
_SUFFIXES_2 = frozenset(forms(_DATA["endings"]["two_letters"], where="stemming.toml [endings] two_letters"))
_SUFFIXES_1 = frozenset(forms(_DATA["endings"]["one_letter"], where="stemming.toml [endings] one_letter"))
_SUFFIXES = tuple(sorted(_SUFFIXES_2)) + tuple(sorted(_SUFFIXES_1))
if any(len(x) != 2 for x in _SUFFIXES_2) or any(len(x) != 1 for x in _SUFFIXES_1):
    raise LexiconError("stemming.toml [endings]: two_letters and one_letter hold endings of that length")
#: Function words a table phrase is matched without.
STOPWORDS = frozenset(forms(_DATA["stopwords"]["words"], where="stemming.toml [stopwords]"))


#: stems of the words met so far (a text's words recur); started afresh when full
#: (kept small: a large memo evicts the extractor's tables from the CPU caches)
_STEMS: dict[str, str] = {}
_STEMS_MAX = 1 << 15


def stem(token: str) -> str:
    """A folded token without clitics and common endings (for matching only).

    >>> stem(fold("وبالمساعدات"))
    'مساعد'
    """
    s = _STEMS.get(token)
    if s is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        s = _STEMS[token] = _stem(token)
    return s


def stems(tokens: Iterable[str]) -> list[str]:
    """:func:`stem` of each token (a sentence's words at once)."""
    get = _STEMS.get
    return [get(t) or stem(t) for t in tokens]  # a stem is never empty


def _stem(token: str) -> str:
    t = token
    if len(t) >= 5 and t.startswith(_L_ART):  # ل + ال: للمجتمعات
        t = t[len(_L_ART):]
    else:
        # the clitics in their fixed order: conjunction و/ف, preposition ب/ك/ل,
        # article ال — each optional
        i = 1 if t[:1] in _CONJ else 0
        if t[i:i + 1] in _PREP:
            i += 1
        if t.startswith(_ART, i):
            i += len(_ART)
            # a word that begins with ل keeps one stem with the article and
            # without: «لبنان» reads as ل + بنان (the preposition), so
            # «اللبناني» is ال + ل + بناني (no preposition follows an article,
            # the ل is the word's own): both stem to بنان
            if t[i:i + 1] == _LAM and len(t) - i > 3:
                i += 1
        if i and len(t) - i >= 3:
            t = t[i:]
        elif len(t) >= 5 and t.startswith(_ART):
            t = t[len(_ART):]
    # one ending, the two-letter ones first
    n = len(t)
    if n >= 5 and t[-2:] in _SUFFIXES_2:
        return t[:-2]
    if n >= 4 and t[-1:] in _SUFFIXES_1:
        return t[:-1]
    return t


#: What :func:`stem` may strip in front of a term: ل+ال, conjunction + preposition + article, ال.
_CLITIC_PREFIXES = tuple(sorted({clitics.L_ARTICLE, clitics.ARTICLE} | {
    c + p + a for c in clitics.CONJ for p in ("",) + clitics.PREPOSITIONS for a in ("", clitics.ARTICLE)}))


def surface_forms(term: str) -> frozenset[str]:
    """Every folded word whose :func:`stem` is ``term`` (clitics before, one ending after).

    >>> sorted(surface_forms("بنان"))[:3]
    ['البنان', 'البنانا', 'البنانات']
    """
    return recache.memo("forms", _FORMS_KEY + term, lambda: _surface_forms(term))


def _surface_forms(term: str) -> frozenset[str]:
    # (a term may have lost the word's own ل after an article: اللبناني → بنان)
    return frozenset(w for pre in _CLITIC_PREFIXES for lam in ("", _LAM) for suf in ("",) + _SUFFIXES
                     for w in (pre + lam + term + suf,) if stem(w) == term)


#: what the forms of a term depend on: the code that strips and the data it strips
#: (a table's terms are stemmed at every run: ~250 candidate words each)
_FORMS_KEY = recache.digest(_stem, _surface_forms, _CLITIC_PREFIXES, _SUFFIXES,
                            sorted(_CONJ), sorted(_PREP), _ART, _L_ART)


def forms_key() -> str:
    """What every :func:`surface_forms` depends on (for a cache of things built from them)."""
    return _FORMS_KEY


def forms_index(terms: Iterable[str]) -> dict[str, str]:
    """Every folded word whose term is one of ``terms``, with that term (kept
    across runs under the terms themselves: a table's index is the same run after run)."""
    ts = sorted(set(terms))
    return recache.memo("forms_index", recache.digest(_FORMS_KEY, "\n".join(ts)),
                        lambda: {w: t for t in ts for w in surface_forms(t)})


def terms(text: str) -> list[str]:
    """The stemmed terms of a piece of (unfolded) text, in order."""
    return [stem(tok) for tok in _TOKEN_RE.findall(fold(text))]


@lru_cache(maxsize=1 << 12)
def phrase_terms(text: str) -> tuple[str, ...]:
    """Terms of a table phrase without stop words (falls back to all terms).

    (Remembered: a table's rows repeat a few hundred entity names, metrics and
    keywords, one row per year.)
    """
    ts = terms(text)
    sig = tuple(t for t in ts if t not in STOPWORDS and not t.isdigit())
    return sig or tuple(ts)
