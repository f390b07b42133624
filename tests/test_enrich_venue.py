"""Venue phrases found by pattern and capitalisation, for outlets the patterns never name."""
from __future__ import annotations

import pytest

from onrecord.enrich import find_venues


def only(sentence: str):
    found = find_venues(sentence, 0, len(sentence))
    assert found, sentence
    start, end, venue = found[0]
    assert sentence[start:end] == venue.text
    return venue


@pytest.mark.parametrize("sentence,kind,name,interviewer", [
    ("She said in an interview with Deadline in May that it was over.", "interview", "Deadline", None),
    ("He told The Hollywood Reporter last week that he was done.", "interview", "Hollywood Reporter", None),
    ("In a conversation on The Long Table with Jamie Ortiz, she said it was hard.", "podcast", "Long Table", "Jamie Ortiz"),
    ("Appearing on the Film Notes podcast, he said it was hard.", "podcast", "Film Notes", None),
    ("She wrote on Instagram that she was grateful.", "social", "Instagram", None),
    ("He posted on X that the deal was off.", "social", "X", None),
    ("In a statement to Reuters, the company said it was sorry.", "statement", "Reuters", None),
    ("The company said in a statement that it was sorry.", "statement", None, None),
    ("She said at a press conference on Monday that taxes would fall.", "press_conference", None, None),
    ("In a speech to the Chamber of Commerce, he said growth was back.", "speech", "Chamber of Commerce", None),
    ("He testified before the Senate Banking Committee that rates were too high.", "hearing", "Senate Banking Committee", None),
    ("She wrote in an op-ed for The Guardian that the law was unjust.", "article", "Guardian", None),
])
def test_venue_kinds(sentence, kind, name, interviewer):
    venue = only(sentence)
    assert (venue.kind, venue.name, venue.interviewer) == (kind, name, interviewer)


def test_days_and_months_are_not_outlets():
    sentence = "She said on Tuesday that she told March nothing."
    assert find_venues(sentence, 0, len(sentence)) == []


def test_a_show_without_the_word_podcast_is_an_interview():
    text = "Last month, appearing on Harbour Radio with host Ines Falk, the mayor warned of cuts."
    (s, e, venue), = find_venues(text, 0, len(text))
    assert (venue.kind, venue.name, venue.interviewer) == ("interview", "Harbour Radio", "Ines Falk")
    text = "Appearing on the Quiet Hours podcast with host Ines Falk, the mayor warned of cuts."
    assert find_venues(text, 0, len(text))[0][2].kind == "podcast"


def test_appearing_on_a_show_without_the_word_podcast_is_an_interview():
    text = "Appearing on the Drawing Board with host Ines Falk, the mayor warned of cuts."
    assert find_venues(text, 0, len(text))[0][2].kind == "interview"
    text = "In a conversation on Harbour Radio with Ines Falk, the mayor warned of cuts."
    assert find_venues(text, 0, len(text))[0][2].kind == "interview"
