"""The analyses a run applies to each document, and what a run returns.

An analysis is a picklable callable — :class:`Extraction`, :class:`Checking` —
``analyse(text, file)`` → claims (or checked claims); its ``run`` method takes
the offset and line where a chunk starts in its document, and ``warm`` compiles
what it needs before worker processes fork. The local pool
(:mod:`claimcheck.run.pool`) and the Dask engine (:mod:`claimcheck.run.dask_engine`)
both run them through :func:`run_analysis` and collect a :class:`Scan`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from claimcheck.model import CHECKED_FIELDS, CLAIM_FIELDS, CheckedClaim, Claim, checked_values, claim_values


@dataclass(frozen=True)
class Extraction:
    """``extract`` as a picklable analysis: ``Extraction(country)(text, file)``."""

    country: str | None = None
    ra_order: str = "fraction-first"

    def __call__(self, text: str, file: str) -> list[Claim]:
        return self.run(text, file)

    def run(self, text: str, file: str, offset: int = 0, line: int = 1) -> list[Claim]:
        from claimcheck.extraction.engine import extract

        return extract(text, file=file, country=self.country, base_offset=offset, base_line=line,
                       ra_order=self.ra_order)

    def iter_run(self, text: str, file: str, offset: int = 0, line: int = 1) -> Iterator[Claim]:
        """:meth:`run`, a claim at a time (see :func:`claimcheck.extraction.engine.iter_extract`)."""
        from claimcheck.extraction.engine import iter_extract

        return iter_extract(text, file=file, country=self.country, base_offset=offset,
                            base_line=line, ra_order=self.ra_order)

    def warm(self) -> None:
        """Compile the lexicon now (before workers fork, so they inherit it)."""
        from claimcheck.extraction.engine import lexicon

        lexicon()


@dataclass(frozen=True)
class Checking:
    """``check`` as a picklable analysis over loaded reference tables."""

    references: Any  # claimcheck.reference.index.References
    country: str | None = None
    lang: str = "ar"
    approx_tolerance: Any = None
    ra_order: str = "fraction-first"
    #: consistency rules (SPEC §6): None the default ones, () none; the documents' date
    rules: tuple[str, ...] | None = None
    as_of: Any = None

    def __call__(self, text: str, file: str) -> list[CheckedClaim]:
        return self.run(text, file)

    def run(self, text: str, file: str, offset: int = 0, line: int = 1) -> list[CheckedClaim]:
        return list(self.iter_run(text, file, offset, line))

    def iter_run(self, text: str, file: str, offset: int = 0, line: int = 1) -> Iterator[CheckedClaim]:
        """:meth:`run` as the claims are checked: the engine's claims are taken as
        they are found and checked a stretch at a time
        (:func:`claimcheck.checking.checker.iter_check`), so neither a chunk's
        claims nor its checked claims are ever all held."""
        from claimcheck.checking.checker import iter_check
        from claimcheck.checking.options import Options
        from claimcheck.extraction.engine import iter_extract_normalized

        # claims at their place in the document; the comparator reads the chunk
        # at their offsets less the chunk's
        claims, norm = iter_extract_normalized(text, file=file, country=self.country,
                                               base_offset=offset, base_line=line,
                                               watch=self.references.alias_first_forms,
                                               ra_order=self.ra_order)
        return iter_check(text, claims, self.references, lang=self.lang,
                          approx_tolerance=self.approx_tolerance, normalized=norm,
                          offset=offset, options=Options(rules=self.rules, as_of=self.as_of))

    def warm(self) -> None:
        """The lexicon compiled, the checker's code imported, the tables' index of
        the words that start an alias built (extraction watches for them in every
        document): what every document needs, loaded at start-up."""
        import claimcheck.checking.checker  # noqa: F401
        from claimcheck.extraction.engine import lexicon

        lexicon()
        self.references.alias_first_forms  # noqa: B018 (a property built on first use)


#: Where a claim's line and span sit in its values (:data:`CLAIM_FIELDS`).
_LINE, _START, _END = (CLAIM_FIELDS.index(n) for n in ("line", "start", "end"))


def shift(c: Claim, offset: int, line: int) -> Claim:
    """A claim found in a chunk that starts at ``offset``/``line`` of its document.

    Chunks start at a line start, so columns do not move. (Built positionally:
    ``dataclasses.replace`` costs ~5× more, once per claim of an archive.)
    """
    v = list(claim_values(c))
    v[_LINE] += line - 1
    v[_START] += offset
    v[_END] += offset
    return Claim(*v)


_RELATED = CHECKED_FIELDS.index("related")


def shift_checked(r: CheckedClaim, offset: int, line: int) -> CheckedClaim:
    """:func:`shift` for a checked claim."""
    values = list(checked_values(r)[1:])
    if r.related:  # the claims a consistency relation used move with the chunk
        values[_RELATED - 1] = tuple(dataclasses.replace(x, start=x.start + offset, end=x.end + offset)
                                     for x in r.related)
    return CheckedClaim(shift(r.claim, offset, line), *values)


def run_analysis(analyse: Callable[..., Sequence[Any]], text: str, file: str,
                 offset: int = 0, line: int = 1) -> list[Any]:
    """Run any analysis on a chunk; plain ``(text, file)`` callables get their claims shifted."""
    run = getattr(analyse, "run", None)
    if run is not None:
        return list(run(text, file, offset, line))
    items = list(analyse(text, file))
    if not (offset or line != 1):
        return items
    return [shift_checked(i, offset, line) if isinstance(i, CheckedClaim)
            else shift(i, offset, line) for i in items]


def with_doc_id(item: Any, doc_id: str) -> Any:
    if isinstance(item, CheckedClaim):
        return dataclasses.replace(item, claim=dataclasses.replace(item.claim, doc_id=doc_id))
    return dataclasses.replace(item, doc_id=doc_id)



@dataclass(slots=True)
class Scan:
    """What a run over documents found: reported items, suppressed ones, and the texts."""

    items: list = dataclasses.field(default_factory=list)
    suppressed: list = dataclasses.field(default_factory=list)
    #: file → original text (kept only when asked, e.g. for the HTML report).
    documents: dict[str, str] = dataclasses.field(default_factory=dict)
    files: int = 0


__all__ = ["Extraction", "Checking", "Scan", "run_analysis", "shift", "shift_checked", "with_doc_id"]
