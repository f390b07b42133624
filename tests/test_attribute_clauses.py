"""Reported speech: the content, cue and speaker of each clause statement, checked on exact offsets."""
from __future__ import annotations

import pytest

from onrecord.attribute.clauses import clause_statements
from onrecord.detect.cues import find_cues

pytestmark = pytest.mark.model


def statements(nlp, text, learned=True):
    doc = nlp(text)
    out = []
    for st in clause_statements(doc, find_cues(doc, learned=learned)):
        assert st.kind == "indirect"
        content = " ".join(text[s:e] for s, e in st.content)
        cue = text[st.cue[0]:st.cue[1]] if st.cue else None
        speaker = text[st.speaker[0]:st.speaker[1]] if st.speaker else None
        out.append((content, cue, speaker))
    return out


def test_that_clause_with_subject(nlp):
    assert ("that the bridge would reopen in May", "said", "The mayor") in statements(
        nlp, "The mayor said that the bridge would reopen in May.")


def test_auxiliary_cue_and_bare_clause(nlp):
    assert ("the ending is up to the audience", "has said", "Director Ann Lee") in statements(
        nlp, "Director Ann Lee has said the ending is up to the audience.")


def test_told_keeps_its_object_out(nlp):
    assert ("that the plant would close", "told", "The manager") in statements(
        nlp, "The manager told reporters that the plant would close.")


def test_participle_takes_the_speaker_of_its_verb(nlp):
    found = statements(nlp, "The governor spoke for an hour, adding that taxes would not rise.")
    assert ("that taxes would not rise", "adding", "The governor") in found


def test_speaker_after_cue_and_preposed_content(nlp):
    found = statements(nlp, "The economy is growing faster than expected, said Maria Gomez, the bank's chief economist.")
    assert len(found) == 1
    content, cue, speaker = found[0]
    assert content == "The economy is growing faster than expected"
    assert cue == "said"
    assert speaker.startswith("Maria Gomez")


def test_preposed_content_with_pronoun(nlp):
    assert ("The talks had failed", "said", "he") in statements(nlp, "The talks had failed, he said.")


def test_apposition_is_part_of_the_speaker(nlp):
    found = statements(nlp, "Hugh Hill, a doctor in Leeds, said the clinic was understaffed.")
    assert ("the clinic was understaffed", "said", "Hugh Hill, a doctor in Leeds") in found


def test_organisation_as_source(nlp):
    found = statements(nlp, "The campaign said it had raised $3 million in June.")
    assert ("it had raised $3 million in June", "said", "The campaign") in found


def test_according_to(nlp):
    found = statements(nlp, "Unemployment fell to 4 percent in March, according to the labor department.")
    assert ("Unemployment fell to 4 percent in March", "according to", "the labor department") in found


def test_according_to_first(nlp):
    found = statements(nlp, "According to two officials, the meeting was cancelled.")
    assert ("the meeting was cancelled", "According to", "two officials") in found


def test_noun_cue_with_possessor(nlp):
    found = statements(nlp, "Reporters questioned the senator's claim that the deal was legal.")
    assert ("that the deal was legal", "claim", "the senator") in found


def test_passive_with_agent(nlp):
    found = statements(nlp, "The plan was criticized by the union as reckless.")
    assert any(speaker == "the union" and cue.endswith("criticized") for _, cue, speaker in found)


def test_relative_clause_speaker(nlp):
    found = statements(nlp, "Officials who declined to be named said the talks would resume.")
    assert ("the talks would resume", "said", "Officials") in found


def test_stance_verb(nlp):
    found = statements(nlp, "Most voters believe that the economy is getting worse.")
    assert ("that the economy is getting worse", "believe", "Most voters") in found


@pytest.mark.parametrize("text", [
    "",
    "\n\n",
    '"" said .',
    "Said.",
    "According to",
    "according to according to the the",
    "He said that\n\nthe rest came later, she added, and — according to them — it did.",
    "Ärzte sagten, it was fine, said Zoë Ødegaard, 42, of Tromsø.",
])
def test_odd_inputs_give_exact_spans(nlp, text):
    doc = nlp(text)
    for st in clause_statements(doc, find_cues(doc)):
        for start, end in st.content + [st.cue] + ([st.speaker] if st.speaker else []):
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


def test_speaker_never_inside_content(nlp):
    text = "The museum, Mr. Obama said, would make visitors face hard truths."
    doc = nlp(text)
    for st in clause_statements(doc, find_cues(doc)):
        if st.speaker:
            assert not any(s <= st.speaker[0] < e for s, e in st.content)


def test_interrupting_cue_splits_the_content(nlp):
    found = statements(nlp, "The museum, Mr. Obama said, would make visitors face hard truths.")
    assert ("The museum would make visitors face hard truths", "said", "Mr. Obama") in found


def test_nested_report_is_left_to_the_outer_cue(nlp):
    found = statements(nlp, "Merrill says Machado promised to keep supporting Clinton.")
    assert found == [("Machado promised to keep supporting Clinton", "says", "Merrill")]


def test_it_seems_gives_way_to_the_cue_inside(nlp):
    # The rule path, which takes every listed verb: whether the model takes "referring" is its own call.
    found = statements(nlp, "It seems that the senator was referring to the budget.", learned=False)
    assert found == [("the budget", "was referring to", "the senator")]


def test_called_x_y(nlp):
    assert ("the citation a political ploy", "called", "Democrats") in statements(
        nlp, "Democrats called the citation a political ploy.")


def test_a_question_put_to_someone_is_not_their_statement(nlp):
    for text in ("Asked on Friday whether the mill would close, Dana Ruiz shook her head.",
                 "Ortega was asked if the council had known about the leak.",
                 "Asked whether the boat survives, Okafor gave a longer answer."):
        assert statements(nlp, text) == []


def test_someone_asking_a_question_keeps_it(nlp):
    found = statements(nlp, "The senator asked whether the agency had known about the leak.")
    assert [(c, s) for c, _, s in found] == [("whether the agency had known about the leak", "The senator")]


def test_content_never_holds_the_cues_own_subject(nlp):
    text = "Drummer Pia Lund, who joined the group with Ortiz in 2011, said she had laughed when he first proposed the tour."
    found = statements(nlp, text)
    assert found, text
    for content, cue, speaker in found:
        assert "Pia Lund" not in content
    assert ("she had laughed when he first proposed the tour", "said", "Drummer Pia Lund") in found


def test_a_second_reporting_verb_starts_its_own_statement(nlp):
    text = "At the meeting, she conceded that the council had acted too late on housing and said residents were right to be angry."
    found = statements(nlp, text)
    assert ("that the council had acted too late on housing", "conceded", "she") in found
    assert ("residents were right to be angry", "said", "she") in found


def test_conjoined_that_clauses_stay_one_content(nlp):
    text = "The mayor added that the road was safe and that when the snow came, crews would be ready."
    contents = [c for c, cue, _ in statements(nlp, text) if cue == "added"]
    assert contents and contents[0].endswith("crews would be ready")


def test_a_subject_split_at_a_hyphen_is_one_speaker(nlp):
    for text, speaker in (("Her former co-star Mia Ward said the show had changed.", "Her former co-star Mia Ward"),
                          ("His longtime co-host Dan Fry said the show would go on.", "His longtime co-host Dan Fry")):
        assert [s for _, _, s in statements(nlp, text)] == [speaker]


def test_a_noun_object_polnear_seldom_marks_is_no_content(nlp):
    for text in ("The minister addressed the strike at a press conference on Monday.",
                 "The chief executive made the promise on a call with investors."):
        assert [c for c in statements(nlp, text) if c[1] in ("addressed", "made")] == [], text


def test_a_stance_object_polnear_marks_stays(nlp):
    found = statements(nlp, "The senator accused the agency of hiding the report.")
    assert ("the agency of hiding the report", "accused", "The senator") in found


def test_a_bare_pronoun_object_is_no_content(nlp):
    assert statements(nlp, "Her coach praised her.") == []
    assert statements(nlp, "Reviewers have criticized it.") == []


def test_a_headline_label_is_no_statement(nlp):
    text = "The Harbour Lights finale explained: what Tom Reyes said about the last scene\n\nReyes said the scene was his favourite."
    found = statements(nlp, text)
    assert all(cue != "explained" for _, cue, _ in found)
    assert ("the scene was his favourite", "said", "Reyes") in found


def test_a_cue_interrupting_anothers_subject_reports_the_whole_clause(nlp):
    text = "They had their own ideas: the producer, Okafor revealed, believes that the boat sinks and never returns."
    found = statements(nlp, text)
    revealed = [(c, s) for c, cue, s in found if cue == "revealed"]
    assert revealed == [("the producer believes that the boat sinks and never returns", "Okafor")]


def test_a_preposition_object_polnear_seldom_marks_is_no_content(nlp):
    found = statements(nlp, "The coach spoke about retiring in June, appearing on a local radio show.")
    assert [c for c in found if c[1].startswith("spoke")] == []


def test_a_preposition_object_polnear_marks_stays(nlp):
    found = statements(nlp, "The senator was referring to the budget vote.")
    assert ("the budget vote", "was referring to", "The senator") in found


def test_a_clause_polnear_seldom_marks_for_its_verb_is_no_content(nlp):
    found = statements(nlp, "Later she attempts to win him back, only to fail.")
    assert [c for c in found if "attempts" in c[1]] == []


def test_a_source_span_is_widened_to_whole_words():
    from onrecord.attribute.clauses import _whole_words
    text = "Her former co-star Jo Pike said so."
    for cut, whole in (((0, 13), "Her former co-star"), ((22, 24), "Pike"), ((0, 3), "Her")):
        start, end = _whole_words(text, *cut)
        assert text[start:end] == whole
