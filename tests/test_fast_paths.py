"""The speed-ups of issue 7 change no result: each fast path equals its plain reference."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from govinfo.reading import _CONTROL, _looks_binary
from govinfo.text import nfkc

# What report text is made of, and what NFKC touches: ASCII, CJK, full-width forms, the
# wide spaces, combining marks (NFKC composes them), Hangul jamo, ligatures, circled digits.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70),
    st.sampled_from("，（）：；？！％。、“”\u3000\u00a0\u2002\u2003\u200a\u200b\ufeff"),
    st.sampled_from("\u0301\u0327\u0308e\u00e9\u1100\u1161\u11a8\uac00\ufb01\u2460\u3300\u212b\u4e00\u89c4\u7ae0"),
    st.characters(),
)


@given(st.text(_ALPHABET, max_size=60))
@example("规章（一）：０\u30001，２")
@example("ｅ\u0301")  # a full-width letter narrowed, then composed with the mark after it
@example("\u3000\u0308")
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.text(st.characters(max_codepoint=0x7F), max_size=200))
def test_binary_test_counts_the_same_control_characters(text: str) -> None:
    reference = "\x00" in text[:8192] or sum(ord(c) in _CONTROL for c in text[:8192]) > len(text[:8192]) * 0.01
    assert _looks_binary(text) == reference
