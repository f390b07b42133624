"""Focus mode parses only candidate paragraphs, yet the joined Doc is the text, offsets unchanged."""
from __future__ import annotations

import pytest

from onrecord.focus import FocusedExtractor, focus_runs, is_candidate, paragraphs

TEXT = ("The weather in Ohio was mild on Tuesday.\n\n"
        "Turnout was high in the morning.\n"
        "Lopez told reporters the count was fair.\n"
        "Polls closed at eight.\n\n"
        "Farmers gathered near the river.\n"
        "Snow is forecast for the weekend.\n"
        "\u201cWe are ready,\u201d the mayor wrote.")


def test_runs_cover_the_text_and_pick_cue_paragraphs():
    assert "".join(TEXT[a:b] for a, b in paragraphs(TEXT)) == TEXT
    runs = focus_runs(TEXT, neighbours=0)
    assert "".join(TEXT[a:b] for a, b, _p in runs) == TEXT
    parsed = [TEXT[a:b].strip() for a, b, p in runs if p]
    assert parsed == ["Lopez told reporters the count was fair.", "\u201cWe are ready,\u201d the mayor wrote."]
    assert not is_candidate(TEXT, 0, TEXT.index("Turnout"))
    with_neighbours = [TEXT[a:b] for a, b, p in focus_runs(TEXT, neighbours=1) if p]
    assert "Turnout" in with_neighbours[0] and "Polls closed" in with_neighbours[0]
    assert "Farmers" not in "".join(with_neighbours)


@pytest.mark.model
def test_joined_doc_keeps_text_and_offsets(nlp):
    extractor = FocusedExtractor(nlp=nlp, neighbours=0)
    doc = next(extractor.parse_many([TEXT]))
    assert doc.text == TEXT
    for token in doc:
        assert TEXT[token.idx:token.idx + len(token.text)] == token.text
    lopez = next(t for t in doc if t.text == "Lopez")
    assert lopez.dep_ == "nsubj" and lopez.is_sent_start
    farmers = next(t for t in doc if t.text == "Farmers")
    assert farmers.dep_ == "ROOT" and farmers.is_sent_start and not farmers.tag_
    assert [s.text.strip() for s in doc.sents][-2] == "Snow is forecast for the weekend."


@pytest.mark.model
def test_statements_have_exact_offsets(nlp):
    from onrecord.records import Document

    found = FocusedExtractor(nlp=nlp, neighbours=0).extract(Document(id="t", text=TEXT))
    assert found, "the quotation and the told-clause should give statements"
    for st in found:
        for span in (st.content, st.cue, st.speaker):
            if span:
                assert TEXT[span.start:span.end] == span.text
