"""Our scorer and the reference ../shared/tools/score.py give the same figures to 3 decimals."""
from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from onrecord.evaluate import flat, read_gold, read_predictions, score


def reference(shared_dir, gold, pred_path) -> dict:
    out = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), str(gold), str(pred_path)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def assert_agree(ours: dict, theirs: dict) -> None:
    theirs_flat, ours_flat = dict(flat(theirs)), dict(flat(ours))
    assert theirs_flat, "the reference printed no figures"
    for key, value in theirs_flat.items():
        assert ours_flat[key] == pytest.approx(value, abs=5e-4), key


def as_jsonl(path, by_doc: dict[str, list[dict]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc, statements in by_doc.items():
            for st in statements:
                fh.write(json.dumps({"doc": doc, **st}) + "\n")


def span_dict(pieces):
    if not pieces:
        return None
    d = {"start": pieces[0][0], "end": pieces[-1][1]}
    if len(pieces) > 1:
        d["parts"] = [list(p) for p in pieces]
    return d


def test_agree_on_perturbed_gold(shared_dir, tmp_path):
    """Gold statements cut, widened, stripped of speakers or dropped: every branch of the metrics."""
    split = shared_dir / "polnear" / "dev"
    gold = read_gold(split)
    rng = random.Random(7)
    by_doc = {}
    for name, doc in gold.docs.items():
        out = []
        for st in doc.statements:
            if rng.random() < 0.2:
                continue
            content = [list(p) for p in st.content]
            if rng.random() < 0.4:
                content[0][0] = min(content[0][0] + rng.randint(0, 40), content[0][1])
            if rng.random() < 0.2:
                content[-1][1] = min(content[-1][1] + rng.randint(1, 30), len(doc.text))
            source = st.source if rng.random() < 0.8 else ()
            out.append({"content": span_dict(content), "cue": span_dict(st.cue),
                        "speaker": span_dict(source), "speaker_name": None})
        by_doc[name + ".txt"] = out
    pred = tmp_path / "pred.jsonl"
    as_jsonl(pred, by_doc)
    ours = score(gold, read_predictions(pred))
    assert 0.3 < ours["attribution"]["f1"] < 1.0
    assert_agree(ours, reference(shared_dir, split, pred))


@pytest.mark.model
@pytest.mark.gate
def test_agree_on_extractor_predictions(shared_dir, extractor, tmp_path):
    """The extractor's own PolNeAR dev predictions, as `onrecord extract` writes them."""
    from onrecord.evaluate import predict
    from onrecord.export import write_jsonl

    split = shared_dir / "polnear" / "dev"
    gold = read_gold(split)
    documents = [g.to_document() for g in gold.docs.values()]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        write_jsonl((st for _d, found in extractor.extract_many(documents) for st in found), fh)
    ours = score(gold, read_predictions(pred))
    assert ours == score(gold, predict(gold, extractor))
    assert_agree(ours, reference(shared_dir, split, pred))


def test_agree_on_the_seed_with_names(shared_dir, tmp_path):
    gold_path = shared_dir / "seed" / "gold.json"
    gold = read_gold(gold_path)
    doc = next(iter(gold.docs.values()))
    names = ["Sean Baker", "the director", "sean baker", None]
    pred = tmp_path / "pred.jsonl"
    as_jsonl(pred, {doc.name: [
        {"content": span_dict(st.content[:1]), "cue": span_dict(st.cue[:1]),
         "speaker": span_dict(st.source[:1] if i % 3 else ()), "speaker_name": names[i % 4]}
        for i, st in enumerate(doc.statements) if i % 5]})
    ours = score(gold, read_predictions(pred))
    assert 0 < ours["speaker_name_accuracy"] < 1
    assert_agree(ours, reference(shared_dir, gold_path, pred))


def test_agree_on_venues_and_times(shared_dir, tmp_path):
    """Who/where/when: venue names, kinds, interviewers and dates right, wrong, missing or extra."""
    gold_path = shared_dir / "seed" / "gold.json"
    gold = read_gold(gold_path)
    doc = next(iter(gold.docs.values()))
    venues = [{"kind": "interview", "name": "the IndieWire's site", "interviewer": None},
              {"kind": "podcast", "name": "Script Apart", "interviewer": "Al Horner (host)"},
              {"kind": "Press_Conference", "name": None, "interviewer": "Horner"},
              None]
    dates = ["2024-11-02", "2024", "2025-01", None, "2024-11"]
    pred = tmp_path / "pred.jsonl"
    as_jsonl(pred, {doc.name: [
        {"content": span_dict(st.content), "cue": span_dict(st.cue), "speaker": span_dict(st.source),
         "speaker_name": "Sean Baker", "venue": venues[i % 4],
         "when": {"date": dates[i % 5]} if dates[i % 5] else None}
        for i, st in enumerate(doc.statements)]})
    ours = score(gold, read_predictions(pred))
    theirs = reference(shared_dir, gold_path, pred)
    for key in ("venue_name_accuracy", "venue_kind_accuracy", "interviewer_accuracy", "time_accuracy",
                "where_when_accuracy"):
        assert key in theirs and 0 < theirs[key] < 1, key
    assert_agree(ours, theirs)
