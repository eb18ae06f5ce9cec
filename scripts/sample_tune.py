#!/usr/bin/env python3
"""Draw the ranges-and-negatives tuning sample (tests/gold/tune_ranges_negatives.toml).

    python scripts/sample_tune.py [--round 1|2|3|4] [--seed N] [--corpus PATH] [--draft]

A third gold set, for tuning two weak families of the engine on sentences that
neither real_copy.toml nor heldout.toml holds: RANGES (two figures read as one
range) and NEGATIVES (digits that are not claims). For each phenomenon in
:data:`SEARCHES` (a pattern over a sentence), the eligible sentences that match
it (``sample_heldout.eligible``, and at most :data:`MAX_LEN` characters, so that
each can be read whole), outside every line of the two other sets, are shuffled
by ``random.Random(f"{seed}:tune:{name}")``; the first ``count`` are taken, one
per article and one phenomenon per article (the searches run in order).

Prints one row per drawn sentence: ``phenomenon, rank, line, start, end, source``;
``--draft`` prints TOML entries instead, each with the sentence's text and the
engine's current reading as comments, to be read and corrected by hand (the
comments are removed before the entry is stored: no corpus text in the repo).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
SEED = 20261214
MAX_LEN = 260

_spec = importlib.util.spec_from_file_location("sample_heldout", ROOT / "scripts" / "sample_heldout.py")
assert _spec and _spec.loader
sample_heldout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample_heldout)

_N = r"[0-9٠-٩][0-9٠-٩.,٫٬]*"
_W = (r"(?:واحد|اثن|ثلاث|أربع|اربع|خمس|ست|سبع|ثماني|ثمان|تسع|عشر|عشرين|ثلاثين|أربعين|خمسين|"
      r"مائة|مئة|مئتين|مائتين|ألف|الف|ألفين)\S*")
_NW = r"(?:" + _N + "|" + _W + ")"
_SCALE = r"\s*(?:ألف|آلاف|مليون|ملايين|مليار)"
_TO = r"(?:إلى|الى|حتى|لـ?)"
_MONTHS = (r"(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
           r"نوفمبر|ديسمبر)")

#: (name, pattern, how many sentences): ranges first, then the non-claims.
SEARCHES: tuple[tuple[str, str, int], ...] = (
    # -- ranges
    ("range between digits", r"(?:^|\s)[وف]?(?:ما )?بين\s*" + _N + r"\S*\s+و\s*" + _N, 10),
    ("range between words", r"(?:^|\s)[وف]?(?:ما )?بين\s+" + _W + r"\s+و" + _W, 6),
    ("range between percent", r"بين\s*" + _N + r"\s*(?:%|٪)?\s*و\s*" + _N + r"\s*(?:%|٪|في الم|بالم)", 8),
    ("range from to", r"(?:^|\s)[وف]?من\s*" + _N + r"\s+" + _TO + r"\s*" + _N, 12),
    ("range from to scale", r"من\s*" + _N + r"\s+" + _TO + r"\s*" + _N + _SCALE, 6),
    ("range ages", r"(?:من|بين)\s*" + _NW + r"\s+(?:و|" + _TO + r")\s*" + _NW + r"\s*(?:عام|سنة|سنوات)", 8),
    ("range tarawah", r"(?:تراوح|تتراوح|يتراوح|تراوحت|يتراوح)", 8),
    ("range dash", (r"(?<![0-9/])" + _N + r"\s?[-–]\s?" + _N + r"\s+(?:%|٪|دولار|ريال|درهم|جنيه|دينار|"
                    r"ألف|مليون|كيلو|كم|متر|طن|عام|سنة|سنوات|أشهر|شهر|يوم|أيام|ساعة|ساعات|درجة|في الم)"), 8),
    ("range years", r"(?<![0-9/])(?:19|20)[0-9]{2}\s?[-–/]\s?(?:19|20)[0-9]{2}(?![0-9/])", 6),
    ("range word ends", (r"من\s+(?:عام|سنة|شهر|أسبوع|اسبوع|يوم|ساعة)(?:\s+واحد\S*)?\s+" + _TO
                         + r"\s*" + _NW), 6),
    ("range dates", r"من\s*[0-9]{1,2}\s+" + _TO + r"\s*[0-9]{1,2}\s+" + _MONTHS, 5),
    # -- not claims
    ("neg verse", r"(?:الآية|الاية|آية|سورة)\s*(?:رقم\s*)?[0-9٠-٩]", 7),
    ("neg minute", r"الدقيقة\s*(?:ال)?[0-9٠-٩]", 7),
    ("neg score", r"(?:فاز|فوز|تغلب|خسر|بنتيجة|تعادل)\S*\s+(?:\S+\s+){0,4}[0-9٠-٩]\s*[-–/]\s*[0-9٠-٩]", 7),
    ("neg shirt", r"(?:القميص|قميص|الرقم)\s*(?:رقم\s*)?[0-9٠-٩]", 4),
    ("neg model", (r"(?:بوينغ|بوينج|إيرباص|ايرباص|إف|اف|ميغ|ميج|سو|طائرات|طائرة)"
                   r"\s*-?\s*[0-9٠-٩]{2,3}(?![0-9])"), 7),
    ("neg named date", r"(?:ثورة|أحداث|احداث|حرب|انتفاضة|حركة|ذكرى)\s+[0-9٠-٩]{1,2}\s+" + _MONTHS, 7),
    ("neg law", r"(?:القانون|قانون|المرسوم|مرسوم|القرار|قرار)\s+(?:رقم|عدد)\s*[0-9٠-٩]", 8),
    ("neg article", r"(?:المادة|المادتين|مادة|البند|الفقرة|الفصل)\s*(?:رقم\s*)?[0-9٠-٩]", 7),
    ("neg phone", r"(?:هاتف|تلفون|تليفون|للاتصال|جوال|فاكس|واتس)\S*\s*:?\s*\(?\+?[0-9٠-٩]{2,}", 5),
    ("neg street", r"(?:شارع|الشارع|طريق|الطريق|مبنى)\s*(?:رقم\s*)?[0-9٠-٩]", 5),
    ("neg name ordinal", (r"(?:محمد|الحسن|عبدالله|عبد الله|الحسين|فيصل|إدوارد|جورج|بنديكت|يوحنا|بولس|لويس|"
                         r"هنري|فيليب|خوان كارلوس)\s+(?:الأول|الثاني|الثالث|الرابع|الخامس|السادس|"
                         r"السابع|الثامن|التاسع|العاشر|الحادي عشر|الثاني عشر|السادس عشر)"), 6),
    ("neg channel unit", r"(?:القناة|الكتيبة|اللواء|الفرقة|الجولة|المجموعة|المرحلة)\s*(?:رقم\s*)?[0-9٠-٩]",
     5),
    ("neg clock", r"(?:الساعة|الساعه)\s*[0-9٠-٩]", 5),
)


#: The second round (``--round 2``, seed :data:`SEED_2`, tests/gold/tune2_ranges_negatives.toml):
#: ranges of every shape, with and without a scale word or unit on each end, and
#: numbers that are not claims. Drawn outside the three earlier sets.
SEED_2 = 20261215
_CUR = r"(?:دولار|ريال|درهم|جنيه|دينار|ليرة|يورو|فرنك|%|٪|في الم|بالم)"
_UNITW = r"(?:كيلو|كم|متر|طن|لتر|ميجاواط|ميغاواط|درجة|برميل|هكتار|دونم|ميل)"
_TIMEW = r"(?:عام|أعوام|اعوام|سنة|سنوات|أشهر|شهر|شهور|أسابيع|أسبوع|يوم|أيام|ساعة|ساعات|دقيقة|دقائق)"
_HIJRI = r"(?:محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة)"
SEARCHES_2: tuple[tuple[str, str, int], ...] = (
    # -- ranges
    ("r2 from to words", r"(?:^|\s)[وف]?من\s+" + _W + r"\s+(?:إلى|الى|حتى)\s+" + _W, 5),
    ("r2 no opener", r"(?<!من)(?<!بين)\s" + _NW + r"\s+(?:إلى|الى)\s+" + _NW + r"\s+" + _TIMEW, 4),
    ("r2 between scale both", r"بين\s*" + _N + _SCALE + r"\s*\S*\s+و\s*" + _N + _SCALE, 4),
    ("r2 ma bayn", r"ما\s+بين\s*(?:" + _N + r"|" + _W + r")", 4),
    ("r2 dash currency", r"(?<![0-9/])" + _N + r"\s*[-–]\s*" + _N + _SCALE + r"?\s*" + _CUR, 5),
    ("r2 dash unit", r"(?<![0-9/])" + _N + r"\s*[-–]\s*" + _N + r"\s*" + _UNITW, 3),
    ("r2 from to money", (r"من\s*" + _N + r"(?:" + _SCALE + r")?\s*(?:" + _CUR + r"\S*\s+)?(?:إلى|الى|حتى)\s*"
                          + _N + r"(?:" + _SCALE + r")?\s*" + _CUR), 4),
    ("r2 from to percent", r"من\s*" + _N + r"\s*(?:%|٪)?\s+(?:إلى|الى|حتى)\s*" + _N + r"\s*(?:%|٪|في الم|بالم)", 3),
    ("r2 day range month", (r"(?:من|بين)\s*[0-9]{1,2}\s+(?:و|إلى|الى|حتى)\s*[0-9]{1,2}\s+(?:" + _MONTHS + "|"
                            + _HIJRI + r"|\S+\s+[0-9]{4})"), 4),
    ("r2 day dash month", r"(?<![0-9/])[0-9]{1,2}\s*[-–]\s*[0-9]{1,2}\s+(?:من\s+)?" + _MONTHS, 3),
    ("r2 year span", r"(?:من|بين)\s+(?:عام|عامي|سنة|العام)\s+[0-9]{4}\s+(?:و|إلى|الى|حتى)\s*(?:عام\s+)?[0-9]{4}", 4),
    ("r2 hijri range", (r"[0-9]{1,2}\s*[-–]\s*[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*14[0-9]{2}|" + _HIJRI
                        + r"\s+(?:و|إلى|الى|حتى)\s+\S+\s+14[0-9]{2}|14[0-9]{2}\s*[-–/]\s*14[0-9]{2}\s*هـ"), 3),
    ("r2 open range", (r"(?:فما فوق|فما دون|وما فوق|فأكثر|فأقل|فما أكثر|وأكثر|أو أكثر|على الأقل|كحد أدنى"
                       r"|كحد أقصى|لا يتجاوز|لا تتجاوز|دون سن)"), 4),
    ("r2 approx range", r"(?:نحو|حوالي|قرابة|ما يقارب)\s+\S+\s+(?:إلى|الى|أو)\s+" + _NW, 3),
    # -- not claims
    ("n2 flight", r"(?:رحلة|الرحلة|رحلتها|طائرة|الطائرة)\s+(?:رقم\s+)?(?:[A-Za-z]|إم|إس|في|جي|كيو)\S*\s*[0-9]{2,4}", 3),
    ("n2 phone", r"(?<![0-9])(?:0|\+)[0-9]{2,3}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9])", 4),
    ("n2 code", (r"(?:الرمز|رمز|كود|الكود|الرقم المرجعي|رقم الحساب|رقم الطلب|الرقم الوطني|رقم الهوية|"
                 r"رقم القيد|السجل|ص\.ب|صندوق بريد|الرمز البريدي)\s*:?\s*(?:رقم\s*)?[0-9٠-٩]"), 4),
    ("n2 law year", (r"(?:قانون|القانون|نظام|النظام|لائحة|قرار|القرار|الأمر|مرسوم|المرسوم|بقانون)\S*\s+(?:رقم\s+)?\(?"
                     r"[0-9٠-٩]+\)?\s*(?:لسنة|لعام|/)\s*[0-9٠-٩]{4}"), 4),
    ("n2 article", r"(?:المادة|المواد|الفقرة|البند|الفصل)\s+(?:رقم\s+)?\(?[0-9٠-٩]+\)?\s+(?:من|مكرر)", 4),
    ("n2 page issue", r"(?:صفحة|الصفحة|صفحات|العدد|عدد رقم|الجزء|المجلد)\s+(?:رقم\s+)?\(?[0-9٠-٩]+", 4),
    ("n2 score", r"(?:بنتيجة|النتيجة|بهدف|بهدفين|بثلاثة أهداف)\s*\(?[0-9٠-٩]?\s*[-–/:]?\s*[0-9٠-٩]", 4),
    ("n2 model", (r"(?:آيفون|ايفون|غالاكسي|جالاكسي|ويندوز|بلايستيشن|بلاي ستيشن|أندرويد|اندرويد|"
                  r"سوخوي|ميراج|رافال|تي|إس|إف|بي|سي|إيه|إم)\s*-?\s*[0-9]{1,3}(?![0-9])"), 5),
    ("n2 address", r"(?:شارع|الشارع|حي|بناية|البناية|عمارة|مبنى|الطابق|الدور|مخرج|المخرج|بوابة|البوابة)\s+(?:رقم\s+)?[0-9٠-٩]+", 4),
    ("n2 named numeral", (r"(?:مجموعة|قمة|دول|نادي|حركة|تيار|تحالف|قوى|فريق|مجموعة الـ)\s*(?:ال|الـ)?\s*[0-9٠-٩]+"
                          r"|[0-9]\s*\+\s*[0-9]"), 4),
    ("n2 regnal bare", (r"(?:^|\s)(?:لويس|هنري|جورج|إدوارد|ادوارد|فيليب|إليزابيث|اليزابيث|شارل|كارل|نابليون|"
                        r"بنديكت|بيوس|ليو|يوحنا|بولس|فرانسيس|ريتشارد|وليام|ويليام|فريدريك|ألفونسو|الحسن|عبدالله|"
                        r"عبد الله|محمد|الحسين|فيصل|حمد)\s+(?:الأول|الثاني|الثالث|الرابع|الخامس|السادس|"
                        r"السابع|الثامن|التاسع|العاشر|الحادي عشر|الثاني عشر|الثالث عشر|الرابع عشر|الخامس عشر|"
                        r"السادس عشر|الثانية|الأولى)(?!\s+(?:من|في|على))"), 4),
    ("n2 year-like count", (r"(?<![0-9/])(?:1[0-9]{3}|20[0-9]{2})\s+(?:وحدة|شخص|طالب|طالبة|عامل|منزل|سرير|"
                            r"مسكن|شقة|فرصة|موظف|مريض|حالة|أسرة|عائلة|سيارة|جندي|مقاتل|لاجئ|طن|متر|كيلو)"), 5),
    ("n2 id head", (r"(?:الطريق|طريق|الخط|خط|القطاع|المنطقة|المربع|الحي|الكيلو|الكيلومتر|المنفذ|الموقع|"
                    r"البئر|بئر|الحقل|المفاعل|الوحدة|المستودع|الرصيف|الصالة|القاعة|المبنى)\s+(?:رقم\s+)?[0-9٠-٩]+"), 4),
)


#: The third round (``--round 3``, tests/gold/tune3_random.toml): no search, two
#: sentences drawn at random from each source (``sample_heldout.draw``, ranks 1 and
#: 2, seed :data:`SEED_3`) outside the four other sets, as the held-out set's random
#: part is drawn: the numbers real copy holds, in the proportions it holds them.
SEED_3 = 20261216
DEPTH_3 = 2


#: The fourth round (``--round 4``, seed :data:`SEED_4`, tests/gold/tune4_real_copy.toml):
#: what real copy holds most and the earlier rounds sampled least. (a) sentences
#: dense with figures (three or more numbers: economic and statistical paragraphs,
#: casualty and election figures, budgets); (b) a bound written after the figure or
#: far before it; (c) vague amounts, fractions and number words in prose; (d) digits
#: glued to letters or beside a bidi mark or a tatweel; (e) numbers that are not
#: claims (product and model names, ranks, account numbers, scores, codes).
#: Drawn outside the five other sets.
SEED_4 = 20261217
_FIG = r"[0-9٠-٩][0-9٠-٩.,٫٬]*"
#: three figures apart (a figure, then something that is no digit nor separator, twice, then a digit)
_DENSE = r"(?:" + _FIG + r"[^0-9٠-٩.,٫٬]+){2}[0-9٠-٩]"
_AR = {chr(c) for c in range(0x0621, 0x064B)} - {"ـ"}
#: letters that glue to a digit as a clitic or a suffix in ordinary copy (و5، بـ، 2011م، 1436هـ، 5ر14)
_GLUE_OK_BEFORE = set("وبلكفر")
_GLUE_OK_AFTER = set("مهر")
_GLUED = ("[" + "".join(sorted(_AR - _GLUE_OK_BEFORE)) + "][0-9٠-٩]|[0-9٠-٩]["
          + "".join(sorted(_AR - _GLUE_OK_AFTER)) + "]")
SEARCHES_4: tuple[tuple[str, str, int], ...] = (
    # -- (a) dense with figures
    ("r4 dense money", (r"^(?=.*" + _DENSE + r")(?=.*(?:مليون|مليار|ألف|الف)\S*\s+(?:دولار|ريال|درهم|جنيه|"
                        r"دينار|ليرة|يورو))"), 4),
    ("r4 dense percent", r"^(?=.*" + _DENSE + r")(?=(?:.*?(?:%|٪|في الم|بالم)){3})", 4),
    ("r4 dense casualties votes", (r"^(?=.*" + _DENSE + r")(?=.*(?:قتيل|قتلى|جريح|جرحى|مصاب|إصابة|إصابات|"
                                  r"وفاة|حالة|صوت|أصوات|مقعد|مقاعد|ناخب))"), 4),
    ("r4 dense budget", (r"^(?=.*" + _DENSE + r")(?=.*(?:موازنة|الموازنة|ميزانية|الميزانية|الإيرادات|"
                         r"النفقات|العجز|الناتج المحلي|الصادرات|الواردات))"), 3),
    # -- (b) bounds after the figure, or far before it
    ("r4 bound after", (_FIG + r"(?:\s+\S+){0,3}\s+(?:كحد أدنى|كحد أقصى|على الأقل|على الاقل|فأكثر|فما فوق|"
                        r"فما دون|وما فوق|أو أكثر|او أكثر|أو أقل|فأقل|على أقصى تقدير)"), 5),
    ("r4 bound before", (r"(?:ما لا يقل عن|ما لايقل عن|لا يقل عن|لا تقل عن|ما يزيد على|ما يزيد عن|يزيد على|"
                         r"يفوق|تفوق|يتجاوز|تتجاوز|تجاوز|تخطى|أربى|يربو|أكثر|اكثر)\s+(?:\S+\s+){0,3}"
                         r"(?:" + _FIG + r"|" + _W + r")"), 5),
    # -- (c) vague amounts, fractions and number words in prose
    ("r4 vague", (r"(?:^|\s)[وبل]?(?:عدة|بضع|بضعة|عشرات|مئات|آلاف|الآلاف|ملايين|الملايين|مليارات|عقود|"
                  r"سنوات عدة|أيام عدة)\s+\S+"), 5),
    ("r4 fraction words", (r"(?:^|\s)[وبل]?(?:ال)?(?:نصف|ثلث|ربع|ثلثي|ثلثا|خمس|عشر|ثلاثة أرباع)"
                           r"\s+(?:ال)?(?:مليون|مليار|ساعة|قرن|عام|سنة|الشهر|مليون|سكان|عدد|المبلغ|"
                           r"قيمة|إنتاج|الإنتاج|حجم|ما|\S+)"), 5),
    ("r4 cardinal words", (r"(?:^|\s)[وبل]?(?:ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|ثلاث|أربع|خمس|ست|سبع|"
                           r"ثماني|تسع|عشر|عشرين|ثلاثين|أربعين|خمسين|مائة|مئة|ألف|ألفي|مليون)\s+"
                           r"(?:أشخاص|شخصا|مواطنين|قتلى|جنود|مدارس|مشاريع|مشروعا|دول|دولة|سنوات|أعوام|"
                           r"عاما|أيام|يوما|أشهر|شهرا|ساعات|دقائق|مرات|ملايين|آلاف|مليارات)"), 5),
    # -- (d) digits glued to letters, bidi marks, tatweel
    ("r4 glued", _GLUED, 4),
    ("r4 marks", (r"[\u200c-\u200f\u061c\u2066-\u2069][0-9٠-٩]|[0-9٠-٩][\u200c-\u200f\u061c\u2066-\u2069]|"
                  r"[0-9٠-٩]ـ|ـ[0-9٠-٩]"), 4),
    # -- (e) not claims, or not counts
    ("r4 product", (r"(?:نوت|جالاكسي|غالاكسي|آيفون|ايفون|أيفون|هواوي|سامسونج|سامسونغ|نوكيا|بلاك ?بيري|"
                    r"الإصدار|إصدار|النسخة|نسخة|موديل|الموديل|طراز|الطراز|ويندوز|بلايستيشن|فيفا)"
                    r"\s*-?\s*(?:رقم\s*)?[0-9٠-٩]{1,4}(?![0-9٠-٩])"), 4),
    ("r4 rank", r"(?:المركز|المرتبة|الترتيب|المركزين|المراكز)\s*(?:ال|الـ)?\s*[0-9٠-٩]+", 3),
    ("r4 account code", (r"(?:IBAN|آيبان|ايبان|رقم الحساب|حساب رقم|الحساب رقم|رقم حساب|الرقم المجاني|"
                         r"الرقم الموحد|الخط الساخن|رمز|الرمز|كود|الكود|رقم المرجع|الرقم المرجعي|"
                         r"صندوق بريد|ص\.ب|ص ب)\s*:?\s*(?:رقم\s*)?\(?[0-9٠-٩]"), 4),
    ("r4 score", (r"(?:[0-9٠-٩]\s*[-–]\s*[0-9٠-٩]\s*(?:لصالح|في|على)|(?:بنتيجة|بهدفين|بثلاثية|برباعية|"
                  r"بخماسية|بهدف|بثلاثة أهداف)\s+(?:\S+\s+){0,2}\S*[0-9٠-٩])"), 4),
)



#: The fifth round (``--round 5``, seed :data:`SEED_5`, tests/gold/tune5_real_copy.toml):
#: what the held-out gap points at, over many countries and sections. (a) figures
#: in the sections real copy is made of (sport, economy, courts, health, weather,
#: elections); (b) sentences dense with figures, numbers in words, dates in several
#: forms (day/month/year digits, Levantine and Maghrebi month names, Hijri),
#: fractions, ranges, vague amounts, compound durations; (c) about a third of
#: sentences whose digits are not claims (scores and minutes, laws and articles,
#: phones and codes, products and editions, dates that name an event, clock times,
#: numbered things). No source gives more than :data:`PER_SOURCE_5` sentences.
SEED_5 = 20261218
PER_SOURCE_5 = 3
_DIG = r"[0-9٠-٩]"
_LEV_MAGH = (r"(?:كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين|"
             r"جانفي|فيفري|أفريل|افريل|ماي|جوان|جويلية|أوت|اوت|شتنبر|أكتوبر|نونبر|دجنبر|يوليوز|غشت)")
SEARCHES_5: tuple[tuple[str, str, int], ...] = (
    # -- (a) sections
    ("r5 sport", (r"^(?=.*" + _DIG + r")(?=.*(?:مباراة|مباريات|الدوري|بطولة|البطولة|لاعب|اللاعب|المنتخب|"
                  r"الأولمبي|الميدالية|ميدالية|النادي|الموسم))"), 3),
    ("r5 economy", (r"^(?=.*" + _DIG + r")(?=.*(?:البورصة|المؤشر|التضخم|الناتج|الاستثمار|الأسهم|سهم|"
                    r"النفط|برميل|الصادرات|الميزان|الودائع|القروض|الفائدة))"), 3),
    ("r5 courts", (r"^(?=.*" + _DIG + r")(?=.*(?:المحكمة|محكمة|بالسجن|السجن|غرامة|الغرامة|حكم|الحكم|"
                   r"المتهم|المتهمين|القضاء|النيابة))"), 3),
    ("r5 health", (r"^(?=.*" + _DIG + r")(?=.*(?:مستشفى|المستشفى|المرضى|مريض|وزارة الصحة|لقاح|التطعيم|"
                   r"الإصابات|حالات|وفيات|الأطباء|السرطان|كورونا|الإيدز|السكري))"), 3),
    ("r5 weather", (r"^(?=.*" + _DIG + r")(?=.*(?:الحرارة|درجة مئوية|درجات|الأمطار|أمطار|ملم|مليمتر|"
                    r"الرياح|الطقس|الأرصاد|عاصفة|الثلوج))"), 3),
    ("r5 elections", (r"^(?=.*" + _DIG + r")(?=.*(?:الانتخابات|انتخابات|الناخبين|ناخب|صوتا|أصوات|الأصوات|"
                      r"مقعدا|مقاعد|المقاعد|الاقتراع|المشاركة|المرشحين|مرشحا))"), 3),
    # -- (b) shapes
    ("r5 dense", r"(?:" + _FIG + r"[^0-9٠-٩.,٫٬]+){3}[0-9٠-٩]", 3),
    ("r5 words only", (r"^(?!.*[0-9٠-٩])(?=.*(?:^|\s)[وبل]?(?:ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|"
                       r"عشرين|ثلاثين|أربعين|خمسين|ستين|سبعين|ثمانين|تسعين|مائة|مئة|مئات|ألف|آلاف|مليون|"
                       r"ملايين|مليار)\S*\s)"), 3),
    ("r5 date digits", (r"(?<![0-9])[0-9]{1,2}\s*[/\-.]\s*[0-9]{1,2}\s*[/\-.]\s*(?:14|19|20)[0-9]{2}"
                        r"(?![0-9])"), 3),
    ("r5 date month names", r"[0-9٠-٩]{1,2}\s+(?:من\s+)?(?:شهر\s+)?" + _LEV_MAGH + r"(?:\s|$)", 3),
    ("r5 hijri", r"[0-9٠-٩]{1,2}\s+(?:من\s+)?(?:شهر\s+)?" + _HIJRI + r"(?:\s+\S+)?\s+14[0-9]{2}", 2),
    ("r5 fraction", (r"(?:^|\s)[وبل]?(?:ال)?(?:نصف|ثلث|ربع|ثلثي|ثلثا|خمس|ثلاثة أرباع|عشر)\s+(?:ال)?"
                     r"(?:مليون|مليار|ساعة|قرن|عام|سنة|سكان|عدد|المبلغ|قيمة|الإنتاج|حجم|مساحة|المساحة|"
                     r"إجمالي|نسبة|طن|كيلو)"), 3),
    ("r5 range", (r"(?:بين\s*" + _NW + r"\s*\S*\s+و\s*" + _NW + r"|من\s*" + _NW + r"\s+(?:إلى|الى|حتى)\s*"
                  + _NW + r"|تتراوح|يتراوح|" + _N + r"\s*[-–]\s*" + _N + r"\s+\S)"), 3),
    ("r5 vague", (r"(?:^|\s)[وبل]?(?:عشرات|مئات|آلاف|الآلاف|ملايين|الملايين|بضع|بضعة|عدة|نيف|ونيف|"
                  r"ونيّف|العشرات|المئات)\s+\S+"), 2),
    ("r5 compound time", (r"(?:ساعة|ساعتين|ساعات|سنة|سنوات|عاما|أعوام|شهرا|أشهر|يوما|أيام)\s+و\s*"
                          r"(?:" + _N + r"|" + _W + r"|نصف|ربع)"), 2),
    # -- (c) not claims
    ("n5 score minute", (r"(?:الدقيقة|الدقائق|بنتيجة|النتيجة|بهدف|بهدفين|الشوط)\s*(?:ال)?\s*\(?[0-9٠-٩]|"
                         r"[0-9٠-٩]\s*[-–]\s*[0-9٠-٩]\s*(?:لصالح|في|على)"), 3),
    ("n5 law article", (r"(?:القانون|قانون|المرسوم|مرسوم|القرار|قرار|المادة|المادتين|الفقرة|البند|الفصل|"
                        r"الأمر)\s+(?:رقم|عدد)?\s*\(?[0-9٠-٩]"), 3),
    ("n5 phone code", (r"(?:هاتف|الهاتف|رقم|للاتصال|جوال|فاكس|الرمز|رمز|كود|ص\.ب|صندوق بريد)\s*:?\s*"
                       r"\(?\+?[0-9٠-٩]{3,}"), 3),
    ("n5 product edition", (r"(?:الإصدار|إصدار|النسخة|نسخة|موديل|طراز|الطراز|جيل|الجيل|آيفون|ايفون|"
                            r"جالاكسي|غالاكسي|ويندوز|بوينغ|بوينج|إيرباص|إف|سو|ميغ|تي|إس)\s*-?\s*[0-9٠-٩]{1,4}"
                            r"(?![0-9٠-٩])"), 3),
    ("n5 named date", (r"(?:ثورة|أحداث|احداث|حرب|حركة|انتفاضة|تيار|قوى|ذكرى|مجزرة|اتفاق|اتفاقية|"
                       r"شارع|ميدان|جامعة|ملعب)\s+[0-9٠-٩]{1,2}\s+(?:" + _MONTHS + "|" + _LEV_MAGH + ")"), 3),
    ("n5 clock", r"(?:الساعة|الساعه)\s*(?:ال)?\s*[0-9٠-٩]{1,2}(?:[:.][0-9٠-٩]{2})?", 3),
    ("n5 numbered", (r"(?:المجموعة|المجموعات|الطريق|طريق|الخط|خط|الحافلة|الرحلة|رحلة|الغرفة|القاعة|"
                     r"الكيلو|الكتيبة|اللواء|الفرقة|الجولة|الأسبوع|المرحلة|دور|الدور)\s+(?:رقم\s+)?(?:ال|الـ)?"
                     r"\s*[0-9٠-٩]{1,4}(?![0-9٠-٩])"), 3),
)

def lines_of(path: Path) -> set[int]:
    with path.open("rb") as f:
        return {s["line"] for s in tomllib.load(f)["sentence"]}


def draw(lines: list[str], index: list[dict[str, str]], excluded: set[int],
         seed: int = SEED, searches: tuple[tuple[str, str, int], ...] = SEARCHES,
         per_source: int | None = None) -> list[dict[str, object]]:
    """The drawn sentences, in the order of ``searches`` (:data:`SEARCHES` by default);
    with ``per_source``, a source that has given that many sentences gives no more."""
    source = {int(r["line"]): r["source"] for r in index}
    taken = set(excluded)
    given: dict[str, int] = {}
    out: list[dict[str, object]] = []
    for name, pattern, count in searches:
        rx = re.compile(pattern)
        found = []
        for n in sorted(source):
            if n in taken or not rx.search(lines[n - 1]):
                continue
            if per_source is not None and given.get(source[n], 0) >= per_source:
                continue
            line = lines[n - 1]
            found += [(n, s, e) for s, e in sample_heldout.sentences(line)
                      if e - s <= MAX_LEN and rx.search(line[s:e]) and sample_heldout.eligible(line[s:e])]
        rng = random.Random(f"{seed}:tune:{name}")
        if per_source is not None:  # one source at most per_source times, whatever the search
            found = _capped(found, source, given, per_source, rng)
        for k, (n, s, e) in enumerate(sample_heldout.take(found, count, taken, rng), 1):
            given[source[n]] = given.get(source[n], 0) + 1
            out.append({"search": name, "rank": k, "line": n, "start": s, "end": e, "source": source[n]})
    return out


def _capped(found: list[tuple[int, int, int]], source: dict[int, str], given: dict[str, int],
            cap: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """The candidates shuffled, the first of each article kept while its source stays
    under ``cap`` (counting what earlier searches gave): whichever of them ``take``
    keeps, no source goes past the cap."""
    rng.shuffle(found)
    seen: dict[str, int] = dict(given)
    articles: set[int] = set()
    kept = []
    for n, s, e in found:
        if n in articles or seen.get(source[n], 0) >= cap:
            continue
        articles.add(n)
        seen[source[n]] = seen.get(source[n], 0) + 1
        kept.append((n, s, e))
    return kept


def _draft(d: dict[str, object], line: str) -> str:
    """A TOML entry with the engine's reading as comments, to be corrected by hand."""
    import eval_gold  # on sys.path once main() has run

    from claimcheck import extract

    s0, s1 = int(str(d["start"])), int(str(d["end"]))
    out = [f"# {line[s0:s1]}", "[[sentence]]", f"line = {d['line']}", f'sha = "{eval_gold.sha(line)}"',
           f"start = {s0}", f"end = {s1}", f'source = "{d["source"]}"', f'sample = "search: {d["search"]}"',
           "claims = ["]
    for c in extract(line):
        if not (c.start < s1 and s0 < c.end):
            continue
        r = eval_gold.claim_reading(c)
        fields = [f"start = {r.start}", f"end = {r.end}", f'kind = "{r.kind}"']
        if r.value is not None:
            fields.append(f'value = "{r.value}"')
        if r.low is not None:
            fields += [f'low = "{r.low}"', f'high = "{r.high}"']
        if r.unit is not None:
            fields.append(f'unit = "{r.unit}"')
        fields.append(f'qualifier = "{r.qualifier}"')
        if r.calendar is not None:
            fields.append(f'calendar = "{r.calendar}"')
        if r.kind == "money":
            fields.append(f"currency_assumed = {str(r.assumed).lower()}")
        out.append(f"  {{ {', '.join(fields)} }},  # «{r.text}»")
    out.append("]")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, help=f"default {SEED} (round 1), {SEED_2} (round 2)")
    ap.add_argument("--round", type=int, choices=(1, 2, 3, 4, 5), default=1,
                    help="1: tune_ranges_negatives.toml's searches; 2: tune2_ranges_negatives.toml's;"
                         " 3: tune3_random.toml's random draw; 4: tune4_real_copy.toml's searches;"
                         " 5: tune5_real_copy.toml's")
    ap.add_argument("--draft", action="store_true", help="TOML entries with the engine's reading")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"sample_tune: {a.corpus} not found (skipped)")
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    lines = a.corpus.read_text(encoding="utf-8").split("\n")
    with (a.corpus.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    gold = ROOT / "tests" / "gold"
    excluded = lines_of(gold / "real_copy.toml") | lines_of(gold / "heldout.toml")
    searches = SEARCHES
    if a.round == 2:
        excluded |= lines_of(gold / "tune_ranges_negatives.toml")
        searches = SEARCHES_2
    if a.round == 4:
        excluded |= {n for f in ("tune_ranges_negatives", "tune2_ranges_negatives", "tune3_random")
                     for n in lines_of(gold / f"{f}.toml")}
        searches = SEARCHES_4
    per_source = None
    if a.round == 5:
        excluded |= {n for f in ("tune_ranges_negatives", "tune2_ranges_negatives", "tune3_random",
                                 "tune4_real_copy") for n in lines_of(gold / f"{f}.toml")}
        searches, per_source = SEARCHES_5, PER_SOURCE_5
    seeds = {1: SEED, 2: SEED_2, 3: SEED_3, 4: SEED_4, 5: SEED_5}
    seed = a.seed if a.seed is not None else seeds[a.round]
    if a.round == 3:
        excluded |= lines_of(gold / "tune_ranges_negatives.toml") | lines_of(gold / "tune2_ranges_negatives.toml")
        drawn = [{**d, "search": f"random (rank {d['rank']})", "source": d["stratum"]}
                 for d in sample_heldout.draw(lines, index, excluded, DEPTH_3, seed)]
    else:
        drawn = draw(lines, index, excluded, seed, searches, per_source)
    for d in drawn:
        if a.draft:
            print(_draft(d, lines[int(str(d["line"])) - 1]) + "\n")
        else:
            print(f"{d['search']}\t{d['rank']}\t{d['line']}\t{d['start']}\t{d['end']}\t{d['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
