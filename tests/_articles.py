"""Synthetic Arabic news copy written for these tests (varied figures, one article per line)."""
from __future__ import annotations

SENTENCES = (
    "أعلنت الوزارة أن عدد الزوار بلغ نحو {a}.5 مليون زائر في عام 20{y}.",
    "وارتفعت الصادرات بنسبة {b} في المائة لتصل إلى {c}00 مليون دولار.",
    "وقال المتحدث إن أكثر من {d} ألف طالب التحقوا بالمدارس هذا العام.",
    "وتبلغ مساحة المشروع {c}50 كيلومترا مربعا، واستمرت الأعمال نحو {a} أشهر.",
    "وسجلت البلدية ٣٫{a} ملايين زائر، أي ما يزيد على {b}٪ من المتوقع.",
    "ولا يقل عدد المتطوعين عن {d} متطوعا منذ عام 20{y}.",
)


def article(i: int, sentences: int = 6) -> str:
    """One line of copy; figures change with ``i`` so no two articles are alike."""
    vals = {"a": i % 9 + 1, "b": i % 40 + 5, "c": i % 7 + 1, "d": i % 300 + 20, "y": 10 + i % 14}
    return " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(**vals) for k in range(sentences))


def archive_text(n: int) -> str:
    """``n`` articles, one per line."""
    return "".join(article(i) + "\n" for i in range(n))

