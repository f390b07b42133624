"""resolve.naming: the word lists' lookups, checked against what they stand in for."""
from __future__ import annotations

import pytest

from onrecord.resolve.naming import lexicon

BEFORE_NAMES = [
    "Speaking after the vote, Housing Minister ",  # politics: the title ends the words
    "The club's head coach\n",  # sport: a line break after the title
    "At the premiere the film's co-director ",  # a hyphen before the title: no title of its own
    "Justice  \n",  # the title is all the text
    "Shares fell after the chief executive said the " + "quarter was weak " * 40 + "and chairman\t",
    "Shares fell after chief executive ",
    "Dr.",  # nothing after the title: no name follows
    "The minister and her deputy, the director of the lab ",
    "",
]


@pytest.mark.parametrize("before", BEFORE_NAMES)
def test_resolve_naming_title_ending_agrees_with_searching_the_whole_text(before):
    lex = lexicon()
    whole = lex.title_end_re.search(before)
    found = lex.title_ending(before)
    assert (found is None) == (whole is None)
    if whole is not None:
        assert (found.span(), found.group(1)) == (whole.span(), whole.group(1))


def test_resolve_naming_title_ending_finds_the_title_before_a_name():
    found = lexicon().title_ending("Speaking after the vote, Housing Minister ")
    assert found is not None and found.group(1).lower() == "minister"
    assert lexicon().title_ending("At the premiere the film's co-director ") is None
