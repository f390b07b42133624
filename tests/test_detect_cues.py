"""Speech cues: verbs of saying and stance with their auxiliaries, participles, "according to", nouns."""
from __future__ import annotations

import pytest

from onrecord.detect.cues import (
    cue_lemmas, find_cues, is_verb_cue, learned_rates, model_score, model_weights, noun_lemmas, quoted_tokens,
)

pytestmark = pytest.mark.model


def cue_texts(nlp, text, learned=True):
    doc = nlp(text)
    cues = find_cues(doc, learned=learned)
    for cue in cues:
        assert doc.text[cue.start:cue.end].strip() == doc.text[cue.start:cue.end]
    return [(doc.text[c.start:c.end], c.kind) for c in cues]


def test_word_lists_are_data():
    assert {"say", "reveal", "reiterate", "refer"} <= cue_lemmas()
    assert {"statement", "claim"} <= noun_lemmas()
    assert learned_rates(), "cues_polnear.tsv is empty: run `make train`"
    assert "bias" in model_weights(), "cue_model.tsv is empty: run `make train`"


@pytest.mark.parametrize("learned", [True, False])
def test_both_paths_find_saying_and_skip_planting(nlp, learned):
    texts = cue_texts(nlp, "The minister said that the farmer planted corn.", learned)
    assert texts == [("said", "verb")]


def test_model_scores_a_saying_verb_above_a_plain_one(nlp):
    doc = nlp("The minister said that the farmer planted corn.")
    said, planted = doc[2], doc[6]
    assert model_score(said, False) > 0 > model_score(planted, False)


def test_auxiliaries_and_also_belong_to_the_cue(nlp):
    texts = cue_texts(nlp, "The senator has said that the bill will pass. She also revealed that she would run.")
    assert ("has said", "verb") in texts
    assert ("also revealed", "verb") in texts


def test_emphatic_do_and_preposition(nlp):
    texts = cue_texts(nlp, "The mayor did reveal what she intended. The coach was referring to the final game.")
    assert ("did reveal", "verb") in texts
    assert ("was referring to", "verb") in texts


def test_participles_are_cues(nlp):
    texts = cue_texts(nlp, "The governor spoke on Monday, reiterating that taxes would not rise.")
    assert ("reiterating", "verb") in texts


def test_according_to(nlp):
    assert ("according to", "according_to") in cue_texts(nlp, "Prices rose by 4 percent, according to the ministry.")


def test_noun_cue(nlp):
    assert ("claim", "noun") in cue_texts(nlp, "The company rejected the claim that its factory polluted the river.")


def test_stance_verbs(nlp):
    texts = cue_texts(nlp, "Most economists believe that the plan will fail.")
    assert ("believe", "verb") in texts


def test_plain_verbs_are_not_cues(nlp):
    assert cue_texts(nlp, "The farmer planted corn in the northern field.") == []


def test_first_person_stance_inside_a_quotation_is_not_a_cue(nlp):
    texts = [t for t, _ in cue_texts(nlp, '"I think the plan will fail," the economist said.')]
    assert "think" not in texts
    assert "said" in texts


def test_quoted_tokens_close_at_paragraph_break(nlp):
    doc = nlp('He said: "It is over.\n\nThen he left.')
    flags = quoted_tokens(doc)
    assert flags[[t.text for t in doc].index("over")]
    assert not flags[[t.text for t in doc].index("left")]


def test_rule_path_keeps_listed_seed_verbs(nlp):
    texts = cue_texts(nlp, "She also revealed that the scene was cut, reiterating that it was her choice.", learned=False)
    assert ("also revealed", "verb") in texts and ("reiterating", "verb") in texts


def test_learned_frames_decide_over_the_list():
    # PolNeAR annotates "say" outside quotations, almost never inside them.
    assert is_verb_cue("say", "ccomp")
    assert not is_verb_cue("say", "ccomp/q")
