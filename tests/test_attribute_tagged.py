"""Linking the tagger's spans into statements, and joining them with the rule path's."""
from __future__ import annotations

import pytest

from onrecord.attribute.raw import RawStatement
from onrecord.attribute.tagged import combine, kind_of, tagged_statements
from onrecord.tagger import TaggedSpan, Tags

pytestmark = pytest.mark.model


def _span(text: str, words: str, nth: int = 0, p: float = 0.9) -> TaggedSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return TaggedSpan(start, start + len(words), p)


def _tags(text, cues=(), sources=(), contents=()) -> Tags:
    return Tags(tuple(_span(text, w) for w in cues), tuple(_span(text, w) for w in sources),
                tuple(_span(text, w) for w in contents))


def _read(text, st: RawStatement):
    return ([text[s:e] for s, e in st.content], st.cue and text[slice(*st.cue)],
            st.speaker and text[slice(*st.speaker)])


@pytest.mark.parametrize("text, tags, wanted", [
    # reported speech, source before the cue (politics)
    ("The senator said the bill would fail in committee.",
     dict(cues=["said"], sources=["The senator"], contents=["the bill would fail in committee"]),
     [(["the bill would fail in committee"], "said", "The senator")]),
    # content first, cue and source after it (business)
    ("Rates will stay high through the winter, the central bank warned on Tuesday.",
     dict(cues=["warned"], sources=["the central bank"], contents=["Rates will stay high through the winter"]),
     [(["Rates will stay high through the winter"], "warned", "the central bank")]),
    # a quotation split by its attribution is one statement with two parts (sport)
    ('"We played our game," the coach said. "The result will come."',
     dict(cues=["said"], sources=["the coach"], contents=['"We played our game,"', '"The result will come."']),
     [(['"We played our game,"', '"The result will come."'], "said", "the coach")]),
    # a noun cue and a cue in the next sentence; two attributions in one paragraph (health)
    ("Doctors voiced criticism of the plan. It was rushed, they added.",
     dict(cues=["criticism", "added"], sources=["Doctors", "they"], contents=["of the plan", "It was rushed"]),
     [(["of the plan"], "criticism", "Doctors"), (["It was rushed"], "added", "they")]),
])
def test_attribute_tagged_links_each_content_to_its_cue_and_source(nlp, text, tags, wanted):
    found = tagged_statements(nlp(text), _tags(text, **tags))
    assert [_read(text, st) for st in found] == wanted


def test_attribute_tagged_a_cue_inside_a_content_is_not_linked_to_it(nlp):
    text = "Aides said the governor claimed the vote was rigged."
    tags = _tags(text, cues=["said", "claimed"], sources=["Aides", "the governor"],
                 contents=["the governor claimed the vote was rigged"])
    (st,) = tagged_statements(nlp(text), tags)
    assert _read(text, st) == (["the governor claimed the vote was rigged"], "said", "Aides")


def test_attribute_tagged_a_content_without_a_cue_near_it_is_no_statement(nlp):
    text = "The minister spoke at length.\n\nIn other news, the river flooded the town."
    tags = _tags(text, cues=["spoke"], sources=["The minister"], contents=["the river flooded the town"])
    assert tagged_statements(nlp(text), tags) == []


def test_attribute_tagged_kind_is_read_from_the_quotation_marks():
    text = '"All of it," he said, that the plan was "dead on arrival" and nothing more.'
    assert kind_of(text, [(0, 12)]) == "direct"
    assert kind_of(text, [(22, 57)]) == "mixed"
    assert kind_of(text, [(27, 39)]) == "indirect"


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_attribute_tagged_rules_keep_their_statements_and_the_tagger_adds_what_they_missed():
    text = '"We will rebuild," the mayor said, adding that the budget was tight. Critics called it a stunt.'
    mayor, said, adding, critics, called = (_at(text, w) for w in ("the mayor", "said", "adding", "Critics", "called"))
    rule_quote = RawStatement("direct", [_at(text, '"We will rebuild,"')], said, mayor, confidence=0.9)
    rule_clause = RawStatement("indirect", [_at(text, "the budget was tight")], adding, mayor, confidence=0.5)
    tagged_quote = RawStatement("direct", [_at(text, "We will rebuild")], said, mayor, confidence=0.8)
    tagged_clause = RawStatement("indirect", [_at(text, "that the budget was tight")], adding, mayor, confidence=0.8)
    tagged_new = RawStatement("indirect", [_at(text, "it a stunt")], called, critics, confidence=0.8)
    unsure_new = RawStatement("indirect", [_at(text, "it a stunt")], called, critics, confidence=0.2)
    out = combine(text, [rule_quote, rule_clause], [tagged_quote, tagged_clause, tagged_new])
    assert [(text[st.content[0][0]:st.content[-1][1]], st.confidence) for st in out] == [
        ('"We will rebuild,"', 0.9), ("the budget was tight", 0.5), ("it a stunt", 0.8)]
    assert combine(text, [rule_quote], [unsure_new]) == [rule_quote]
