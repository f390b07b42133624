"""resolve on small articles of our own: names, surnames, titles, pronouns, organisations."""
from __future__ import annotations

import pytest

from onrecord.attribute import RawStatement
from onrecord.resolve import RuleCoreference, Speaker, coreference
from resolve_enrich_helpers import resolved, statement

pytestmark = pytest.mark.model

TWO_OUTLETS = (
    "Actress Lily Chen has spoken about her new film Harbor Lights. "
    "In an interview with Vogue last week, Chen said the shoot had been exhausting. "
    "\"We filmed at night for months,\" she told the magazine. "
    "Speaking to Empire on Tuesday, the actress added that she hoped to work with the crew again."
)

POLITICS = (
    "Senator Maria Lopez criticised the bill on Monday. Her rival, Tom Reed, defended it. "
    "\"This bill will save lives,\" Reed said. Lopez said she would vote against it. "
    "\"It is a disaster,\" she said. The senator added that the vote was rushed."
)

CEO = (
    "Daniel Park, the chief executive of Norvale Systems, said on March 3 that the firm would cut jobs. "
    "The CEO told Reuters that the cuts were painful. "
    "Norvale Systems later said in a statement that it regretted the decision. "
    "Officials said the plan was legal."
)

TWO_PEOPLE = (
    "John Smith, the mayor of Springfield, spoke first. Mr. Smith said the budget was balanced. "
    "Then Anna Berg, the city treasurer, responded. Ms. Berg said the numbers were wrong. "
    "She said the city owed millions. He said the treasurer was mistaken."
)


def run(nlp, text, specs):
    doc = nlp(text)
    raws = [statement(text, *spec) for spec in specs]
    return resolved(doc, raws)


def test_full_names_lose_their_titles_and_surnames_find_them(nlp):
    raws = run(nlp, TWO_OUTLETS, [
        ("Chen", "said", "the shoot had been exhausting"),
        ("she", "told", "We filmed at night for months"),
        ("the actress", "added", "she hoped to work with the crew again"),
    ])
    assert [r.speaker_name for r in raws] == ["Lily Chen"] * 3
    assert raws[2].speaker_role == "actress"


def test_pronoun_agrees_with_what_the_text_said(nlp):
    raws = run(nlp, POLITICS, [
        ("Reed", "said", "This bill will save lives"),
        ("Lopez", "said she", "she would vote against it"),
        ("she", "said.", "It is a disaster"),
        ("The senator", "added", "the vote was rushed"),
    ])
    assert [r.speaker_name for r in raws] == ["Tom Reed", "Maria Lopez", "Maria Lopez", "Maria Lopez"]
    assert raws[3].speaker_role.lower() == "senator"


def test_two_people_he_and_she_pick_the_right_one(nlp):
    raws = run(nlp, TWO_PEOPLE, [
        ("She", "said the city", "the city owed millions"),
        ("He", "said the treasurer", "the treasurer was mistaken"),
    ])
    assert [r.speaker_name for r in raws] == ["Anna Berg", "John Smith"]


def test_role_by_apposition_and_synonym(nlp):
    raws = run(nlp, CEO, [
        ("Daniel Park", "said on", "the firm would cut jobs"),
        ("The CEO", "told", "the cuts were painful"),
        ("Norvale Systems", "said in", "it regretted the decision"),
        ("Officials", "said the plan", "the plan was legal"),
    ])
    assert [r.speaker_name for r in raws] == ["Daniel Park", "Daniel Park", "Norvale Systems", "Officials"]
    assert "chief executive" in raws[0].speaker_role


def test_anonymous_source_names_nobody(nlp):
    text = "A source close to the studio said the film was delayed."
    raws = run(nlp, text, [("A source close to the studio", "said", "the film was delayed")])
    assert raws[0].speaker_name is None


def test_coreference_is_pluggable_and_changes_no_statement(nlp):
    text = "Jane Doe said it rained."
    doc = nlp(text)
    raws = [statement(text, "Jane Doe", "said", "it rained")]

    def shouting(doc, entities, statements):
        return [Speaker(doc.text[slice(*st.speaker)].upper()) for st in statements]

    assert resolved(doc, raws, resolver=shouting)[0].speaker_name == "JANE DOE"
    assert resolved(doc, raws, resolver=RuleCoreference())[0].speaker_name == "Jane Doe"
    assert raws[0].speaker_name is None
    assert isinstance(coreference("rules"), RuleCoreference)
    with pytest.raises(ValueError, match="unknown coreference 'neural'"):
        coreference("neural")


def test_they_and_it_are_the_group_or_organisation(nlp):
    text = ("Harlow Motors reported a loss on Friday. Union officials said the plant would close. "
            "They said workers were not consulted. It said the closure was temporary.")
    raws = run(nlp, text, [
        ("Union officials", "said the plant", "the plant would close"),
        ("They", "said workers", "workers were not consulted"),
        ("It", "said the closure", "the closure was temporary"),
    ])
    assert [r.speaker_name for r in raws] == ["Union officials", "Union officials", "Harlow Motors"]


@pytest.mark.parametrize("words,name", [
    ("Director Sean Baker", ["Sean", "Baker"]),
    ("Union leader Paul Ortega", ["Paul", "Ortega"]),
    ("Larry King", ["Larry", "King"]),
    ("Mr. King", ["King"]),
    ("Donald J. Trump", ["Donald", "J.", "Trump"]),
    ("Gov. Mike Pence’s", ["Mike", "Pence"]),
])
def test_name_parts(words, name):
    from onrecord.resolve.naming import name_parts

    assert name_parts(words.split()) == name


def test_conjoined_speakers_and_a_note_is_no_role(nlp):
    text = ("Larry King and Ed Schultz host shows on the network. Editor's note: Donald Trump spoke too. "
            "Both Mr. King and Mr. Schultz said they were free to speak. Trump said it was fine.")
    raws = run(nlp, text, [
        ("Both Mr. King and Mr. Schultz", "said they", "they were free to speak"),
        ("Trump", "said it", "it was fine"),
    ])
    assert raws[0].speaker_name == "Larry King and Ed Schultz"
    assert (raws[1].speaker_name, raws[1].speaker_role) == ("Donald Trump", None)


def test_lead_describes_before_it_names(nlp):
    text = ("The chief executive of Norvale has defended the layoffs.\n\n"
            "Norvale cut 400 jobs in May. Dana Whitcombe said the cuts were unavoidable. "
            "Whitcombe said the company would recover. The chief executive added that hiring would resume.")
    raws = run(nlp, text, [
        ("Dana Whitcombe", "said the cuts", "the cuts were unavoidable"),
        ("The chief executive", "added", "hiring would resume"),
    ])
    assert [r.speaker_name for r in raws] == ["Dana Whitcombe", "Dana Whitcombe"]
    assert raws[0].speaker_role == "chief executive of Norvale"


def test_a_quote_without_a_mention_continues_the_turn_unless_someone_else_is_named(nlp):
    text = ('"We start in June," Ana Ruiz said. "The cast is set." '
            'Ben Ito disagreed with the schedule. "Nothing is set."')
    doc = nlp(text)
    raws = [statement(text, "Ana Ruiz", "said", "We start in June", kind="direct")]
    for quote in ("The cast is set.", "Nothing is set."):
        start = text.index(quote)
        raws.append(RawStatement("direct", [(start, start + len(quote))]))
    assert [r.speaker_name for r in resolved(doc, raws)] == ["Ana Ruiz", "Ana Ruiz", None]


DIRECTOR = (
    "Director Hanne Sollie has finished her third film.\n\nThe filmmaker said the shoot ran long. "
    "\"We lost a week to rain,\" the 52-year-old director added.\n\n"
    "Her cast had theories too: the lead actress, Sollie revealed, thinks the ending is happy."
)


def test_a_role_nobody_holds_is_not_the_person_last_named(nlp):
    raws = run(nlp, DIRECTOR, [
        ("The filmmaker", "said the shoot", "the shoot ran long"),
        ("the 52-year-old director", "added", "We lost a week to rain"),
        ("the lead actress", "thinks", "the ending is happy"),
    ])
    assert [r.speaker_name for r in raws] == ["Hanne Sollie", "Hanne Sollie", None]


def test_a_broad_role_or_the_subject_just_before_is_still_the_person(nlp):
    text = ("Singer Cora Lind has quit the band.\n\nLind said the tour was over. The label declined to comment. "
            "\"We are tired,\" the musician added.\n\nCaptain Joel Marr was dropped on Friday.\n\n"
            "Marr, 29, struck a different tone on Sunday. In a post, the defender wrote that he was hurt.")
    raws = run(nlp, text, [
        ("Lind", "said the tour", "the tour was over"),
        ("the musician", "added", "We are tired"),
        ("the defender", "wrote", "he was hurt"),
    ])
    assert [r.speaker_name for r in raws] == ["Cora Lind", "Cora Lind", "Joel Marr"]
