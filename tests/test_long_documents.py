"""A text too long to extract whole is extracted in pieces cut at line breaks outside quotations:
the same statements as whole, exact offsets, no quotation cut, no statement lost at a cut."""
from __future__ import annotations

import pathlib

import pytest

from onrecord import nlp as nlp_stage
from onrecord.detect import find_quotes
from onrecord.records import Document

REPO = pathlib.Path(__file__).resolve().parent.parent
ARTICLES = sorted((REPO / "tests" / "heldout").glob("*.txt")) + [REPO / "examples" / "festival-interview.txt"]
# A quotation over three paragraphs, then its speaker: a cut inside it would part the quote from its cue.
LONG_QUOTE = ("\u201cWe never planned for a winter like this one. The ferries stopped, the roads closed, and "
              "the school ran on generators for a week.\n\n"
              "\u201cBut nobody left. People brought soup to the harbour office and slept in the library.\n\n"
              "\u201cThat is what I want people to remember,\u201d the mayor, Ines Calder, said on Tuesday.\n\n")


def _corpus() -> str:
    """Six articles of different beats and forms, one after another, as one long text."""
    return "\n\n".join(p.read_text().strip() for p in ARTICLES) + "\n\n" + LONG_QUOTE


def test_pieces_cover_the_text_and_end_at_line_breaks_outside_quotations():
    text = _corpus()
    quotes = [(q.start, q.end) for q in find_quotes(text)]
    bounds = nlp_stage.pieces(text, limit=1500, keep_whole=quotes)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b0 for (_, a), (b0, _) in zip(bounds, bounds[1:]))
    assert all(b - a <= 1500 for a, b in bounds) and len(bounds) > 5
    for _, end in bounds[:-1]:
        assert text[end - 1] == "\n"
        assert not any(s < end < e for s, e in quotes), "no quotation is cut"


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end():
    text = "The council met. " * 500
    bounds = nlp_stage.pieces(text, limit=1000)
    assert all(b - a <= 1000 for a, b in bounds)
    assert all(text[b - 2:b] == ". " for _, b in bounds[:-1])


@pytest.mark.model
def test_a_long_text_in_pieces_gives_the_statements_it_gives_whole(extractor, monkeypatch):
    text = _corpus()
    whole = extractor.extract(Document("long", text, published="2025-03-01"))
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 4000)  # three pieces, each read with a 1,000-character lead-in
    in_pieces = extractor.extract(Document("long", text, published="2025-03-01"))
    for st in in_pieces:
        for span in (st.content, st.cue, st.speaker):
            if span is not None:
                assert text[span.start:span.end] == span.text
                for a, b in span.parts or ():
                    assert a >= span.start and b <= span.end
    assert [(s.id, s.kind, s.content) for s in in_pieces] == [(s.id, s.kind, s.content) for s in whole]
    named = sum(a.speaker_name == b.speaker_name for a, b in zip(in_pieces, whole))
    assert named >= 0.95 * len(whole), "speakers named as in the whole text, near enough"
    last = in_pieces[-1]
    assert last.content.text.startswith("\u201cWe never planned") and last.speaker_name == "Ines Calder"


@pytest.mark.model
def test_a_text_over_the_pipelines_own_limit_is_extracted_whole(extractor, monkeypatch):
    """spaCy refuses a text over nlp.max_length (E088); the limit is lowered here so the text
    need not be a megabyte long for the test."""
    paragraph = ("The harbour master said the ferry would run again on Friday. "
                 "\u201cWe are ready,\u201d she told reporters at the quay.\n\n")
    text = paragraph * 400
    monkeypatch.setattr(extractor.nlp, "max_length", 10_000)
    with pytest.raises(ValueError, match="E088"):
        extractor.nlp(text)
    found = extractor.extract(Document("huge", text))
    quotes = [s for s in found if s.content.text == "\u201cWe are ready,\u201d"]
    assert len(quotes) == text.count("We are ready")
    assert all(text[s.content.start:s.content.end] == s.content.text for s in found)
    assert len({s.id for s in found}) == len(found)
