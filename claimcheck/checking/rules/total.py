"""``inconsistent_total``: a total and its listed parts.

«قتل 300 شخص بينهم 200 طفل و150 امرأة» — the parts named «among them» already
make 350, more than the 300 of the total; «أصيب 17 شخصاً بينهم 50 طفلاً» — one part
already more than the total. Parts listed after «بينهم / منهم / من
بينهم» need not be all of the total (the rest may be men): they may only not
exceed it. Parts listed as the whole breakdown («موزعين على»، «توزعت بين»، or
ending with «والباقي») must add up to it. The total is the flagged claim; the
parts are ``related``; ``expected`` is their sum.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules.base import Finding, Interval, Rule
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, folded_words
from claimcheck.checking.rules.share import is_amount
from claimcheck.model import Claim, Kind, Qualifier, Reason

#: Characters at most between a total and its first part (a cue and a few words).
RAW_GAP = 48
#: Words that may stand between the total and the cue («قتل 300 شخص أمس بينهم…»).
LEAD_WORDS = 2
#: Words a part may carry after its number before «و» and the next part («200 من الأطفال و…»).
PART_WORDS = 3


def find(doc: Document) -> Iterator[Finding]:
    c = cues("total")
    among, breakdown, rest = c["among"], c["breakdown"], c["rest"]
    for sent in doc.long_sentences[0]:
        if len(sent) < 2:
            continue
        amounts = [i for i in sent if doc.claims[i].kind is not Kind.DATE]
        for k in range(len(amounts) - 1):
            t = amounts[k]
            total = doc.claims[t]
            if doc.claims[amounts[k + 1]].start - total.end > RAW_GAP:
                continue  # more than the cue and a few words: not a list of parts
            if not is_amount(total) or total.kind is Kind.NUMBER and not total.subject \
                    or _in_a_list(doc, amounts, k):
                continue
            gap = [w for w in doc.gap(t, amounts[k + 1]) if w not in ("،", ",", ":")]
            # the cue, after at most LEAD_WORDS words on the total («100 موظف جديد موزعين…»)
            at = next((m for m in range(min(LEAD_WORDS, len(gap)) + 1)
                       if among.match_at(gap, m) or breakdown.match_at(gap, m)), None)
            if at is None or not all(w.isalnum() for w in gap[:at]):
                continue
            n_among, n_whole = among.match_at(gap, at), breakdown.match_at(gap, at)
            cue = max(n_among, n_whole)
            if len(gap) > at + cue + 1 or _not_parts(doc, gap, at, t, amounts[k + 1]):
                continue  # at most a preposition (على، بين) after the cue
            whole = n_whole > n_among
            parts = _parts(doc, amounts[k + 1:], total)
            # one part «among» the total may only not exceed it («17 شخصاً بينهم 5 أطفال»);
            # a breakdown names two parts at least
            if not parts or whole and (len(parts) < 2 or _spread_over(doc, total, parts, gap[at:at + cue])) \
                    or len(parts) == 1 and not _one_part(total, doc.claims[parts[0]], at == 0):
                continue
            if any(rest.find(doc.gap(parts[m - 1], parts[m])) >= 0 for m in range(1, len(parts))):
                whole = True
            if whole and _more_follow(doc, amounts, parts, total):
                continue  # the list may go on past what was read: its sum says nothing
            f = _judge(doc, t, parts, whole)
            if f is not None:
                yield f


def _not_parts(doc: Document, gap: list[str], at: int, t: int, first: int) -> bool:
    """«برصيد 7 نقاط لكل منهم بعد 3 مباريات»: «منهم» of «لكل منهم» is «each of them»;
    «نقل 38 حالة منها و29 حالة»: a figure after «منها و» starts another clause."""
    if at and gap[at - 1] in cues("total")["each"]:
        return True
    raw = doc.text[doc.claims[t].end - doc.offset:doc.claims[first].start - doc.offset].rstrip()
    return raw.endswith("و") or doc.claims[first].text.startswith("و")


def _unbracketed(words: list[str]) -> list[str]:
    """The words outside brackets, commas dropped («561.4 مليار (اشتراكات)، و67.7 مليار»:
    what a part is, said in brackets, is no word between two parts)."""
    out, depth = [], 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif not depth and w not in ("،", ","):
            out.append(w)
    return out


def _spread_over(doc: Document, total, parts: list[int], cue: list[str]) -> bool:
    """«77 مركزاً موزعة على 10 دوائر و18 دائرة»: after «موزعة / مقسمة على» the counted
    things named by their own noun are where the total is spread, not its parts."""
    first = doc.claims[parts[0]]
    if not (any("وزع" in w or "قسم" in w for w in cue) and first.subject and total.subject):
        return False
    a, b = folded_words(total.subject)[:1], folded_words(first.subject)[:1]
    people = cues("total")["people"]
    # «143 شخصاً يتوزعون إلى 19 مسلحاً و124 مدنياً»: people spread over kinds of people
    return a != b and not (a and b and a[0] in people and b[0] in people)


def _in_a_list(doc: Document, amounts: list[int], k: int) -> bool:
    """The total follows another figure with no word between («26 نقطة 13 متابعة منها…»):
    a line of statistics, whose figures count different things."""
    if k == 0:
        return False
    return not [w for w in doc.gap(amounts[k - 1], amounts[k]) if w.isalnum()]


def _parts(doc: Document, after: list[int], total) -> list[int]:
    """The parts listed one after the other: same kind and unit as the total, joined by و."""
    parts: list[int] = []
    for j in after:
        y = doc.claims[j]
        if not is_amount(y) or y.kind is not total.kind or y.unit != total.unit:
            break
        if parts:
            gap = _unbracketed(doc.gap(parts[-1], j))
            c = cues("total")
            if len(gap) > PART_WORDS + 1 or not (_and_in(doc, parts[-1], j) or c["rest"].find(gap) >= 0
                                                 or _also(gap, c)):
                break
            if isinstance(total.value, Decimal) and total.qualifier is Qualifier.EXACT \
                    and y.value > total.value >= sum(doc.claims[p].value for p in parts):
                # «13 شهيداً من بينهم ضابطان و11 فرداً و449 مصاباً»: after parts that fit the
                # whole, a figure more than the whole on its own is a count of its own
                break
        parts.append(j)
    return parts


#: Characters after the last part read within which another figure of its kind, after
#: «و», may be one more part of a breakdown.
MORE_REACH = 60


def _more_follow(doc: Document, amounts: list[int], parts: list[int], total: Claim) -> bool:
    """Another figure of the parts' kind right after the last part read, after «و»:
    the breakdown may not end where the parts were read."""
    last = doc.claims[parts[-1]]
    after = doc.text[last.end - doc.offset:last.end - doc.offset + MORE_REACH].lstrip()
    if after.startswith("و") and after[1:2].isalpha():
        return True  # «18 شخصاً هم تسعة … وخمسة … وشرطي وألمانيين»: parts not in figures
    k = amounts.index(parts[-1])
    if k + 1 >= len(amounts):
        return False
    y = doc.claims[amounts[k + 1]]
    raw = doc.text[last.end - doc.offset:y.start - doc.offset]
    return y.kind is total.kind and y.unit == total.unit and len(raw) <= MORE_REACH \
        and ("و" in raw.split() or raw.rstrip().endswith("و") or y.text.startswith("و"))


def _one_part(total: Claim, part: Claim, next_to: bool) -> bool:
    """A single part among a total is one only when both count people (see the cues)
    or the same noun («3.62 مليون خط منها 2.53 مليون خط سكني»)."""
    if total.kind is not Kind.NUMBER or part.kind is not Kind.NUMBER:
        return total.kind is part.kind and total.kind in (Kind.MONEY, Kind.QUANTITY)
    a, b = folded_words(total.subject or "")[:1], folded_words(part.subject or "")[:1]
    if not a:
        return False
    if not b:
        # «عدد الفرص 2855 فرصة منها 1333»: the total's noun, left out — only right after
        # the total («463 محاضرة استفاد منها 182500»: «منها» after a verb is «from it»)
        return next_to
    people = cues("total")["people"]
    return a == b or a[0] in people and b[0] in people or _describes(b[0])


def _describes(word: str) -> bool:
    """A part named by an adjective of the total's noun («99 ميدالية بينها 50 ذهبية»،
    «13 متابعة منها 11 دفاعية»): a nisba adjective (…ية، …يا) is a kind of the counted
    thing, not another thing counted."""
    c = cues("total")
    if word in c["adjective_kinds"]:
        return True
    return word.endswith(c["adjective_endings"].folded) and not word.endswith(c["plural_endings"].folded) \
        and word not in c["not_adjectives"]


def _also(gap: list[str], c: dict) -> bool:
    """«… 471 حالة وفاة، إضافة إلى 9 حالات»: the next part joined by «إضافة إلى»."""
    return any(c["also"].match_at(gap, k) + k == len(gap) for k in range(len(gap)))


def _and_in(doc: Document, i: int, j: int) -> bool:
    """The next part starts with «و» («و150 امرأة» folds into one word with its number)."""
    t = doc.text[doc.claims[i].end - doc.offset:doc.claims[j].start - doc.offset].rstrip()
    return t.endswith(("و", "و ،", "،و")) or doc.claims[j].text.startswith("و")


def _judge(doc: Document, t: int, parts: list[int], whole: bool) -> Finding | None:
    doc.note("total", doc.claims[t], *(doc.claims[p] for p in parts))
    total = doc.figure(t)
    ivs = [doc.figure(p) for p in parts]
    if total is None or any(iv is None for iv in ivs):
        return None
    s = Interval(Decimal(0), Decimal(0))
    for iv in ivs:
        s = s + iv  # type: ignore[operator]
    if whole:
        if s.meets(total):
            return None
    elif total.hi is None or s.lo <= total.hi:
        return None
    x = doc.claims[t]
    summed = sum((doc.claims[p].value for p in parts), Decimal(0))
    listed = " + ".join(doc.claims[p].text for p in parts)
    return Finding(x, Reason.INCONSISTENT_TOTAL, tuple(doc.claims[p] for p in parts), summed,
                   doc.explain("total_breakdown" if whole else "total_among", parts=listed,
                               computed=summed, stated=x.text))


RULE = Rule(
    name="total",
    reason=Reason.INCONSISTENT_TOTAL,
    summary="parts listed among a total that add up to more than it, or a full breakdown "
            "that does not add up to it",
    find=find,
)
