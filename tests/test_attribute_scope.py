"""Scope: each statement says what kind of attribution it is, from its cue's lemma (data/cue_kinds.tsv)."""
from __future__ import annotations

import pytest

import onrecord
from onrecord.attribute.scope import CUE_KINDS, cue_kinds
from onrecord.detect.cues import _data_lines, cue_lemmas, noun_lemmas
from onrecord.records import SCOPE_KINDS

# Texts of several beats, each with attributions of every kind: (text, {content words: scope}).
BEATS = {
    "politics": ("Senator Mark Hale believes that the tax bill will fail in the Senate. The governor "
                 "opposes the measure, and she has said she will veto it. Hale told reporters the vote "
                 "was close.",
                 {"tax bill will fail": "belief", "the measure": "stance", "she will veto it": "speech",
                  "the vote was close": "speech"}),
    "sport": ("The coach thinks his team can still win the league. The striker knows that the club "
              "wants to sell him. \"We are not finished,\" the captain said.",
              {"his team can still win": "belief", "the club wants to sell him": "perception",
               "We are not finished": "speech"}),
    "health": ("Doctors fear that the outbreak will spread to the capital. The ministry announced that "
               "clinics would open on Sunday.",
               {"outbreak will spread": "belief", "clinics would open": "speech"}),
    "business": ("Analysts expect that profits will fall this quarter. The chief executive argued that "
                 "the merger would save jobs. Investors worry that rates will rise.",
                 {"profits will fall": "belief", "merger would save jobs": "speech", "rates will rise": "belief"}),
    "science": ("The researchers found that the coral had recovered. Dr. Ana Ruiz said the result was "
                "surprising. Many biologists suspect that warming is to blame.",
                {"coral had recovered": "perception", "result was surprising": "speech",
                 "warming is to blame": "belief"}),
}


def test_scope_kinds_file_is_well_formed():
    table = cue_kinds()
    assert set(table.values()) <= set(CUE_KINDS) and set(CUE_KINDS) == set(SCOPE_KINDS)
    assert {pos for _lemma, pos in table} <= {"verb", "noun", "phrase"}
    assert table[("say", "verb")] == "speech" and table[("believe", "verb")] == "belief"


def test_every_hand_listed_cue_has_a_kind():
    """The hand lists of cue verbs and nouns are all classified: no listed cue falls to `other`."""
    table = cue_kinds()
    verbs = {line.lower().split()[0] for line in _data_lines("cues.txt")}
    assert verbs == set(cue_lemmas())
    assert not sorted(v for v in verbs if (v, "verb") not in table)
    assert not sorted(n for n in noun_lemmas() if (n, "noun") not in table)


@pytest.mark.model
@pytest.mark.parametrize("beat", sorted(BEATS))
def test_scope_read_from_the_cue_across_beats(nlp, beat):
    text, expected = BEATS[beat]
    found = onrecord.extract(text)
    for st in found:
        assert text[st.content.start:st.content.end] == st.content.text
    for words, scope in expected.items():
        hits = [st for st in found if words in st.content.text]
        assert len(hits) == 1, (words, [st.content.text for st in found])
        assert hits[0].scope == scope, (words, hits[0].cue, hits[0].scope)


@pytest.mark.model
@pytest.mark.parametrize("beat", sorted(BEATS))
def test_speech_scope_keeps_only_speech(nlp, beat):
    text, expected = BEATS[beat]
    everything = onrecord.extract(text)
    speech = onrecord.extract(text, scope="speech")
    assert [st.id for st in speech] == [st.id for st in everything if st.scope == "speech"]
    assert {w for w, s in expected.items() if s == "speech"} == {
        w for w in expected if any(w in st.content.text for st in speech)}


@pytest.mark.model
def test_quotes_scope_keeps_direct_and_mixed_whatever_the_cue(nlp):
    text = ('The mayor believes the budget is "a disaster for the city." Her deputy said that taxes '
            'would rise. "We will fight it," the union leader said.')
    quotes = onrecord.extract(text, scope="quotes")
    assert quotes and {st.kind for st in quotes} <= {"direct", "mixed"}
    assert any(st.kind == "mixed" and st.scope == "belief" for st in quotes)
    assert not any("taxes would rise" in st.content.text for st in quotes)


@pytest.mark.model
def test_a_cueless_quotation_is_speech(nlp):
    text = ('The minister took questions for an hour.\n\n"We have nothing to hide," she said.\n\n'
            '"Every figure is published. Every contract is online."')
    found = onrecord.extract(text)
    follow = [st for st in found if "Every figure" in st.content.text]
    assert follow and follow[0].cue is None and follow[0].scope == "speech"
