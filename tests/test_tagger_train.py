"""Training smoke test: a few steps on a tiny PolNeAR train subset, export, load, tag."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.train


def test_tagger_train_a_few_steps_export_load_and_tag(shared_dir, tmp_path):
    pytest.importorskip("torch", reason="the train extra (make train-deps) is not installed")
    from onrecord.tagger import Tagger
    from onrecord.tagger.train import main

    main([str(shared_dir / "polnear" / "train"), str(tmp_path), "--limit-docs", "2", "--max-steps", "2",
          "--batch", "2", "--window", "64", "--stride", "48", "--no-bf16", "--freeze-layers", "4"])
    report = json.loads((tmp_path / "training.json").read_text())
    assert report["steps"] == 2 and report["windows"] > 2
    assert (tmp_path / "tagger.onnx").stat().st_size > 1_000_000
    tagger = Tagger(tmp_path, threads=1)
    text = 'The senator said the bill would fail. "It is dead," she told reporters on Tuesday. ' * 20
    probs, offsets, words = tagger.probabilities(text)
    assert probs.shape == (len(offsets), 3, 3)
    assert abs(float(probs.sum(-1).mean()) - 1.0) < 1e-4  # a distribution over O, B, I per layer
    tags = tagger.tag(text)
    for span in tags.cue + tags.source + tags.content:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == text[span.start:span.end].strip()
