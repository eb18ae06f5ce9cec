"""Baselines: adopt the check on a long article without fixing its past first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then
reports only findings that are not in it. A finding is keyed by a fingerprint
of its file, its claim text and its (normalised) sentence — not its line, so
editing the paragraphs above a known finding does not make it new again.

The file is JSON, sorted, one finding per entry, so it reviews well in a diff.

Neither needs a run's findings at once (issue 17): :class:`Known` tells each
finding as it passes whether the baseline knows it, and :class:`Entries` keeps
the findings of the file being written in sorted runs of bounded size on disk,
merged as the file is written. Both work a file at a time (``begin``, then
``end``, or ``drop`` for a file found unreadable part-way: left out whole).
"""
from __future__ import annotations

import hashlib
import heapq
import json
import pickle
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any, Iterable, Iterator, Sequence, TypeVar

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


#: The last sentence folded and its folded form: a sentence's claims come one
#: after the other, and a long sentence (claim-dense text) is folded once.
_last_sentence: list[str] = ["", ""]


def _folded_sentence(sentence: str) -> str:
    last = _last_sentence
    if sentence is not last[0] and sentence != last[0]:
        last[0], last[1] = sentence, " ".join(fold(sentence).split())
    return last[1]


#: The last item fingerprinted and its fingerprint.
_last_print: list[Any] = [None, ""]


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
    last = _last_print
    if item is last[0]:  # (a run writing one baseline and reading another asks twice)
        return last[1]
    c = _claim(item)
    key = "\x1f".join(("v1", _path(c.file), " ".join(fold(c.text).split()),
                       _folded_sentence(c.sentence)))
    last[0], last[1] = item, hashlib.sha256(key.encode()).hexdigest()[:24]
    return last[1]


def is_finding(item: Claim | CheckedClaim) -> bool:
    """What a baseline records: every claim of an extract run; non-supported verdicts of a check."""
    return not (isinstance(item, CheckedClaim) and item.verdict is Verdict.SUPPORTED)


# ------------------------------------------------------------------ writing a baseline

#: An entry of the file: (file, fingerprint, text, verdict, reason); the last two
#: are None for a claim of ``extract``. The file is sorted by the first three.
Entry = tuple[str, str, str, Any, Any]
#: Entries sorted in memory before they go to disk as a sorted run.
RUN_ENTRIES = 50_000
#: Entries pickled together in a run (what the merge reads of each run at a time).
RUN_BATCH = 512


def _sort_key(entry: Entry) -> tuple[str, str, str]:
    return entry[0], entry[1], entry[2]


class Entries:
    """The findings of a baseline being written, sorted as :func:`dump` sorts
    them, in memory that does not grow with the findings: past
    :data:`RUN_ENTRIES` they are sorted and written to an unnamed temporary
    file as a run, and :meth:`write` merges the runs (``heapq.merge`` keeps
    equal entries in the order they came, as a stable sort does)."""

    def __init__(self) -> None:
        self.held: list[Entry] = []
        #: where the current file's entries start in ``held``; runs before it are the earlier files'
        self.file_at = 0
        self.committed = 0
        self.runs: list[tuple[int, int]] = []  # (start, end) in ``fh``
        self.fh: IO[bytes] | None = None
        self.size = 0
        self._words: dict[Any, str] = {}

    def __enter__(self) -> Entries:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def add(self, item: Claim | CheckedClaim) -> None:
        if not is_finding(item):
            return
        c = _claim(item)
        if isinstance(item, CheckedClaim):
            verdict, reason = self._word(item.verdict), self._word(item.reason)
        else:
            verdict = reason = None
        self.held.append((_path(c.file), fingerprint(item), c.text, verdict, reason))
        if len(self.held) >= RUN_ENTRIES:
            self._flush()

    def _word(self, code: Any) -> str:
        """``str(code)`` of a verdict or reason, one string for all its entries."""
        word = self._words.get(code)
        if word is None:
            word = self._words[code] = str(code)
        return word

    def _flush(self) -> None:
        # the earlier files' entries and the current file's go to runs of their
        # own, so that a drop of the current file takes back only its own
        if self.file_at:
            self._write_run(self.held[:self.file_at])
            self.committed = len(self.runs)
        self._write_run(self.held[self.file_at:])
        self.held, self.file_at = [], 0

    def _write_run(self, entries: list[Entry]) -> None:
        if self.fh is None:
            import tempfile

            self.fh = tempfile.TemporaryFile(prefix="claimcheck-")
        entries.sort(key=_sort_key)
        start = self.size
        self.fh.seek(start)
        for k in range(0, len(entries), RUN_BATCH):
            self.fh.write(pickle.dumps(entries[k:k + RUN_BATCH], pickle.HIGHEST_PROTOCOL))
        self.size = self.fh.tell()
        self.runs.append((start, self.size))

    def begin(self) -> None:
        """A file starts (its entries are taken back by :meth:`drop`)."""
        self.file_at = len(self.held)
        self.committed = len(self.runs)

    end = begin  # the file was read to its end: its entries stay

    def drop(self) -> None:
        """The file was found unreadable part-way: its entries go."""
        del self.held[self.file_at:]
        if len(self.runs) > self.committed:
            self.size = self.runs[self.committed][0]
            del self.runs[self.committed:]
            assert self.fh is not None
            self.fh.truncate(self.size)

    def _run(self, start: int, end: int) -> Iterator[Entry]:
        fh = self.fh
        assert fh is not None
        at = start
        while at < end:
            fh.seek(at)  # (the runs are read in turns from one file)
            batch = pickle.load(fh)
            at = fh.tell()
            yield from batch

    def sorted(self) -> Iterator[Entry]:
        """Every entry, sorted (file, fingerprint, text); equal ones in the order they came."""
        last = sorted(self.held, key=_sort_key)
        if not self.runs:
            return iter(last)
        return heapq.merge(*(self._run(s, e) for s, e in self.runs), last, key=_sort_key)

    def write(self, out: IO[bytes]) -> None:
        """The baseline file (the bytes of :func:`dump`), a piece at a time."""
        marker = "claimcheck:findings"
        doc = {"tool": "claimcheck", "version": FORMAT_VERSION, "findings": [marker]}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        head, _, tail = text.partition(json.dumps(marker))
        held: list[str] = []
        sep, size = head, 0
        for file, fp, text_, verdict, reason in self.sorted():
            entry = {"fingerprint": fp, "file": file, "text": text_}
            if verdict is not None:
                entry.update(verdict=verdict, reason=reason)
            piece = sep + json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            held.append(piece)
            size += len(piece)
            sep = ",\n    "
            if size > 1 << 16:
                out.write("".join(held).encode())
                held, size = [], 0
        if sep is head:  # no finding: an empty list
            out.write(json.dumps({**doc, "findings": []}, ensure_ascii=False, indent=2).encode() + b"\n")
            return
        held.append(tail)
        out.write("".join(held).encode())

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None
        self.held, self.runs = [], []


def dump(items: Iterable[Claim | CheckedClaim]) -> bytes:
    """The baseline file for these findings (supported claims are not findings)."""
    import io

    with Entries() as entries:
        for it in items:
            entries.add(it)
        out = io.BytesIO()
        entries.write(out)
    return out.getvalue()


# ------------------------------------------------------------------ reading one


class Known:
    """A baseline's fingerprints spent as the findings pass, in report order: a
    fingerprint recorded twice marks its first two findings known, a third copy
    of the sentence is new. A file left out (:meth:`drop`) gives back what it spent."""

    def __init__(self, known: Counter[str]) -> None:
        self.budget = Counter({fp: n for fp, n in known.items() if n > 0})
        self.spent: Counter[str] = Counter()

    def is_known(self, item: Claim | CheckedClaim) -> bool:
        if not self.budget or not is_finding(item):
            return False
        fp = fingerprint(item)
        left = self.budget.get(fp, 0)
        if not left:
            return False
        if left == 1:
            del self.budget[fp]
        else:
            self.budget[fp] = left - 1
        self.spent[fp] += 1
        return True

    def begin(self) -> None:
        self.spent = Counter()

    end = begin

    def drop(self) -> None:
        self.budget.update(self.spent)
        self.spent = Counter()


#: Characters of a baseline file read at a time.
READ_CHARS = 1 << 20
#: What may follow a number in JSON (a number at the end of what was read may go on).
_AFTER_NUMBER = frozenset(",]} \t\n\r")


class _Reader:
    """A baseline file's JSON read piece by piece: the top-level object's values
    whole, the entries of its ``findings`` one at a time, counted by
    fingerprint — what ``json.loads`` accepts, in memory that does not grow
    with the entries."""

    def __init__(self, fh: IO[str], path: str | Path) -> None:
        self.fh, self.path, self.buf, self.at, self.eof = fh, path, "", 0, False
        self.decode = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.fh.read(READ_CHARS)
        self.buf = self.buf[self.at:] + chunk
        self.at = 0
        self.eof = not chunk
        return bool(chunk)

    def _char(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        while True:
            while self.at < len(self.buf) and self.buf[self.at] in " \t\n\r":
                self.at += 1
            if self.at < len(self.buf) or not self._more():
                return self.buf[self.at:self.at + 1]

    def _expect(self, chars: str) -> str:
        c = self._char()
        if not c or c not in chars:
            raise json.JSONDecodeError(f"expecting one of {chars!r}", self.buf, self.at)
        self.at += 1
        return c

    def _value(self) -> Any:
        self._char()
        while True:
            try:
                value, end = self.decode(self.buf, self.at)
            except json.JSONDecodeError:
                if self._more():  # cut off by the end of what was read
                    continue
                raise
            if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and self.buf[end:end + 1] not in _AFTER_NUMBER and self._more():
                continue  # a number may go on in what is not read yet («1» of «1.5e3»)
            self.at = end
            return value

    def document(self) -> tuple[dict[str, Any] | None, Counter[str] | None]:
        """(the object less its findings, the findings' fingerprints counted);
        None for what is not an object, or has no list of findings."""
        if self._char() != "{":
            self._value()  # valid JSON, yet not an object
            return None, None
        self.at += 1
        doc: dict[str, Any] = {}
        prints: Counter[str] | None = None
        if self._char() == "}":
            self.at += 1
        else:
            while True:
                key = self._value()
                if not isinstance(key, str):
                    raise json.JSONDecodeError("expecting a property name", self.buf, self.at)
                self._expect(":")
                if key == "findings" and self._char() == "[":
                    prints = self._findings()
                else:
                    doc[key] = self._value()
                    prints = None if key == "findings" else prints
                if self._expect(",}") == "}":
                    break
        if self._char():
            raise json.JSONDecodeError("extra data", self.buf, self.at)
        return doc, prints

    def _findings(self) -> Counter[str]:
        self.at += 1  # [
        prints: Counter[str] = Counter()
        if self._char() == "]":
            self.at += 1
            return prints
        n = 0
        while True:
            entry = self._value()
            n += 1
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise BaselineError(f"{self.path}: finding {n} has no fingerprint")
            prints[entry["fingerprint"]] += 1
            if self._expect(",]") == "]":
                return prints


@dataclass(frozen=True, slots=True)
class Baseline:
    """Known fingerprints, with how many times each was seen (a sentence may repeat)."""

    known: Counter[str]

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """The fingerprints of a baseline file, read an entry at a time (the
        file of a claim-dense run holds hundreds of thousands of entries, a
        handful of fingerprints)."""
        try:
            with open(path, encoding="utf-8-sig") as fh:
                doc, prints = _Reader(fh, path).document()
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise BaselineError(f"{path}: not a claimcheck baseline ({e})") from None
        if doc is None or doc.get("version") != FORMAT_VERSION or prints is None:
            raise BaselineError(f"{path}: not a claimcheck baseline (version {FORMAT_VERSION})")
        return cls(prints)

    def passing(self) -> Known:
        """The fingerprints to spend as a run's findings pass (:class:`Known`)."""
        return Known(self.known)

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
        passing = self.passing()
        new: list[T] = []
        known: list[T] = []
        for it in items:
            (known if passing.is_known(it) else new).append(it)
        return new, known


class Passing:
    """A run's items as they pass a file at a time, on their way to a report
    (``target``: a :class:`~claimcheck.report.spill.BoundedReport` or what
    takes items the same way): each kept by the policy of its file's group,
    marked ``baseline`` when ``known`` knows it, and recorded in ``entries``
    (every finding, as :func:`dump` records a run's); a finding a Markdown
    draft's comment silenced passes on with its status. The items come in run
    order (files by name, an archive's rows in theirs), the order the
    fingerprints are spent in. ``failed`` tells whether a new finding reached
    ``fail_on``."""

    def __init__(self, target: Any, known: Known | None, entries: Entries | None,
                 fail_on: str | None) -> None:
        from claimcheck.report.base import KNOWN_FROM_BASELINE
        from claimcheck.report.policy import DEFAULT

        self.target, self.known, self.entries, self.fail_on = target, known, entries, fail_on
        self.policy = DEFAULT
        self.failed = False
        self.status = KNOWN_FROM_BASELINE

    def begin(self, file: str) -> None:
        for part in (self.known, self.entries):
            if part is not None:
                part.begin()
        self.target.begin(file)

    def add(self, item: Any, status: str | None = None) -> None:
        if status is not None:
            # silenced by a comment in a Markdown draft: carried, marked, and
            # neither recorded nor spent — the baseline made whole records and
            # splits the reported findings only (every policy keeps it)
            self.target.add(item, status)
            return
        if self.entries is not None:
            self.entries.add(item)
        if not self.policy.reported(item):
            return
        if self.known is not None and self.known.is_known(item):
            self.target.add(item, self.status)
            return
        if self.fail_on and not self.failed:
            self.failed = self.policy.failing(item, self.fail_on)
        self.target.add(item)

    def add_text(self, text: str) -> None:
        self.target.add_text(text)

    def end(self) -> None:
        for part in (self.known, self.entries):
            if part is not None:
                part.end()
        self.target.end()

    def drop(self) -> None:
        for part in (self.known, self.entries):
            if part is not None:
                part.drop()
        self.target.drop()


__all__ = ["FORMAT_VERSION", "Baseline", "Known", "Entries", "Passing", "fingerprint", "is_finding",
           "dump"]
