"""Folding and the map back to original offsets: evidence must point at the exact characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.textutil import Normalised, fold


def test_fold_examples() -> None:
    assert fold("Hello,  World! \u201cQuoted\u201d \u00a35 caf\u00e9") == "hello world quoted \u00a35 caf\u00e9"
    assert Normalised("  Lead, trail!! ").text == "lead trail"


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 ,.\n\t\u2019\u00e9\u00a3-:;()\u0142")), max_size=80), st.integers(0, 5))
def test_every_folded_character_maps_back_to_the_same_character(body: str, pad: int) -> None:
    original = "#" * pad + body + "#"
    norm = Normalised(original, pad, pad + len(body))
    assert norm.text == fold(body)
    for i, ch in enumerate(norm.text):
        o = norm.orig(i)
        assert pad <= o <= pad + len(body)
        if ch != " ":
            assert original[o].lower() == ch
        else:
            assert not original[o].isalnum() or original[o] in "\u0142"
    if norm.text:
        words = norm.text.split(" ")
        last = words[-1]
        end = norm.orig_end(len(norm.text))
        assert original[end - len(last) : end].lower() == last
