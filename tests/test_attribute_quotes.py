"""Quote statements on short articles written for the tests: one pattern each."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.attribute import attribute
from onrecord.attribute.quotes import quote_statements
from onrecord.detect import find_cues, find_quotes

pytestmark = pytest.mark.model


def statements(nlp, text):
    doc = nlp(text)
    return quote_statements(doc, find_quotes(text), find_cues(doc))


def view(text, st):
    """(content pieces, cue, speaker) as text, read back from the offsets."""
    def piece(span):
        return text[span[0]:span[1]] if span else None
    return [piece(p) for p in st.content], piece(st.cue), piece(st.speaker)


def test_speaker_after_the_cue(nlp):
    text = '"We will rebuild the pier before summer," said Mayor Lena Ortiz.'
    (st,) = statements(nlp, text)
    assert view(text, st) == (['"We will rebuild the pier before summer,"'], "said", "Mayor Lena Ortiz")
    assert st.kind == "direct"


def test_speaker_before_the_cue(nlp):
    text = "The season was long. \u201cI have never been this tired in my life,\u201d Okafor said after the final."
    (st,) = statements(nlp, text)
    assert view(text, st) == (["\u201cI have never been this tired in my life,\u201d"], "said", "Okafor")


def test_cue_and_colon_before_the_quote(nlp):
    text = 'At the hearing, the chief engineer said: "The cables were replaced in 2019 and tested twice."'
    (st,) = statements(nlp, text)
    assert view(text, st) == (['"The cables were replaced in 2019 and tested twice."'], "said", "the chief engineer")


def test_apposition_between_speaker_and_cue(nlp):
    text = 'Hugh Hill, a doctor at the clinic, said: "Most of these patients never needed surgery."'
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content == ['"Most of these patients never needed surgery."'] and cue == "said"
    assert speaker.startswith("Hugh Hill")


def test_dash_attribution(nlp):
    text = (
        "Readers wrote in about the festival.\n\n"
        "\u201cThe lineup this year was the best I have seen in a decade.\u201d \u2014 Priya Natarajan, Leeds"
    )
    (st,) = statements(nlp, text)
    assert view(text, st) == (
        ["\u201cThe lineup this year was the best I have seen in a decade.\u201d"], None, "Priya Natarajan")


def test_split_quote_is_one_statement_in_two_parts(nlp):
    text = '"The first half was a disaster," the coach said, "but the second half showed who we are."'
    (st,) = statements(nlp, text)
    assert view(text, st) == (
        ['"The first half was a disaster,"', '"but the second half showed who we are."'], "said", "the coach")


def test_two_quotes_with_their_own_cues_stay_apart(nlp):
    text = ("\u201cWe cannot afford another delay,\u201d the senator said, adding, "
            "\u201cThe families have waited long enough for this.\u201d")
    out = statements(nlp, text)
    assert len(out) == 2
    assert all(len(st.content) == 1 for st in out)


def test_block_quote_takes_cue_and_speaker_of_the_line_that_introduces_it(nlp):
    text = (
        "The architect Mara Vance spoke to Design Weekly in June.\n\n"
        "She explained that the roof had been the hardest part and described the moment it came together:\n\n"
        "\"We tried eleven shapes before this one. When the last panel went up, I knew we had it. "
        "Nobody on the team said a word.\"\n\n"
        "The museum opens next spring."
    )
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content[0].startswith('"We tried eleven shapes') and content[0].endswith('said a word."')
    assert cue == "explained" and speaker == "She"


def test_quote_alone_in_its_paragraph_takes_the_previous_speaker(nlp):
    text = (
        "Coach Dana Whitfield said the team would not change its plan for the final.\n\n"
        "\u201cWe know what works for us, and we are going to keep doing it until someone stops us.\u201d\n\n"
        "The final is on Sunday."
    )
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content[0].startswith("\u201cWe know what works") and cue is None
    assert speaker == "Coach Dana Whitfield"


def test_scare_quotes_titles_and_nicknames_are_not_statements(nlp):
    text = (
        'The so-called "miracle diet" sold well. Critics reviewed "The Long Road Home" harshly, '
        'and fans still call the striker "The Wall" in every match.'
    )
    assert statements(nlp, text) == []


def test_quote_inside_a_sentence_is_left_to_the_clause(nlp):
    text = 'The report called the repairs "a waste of public money" and asked for an audit.'
    assert statements(nlp, text) == []


def test_short_quote_with_its_cue_beside_it_is_a_statement(nlp):
    text = 'Asked whether she would run again, Ms. Adeyemi paused. "Absolutely not," she said.'
    (st,) = statements(nlp, text)
    assert view(text, st) == (['"Absolutely not,"'], "said", "she")


def test_quote_after_that_takes_the_participle_cue_and_the_subject_of_its_verb(nlp):
    text = ("The producer confirmed the change last week, repeating that "
            "\"the show will end after this season no matter what.\"")
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content == ['"the show will end after this season no matter what."']
    assert cue == "repeating" and speaker == "The producer"


def test_unbalanced_marks_do_not_lose_the_document(nlp):
    text = 'He said "this never closes.\n\n"It works," she said, "most of the time."'
    out = statements(nlp, text)
    assert any(view(text, st)[0][-1] == '"most of the time."' for st in out)


def test_name_before_a_colon_introduces_the_quote(nlp):
    text = ("POLLS TIGHTEN IN OHIO - Rosa Delgado: \u201cThe undecided voters broke late, "
            "and they broke for the challenger.\u201d [Example Post.]")
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content[0].startswith("\u201cThe undecided") and cue is None
    assert speaker == "Rosa Delgado"


def test_a_cue_in_the_next_sentence_speaks_for_the_next_quote(nlp):
    text = 'Lopez said, "We will appeal the ruling this week." She added, "The fight is far from over."'
    out = sorted(statements(nlp, text), key=lambda st: st.content[0])
    assert [view(text, st) for st in out] == [
        (['"We will appeal the ruling this week."'], "said", "Lopez"),
        (['"The fight is far from over."'], "added", "She"),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Smith said", ", ", ". ", ": ", "\n\n", '"', "\u201c", "\u201d", "'", "\u2019", " \u2014 ", "it's ",
    "We won", " the vote", " she added", "According to Lee", " today",
]), max_size=30))
def test_any_arrangement_of_marks_and_cues_gives_readable_statements(nlp, pieces):
    text = "".join(pieces)
    doc = nlp(text)
    for statement in attribute(doc, find_quotes(text), find_cues(doc)):
        for start, end in statement.content + [s for s in (statement.cue, statement.speaker) if s]:
            assert 0 <= start <= end <= len(text)


def test_quote_over_two_paragraphs_is_one_statement(nlp):
    text = (
        "The harbour master described the night of the storm.\n\n"
        "\u201cThe first wave took the pier lights. We could not see the boats at all.\n\n"
        "\u201cBy morning three of them were gone,\u201d Tomas Berg said.\n\nRepairs start in June."
    )
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content[0].startswith("\u201cThe first wave") and content[0].endswith("were gone,\u201d")
    assert "\n\n\u201cBy morning" in content[0]
    assert (cue, speaker) == ("said", "Tomas Berg")


def test_guillemets(nlp):
    text = "\u00abNous avons gagn\u00e9 ce soir, et nous le m\u00e9ritions,\u00bb said the coach, Marc Dubois."
    (st,) = statements(nlp, text)
    content, cue, speaker = view(text, st)
    assert content == ["\u00abNous avons gagn\u00e9 ce soir, et nous le m\u00e9ritions,\u00bb"] and cue == "said"
    assert speaker.startswith("the coach")


def test_dash_attribution_with_a_bar_and_a_no_break_space(nlp):
    text = ("Voters told us what they thought.\n"
            "\u201cNobody in this town asked for a new stadium.\u201d\u2015\u00a0Carla Mendes\n"
            "\u201cThe old one was fine for forty years.\u201d \u2015 Tom Reilly")
    out = sorted(statements(nlp, text), key=lambda st: st.content[0])
    assert [view(text, st)[2] for st in out] == ["Carla Mendes", "Tom Reilly"]
