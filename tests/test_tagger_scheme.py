"""The tag scheme: gold spans to BIO tags and back, nesting, windows over long texts."""
from __future__ import annotations

import numpy as np
import pytest

from onrecord.tagger.scheme import BEGIN, INSIDE, LAYERS, OUTSIDE, spans_from_tags, tag_pieces, windows


def _words(text: str) -> list[tuple[int, int]]:
    import re
    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def _one_hot(tags: np.ndarray) -> np.ndarray:
    probs = np.zeros((len(tags), len(LAYERS), 3), dtype=np.float32)
    for i, row in enumerate(tags):
        for layer, tag in enumerate(row):
            probs[i, layer, tag] = 1.0
    return probs


def test_tagger_scheme_round_trip_gives_exact_offsets():
    texts = [
        ("The senator said that the bill would fail.", {"cue": [[(12, 16)]], "source": [[(0, 11)]], "content": [[(17, 42)]]}),
        ("Prices will rise, the bank warned on Tuesday.", {"cue": [[(27, 33)]], "source": [[(18, 26)]], "content": [[(0, 16)]]}),
        ('"We are ready," she said, "and we will win."', {"cue": [[(20, 24)]], "source": [[(16, 19)]],
                                                          "content": [[(0, 15), (26, 44)]]}),
    ]
    for text, spans in texts:
        offsets = _words(text)
        tags = tag_pieces(offsets, spans)
        for layer, name in enumerate(LAYERS):
            found = [(s, e) for s, e, _ in spans_from_tags(_one_hot(tags), offsets, range(len(offsets)), layer)]
            wanted = sorted(p for span in spans[name] for p in span)
            # each piece comes back to the word boundaries it covers
            assert [text[s:e] for s, e in found] == [text[a:b].strip() for a, b in wanted], (text, name)


def test_tagger_scheme_keeps_the_outermost_content_and_nested_cues():
    text = "Aides said the governor claimed the vote was rigged."
    outer, inner = [(11, 51)], [(32, 51)]
    offsets = _words(text)
    tags = tag_pieces(offsets, {"cue": [[(6, 10)], [(24, 31)]], "source": [[(0, 5)], [(11, 23)]],
                                "content": [inner, outer]})
    content = tags[:, LAYERS.index("content")]
    assert list(content).count(BEGIN) == 1
    assert content[[s for s, _ in offsets].index(11)] == BEGIN
    cue = tags[:, LAYERS.index("cue")]
    assert list(cue).count(BEGIN) == 2  # the nested attribution's cue is still marked


def test_tagger_scheme_a_slip_from_outside_to_inside_starts_a_span():
    offsets = _words("one two three four")
    tags = np.array([[OUTSIDE] * 3, [INSIDE] * 3, [INSIDE] * 3, [OUTSIDE] * 3])
    assert [(s, e) for s, e, _ in spans_from_tags(_one_hot(tags), offsets, range(4), 0)] == [(4, 13)]


def test_tagger_scheme_never_ends_a_span_inside_a_word():
    text = "unbelievably"
    offsets = [(0, 2), (2, 7), (7, 12)]  # word pieces of one word
    tags = np.array([[BEGIN] * 3, [INSIDE] * 3, [OUTSIDE] * 3])
    assert [text[s:e] for s, e, _ in spans_from_tags(_one_hot(tags), offsets, [0, 0, 0], 2)] == ["unbelievably"]


def test_tagger_scheme_windows_cover_every_piece_with_overlap():
    for n in (1, 100, 254, 255, 1000, 5003):
        wins = windows(n, 256, 192)
        covered = set()
        for w in wins:
            assert w.end - w.start <= 254
            covered.update(range(w.start, w.end))
        assert covered == set(range(n))
        assert all(b.start < a.end for a, b in zip(wins, wins[1:]))


@pytest.mark.parametrize("stride", [0, 255, 256])
def test_tagger_scheme_a_stride_that_would_skip_pieces_is_refused(stride):
    with pytest.raises(ValueError, match="stride"):
        windows(1000, 256, stride)
