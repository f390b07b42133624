"""Transcript turns: a label line is a speaker only in a dialogue; the turn's words, offsets exact."""
from __future__ import annotations

from onrecord.attribute.labels import label_statements


def test_each_answer_is_one_direct_statement_and_questions_are_none():
    text = "Intro line.\n\nQ: Why now?\nA: Because the roof leaks.  \n\nSMITH: It does.\n"
    turns = label_statements(text)
    assert [text[slice(*t.content[0])] for t in turns] == ["Because the roof leaks.", "It does."]
    assert [text[slice(*t.speaker)] for t in turns] == ["A", "SMITH"]
    assert [t.extra["turn"] for t in turns] == ["answer", "name"]
    assert all(t.kind == "direct" for t in turns)
    named = "COLE: Why close them?\n\nRUIZ: They are unsafe.\n\nCOLE: And then?\n\nRUIZ: We rebuild.\n"
    assert [named[slice(*t.speaker)] for t in label_statements(named)] == ["RUIZ", "RUIZ"]


def test_a_lone_label_or_a_note_is_no_dialogue():
    assert label_statements("Editor's note: this story was updated.\n\nThe mayor said no.") == []
    assert label_statements("Update: the road is open.\nUpdate: the road is closed again.\n") == []
    assert label_statements("Warning: spoilers.\nPhoto: Jane Doe.\n") == []
