"""The seed article end to end: every quotation right, to the character.

Floors are the figures measured when the quote stage was built; they only move up.
"""
from __future__ import annotations

import json

import pytest

from onrecord.detect.quotes import find_quotes
from onrecord.evaluate import predict, read_gold, score

pytestmark = pytest.mark.model

FLOORS = {"direct_recall": 1.0, "direct_attribution_recall": 1.0}
ATTRIBUTION_F1_FLOOR = 0.85


@pytest.fixture(scope="module")
def seed(shared_dir, extractor):
    from onrecord.records import Document

    gold_path = shared_dir / "seed" / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["docs"][0]
    text = (shared_dir / "seed" / gold["text_file"]).read_text(encoding="utf-8")
    found = extractor.extract(Document(id=gold["doc"], text=text, published=gold.get("published")))
    return text, gold["statements"], found, gold_path


def test_offsets_read_back(seed):
    text, _, found, _ = seed
    assert found
    for st in found:
        for span in (st.content, st.cue, st.speaker):
            if span is not None:
                assert text[span.start:span.end] == span.text
        for start, end in st.content.parts or ():
            assert 0 <= start < end <= len(text)


def test_every_direct_quote_reproduced_exactly(seed):
    text, gold, found, _ = seed
    by_content = {(st.content.start, st.content.end): st for st in found}
    direct = [g for g in gold if g["kind"] == "direct"]
    assert len(direct) == 6
    for g in direct:
        (start, end), = g["content"]
        st = by_content.get((start, end))
        assert st is not None, g["content_text"]
        assert st.kind == "direct"
        assert [st.speaker.start, st.speaker.end] == g["source"][0], g["id"]
        assert [st.cue.start, st.cue.end] == g["cue"][0], g["id"]


def test_quotes_inside_mixed_statements_are_not_statements_of_their_own(seed):
    text, gold, found, _ = seed
    contents = {(st.content.start, st.content.end) for st in found}
    for g in gold:
        if g["kind"] != "mixed":
            continue
        (start, end), = g["content"]
        inner = [q for q in find_quotes(text) if start <= q.start and q.end <= end]
        assert inner, g["id"]
        assert not any((q.start, q.end) in contents for q in inner), g["id"]
        covering = [st for st in found if st.content.start <= inner[0].start and inner[-1].end <= st.content.end]
        assert any(st.kind == "mixed" for st in covering), g["id"]


def test_figures_hold_their_floors(seed, extractor):
    _, _, _, gold_path = seed
    gold = read_gold(gold_path)
    result = score(gold, predict(gold, extractor))
    for name, floor in FLOORS.items():
        assert result[name] >= floor, (name, result[name])
    assert result["attribution"]["f1"] >= ATTRIBUTION_F1_FLOOR, result["attribution"]
