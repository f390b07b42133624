"""Whatever the text, extraction never raises and every offset reproduces its span's text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.records import Document

pytestmark = pytest.mark.model

QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "「", "」", "`", "''", "``"]
WORDS = ["said", "says", "told", "according to", "she", "He", "the director", "Ms. Vale", "Jun Park",
         "added", "explained", ":", "—", "–", "-", ",", ".", "?", "!", "that", "we", "never", "will"]
PIECES = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(["\n", "\n\n", "\r\n", " ", "\t", "\u00a0", "\u2028", "\ufeff"]),
    st.text(min_size=1, max_size=12),
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=60).map(" ".join),
    st.lists(PIECES, max_size=60).map("".join),
    st.text(max_size=300),
)


def _check(text: str, span: dict | None) -> None:
    if span is None:
        return
    assert 0 <= span["start"] <= span["end"] <= len(text)
    assert text[span["start"]:span["end"]] == span["text"]
    for start, end in span.get("parts") or ():
        assert span["start"] <= start <= end <= span["end"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_always_reproduce_the_text(extractor, text):
    statements = extractor.extract(Document(id="prop", text=text))
    for statement in statements:
        d = statement.to_dict()
        assert d["kind"] in ("direct", "indirect", "mixed")
        for role in ("content", "cue", "speaker"):
            _check(text, d[role])
        assert d["content"]["text"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(QUOTE_MARKS), st.text(max_size=40), st.sampled_from(QUOTE_MARKS)),
                min_size=1, max_size=6),
       st.sampled_from(["she said.", "he told reporters.", "according to the mayor.", ""]))
def test_quotes_of_every_kind_balanced_or_not(extractor, quotes, tail):
    text = "\n\n".join(f"{open_}{inner}{close} {tail}" for open_, inner, close in quotes)
    for statement in extractor.extract(Document(id="quotes", text=text)):
        for role in ("content", "cue", "speaker"):
            _check(text, statement.to_dict()[role])
