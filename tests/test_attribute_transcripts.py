"""Transcripts: labelled turns on texts of several beats written for these tests."""
from __future__ import annotations

import pytest

from onrecord.attribute import attribute
from onrecord.attribute.transcripts import find_turns, transcript_statements
from onrecord.detect import find_cues, find_quotes

SPORT = """Faith Okello won the city marathon in April. She spoke to Runner's Week by phone on Monday.

Q: How is the body?

Okello: Tired in a good way. I think the legs need another month.

Q: Are you targeting the record?

Okello: No, the win. Records come when they come.
"""

FOOD = """Lim Wei Ling and Rafael Duarte opened their restaurant in 2022. This transcript has been edited.

Q: How did you meet?

LIM: In a kitchen in Melbourne. He burnt my caramel.

DUARTE: I did apologise. In Portuguese.

Q: Any plans to expand?

LIM: No. Absolutely not.
"""

BUSINESS = """Anke Vogel has run the rail operator since 2023.

Freight Weekly: What went wrong last year?

Vogel: Energy prices stayed high and the track works cut our capacity.

FW: Your rivals faced the same works.

Vogel: Not to the same degree. We were more concentrated on that corridor.

FW: Is that realistic?

Vogel: Honestly, no.
"""

POLITICS = """The interview has been condensed.

Q. Will you run again?

A. I have not decided. My family comes first.

Q. What about the budget?

A. It will pass before the summer, I am sure of it.
"""


def answers(text):
    return [(text[s.speaker[0]:s.speaker[1]], text[s.content[0][0]:s.content[0][1]])
            for s in transcript_statements(find_turns(text))]


def test_answers_are_statements_of_their_label():
    assert answers(SPORT) == [
        ("Okello", "Tired in a good way. I think the legs need another month."),
        ("Okello", "No, the win. Records come when they come."),
    ]


def test_several_answering_labels_in_capitals():
    assert answers(FOOD) == [
        ("LIM", "In a kitchen in Melbourne. He burnt my caramel."),
        ("DUARTE", "I did apologise. In Portuguese."),
        ("LIM", "No. Absolutely not."),
    ]


def test_interviewer_labelled_by_name_asks_by_its_question_marks():
    """"FW: Your rivals faced the same works." is still the interviewer's: most FW turns ask."""
    said = answers(BUSINESS)
    assert [label for label, _ in said] == ["Vogel"] * 3
    assert said[-1] == ("Vogel", "Honestly, no.")


def test_q_and_a_with_full_stops():
    assert answers(POLITICS) == [
        ("A", "I have not decided. My family comes first."),
        ("A", "It will pass before the summer, I am sure of it."),
    ]


def test_answers_are_direct_without_a_cue_and_say_their_label_kind():
    (first, *_rest) = transcript_statements(find_turns(SPORT))
    assert first.kind == "direct" and first.cue is None and first.extra["turn"] == "name"
    (answer, *_rest) = transcript_statements(find_turns(POLITICS))
    assert answer.extra["turn"] == "answer"


@pytest.mark.parametrize("text", [
    # labels heading sections of prose, not turns
    "What each side needs.\n\nSanders: Win in a walk.\n\nHe has led every poll this year, usually by double digits.\n\n"
    "Clinton: Keep it close.\n\nA win here would make her the front-runner again.\n\n"
    "Trump: Move past Iowa.\n\nHe has something to prove.\n",
    # a live blog's times and a one-off note
    "09:10\nGood morning and welcome.\n\n09:40\nThe fire crossed the road.\n\nUpdate: the road is closed.\n",
    # one label only, a lone note
    "Update: the road is closed.\n\nUpdate: the road has reopened.\n\nUpdate: the fire is out.\n",
    "Editor's note: this story was updated.\n\nThe mayor said no.",
    "Warning: spoilers.\nPhoto: Jane Doe.\n",
    # labelled lines where nobody asks
    "Cast: Ana Ruiz, Tom Berg.\n\nDirector: Ilse Varga.\n\nRunning time: 118 minutes.\n",
])
def test_other_labelled_lines_are_no_transcript(text):
    assert find_turns(text) == []


def test_label_lines_without_blank_lines_between():
    text = "Intro line.\n\nQ: Why now?\nA: Because the roof leaks.  \n\nSMITH: It does.\n"
    turns = transcript_statements(find_turns(text))
    assert [text[slice(*t.content[0])] for t in turns] == ["Because the roof leaks.", "It does."]
    assert [text[slice(*t.speaker)] for t in turns] == ["A", "SMITH"]
    assert [t.extra["turn"] for t in turns] == ["answer", "name"]
    named = "COLE: Why close them?\n\nRUIZ: They are unsafe.\n\nCOLE: And then?\n\nRUIZ: We rebuild.\n"
    assert [named[slice(*t.speaker)] for t in transcript_statements(find_turns(named))] == ["RUIZ", "RUIZ"]


@pytest.mark.model
def test_what_is_said_within_a_turn_is_the_turn(nlp):
    """ "I think" in an answer and "you" in a question are no statements of their own."""
    for text in (SPORT, BUSINESS):
        doc = nlp(text)
        statements = attribute(doc, find_quotes(text), find_cues(doc))
        turns = find_turns(text)
        inside = [(t.label[0], t.words[1]) for t in turns]
        for st in statements:
            if any(lo <= st.content[0][0] < hi for lo, hi in inside):
                assert st.extra.get("quote_rule") == "transcript", text[st.content[0][0]:st.content[0][1]]
        assert sum(st.extra.get("quote_rule") == "transcript" for st in statements) == sum(not t.asks for t in turns)
