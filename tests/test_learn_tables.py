"""make train: the cue tables learned from annotated verbs, on texts written here."""
from __future__ import annotations

import pytest

from onrecord.learn import Example, cue_offsets, examples, model_table, rate_table


def test_cue_offsets_read_cue_spans_and_skip_broken_lines(tmp_path):
    ann = tmp_path / "a_x.ann"
    ann.write_text("T1\tCue 4 8\tsaid\nT2\tSource 0 3\tShe\ncontinued text of a span\nT3\tCue 10 12;14 16\tx y\n",
                   encoding="utf-8")
    assert cue_offsets(ann) == {4, 5, 6, 7, 10, 11, 14, 15}


def test_rate_table_counts_per_frame():
    data = [Example(("l=say",), "say", "ccomp", True)] * 9 + [Example(("l=say",), "say", "ccomp/q", False)] * 9
    lines = [line.split("\t") for line in rate_table(data).splitlines() if not line.startswith("#")]
    rates = {(lemma, frame): float(rate) for lemma, frame, rate, _, _ in lines}
    assert rates[("say", "ccomp")] == 1.0
    assert rates[("say", "ccomp/q")] == 0.0
    assert rates[("say", "*")] == 0.5


def test_model_table_learns_which_feature_marks_a_cue():
    pytest.importorskip("sklearn")
    data = [Example(("l=say", "q=False"), "say", "ccomp", True)] * 20 + \
        [Example(("l=plant", "q=False"), "plant", "dobj", False)] * 20
    weights = {f: float(w) for f, w in (line.split("\t") for line in model_table(data).splitlines() if not line.startswith("#"))}
    assert "bias" in weights
    assert weights["l=say"] > 0 > weights["l=plant"]


@pytest.mark.model
def test_examples_label_the_annotated_verb(nlp):
    doc = nlp("The mayor said the farmer planted corn.")
    said = doc[2]
    data = examples([({said.idx, said.idx + 1}, doc)])
    labels = {ex.lemma: ex.is_cue for ex in data}
    assert labels == {"say": True, "plant": False}
