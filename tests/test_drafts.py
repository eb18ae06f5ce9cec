"""Markdown masking keeps every offset; suppression comments mark ranges, not lines of output."""
from __future__ import annotations

import pytest

from claimcheck.text.drafts import is_markdown, prepare

CASES = {
    "front-matter": ("---\ntitle: 5 ملايين\n---\nنص 7\n", ["نص", "7"]),
    "toml-front-matter": ("+++\nn = 5\n+++\nنص 7\n", ["نص", "7"]),
    "fenced": ("قبل 1\n```python\nx = 5\n```\nبعد 2\n", ["قبل", "1", "بعد", "2"]),
    "tilde-fence": ("~~~\n5\n~~~\nبعد 2\n", ["بعد", "2"]),
    "unclosed-fence": ("قبل 1\n```\n5\n6\n", ["قبل", "1"]),
    "indented-code": ("فقرة 1\n\n    كود 5\n    كود 6\n\nبعد 2\n", ["فقرة", "1", "بعد", "2"]),
    "list-continuation-is-prose": ("- بند 1\n\n    تابع 2\n", ["-", "بند", "1", "تابع", "2"]),
    "inline-code": ("نص `5 ملايين` و ``a ` 6`` 7\n", ["نص", "و", "7"]),
    "url": ("راجع https://x.org/2024/5, و www.y.com/7. ثم 8\n", ["راجع", ",", "و", ".", "ثم", "8"]),
    "link-target": ("[تقرير 2024](https://x.org/a_(5)) 9\n", ["[تقرير", "2024]", "9"]),
    "autolink": ("<https://x.org/5> 9\n", ["9"]),
    "html-comment": ("نص <!-- 5\n6 --> 7\n", ["نص", "7"]),
    "html-tag": ('<img width="300" src="a.png"> 9\n', ["9"]),
}


@pytest.mark.parametrize("name", CASES)
def test_masking(name):
    text, words = CASES[name]
    p = prepare(text)
    assert len(p.text) == len(text)
    assert [i for i, ch in enumerate(p.text) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
    assert p.text.split() == words
    # Whatever survives is untouched: same character at the same offset.
    assert all(a == b for a, b in zip(p.text, text, strict=True) if a != " ")


def test_plain_text_is_untouched():
    text = "```\n5\n``` <!-- claimcheck-disable-next-line -->\n6\n"
    p = prepare(text, markdown=False)
    assert p.text == text and p.suppressed == ()


def test_crlf_lines_keep_their_breaks():
    text = "```\r\nكود 5\r\n```\r\nنص 7\r\n"
    p = prepare(text)
    assert p.text.split() == ["نص", "7"] and p.text.count("\r\n") == 4


def test_disable_next_line_and_blocks():
    text = ("a 1\n<!-- claimcheck-disable-next-line -->\nb 2\nc 3\n"
            "<!--claimcheck-disable-->\nd 4\n<!-- claimcheck-enable -->\ne 5\n"
            "<!-- claimcheck-disable -->\nf 6\n")
    p = prepare(text)
    suppressed = {text[lo:hi].strip() for lo, hi, _ in p.suppressed}
    assert suppressed == {"b 2", "d 4", "f 6"}
    assert all(codes == frozenset() for _, _, codes in p.suppressed)   # no codes: every finding
    for word in ("a 1", "c 3", "e 5"):
        assert not any(lo <= text.index(word) < hi for lo, hi, _ in p.suppressed)


def test_directives_inside_code_are_ignored():
    p = prepare("```\n<!-- claimcheck-disable -->\n```\nنص 7\n")
    assert p.suppressed == ()


@pytest.mark.parametrize("path, expected", [
    ("a.md", True), ("A.MARKDOWN", True), ("a.txt", False), ("-", False),
])
def test_is_markdown(path, expected):
    assert is_markdown(path) is expected
