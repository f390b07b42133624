"""The held-out gate: five seed-like articles of our own (tests/heldout/).

They were written after the stages, then used to find the stages' faults, so they are a
regression gate, not a blind test. The floors sit a little under what the extractor measures
and only ever rise. Besides the scorer's figures, each
statement matched to the gold (content Dice >= 0.5, as the scorer matches) is checked for the
occasion: the venue's name and the when's date must equal the gold's (both absent counts as equal).
"""
from __future__ import annotations

import json
import pathlib

import pytest

from onrecord.evaluate import annotated, match, normal_name, read_gold, score, word_starts

HELDOUT = pathlib.Path(__file__).resolve().parent / "heldout"
GOLD_FILE = HELDOUT / "gold.json"

FLOORS = {
    "attribution.f1": 0.92,
    "speaker_name_accuracy": 0.98,
    "venue_name_agreement": 0.97,
    "when_date_agreement": 0.96,
}
# The full pipeline (--ner) is held to the same floors as the default fast mode.
NER_FLOORS = FLOORS

pytestmark = [pytest.mark.gate, pytest.mark.model]


def occasion_rows(gold_entries, predicted):
    """(doc, gold statement, predicted Statement) for every one-to-one content match."""
    rows = []
    for entry in gold_entries:
        text = (HELDOUT / entry["text_file"]).read_text(encoding="utf-8")
        found = predicted.get(entry["doc"], [])
        gold_words = [word_starts(text, [tuple(p) for p in g["content"]]) for g in entry["statements"]]
        pred_words = [word_starts(text, st.content.parts or ((st.content.start, st.content.end),))
                      for st in found]
        rows += [(entry["doc"], entry["statements"][i], found[j]) for i, j in match(gold_words, pred_words)]
    return rows


def venue_name_agrees(gold: dict, st) -> bool:
    return normal_name((gold["venue"] or {}).get("name")) == normal_name(st.venue.name if st.venue else None)


def when_date_agrees(gold: dict, st) -> bool:
    return (gold["when"] or {}).get("date") == (st.when.date if st.when else None)


def measure(extractor) -> dict[str, float]:
    gold = read_gold(GOLD_FILE)
    entries = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["docs"]
    predicted = {doc.id: list(found)
                 for doc, found in extractor.extract_many([g.to_document() for g in gold.docs.values()])}
    result = score(gold, {name: [annotated(st) for st in found] for name, found in predicted.items()})
    rows = occasion_rows(entries, predicted)
    return {
        "attribution.f1": result["attribution"]["f1"],
        "speaker_name_accuracy": result["speaker_name_accuracy"],
        "venue_name_agreement": sum(venue_name_agrees(g, st) for _d, g, st in rows) / len(rows),
        "when_date_agreement": sum(when_date_agrees(g, st) for _d, g, st in rows) / len(rows),
    }


def test_gold_offsets_are_exact():
    for entry in json.loads(GOLD_FILE.read_text(encoding="utf-8"))["docs"]:
        text = (HELDOUT / entry["text_file"]).read_text(encoding="utf-8")
        assert text.startswith(("date ", " date ")) and entry["published"] in text[:20], entry["doc"]
        assert 300 <= len(text.split()) <= 600, entry["doc"]
        for st in entry["statements"]:
            for role in ("source", "cue", "content"):
                assert [text[a:b] for a, b in st[role]] == st[f"{role}_text"], (entry["doc"], st["id"], role)


@pytest.fixture(scope="module")
def measured(extractor):
    return measure(extractor)


@pytest.fixture(scope="module")
def measured_ner():
    from onrecord.pipeline import Extractor

    return measure(Extractor(fast=False))


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_heldout_stays_above_floor(measured, figure):
    assert measured[figure] >= FLOORS[figure], f"{figure} {measured[figure]:.4f} < floor {FLOORS[figure]:.2f}"


@pytest.mark.parametrize("figure", sorted(NER_FLOORS))
def test_heldout_with_ner_stays_above_floor(measured_ner, figure):
    floor = NER_FLOORS[figure]
    assert measured_ner[figure] >= floor, f"--ner: {figure} {measured_ner[figure]:.4f} < floor {floor:.2f}"
