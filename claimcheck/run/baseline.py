"""Baselines: adopt the check on a long article without fixing its past first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then
reports only findings that are not in it. A finding is keyed by a fingerprint
of its file, its claim text and its (normalised) sentence — not its line, so
editing the paragraphs above a known finding does not make it new again.

The file is JSON, sorted, one finding per entry, so it reviews well in a diff.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Sequence, TypeVar

from claimcheck.errors import BaselineError
from claimcheck.model import CheckedClaim, Claim, Verdict
from claimcheck.text.normalize import fold

FORMAT_VERSION = 1
T = TypeVar("T", Claim, CheckedClaim)


def _claim(item: Claim | CheckedClaim) -> Claim:
    return item.claim if isinstance(item, CheckedClaim) else item


def _path(file: str) -> str:
    posix = PurePath(file).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def fingerprint(item: Claim | CheckedClaim) -> str:
    """A stable id for a claim: file + claim text + sentence, spelling-normalised.

    Whitespace, harakat, tatweel and digit scripts do not change it; the line
    number does not enter it.

    >>> from claimcheck.model import Claim, Kind
    >>> a = Claim("a.md", 3, 1, 0, 6, "٥ ملايين", Kind.NUMBER, None, sentence="قال  ٥ ملايين")
    >>> b = Claim("a.md", 9, 4, 50, 56, "٥ ملايين", Kind.NUMBER, None, sentence="قال ٥ ملايين")
    >>> fingerprint(a) == fingerprint(b)
    True
    """
    c = _claim(item)
    key = "\x1f".join(("v1", _path(c.file), " ".join(fold(c.text).split()),
                       " ".join(fold(c.sentence).split())))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def is_finding(item: Claim | CheckedClaim) -> bool:
    """What a baseline records: every claim of an extract run; non-supported verdicts of a check."""
    return not (isinstance(item, CheckedClaim) and item.verdict is Verdict.SUPPORTED)


def dump(items: Iterable[Claim | CheckedClaim]) -> bytes:
    """The baseline file for these findings (supported claims are not findings)."""
    entries = []
    for it in items:
        if not is_finding(it):
            continue
        c = _claim(it)
        entry = {"fingerprint": fingerprint(it), "file": _path(c.file), "text": c.text}
        if isinstance(it, CheckedClaim):
            entry.update(verdict=str(it.verdict), reason=str(it.reason))
        entries.append(entry)
    entries.sort(key=lambda e: (e["file"], e["fingerprint"], e["text"]))
    doc = {"tool": "claimcheck", "version": FORMAT_VERSION, "findings": entries}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


@dataclass(frozen=True, slots=True)
class Baseline:
    """Known fingerprints, with how many times each was seen (a sentence may repeat)."""

    known: Counter[str]

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise BaselineError(f"{path}: not a claimcheck baseline ({e})") from None
        if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION \
                or not isinstance(doc.get("findings"), list):
            raise BaselineError(f"{path}: not a claimcheck baseline (version {FORMAT_VERSION})")
        prints = []
        for n, entry in enumerate(doc["findings"], start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise BaselineError(f"{path}: finding {n} has no fingerprint")
            prints.append(entry["fingerprint"])
        return cls(Counter(prints))

    def filter(self, items: Sequence[T]) -> tuple[list[T], int]:
        """The items that are new, and how many known findings were left out."""
        new, known = self.split(items)
        return new, len(known)

    def split(self, items: Sequence[T]) -> tuple[list[T], list[T]]:
        """(new, known): the items the baseline does not know, and those it does
        (reports carry the known ones, marked, instead of dropping them).

        A fingerprint seen twice in the baseline hides its first two
        occurrences, so a third copy of the same sentence still counts as new.
        """
        budget = Counter(self.known)
        new: list[T] = []
        known: list[T] = []
        for it in items:
            if is_finding(it):
                fp = fingerprint(it)
                if budget[fp] > 0:
                    budget[fp] -= 1
                    known.append(it)
                    continue
            new.append(it)
        return new, known
