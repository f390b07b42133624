"""Confidence: weighed from a statement's parts, mapped by a calibration that never falls."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import onrecord
from onrecord.attribute import RawStatement
from onrecord.confidence import calibrated, calibration, evidence, score, weights, weigh


def test_calibration_table_is_monotonic_and_bounded():
    xs, ys = calibration()
    assert len(xs) >= 2, "the calibration table is empty: run `make calibrate`"
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys)
    assert 0.0 <= ys[0] and ys[-1] <= 1.0 and ys[-1] > ys[0]


@given(st.floats(-20, 20), st.floats(-20, 20))
def test_calibrated_confidence_never_falls_as_the_score_rises(a, b):
    lo, hi = sorted((a, b))
    assert 0.0 <= calibrated(lo) <= calibrated(hi) <= 1.0


def test_a_found_speaker_and_a_strong_cue_raise_the_score():
    base = {"rule=clause": 1.0, "kind=indirect": 1.0, "scope=speech": 1.0, "cue=verb": 1.0,
            "cue_model": 0.5, "words": 0.2, "speaker": 0.0, "speaker_named": 0.0}
    with_speaker = dict(base, speaker=1.0, speaker_named=1.0)
    strong_cue = dict(base, cue_model=0.95)
    assert score(with_speaker) > score(base) and score(strong_cue) > score(base)


def test_unknown_evidence_weighs_nothing_until_refit():
    base = {"rule=trailing": 1.0, "speaker": 1.0}
    assert "tagger_cue" not in weights()
    assert score(dict(base, tagger_cue=0.9)) == score(base)


@pytest.mark.model
def test_a_finder_s_evidence_reaches_the_weighing(nlp):
    """The tagger's interface: probabilities in RawStatement.evidence join the rule-side parts."""
    text = "The mayor said that the bridge would reopen in May."
    doc = nlp(text)
    raw = RawStatement("indirect", [(15, 50)], (10, 14), (0, 9), speaker_name="mayor", scope="speech",
                       evidence={"tagger_cue": 0.97, "tagger_content": 0.88})
    (weighed, found), = weigh(doc, [raw])
    assert found["tagger_cue"] == 0.97 and found["tagger_content"] == 0.88
    assert found["cue=verb"] == 1.0 and 0.5 < found["cue_model"] <= 1.0 and found["speaker_named"] == 1.0
    assert 0.0 <= weighed.confidence <= 1.0 and raw.confidence == 0.5  # a new value, the input untouched
    assert evidence(doc, raw, [False] * len(doc)) == found


@pytest.mark.model
def test_confidence_tells_a_clear_attribution_from_an_unclear_one(nlp):
    """Across beats: a named speaker with "said" is surer than a content with nobody to say it."""
    clear = ['Finance Minister Ana Costa said that the deficit would shrink next year.',
             'Coach Dan Reilly said on Monday that his goalkeeper would start the final.',
             'The museum\'s director, Lena Holt, said that the exhibition would travel to Osaka.']
    for text in clear:
        found = onrecord.extract(text)
        assert len(found) == 1 and found[0].confidence >= 0.8, (text, found)
    speakerless = ['Rivals seized on charges that the foundation took money from foreign donors.',
                   'The council passed a motion condemning the closure of the library.',
                   'The letter, calling for an inquiry into the hospital deaths, was signed by forty nurses.']
    for text in speakerless:
        found = onrecord.extract(text)
        assert found and all(st.speaker is None and st.confidence < 0.5 for st in found), (text, found)


@pytest.mark.model
def test_confidence_survives_the_record(nlp):
    found = onrecord.extract('"We are ready," the general said.')
    d = json.loads(json.dumps(found[0].to_dict()))
    assert d["confidence"] == round(found[0].confidence, 4) and 0.0 < d["confidence"] <= 1.0
    assert d["scope"] == "speech"
