"""The accuracy gate: the seed, PolNeAR dev and the project's own corpus (corpus/dev) must score
at least the floors in benchmarks/floors.json.

Raise floors with benchmarks/raise_floors.py (it never lowers them). The floors
hold only for the data they were measured on, so a changed SHA-256 fails too.
"""
from __future__ import annotations

import json
import pathlib

import pytest

from onrecord.evaluate import fingerprint, flat, predict, read_gold, score

REPO = pathlib.Path(__file__).resolve().parent.parent
FLOORS_FILE = REPO / "benchmarks" / "floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))

pytestmark = [pytest.mark.gate, pytest.mark.model]


def test_floors_cover_the_headline():
    for name, entry in FLOORS.items():
        assert {"attribution.f1", "statement.f1"} <= set(entry["floors"]), name
        assert len(entry["data_sha256"]) == 64, name


def test_fast_mode_loses_at_most_a_point_of_attribution():
    """Fast mode's promise, held by the floors themselves: within 0.01 attribution F1 of the full parse."""
    for name, entry in FLOORS.items():
        if entry["fast"] and not entry.get("tagger"):
            full = FLOORS[f"{name}-ner"]
            assert not full["fast"] and full["gold"] == entry["gold"], name
            assert entry["floors"]["attribution.f1"] >= full["floors"]["attribution.f1"] - 0.01, name


@pytest.fixture(scope="module")
def extractors():
    """Fast mode (the default), the full pipeline with NER (--ner) and the learned tagger
    (--tagger), by (`fast`, `tagger`)."""
    from onrecord.pipeline import Extractor

    return {(True, False): Extractor(fast=True), (False, False): Extractor(fast=False),
            (True, True): Extractor(fast=True, tagger=True)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_floors(name, shared_dir, extractors):
    entry = FLOORS[name]
    extractor = extractors[entry["fast"], entry.get("tagger", False)]
    gold = read_gold(REPO / entry["gold"] if entry.get("in_project") else shared_dir / entry["gold"])
    sha = fingerprint(gold)
    assert sha == entry["data_sha256"], (
        f"{name}: the evaluation data changed (SHA-256 {sha}, floors set on {entry['data_sha256']}); "
        "re-measure before trusting the floors")
    measured = dict(flat(score(gold, predict(gold, extractor))))
    below = [f"{key} {measured.get(key, 0.0):.4f} < floor {floor:.3f}"
             for key, floor in sorted(entry["floors"].items()) if measured.get(key, 0.0) < floor]
    assert not below, f"{name}: " + "; ".join(below)
