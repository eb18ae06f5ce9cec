"""What the words around a number say about it, apart from its kind.

* **Not a claim** (SPEC §1): a number glued to a Latin name (``F-16``،
  ``Windows 10``، ``5G``), a tag or sign (``#12``، ``+966``), a name with a
  dash (``كوفيد-19``), an identifier after its head (``القرار 2254``، ``المادة
  5``), a clock time (``الساعة 10``، ``10:30``), a phone number, a list marker.
* **Qualifiers**: the phrase that bounds the number, before it (``أكثر من``،
  ``لا يقل عن``، the verbs ``يزيد على``/``تتجاوز``) or after it (``تقريباً``).
* **The counted noun** after a bare count (``87 شريكاً``).
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.patterns import NA, Lexicon, key
from claimcheck.extraction.scan import Draft, Scan
from claimcheck.lang import clitics
from claimcheck.lang import relite as rx
from claimcheck.model import Qualifier

#: A Latin letter, or the @ or _ of an e-mail address or a handle (``m.sud.1@gmail.com``).
_LATIN_AFTER = rx.compile(r"[A-Za-z@_]")
_LATIN_WORD_BEFORE = rx.compile(r"[A-Za-z][A-Za-z0-9]+[\"”»]? ?\Z")
#: What _LATIN_WORD_BEFORE can have right before its final space.
_LATIN_WORD_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\"”»")
#: What a number glued to the characters before it is part of: a Latin code
#: (A320, F-16, an address: m.sud.1), a tag or sign (#12, +966), a clock time (10:30), a name with a
#: dash (كوفيد-19، إف-16، سو-35). A dash after a word and a space is a minus sign
#: (``الحرارة -5 درجات``); the names written so (``كوفيد - 19``) are identifier heads.
_GLUED_BEFORE = rx.compile(r"(?:[A-Za-z][-_.]?|[#@+*=/\\]|[0-9][:：]|\p{L}[-/]|\p{L} /)$")
#: The letters right before an offset.
WORD_BEFORE = rx.compile(r"(\p{L}+)$")
_CLITIC_SET = frozenset(clitics.GLUED)


def _tournament_year(head: str, raw: str) -> bool:
    """``كأس العالم فيفا 2015``: after فيفا a year is the tournament's, not a game's edition."""
    return head.strip() == "فيفا" and len(raw) == 4 and raw.isdigit()
#: Invisible direction marks that copy puts between a word and a figure in place of
#: a space (RLM, LRM, ALM, zero-width non-joiner): normalisation drops them.
_BIDI_MARKS = frozenset("\u200c\u200e\u200f\u061c")
_TIME_AFTER = rx.compile(r"\s*[:：][0-9]")
#: Phone numbers: +966 50 123 4567, 0501234567, 00 962 6 555 1234.
_PHONE = rx.compile(r"[0-9]{1,4}(?:[ -]?[0-9]{1,4}){2,}" + NA)
#: After an international prefix the groups may also be parted by a dash with
#: spaces around it or by a run of spaces (``+1   650 - 701  8887``); a leading
#: zero alone does not allow that, or ``05 - 03 - 2015`` (a date) would go.
_PHONE_INTL = rx.compile(r"[0-9]{1,4}(?:(?: {0,3}- {0,3}| {1,3})?[0-9]{1,4}){2,}" + NA)
#: Three, three and four digits (a North-American number) need no prefix.
_GROUP_GAP = r"(?: {0,2}[.-] {0,2}| {1,2})"
_PHONE_GROUPS = rx.compile(r"[0-9]{3}" + _GROUP_GAP + "[0-9]{3}" + _GROUP_GAP + r"[0-9]{4}(?![0-9])")
_PLUS_BEFORE = rx.compile(r"\+ ?\(?[0-9]{0,4}\)? {0,4}$")
#: The extension dialled after a phone number: ``x 897``، ``ext. 897``، ``فرعي 897``
#: (branch), ``تحويلة 12`` (transfer), ``داخلي 5`` (internal line).
_EXTENSION = rx.compile(r" {0,3}(?:[xX]|[eE]xt\.?|فرعي|تحويله|داخلي)[ :.]{0,3}[0-9]{1,6}" + NA)
#: List markers at the start of a line or after a colon: ``1. ``، ``3) ``، ``2 – ``.
_LIST_AFTER = rx.compile(r"[.)\-–] ")
#: ``2 – تعزيز``: a spaced dash after a small number, then a word (``1999 - وفاة`` dates an entry).
_LIST_AFTER_SPACED = rx.compile(r" [-–] (?=[«\"“]?\p{L})")
_LIST_BEFORE = rx.compile(r"(?:^|[\n:：]|[.!؟]\s)\s*$")
#: What follows a number token that is not a quantity (skipped as a whole), with
#: a second number dashed to it (``ص 109 - 110``، ``المواد 5-7``): not a minus sign.
_TOKEN_TAIL = rx.compile(r"[0-9.,،/:-]*(?:\s*[-–]\s*[0-9]+)?")
#: ``88591 - Stc``: a short code, then the operator it belongs to.
_DASH_LATIN = rx.compile(r"\s*[-–]\s*[A-Za-z]")
#: ``أرسل إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين``: a short code to text,
#: then the telecom operator it reaches (folded: أورانج → اورانج، سبأفون → سبافون).
_SMS_OPERATOR = rx.compile(r"\s*[-–]?\s*(?:الاتصالات|اتصالات|موبايلي|زين|فودافون|اورنج|اورانج|اوريدو|عمانتل|"
                           r"بتلكو|فيفا|اسياسيل|سيرياتل|جازي|موبيليس|ميديتل|انوي|سبافون)" + NA)
#: ``بنتيجة 13 مقابل 11``: a match's result, its two sides joined by مقابل.
_RESULT = r"(?<![\p{L}])[وف]?(?:بنتيجه|نتيجه|النتيجه)\s*"
_RESULT_BEFORE = rx.compile(_RESULT + "$")
_VS_AFTER = rx.compile(r"\s+مقابل\s+[0-9]{1,3}(?![0-9]|[.,][0-9])")
_RESULT_VS_BEFORE = rx.compile(_RESULT + r"[0-9]{1,3}\s+مقابل\s+$")
_SIGN_PERCENT = rx.compile(r" ?[%٪]")
#: ``مجموعة (5 + 1)``: a group's name, not a sum.
_PLUS_DIGIT = rx.compile(r"\s*\+\s*[0-9]")
#: A citation: a verse ``[النور: 40]``، ``(الزمر 67)``، a hadith ``(صحيح البخاري 3763)``:
#: a bracket, one to three words (a colon after them), the number, the bracket closed.
_CITE_BEFORE = rx.compile(r"[\[(]\s*(?:\p{L}+\s*){1,3}[:：]?\s*$")
_CITE_AFTER = rx.compile(r"\s*[\])]")
#: ``(1) … و(2)``: a number alone in brackets, one of a numbered sequence.
_PAREN_ALONE = rx.compile(r"\(\s*$")
_PAREN_CLOSE = rx.compile(r"\s*\)")
#: ``عناصر: -1 إعادة``: a dash-numbered list item after a colon or a line start.
_DASH_LIST_BEFORE = rx.compile(r"(?:^|[\n:：]|[.!؟] )\s*[-–]\s*$")
#: One word, then two, after a claim: no digit, and no و that starts a new phrase
#: (وفي، والعام، وستبني، ويقول — a verb's prefix or the article after it), though
#: a noun may begin with the letter (وظيفة، وحدة، وزارة).
_WORDS_BETWEEN = tuple(rx.compile(
    r"(?:[^\S\n]+(?!و(?:ال|في|من|علي|عن|الي|مع|لم|لا|لن|قد|كان|[ستين]))\p{L}{2,})"
    "{" + str(k) + r"}(?=\s)") for k in (1, 2)) + tuple(rx.compile(
    # three or four words (``80% في الفرع العلمي فقط كحد أدنى``) only with no و at all
    r"(?:[^\S\n]+(?!و)\p{L}{2,}){" + str(k) + r"}(?=\s)") for k in (3, 4))
#: A figure, then «of them»: a part of the figure before (``ثلاثة منهم``).
_PART_OF = rx.compile(r"\S+\s+(?:\S+\s+)?(?:منهم|منها|منهن|منهما|من\s+بينهم|من\s+بينها)(?!\p{L})")
#: What may stand between a phrase and the figure it bounds: blanks, a bracket, a quote.
_OPENERS = rx.compile(r"[\s(\[«\"“]*")
#: The phrases after a claim that may stand a word or two away from it (على الأقل،
#: كحد أدنى، بحد أقصى، في الأقل; folded: على → علي), unlike أو أكثر، فأكثر.
_FAR_AFTER = ("علي", "كحد", "بحد", "في")
#: A word of each of those phrases (folded), looked for first.
_FAR_MARKS = ("الاقل", "الاكثر", "كحد", "بحد", "اقصي")
#: ``وأكثر من 97``: after «وأكثر»/«أو أقل», «من» then a figure: the comparison
#: opens the next figure (``فأكثر من الذكور``، ``أو أكثر من ذلك`` bound the one before).
_NEXT_BOUND = rx.compile(r"\s+من\s*")
_DIGIT_AT = rx.compile(r"[0-9]")
_MEASURE_SUBJECT = rx.compile(
    r"(?:ها|هم|هما|ه)(?!\w)|(?<!\w)(?:عدد|قيمه|حجم|نسبه|مجموع|اجمالي|مساحه|طول|عمر)(?!\w)")
#: The word before an offset, and the blanks after it.
PREV_WORD = rx.compile(r"(\p{L}+)\s+$")
#: The word after a number, and ``من`` + a definite noun after it (``9 أشهر من المفاوضات``).
SUBJECT = rx.compile(r"\s+(?P<w>\p{L}{2,})" + NA)
OF_SUBJECT = rx.compile(r"\s+من\s+(?P<w>ال\p{L}{2,})" + NA)
#: Counted nouns do not carry a preposition, but a few common nouns start with ل.
#: … and nouns that start with و, as folded (never a conjunction before a verb or ال):
#: وحدة، وظيفة، وجبة، وفاة، وافد، وثيقة، ورشة، وديعة، ولادة، وسيلة، ولاية.
_W_NOUNS = frozenset([
    "وحده", "وحدات", "وظيفه", "وظائف", "وجبه", "وجبات", "وفاه", "وفيات", "وافد", "وافدا", "وافدين",
    "وثيقه", "وثائق", "ورشه", "ورش", "وديعه", "ودائع", "ولاده", "ولادات", "وسيله", "وسائل", "ولايه",
    "ولايات"])
_L_NOUNS = ("لاجي", "لاجئ", "لاعب", "لجن", "لوح", "لغ", "ليل", "لقاح", "لقاء", "لص", "لتر", "ليتر", "ليره",
            "ليرات", "لوا", "لبنان")


# -- not a claim ---------------------------------------------------------------

def excluded(x: Scan, s: int, e: int | None = None) -> bool:
    """Is the number at ``[s, e)`` part of a name, a code or an identifier?"""
    t = x.t
    if e is not None and _LATIN_AFTER.match(t, e):
        return True  # 5G, 1080P, «Mirror 5s»: a name, not a quantity
    if e is not None and t[e:e + 1] == "\\" and t[e + 1:e + 2].isdigit():
        return True  # ``حاشية البيجوري، 1\96``: a volume and its page
    # After a space with no Latin letter, digit or quote before it (most
    # numbers follow an Arabic word so) none of the next three can match.
    if not (s > 1 and t[s - 1] == " " and t[s - 2] not in _LATIN_WORD_END):
        if (_LATIN_WORD_BEFORE.search(t, max(0, s - 24), s)
                and not x.left(x.lex.currencies.symbol_before, s, 8)):
            return True  # «Snapdragon 410», «Windows 10»; but «USD 500» is money
        if _GLUED_BEFORE.search(t[max(0, s - 3):s]):
            return True  # A320, F-16, #12, +966, كوفيد-19
        if not attached_prefix_ok(x, s) and not (e is not None and _SIGN_PERCENT.match(t, e)):
            return True  # (``زاد1%``: a percent sign makes glued digits a share all the same)
    if x.left(x.lex.context.time_re, s, 24):
        return True
    if t[s - 2:s].strip() == "و" and x.lex.context.clock_minutes_re.search(t, max(0, s - 40), s):
        return True  # ``الساعة الثالثة و9 دقائق``: the minutes of a clock time
    if x.left(x.lex.context.ident_re, s, 40) and not (_a_value_after_a_level(x, s, e) or _measured(x, e)):
        return True
    if x.left(x.lex.context.part_re, s, 40):
        return True  # ``المواد من 10 إلى 15``، ``الآيات 1-5``، ``المادتين 5 و6``
    lm = x.left(x.lex.context.letter_re, s, 12)
    if lm and not (e is not None and _tournament_year(lm.group(0), t[s:e])):
        return True  # ``إس 400``; but ``كأس العالم فيفا 2015``
    if goal_minute(x, s, e) or (x.left(x.lex.context.ident_and_re, s, 60)
                                and not (e is not None and x.lex.scales.after_re.match(t, e))):
        return True  # ``و1692`` after ``الرحلة 1534 من تبوك``; but ``فئة 4 و100 ألف نسمة``
    return e is not None and (not_a_quantity(x, s, e) or age_group(x, s, e))


#: After a time unit: a year or a definite word (``القانون 10 سنة 2015``، ``الجولة 15
#: يوم الجمعة``): the unit word dates the name, it does not measure the number.
_DATED = rx.compile(r"\s+(?:[0-9]|ال)")
#: A letter glued to the number, or a definite word after it: not a unit that measures it.
_NOT_A_MEASURE_AFTER = rx.compile(r"\p{L}|\s*ال")


def _measured(x: Scan, e: int | None) -> bool:
    """``يمتد الطريق 45 كيلومترا``، ``استغرقت رحلة 12 ساعة``: after a noun that names
    things by number, a unit, currency or percent sign right after the number makes
    it a measure of the thing, not its name."""
    if e is None or _NOT_A_MEASURE_AFTER.match(x.t, e):
        return False  # ``الرقم 1الريال``، ``القناة 2 الأولى``: a name goes on
    t, lex = x.t, x.lex
    sm = lex.scales.after_re.match(t, e)  # ``المرحلة 2 مليار دولار``
    if sm:
        e = sm.end()
    if (lex.units.unit_re.match(t, e) or lex.currencies.noun_re.match(t, e)
            or lex.context.percent_re.match(t, e)):
        return True
    dm = lex.units.dur_re.match(t, e)
    return dm is not None and _DATED.match(t, dm.end()) is None


def age_group(x: Scan, s: int, e: int) -> bool:
    """``منتخب الناشئين تحت 17 سنة``: the age in the name of a team or a competition."""
    t, ctx = x.t, x.lex.context
    if t.find("تحت", max(0, s - 5), s) < 0 or not ctx.age_group_unit_re.match(t, e):
        return False
    return ctx.age_group_re.search(t, max(x.floor, s - 60), s) is not None


def _a_value_after_a_level(x: Scan, s: int, e: int | None) -> bool:
    """``عند مستوى 0.280 دينار``، ``من فئة 100 جنيه``: after a level or a
    denomination, a number with decimals or with a currency, a unit or a percent
    sign after it is a value, not the name of a level."""
    if e is None or not x.left(x.lex.context.value_head_re, s, 24):
        return False
    t, lex = x.t, x.lex
    if "." in t[s:e] or "," in t[s:e]:
        return True
    return bool(lex.currencies.noun_re.match(t, e) or lex.currencies.symbol_re.match(t, e)
                or lex.units.unit_re.match(t, e) or lex.context.percent_re.match(t, e)
                or lex.context.level_value_re.match(t, e))


#: Goal scorers with their minutes: ``وسجل فلان 45 وفلان 78 وفلان 89``.
_SCORED = rx.compile(r"(?<![\p{L}])[وف]?(?:سجل|سجلها|احرز|احرزها)\s+(?:\p{L}+\s+){1,3}$")
_SCORED_IN = rx.compile(r"(?<![\p{L}])[وف]?(?:سجل|سجلها|احرز|احرزها)(?![\p{L}])")
#: Before a minute: the one before it and the next scorer's name.
_MINUTE_BEFORE = rx.compile(r"(?<![0-9])[0-9]{1,3}\s+و\p{L}+(?:\s+\p{L}+){0,2}\s+$")
#: After a minute: the next scorer's name and minute, then another scorer or the end.
_MINUTE_END = r"(?:\s+و\p{L}|\s*[.،]|\s+(?:ال)?اهداف|\s*$)"
_MINUTE_AFTER = rx.compile(r"\s+و\p{L}+(?:\s+\p{L}+){0,2}\s+[0-9]{1,3}" + _MINUTE_END)
_MINUTE_END_RE = rx.compile(_MINUTE_END)


#: ``الأهداف: واين روني (42)``، ``صاحب الهدف الأول (68)``: a goal, then a scorer's
#: minute alone in brackets, followed by punctuation, و or the end (not a noun).
_GOAL_WORD = rx.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?(?:هدف|اهداف|هدفي|هدفا)(?![\p{L}])")
_PAREN_MINUTE_BEFORE = rx.compile(r"\(\s?$")
_PAREN_MINUTE_AFTER = rx.compile(r"\s?\)(?:\s*[،,.؛;:)\n]|\s+و|\s*$)")


def _bracketed_minute(x: Scan, s: int, e: int) -> bool:
    t = x.t
    return (_PAREN_MINUTE_BEFORE.search(t, max(0, s - 2), s) is not None
            and _PAREN_MINUTE_AFTER.match(t, e) is not None
            and _GOAL_WORD.search(t, max(0, s - 60), s) is not None)


def goal_minute(x: Scan, s: int, e: int | None) -> bool:
    """``وسجل بلال 45 ومحمد 78 وعلي 89 الأهداف``: after a verb of scoring, figures
    of at most three digits each after a scorer's name are the minutes of the
    goals, not counts (a chain of two at least: ``سجل المؤشر 45 نقطة`` counts)."""
    t = x.t
    if e is None or e - s > 3 or s == 0 or not t[s:e].isdigit() or int(t[s:e]) > 130:
        return False
    if "(" in t[max(0, s - 2):s] and _bracketed_minute(x, s, e):
        return True
    if t[s - 1] != " ":
        return False
    # both readings need a verb of scoring within 120 characters before (a C
    # search for its two stems first: most figures have none near them)
    lo = max(0, s - 120)
    if t.find("سجل", lo, s) < 0 and t.find("احرز", lo, s) < 0:
        return False
    if _SCORED.search(t, max(0, s - 40), s):
        return _MINUTE_AFTER.match(t, e) is not None
    return (_MINUTE_BEFORE.search(t, max(0, s - 40), s) is not None
            and _MINUTE_END_RE.match(t, e) is not None
            and _SCORED_IN.search(t, max(0, s - 120), s) is not None)


def not_a_quantity(x: Scan, s: int, e: int) -> bool:
    """What the signs and words right around the digits make a name, a time or a score."""
    t, ctx = x.t, x.lex.context
    if ctx.time_after_re.match(t, e):
        return True  # ``12 ظهراً``، ``1300 تغ``: a clock time
    lo = max(0, s - 10)  # (a score's dash must stand in the window before)
    if ctx.score_after_re.match(t, e) or (
            (t.find("-", lo, s) >= 0 or t.find("–", lo, s) >= 0) and ctx.score_before_re.search(t, lo, s)):
        return True  # ``3-صفر``، ``صفر - 1``: a score
    if _DASH_LATIN.match(t, e) or _PLUS_DIGIT.match(t, e) or e - s >= 4 and _SMS_OPERATOR.match(t, e):
        return True  # ``88591 - Stc``، ``5 + 1``، ``636250 موبايلي``
    if e - s <= 3 and _result_vs(x, s, e):
        return True  # ``بنتيجة 13 مقابل 11``: a score
    if t[e - 2:e] == ".0" and _VERSION.fullmatch(t, s, e) and _version_of(x, s, e):
        return True  # ``الويب 2.0``، ``الثورة الصناعية 4.0``: a version in a name
    if e - s <= 2 and name_score(x, s, e):
        return True  # ``إيطاليا 1 ـ كرواتيا 1``
    c = t[e:e + 1]
    if c == ")" or c == "]" or (c == " " and t[e + 1:e + 2] in (")", "]")):
        return _cited(x, s, e) or _numbered_item(x, s, e)
    return False


#: A version: one digit, «.0» (``2.0``، ``4.0``), after a definite word.
_VERSION = rx.compile(r"[1-9]\.0")
_DEFINITE_BEFORE = rx.compile(r"(?<![\p{L}])ال\p{L}+ $")


def _version_of(x: Scan, s: int, e: int) -> bool:
    """Is «N.0» the version of the thing named right before it (``الويب 2.0``), with no
    unit, scale or percent after it (``بقوة 6.0 درجات``، ``2.0 في المئة`` are figures)?"""
    t = x.t
    return (_DEFINITE_BEFORE.search(t, max(0, s - 30), s) is not None
            and not x.lex.after_re.match(t, e) and not x.lex.scales.after_re.match(t, e))


def _result_vs(x: Scan, s: int, e: int) -> bool:
    """``بنتيجة 13 مقابل 11``: a side of a result joined to the other by مقابل (not
    ``بنتيجة 55 مقابل 45 في المئة``: shares of a vote, with their sign or unit)."""
    t = x.t
    if _RESULT_VS_BEFORE.search(t, max(0, s - 30), s):
        end = e
    elif (m := _VS_AFTER.match(t, e)) and _RESULT_BEFORE.search(t, max(0, s - 16), s):
        end = m.end()
    else:
        return False
    return not (x.lex.context.percent_re.match(t, end) or x.lex.after_re.match(t, end))


#: ``إيطاليا 1 ـ كرواتيا 1``، ``البدوي 6 - فرانك كوم 6``: a name and its score or
#: rating, a dash (a tatweel, gone from the normalised text, leaves two spaces),
#: the other name and its own; both figures of one or two digits.
_NAME_SCORE_DASH = r"(?: *[-–] *|  )(?P<w>\p{L}{2,}(?: \p{L}{2,}){0,2}) "
_NAME_SCORE_AFTER = rx.compile(_NAME_SCORE_DASH + r"[0-9]{1,2}(?![0-9]|[.,٫][0-9])")
_NAME_SCORE_BEFORE = rx.compile(r"\p{L} (?<![0-9])[0-9]{1,2}" + _NAME_SCORE_DASH + "$")
_DASHES = frozenset("-–ـ")


def name_score(x: Scan, s: int, e: int) -> bool:
    """Is the figure at ``[s, e)`` one side of ``name N ـ name N`` (a score, a rating)?"""
    t = x.t
    after, w = t[e:e + 2], t[max(0, s - 50):s]
    if not (after[:1] in _DASHES or after in (" -", " –", "  ") or "-" in w or "–" in w or "  " in w):
        return False  # no dash (or the two spaces a tatweel dash leaves) on either side
    if e - s > 2 or s < 2 or t[s - 1] != " " or not t[s - 2].isalpha():
        m = _NAME_SCORE_BEFORE.search(t, max(0, s - 50), s) if e - s <= 2 else None
        if m is None:
            return False
        a, b = m.start() + 2, m.start("w")
    else:
        m = _NAME_SCORE_AFTER.match(t, e)
        if m is None:
            m = _NAME_SCORE_BEFORE.search(t, max(0, s - 50), s)
            if m is None:
                return False
            a, b = m.start() + 2, m.start("w")
        else:
            a, b = e, m.start("w")
    norm = x.doc.norm
    between = norm.original[norm.to_original(a):norm.to_original(b)]
    return any(c in _DASHES for c in between)


def score_in_words(x: Scan, d: Draft) -> bool:
    """``فاز بثلاثة أهداف لهدف``، ``4 أهداف مقابل هدفين``، ``بخمسة أهداف نظيفة``: is the
    count ``d`` of goals one side of a match's score (a result told before it)?"""
    t, ctx = x.t, x.lex.context
    if t.find("هد", d.start, d.end) < 0:
        return False  # no goal (هدف، أهداف) counted
    if ctx.score_against_re.match(t, d.end) is None:
        # the other side: ``… أهداف مقابل سبعة أهداف``
        before = t[max(0, d.start - 24):d.start].rstrip()
        if not (before.endswith("مقابل") and ctx.score_goals_re.search(before[:-5].rstrip())):
            return False
    return (ctx.score_goals_re.search(t, d.start, d.end) is not None
            and ctx.score_result_re.search(t, max(0, d.start - 90), d.start) is not None)


def _cited(x: Scan, s: int, e: int) -> bool:
    """``[النور: 40]``، ``( صحيح البخاري 3763)``: a chapter and a verse or hadith number.
    A year (``(عام 2015)``) and a bounded figure (``(نحو 300)``) stay claims."""
    t = x.t
    if not (_CITE_AFTER.match(t, e) and _CITE_BEFORE.search(t, max(0, s - 40), s)):
        return False
    if e - s == 4 and t[s:e].isdigit() and 1800 <= int(t[s:e]) <= 2100:
        return False
    return x.left(x.lex.qualifiers.before_re, s, 40) is None


def _numbered_item(x: Scan, s: int, e: int) -> bool:
    """``(1) إنجاح … و(2) تحقيق``: the number alone in brackets is one of a sequence
    (the next one follows, or the one before it came before)."""
    t, raw = x.t, x.t[s:e]
    if not (raw.isdigit() and len(raw) <= 2 and _PAREN_ALONE.search(t, max(0, s - 3), s)
            and _PAREN_CLOSE.match(t, e)):
        return False
    n = int(raw)
    nxt = rx.compile(r"\(\s*" + str(n + 1) + r"\s*\)").search(t, e, e + 300)
    prev = n > 1 and rx.compile(r"\(\s*" + str(n - 1) + r"\s*\)").search(t, max(0, s - 300), s)
    return bool(nxt or prev)


def attached_prefix_ok(x: Scan, s: int) -> bool:
    """Digits glued to letters are only a number after a clitic (بـ5، و10، الـ87)."""
    if not (s and x.t[s - 1].isalnum()):
        return True  # not glued to a letter (a space, a sign, the start)
    norm = x.doc.norm
    if norm.original[norm.to_original(s) - 1] in _BIDI_MARKS:
        return True  # ``مونديال\u200f1974``: a direction mark stood where a space would
    m = WORD_BEFORE.search(x.t, max(0, s - 8), s)
    # ``بتاريخ1972/9/20``: a date glued to the word that announces it
    # ``تحتل المركز150``: a rank glued to the place it names; ``نحو4 مليارات``: a qualifier
    return (m is None or m.group(1) in _CLITIC_SET or m.group(1) in x.lex.context.glued_heads
            or m.group(1).endswith("تاريخ")
            or (m.group(1).endswith("مركز") and x.left(x.lex.context.centre_rank_re, s, 60) is not None))


def phone_end(x: Scan, s: int, e: int, raw: str) -> int:
    """End of a phone number starting at ``s`` (0 when it is not one).

    Phone numbers are identifiers (SPEC §1): ``+966 50 123 4567``، ``(+1)650…``،
    ``050 123 4567``، ``650-701-8887``، ``0501234567``، or ten and more digits in a row.
    """
    end = _phone_number_end(x.t, s, e, raw)
    if end:
        xm = _EXTENSION.match(x.t, end)
        if xm:
            return xm.end()  # the extension is part of the number
    return end


def _phone_number_end(t: str, s: int, e: int, raw: str) -> int:
    lo = max(0, s - 12)
    after_plus = t.find("+", lo, s) >= 0 and _PLUS_BEFORE.search(t, lo, s) is not None
    zero = raw[0] == "0" and raw[1:2].isdigit()
    if after_plus or zero:
        pm = (_PHONE_INTL if after_plus else _PHONE).match(t, s)
        if pm:
            return pm.end()
        if after_plus or (raw.isdigit() and len(raw) >= 6):
            return e
    pm = _PHONE_GROUPS.match(t, s)
    if pm:
        return pm.end()
    if raw.isdigit() and len(raw) >= 10:
        return e
    return 0


def list_marker(x: Scan, s: int, e: int) -> bool:
    """``1. ``، ``3) `` at a line start or after a colon; ``: -1 إعادة`` (the dash first)."""
    t = x.t
    after = _LIST_AFTER.match(t, e)
    if after is None and e - s <= 2 and (sp := _LIST_AFTER_SPACED.match(t, e)):
        after = None if x.lex.months.after_re.match(t, sp.end()) else sp  # ``08 - يناير - 2011``: a date
    if after and _LIST_BEFORE.search(t, max(0, s - 4), s):
        return True
    # ``-4عناصر``: the item's first word may be glued to its number
    return (e - s <= 2 and (t[e:e + 1] == " " or t[e:e + 1].isalpha())
            and _DASH_LIST_BEFORE.search(t, max(0, s - 5), s) is not None
            and x.lex.after_re.match(t, e) is None and x.lex.scales.after_re.match(t, e) is None)


def glued_tatweel(x: Scan, e: int) -> bool:
    norm = x.doc.norm
    o = norm.to_original(e - 1) + 1
    return norm.original[o:o + 1] == "\u0640"


def skip_token(x: Scan, e: int) -> int:
    m = _TOKEN_TAIL.match(x.t, e)
    return m.end() if m else e


def clock_time(t: str, s: int, e: int) -> bool:
    """``10:30``: one or two digits, then a colon and a digit."""
    return e - s <= 2 and _TIME_AFTER.match(t, e) is not None


def sign_word(x: Scan, d: Draft) -> None:
    """``سالب 5 درجات``، ``ناقص 3 مليارات دولار``: a minus said in words before an
    amount, a measure or a percent (counts read it themselves)."""
    nm = x.left(x.lex.context.neg_before_re, d.start, 12)
    if nm is None or not isinstance(d.value, Decimal) or d.value <= 0:
        return
    d.value = -d.value
    st = nm.start()
    d.start = max(x.floor, st + 1 if x.t[st] in "وف" and x.t[st + 1:st + 2] in "سن" else st)


# -- qualifiers ----------------------------------------------------------------

def qualify(x: Scan, d: Draft, s: int, allow_qualifier: bool = True) -> None:
    """The qualifier before ``s`` (a phrase, or a verb and its subject) and after
    the claim; the claim's span grows over the phrase (not over a verb)."""
    t, lex = x.t, x.lex
    if allow_qualifier:
        qm = x.left(lex.qualifiers.before_re, s, 40)
        if qm:
            q = lex.qualifiers.before[key(qm.group("q"))]
            d.qualifier = q
            st = qm.start()
            if qm.group("cl").startswith(("و", "ف")):
                st += 1  # the conjunction stays outside the claim
            d.start = max(x.floor, st)
        elif (mk := x.left(lex.qualifiers.mark_re, s, 16)) is not None:
            # ``تجاوزت … حاجز 5 مليارات``: a mark passed (the clause's words only)
            pm = lex.qualifiers.passing_re.search(t, max(x.floor, mk.start() - 60), mk.start())
            if pm:
                d.qualifier = Qualifier.AT_MOST if pm.group("neg") else Qualifier.MORE_THAN
        else:
            vm = x.left(lex.qualifiers.verb_re, s, 48)
            # without على/عن the words between must be the verb's subject
            # (عددهم، قيمتها، عدد سكانها), not a name (قال يزيد الخالدي 5 مرات)
            # (a subject of three or four words only with على/عن before the number:
            # ``لا تقل أهمية عن حرب الستة أيام`` compares something else); an
            # approximation needs no measure noun: ``ناهزت إيرادات القطاع السياحي 13 مليار``
            if vm and (vm.group("p") or vm.group("al")
                       or vm.group("w").count(" ") < 2 and _MEASURE_SUBJECT.search(vm.group("w"))
                       or lex.qualifiers.verbs[vm.group("v")] is Qualifier.APPROXIMATE):
                # ``تزيد قيمتها على 4.3 مليار``: the verb's subject sits between verb
                # and number, so the claim's span stays the number's own
                q = lex.qualifiers.verbs[vm.group("v")]
                if vm.group("neg"):
                    q = (Qualifier.EXACT if q is Qualifier.APPROXIMATE
                         else Qualifier.AT_MOST if q is Qualifier.MORE_THAN else Qualifier.AT_LEAST)
                d.qualifier = q
    if allow_qualifier and d.qualifier == Qualifier.EXACT and (st := _bare_more(x, d, s)) >= 0:
        d.qualifier, d.start = Qualifier.MORE_THAN, st  # ``سجلت أكثر 1500 حالة``
    am = lex.qualifiers.after_re.match(t, d.end)
    if am is not None and _opens_next_figure(x, am):
        am = None  # ``92 في المائة وأكثر من 97``: «أكثر من» bounds the figure after it
    if am is None and d.qualifier == Qualifier.EXACT and _far_phrase_near(t, d.end):
        # ``أربع عربات مدرعة على الأقل``: an adjective or two of the counted noun
        # may stand between the quantity and the phrase
        for between in _WORDS_BETWEEN:
            gap = between.match(t, d.end)
            am = lex.qualifiers.after_re.match(t, gap.end()) if gap else None
            if am and (not am.group("q").startswith(_FAR_AFTER) or _bounds_next(x, am.end())):
                # «هواية أو أكثر»: أو أكثر binds the noun right before it; ``338 مكتباً يعمل
                # فيها على الأقل (خمسة موظفين)``: the phrase bounds the figure after it
                am = None
            # (``تحديد معدل 80% في الفرع العلمي فقط كحد أدنى``: up to four words away)
            if am:
                break
    if am:
        q = lex.qualifiers.after[key(am.group("q"))]
        if d.qualifier == Qualifier.EXACT:
            d.qualifier = q
        d.end = am.end()


def _far_phrase_near(t: str, end: int) -> bool:
    """Is one of the phrases that may stand words away (على الأقل، كحد أدنى…) within
    reach after ``end``? (A look before the four patterns of words between.)"""
    window = t[end:end + 90]
    return any(w in window for w in _FAR_MARKS)


def _bare_more(x: Scan, d: Draft, s: int) -> int:
    """``سجلت الطوارئ أكثر 1500 حالة``: «أكثر» with no «من» right before digits is
    «more than» in hasty copy; but it is a superlative among a group (``لأكثر 10
    دول تلوثاً``، ``ضمن أكثر 100 شخصية تأثيراً``: a ل or a word of belonging before
    it, or an accusative of respect after the noun). Where the claim starts, or -1."""
    t = x.t
    if not t[s:s + 1].isdigit() or t.find("اكثر", max(x.floor, s - 12), s) < 0:
        return -1
    m = _BARE_MORE.search(t, max(x.floor, s - 30), s)
    if m is None or m.group("l") or m.group("q") is None:
        return -1  # ``من أكثر 10 دول``، ``لأكثر عشرة فنانين``: a superlative
    nxt = SUBJECT.match(t, d.end)
    if nxt and nxt.group("w").endswith(("ا", "ه")):
        return -1  # ``أكثر 10 دول تلوثاً``: how they are most
    return m.start("q")


#: «أكثر» right before the digits, the word before it (a group it ranks in: من، ضمن، بين).
_BARE_MORE = rx.compile(r"(?:(?P<l>(?<![\p{L}])(?:من|ضمن|بين|قائمه|لائحه|وسط)\s+)|(?<![\p{L}]))"
                        r"(?:[وف]?(?P<q>اكثر)|(?P<l2>[وف]?[لب]اكثر))\s+$")


def _opens_next_figure(x: Scan, am: rx.Match[str]) -> bool:
    """Is the comparative after a figure (وأكثر، أو أقل; not على الأقل) the start of
    «أكثر من» before the next figure, digits or words?"""
    q = am.group("q")
    if not q.endswith(("اكثر", "اقل")) or q.endswith(("الاكثر", "الاقل")):
        return False
    nm = _NEXT_BOUND.match(x.t, am.end())
    return nm is not None and _figure_at(x, nm.end())


def _bounds_next(x: Scan, end: int) -> bool:
    """``338 مكتباً يعمل فيها على الأقل (خمسة موظفين)``: a figure right after the
    phrase is the one it bounds; not a part of the first (``قتل 13 جندياً على الأقل
    ثلاثة منهم``: three of them)."""
    at = _OPENERS.match(x.t, end).end()
    if not _figure_at(x, at):
        return False
    return _PART_OF.match(x.t, at) is None


def _figure_at(x: Scan, at: int) -> bool:
    """Does a number, in digits or words, start at ``at``?"""
    return bool(_DIGIT_AT.match(x.t, at)) or x.lex.words.match_words(x.t, at, x.doc.norm) is not None


# -- the counted noun ----------------------------------------------------------

def is_subject(w: str, lex: Lexicon) -> bool:
    """Could ``w`` be the counted noun after a number (``87 شريكاً``، ``120 ألف فرد``)?"""
    if w in lex.context.not_subjects or w in lex.months.gregorian or w in lex.scales.values:
        return False
    if w.startswith("و") and w in _W_NOUNS:
        return True  # ``1800 وحدة سكنية``: a noun that starts with و is counted all the same
    if w.startswith(("ال", "و", "لل", "فال", "بال", "كال")):
        return False  # definite nouns and conjunctions start a new phrase
    if w.startswith("ل") and not w.startswith(_L_NOUNS):
        return False  # لإعادة، لدعم: purpose, not the counted thing
    return True
