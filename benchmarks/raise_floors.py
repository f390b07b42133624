"""Raise the accuracy gate's floors (benchmarks/floors.json) to what the extractor scores now.

A floor only ever goes up: each becomes max(floor, measured - margin). The
floors belong to the evaluation data they were measured on; if its SHA-256
differs from the one recorded, nothing is changed.

    .venv/bin/python benchmarks/raise_floors.py [--shared ../shared] [--margin 0.01]
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys

from onrecord.evaluate import GoldError, fingerprint, flat, predict, read_gold, score

HERE = pathlib.Path(__file__).resolve().parent
FLOORS = HERE / "floors.json"
# The figures the gate holds; the rest of `onrecord eval` is reported, not gated. F1 rather than
# P and R apart, so a stage may trade one for the other as long as the balance does not fall.
GATED = (
    "statement.f1", "attribution.f1",
    "content_overlap.f1", "cue_overlap.f1", "source_overlap.f1",
    "direct_recall", "direct_attribution_recall", "speaker_name_accuracy",
    "venue_name_accuracy", "venue_kind_accuracy", "interviewer_accuracy", "time_accuracy",
    "where_when_accuracy",
)
# name -> (gold, fast mode?, in the project?, tagger?): the default (fast, no NER), the full
# pipeline (--ner) and the learned tagger (--tagger), on the same data; shared data is read from
# ../shared, the project's own corpus from here.
DATASETS = {"seed": ("seed/gold.json", True, False, False), "polnear-dev": ("polnear/dev", True, False, False),
            "seed-ner": ("seed/gold.json", False, False, False),
            "polnear-dev-ner": ("polnear/dev", False, False, False),
            "corpus-dev": ("corpus/dev/gold.json", True, True, False),
            "corpus-dev-ner": ("corpus/dev/gold.json", False, True, False),
            "seed-tagger": ("seed/gold.json", True, False, True),
            "polnear-dev-tagger": ("polnear/dev", True, False, True),
            "corpus-dev-tagger": ("corpus/dev/gold.json", True, True, True),
            "corpus-blind": ("corpus/blind/gold.json", True, True, False),
            "corpus-blind-ner": ("corpus/blind/gold.json", False, True, False),
            "corpus-blind2": ("corpus/blind2/gold.json", True, True, False),
            "corpus-blind2-ner": ("corpus/blind2/gold.json", False, True, False)}


def measure(root: pathlib.Path, gold_rel: str, extractor) -> tuple[str, dict[str, float]]:
    gold = read_gold(root / gold_rel)
    figures = dict(flat(score(gold, predict(gold, extractor))))
    return fingerprint(gold), {k: figures[k] for k in GATED if k in figures}


def raised(floors: dict[str, float], measured: dict[str, float], margin: float) -> dict[str, float]:
    """Each floor at max(old floor, measured - margin, 0), to three decimals, rounded down."""
    out = dict(floors)
    for key, value in measured.items():
        candidate = max(0.0, math.floor((value - margin) * 1000 + 1e-9) / 1000)
        out[key] = max(floors.get(key, 0.0), candidate)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"), help="the shared data folder")
    ap.add_argument("--margin", type=float, default=0.01, help="how far below the measured figure a floor sits")
    args = ap.parse_args()
    from onrecord.pipeline import Extractor

    current = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    extractors = {(fast, tagger): Extractor(fast=fast, tagger=tagger)
                  for fast, tagger in {(d[1], d[3]) for d in DATASETS.values()}}
    updated = {}
    for name, (gold_rel, fast, in_project, tagger) in DATASETS.items():
        entry = current.get(name, {"gold": gold_rel, "floors": {}})
        root = HERE.parent if in_project else pathlib.Path(args.shared)
        try:
            sha, measured = measure(root, entry["gold"], extractors[fast, tagger])
        except GoldError as exc:
            print(f"raise_floors: {exc}", file=sys.stderr)
            return 2
        if entry.get("data_sha256", sha) != sha:
            print(f"raise_floors: {name}: the evaluation data changed (SHA-256 {sha}, floors were set on "
                  f"{entry['data_sha256']}); floors left as they are", file=sys.stderr)
            return 2
        floors = raised(entry["floors"], measured, args.margin)
        for key in sorted(floors):
            old = entry["floors"].get(key)
            print(f"{name:<12} {key:<28} measured {measured.get(key, float('nan')):.4f}  "
                  f"floor {'-' if old is None else f'{old:.3f}'} -> {floors[key]:.3f}")
        updated[name] = {"gold": entry["gold"], "data_sha256": sha, "floors": floors, "fast": fast,
                         "in_project": in_project, "tagger": tagger}
    FLOORS.write_text(json.dumps(updated, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
