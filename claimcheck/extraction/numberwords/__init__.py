"""Numbers written in Arabic words (``ثلاثة ملايين ومئتان وخمسون ألفاً``، ``العاشر``،
``عشرات الآلاف``، ``نصف مليار``): the public face of the grammar.

* :mod:`.lexicon` — ``number_words.toml`` read into forms and their readings;
* :mod:`.tokens` — a letter run split from its clitics, or digits, read lazily;
* :mod:`.parser` — the grammar (how MSA builds a number, written up there) and
  :func:`match_words`;
* :mod:`.after_digits` — :func:`match_scale` and :func:`match_fraction_tail`,
  the words that complete digits (``4.3 مليار``، ``سنوات ونصف``);
* :mod:`.guards` — words that merely look like numbers, refused;
* :mod:`.duals` — duals that are the number two with no numeral (``سيارتين``،
  ``جنيهان``): the countable nouns of ``counted_nouns.toml``, the currencies.

The tables load when this package is first imported (a fraction of a second):
:func:`claimcheck.extraction.patterns.lexicon` imports it, not start-up.
"""
from __future__ import annotations

from claimcheck.extraction.numberwords.after_digits import (
    match_fraction_tail,
    match_scale,
    match_scale_fraction,
)
from claimcheck.extraction.numberwords.duals import counted, currency_duals
from claimcheck.extraction.numberwords.lexicon import LEX, PREFIXES, STARTERS, WORD_ANCHOR
from claimcheck.extraction.numberwords.parser import WordNumber, match_words

__all__ = [
    "WordNumber", "WORD_ANCHOR", "STARTERS", "PREFIXES", "LEX",
    "match_words", "match_scale", "match_fraction_tail", "match_scale_fraction",
    "counted", "currency_duals",
]
