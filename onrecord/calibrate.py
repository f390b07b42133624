"""Fit the confidence tables on PolNeAR train (`make calibrate`); dev is never read here.

Every statement the pipeline finds in the train texts is an example: its evidence
(`confidence.evidence`) and whether the scorer counts it a right attribution. A logistic
regression over the evidence gives a score (data/confidence_model.tsv); isotonic regression
of rightness on that score, on the same examples, maps scores to confidences
(data/confidence_calibration.tsv). benchmarks/reliability.py checks both on dev.
scikit-learn is needed for fitting only.

    python -m onrecord.calibrate ../shared/polnear/train onrecord/data
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from .evaluate import GoldSet, annotated, read_gold, right_attributions

# Inverse regularisation strength of the score's regression, and the smallest weight worth shipping.
MODEL_C = 1.0
MIN_WEIGHT = 0.01
MADE_BY = "# Made by `make calibrate` (python -m onrecord.calibrate) from PolNeAR train only; do not edit by hand.\n"
MODEL_HEADER = "# Confidence model: evidence key, weight of a logistic regression (the key `bias` is its intercept).\n" + MADE_BY
CALIBRATION_HEADER = "# Confidence calibration: score, confidence (isotonic regression; scores rise, confidences never fall).\n" + MADE_BY


def examples(gold: GoldSet, fast: bool = True) -> Iterator[tuple[dict[str, float], bool]]:
    """(evidence, right attribution) for every statement found in the gold's texts."""
    from .nlp import load
    from .pipeline import weighed_statements

    docs = list(gold.docs.values())
    for g, doc in zip(docs, load(fast=fast).pipe((g.text for g in docs), batch_size=16)):
        weighed = weighed_statements(doc, g.name, g.published)
        right = right_attributions(g.text, g.statements, [annotated(st) for st, _ in weighed])
        for (_st, evidence), ok in zip(weighed, right):
            yield evidence, ok


def fit(data: list[tuple[dict[str, float], bool]]) -> tuple[str, str]:
    """The two tables' text: the regression's weights, and the isotonic map of its scores."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([e for e, _ in data])
    y = np.array([ok for _, ok in data])
    model = LogisticRegression(C=MODEL_C, max_iter=5000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = sorted((str(n), float(w)) for n, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT)
    model_text = MODEL_HEADER + f"bias\t{float(model.intercept_[0]):.4f}\n" + "".join(
        f"{n}\t{w:.4f}\n" for n, w in weights)
    scores = model.decision_function(x)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(scores, y)
    breakpoints = list(zip(iso.X_thresholds_, iso.y_thresholds_))
    calibration_text = CALIBRATION_HEADER + "".join(f"{s:.4f}\t{p:.4f}\n" for s, p in breakpoints)
    return model_text, calibration_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fit the confidence tables on a PolNeAR train split.")
    ap.add_argument("split", type=Path, help="the PolNeAR train folder (text/, attributions/)")
    ap.add_argument("out", type=Path, help="the folder to write confidence_model.tsv and confidence_calibration.tsv into")
    args = ap.parse_args(argv)
    if args.split.name != "train":
        ap.error(f"{args.split}: confidence is fit on the train split only")
    model_text, calibration_text = fit(list(examples(read_gold(args.split))))
    (args.out / "confidence_model.tsv").write_text(model_text, encoding="utf-8")
    (args.out / "confidence_calibration.tsv").write_text(calibration_text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
