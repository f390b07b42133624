"""Error kinds found on the project's corpus (corpus/dev), each on short texts of other beats
written for these tests: the whole pipeline up to attribution, offsets read back from the text."""
from __future__ import annotations

import pytest

from onrecord.attribute import attribute
from onrecord.detect import find_cues, find_quotes

pytestmark = pytest.mark.model


def found(nlp, text):
    """(content, cue, speaker) of each statement, as text read back from its offsets."""
    doc = nlp(text)
    out = []
    for st in attribute(doc, find_quotes(text), find_cues(doc)):
        content = " | ".join(text[s:e] for s, e in st.content)
        cue = text[st.cue[0]:st.cue[1]] if st.cue else None
        speaker = text[st.speaker[0]:st.speaker[1]] if st.speaker else None
        out.append((content, cue, speaker))
    return out


# A that-clause the parse hangs from a noun in the verb's phrase of time, place or occasion.
@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The coach told the club's podcast at the end of the season that the squad needed three new defenders.",
     "that the squad needed three new defenders", "told", "The coach"),
    ("Ms Ferreira said at the close of the hearing that the council would publish its findings in June.",
     "that the council would publish its findings in June", "said", "Ms Ferreira"),
    ("The actor told the Gazette at the premiere that he had rewritten the last scene twice.",
     "that he had rewritten the last scene twice", "told", "The actor"),
])
def test_that_clause_stranded_in_a_phrase_is_the_content(nlp, text, content, cue, speaker):
    assert (content, cue, speaker) in found(nlp, text)


# A noun's own complement is not stranded: "no proof that …" stays with its noun.
def test_noun_complement_of_an_object_is_not_taken_for_the_content(nlp):
    text = "The senator offered no proof that the contract had been rigged."
    assert not any(content.startswith("that the contract") for content, _, _ in found(nlp, text))


# "replied that X and that Y": a second that-clause belongs to the same statement.
@pytest.mark.parametrize("text, tail", [
    ("The chief executive replied that profits had been reinvested and that shareholders had put in new equity.",
     "and that shareholders had put in new equity"),
    ("The minister told reporters that the talks would resume within days but that no date had been set.",
     "but that no date had been set"),
    ("The coroner said that the driver had not been speeding and that the road had been poorly lit.",
     "and that the road had been poorly lit"),
])
def test_coordinated_that_clauses_stay_in_one_statement(nlp, text, tail):
    contents = [content for content, _, _ in found(nlp, text)]
    assert any(content.endswith(tail) for content in contents), contents


# "according to X" mid-sentence: the clause it modifies, not the clause after it.
@pytest.mark.parametrize("text, content, source", [
    ("About 400 homes were evacuated overnight, according to the fire service, as the flames crossed the river.",
     "About 400 homes were evacuated overnight", "the fire service"),
    ("Ticket sales rose 12% last year, according to the league's own figures, as new stadiums opened in the north.",
     "Ticket sales rose 12% last year", "the league's own figures"),
])
def test_according_to_takes_the_clause_it_modifies(nlp, text, content, source):
    assert (content, "according to", source) in found(nlp, text)


# "…," she said, according to a translation: the speaker is she, not the translation.
@pytest.mark.parametrize("text, speaker", [
    ('"We will not leave this city," she said, according to a translation provided by the organisers.', "she"),
    ('"The harvest is the worst in a decade," the farmer said on Friday, according to a transcript released by the ministry.',
     "the farmer"),
])
def test_according_to_after_a_verb_of_saying_names_the_wording_not_the_speaker(nlp, text, speaker):
    statements = found(nlp, text)
    assert all(cue != "according to" for _, cue, _ in statements), statements
    assert any(content.startswith('"') and spk == speaker for content, _, spk in statements), statements


# "posted a photograph … with the caption: "…"": the quotation is what was said, not the object.
@pytest.mark.parametrize("text, quote, speaker", [
    ('Moreau posted a photograph of the empty dressing room on Instagram with the caption: "See you next season."',
     '"See you next season."', "Moreau"),
    ('The band posted a video of the last show on its website, writing: "Thank you for twenty years of noise."',
     '"Thank you for twenty years of noise."', "The band"),
    ('The mayor shared a picture of the flooded square with the message: "Stay home tonight."',
     '"Stay home tonight."', "The mayor"),
])
def test_object_handing_over_to_a_colon_quote(nlp, text, quote, speaker):
    statements = found(nlp, text)
    assert any(content == quote and spk == speaker for content, _, spk in statements), statements
    assert not any(content.startswith(("a photograph", "a video", "a picture")) for content, _, _ in statements), statements


# `are "not charities," which …`: the aside after a quotation's comma stays out.
def test_aside_after_a_comma_inside_a_quotation_is_left_out(nlp):
    text = 'He has also argued that landlords are "not charities," which is true and beside the point.'
    contents = [content for content, _, _ in found(nlp, text)]
    assert 'that landlords are "not charities,"' in contents, contents


# "said in a statement that …": the verb's statement, with its speaker, not the noun's.
@pytest.mark.parametrize("text, speaker", [
    ("The Water Authority said in a statement that its inquiry was continuing.", "The Water Authority"),
    ("The Turf Board said in a statement that a minute's silence would be held before the first race.", "The Turf Board"),
])
def test_said_in_a_statement_keeps_the_verbs_speaker(nlp, text, speaker):
    statements = found(nlp, text)
    assert len(statements) == 1 and statements[0][2] == speaker, statements


# A speaker's bracket is closed, never left open: "Institute (INC)".
def test_speaker_bracket_is_closed(nlp):
    text = "The National Climate Institute (INC) said the district would remain on red alert until Saturday."
    assert any(spk == "The National Climate Institute (INC)" for _, _, spk in found(nlp, text))


# A second quotation after `"…," X said in an interview.` carries on the first: the noun of the
# occasion is no second verb of saying.
@pytest.mark.parametrize("text, first, second", [
    ('"He taught me everything," the 22-year-old said in her on-court interview. "Today he can only say well done."',
     '"He taught me everything,"', '"Today he can only say well done."'),
    ('"The ice was perfect," the skier said in a television interview. "I will remember this run for ever."',
     '"The ice was perfect,"', '"I will remember this run for ever."'),
])
def test_quote_continues_past_an_occasion_noun(nlp, text, first, second):
    assert any(content == f"{first} | {second}" for content, _, _ in found(nlp, text)), found(nlp, text)


# A short quotation after a colon is handed over by the sentence's cue, however far it stands.
@pytest.mark.parametrize("text, quote, speaker", [
    ('The senator posted a photo of her late father on Facebook with the words: "Miss you, Dad."',
     '"Miss you, Dad."', "The senator"),
    ('Ostrand posted a clip of the celebration on Instagram with the caption: "Three for Mama."',
     '"Three for Mama."', "Ostrand"),
])
def test_short_quote_after_a_colon_takes_the_sentence_cue(nlp, text, quote, speaker):
    assert (quote, "posted", speaker) in found(nlp, text)


# A participle of saying climbs to the verb it hangs from, a passive's subject included.
@pytest.mark.parametrize("text, speaker", [
    ('The director had been coy about the ending, telling critics only that "somebody gets wet".', "The director"),
    ("The minister was pressed on the delays, telling MPs that the contract would be signed in May.", "The minister"),
])
def test_participle_takes_a_passive_subject(nlp, text, speaker):
    assert any(cue.startswith("telling") and spk == speaker for _, cue, spk in found(nlp, text)), found(nlp, text)


# The speaker the parse hangs on an aside before the verb: "X, making his debut, told …".
@pytest.mark.parametrize("text, speaker", [
    ("Bakare-Walsh, making his Quayside debut, told the Sentinel that the cast had spent a week on the island.",
     "Bakare-Walsh"),
    ("Ortiz, speaking after the vote, told reporters that the council had made a mistake.", "Ortiz"),
])
def test_speaker_hung_on_an_aside_before_the_verb(nlp, text, speaker):
    assert any(spk is not None and spk.startswith(speaker) for _, cue, spk in found(nlp, text)), found(nlp, text)


# ", blaming …" after a that-clause is a statement of its own, by the same speaker.
@pytest.mark.parametrize("text, first, second, speaker", [
    ("The housing minister has admitted that the government will miss its target, blaming a shortage of bricklayers.",
     "that the government will miss its target", "a shortage of bricklayers", "The housing minister"),
    ("The coach said that the team would miss the playoffs, citing injuries to three starters.",
     "that the team would miss the playoffs", "injuries to three starters", "The coach"),
])
def test_participle_of_saying_after_a_clause_starts_its_own_statement(nlp, text, first, second, speaker):
    statements = found(nlp, text)
    contents = {content: spk for content, _, spk in statements}
    assert contents.get(first) == speaker and contents.get(second) == speaker, statements


# "called X 'Y'": what X is called stays in the content when the parse makes it a second object.
@pytest.mark.parametrize("text, content", [
    ("The union responded on Friday, calling the letter ‘a threat dressed up as an apology’.",
     "the letter ‘a threat dressed up as an apology’"),
    ('The minister called the prisoner deal "a concrete humanitarian result" after the talks.',
     'the prisoner deal "a concrete humanitarian result"'),
])
def test_naming_verb_keeps_what_its_object_is_called(nlp, text, content):
    contents = [c for c, _, _ in found(nlp, text)]
    assert any(c.startswith(content) for c in contents), contents


# A short quote whose cue is further off only because the speaker's noun phrase stands between.
@pytest.mark.parametrize("text, quote, speaker", [
    ("Would you let your children swim in this?’ the MP asked.\n\n‘No,’ the chief executive said after a long pause.",
     "‘No,’", "the chief executive"),
    ('"Never," the former club captain said when asked about a return.', '"Never,"', "the former club captain"),
])
def test_short_quote_with_only_its_speaker_before_the_cue(nlp, text, quote, speaker):
    assert (quote, "said", speaker) in found(nlp, text)


# Phrasal verbs of saying are cues whatever the verb alone is (data/cue_phrasal.txt).
@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Yelena Sokolova-Hart has opened up about the day she was written out of a long-running soap.",
     "the day she was written out of a long-running soap", "has opened up about", "Yelena Sokolova-Hart"),
    ("The archbishop spoke out against the new asylum rules in his Christmas sermon.",
     "the new asylum rules", "spoke out against", "The archbishop"),
])
def test_phrasal_verb_of_saying_is_a_cue(nlp, text, content, cue, speaker):
    assert any(c.startswith(content) and q == cue and s == speaker for c, q, s in found(nlp, text)), found(nlp, text)


def test_phrasal_gerund_after_a_preposition_is_no_cue(nlp):
    text = 'He praised the movement for speaking out against injustice: "Nothing matters more than the story."'
    assert all(cue != "speaking out against" for _, cue, _ in found(nlp, text)), found(nlp, text)


# `[clause], X told a press conference`: the parse conjoins the attribution to the clause before it.
@pytest.mark.parametrize("text, content, speaker", [
    ('The station had become "uneconomic for more of the year than not", managing director Rebecca Tan told a press conference in Newcastle on Tuesday.',
     'The station had become "uneconomic for more of the year than not"', "managing director Rebecca Tan"),
    ("The harvest was the worst in a decade, the farmers union told a meeting in Nakuru on Friday.",
     "The harvest was the worst in a decade", "the farmers union"),
])
def test_clause_before_a_conjoined_attribution_is_the_content(nlp, text, content, speaker):
    assert any(c == content and s == speaker for c, _, s in found(nlp, text)), found(nlp, text)
