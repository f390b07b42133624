"""Learn the cue verbs PolNeAR annotates, from its train split only (`make train`).

Every verb of the parsed train texts is an example, labelled by whether an annotated
cue covers it. Two tables come out, both read by `detect.cues`:
- data/cues_polnear.tsv: how often each verb lemma is a cue in each frame (the rule path);
- data/cue_model.tsv: the weights of a logistic regression over `verb_features` (the
  default path), so that using it needs no more than a sum at run time.
The dev split is never read here. scikit-learn is needed for training only.

    python -m onrecord.learn ../shared/polnear/train onrecord/data
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .detect.cues import LEARNED_MIN_SEEN, frame, quoted_tokens, verb_features

# A lemma enters the rate table only when annotated as a cue at least this many times.
MIN_CUES = 3
# Inverse regularisation strength of the cue model, and the smallest weight worth shipping.
MODEL_C = 0.3
MIN_WEIGHT = 0.1
# A span line of brat standoff; a span's text may run over a line break, so other lines are skipped.
SPAN_LINE = re.compile(r"T\d+\t(\w+) ([\d ;]+)\t")
MADE_BY = "# Made by `make train` (python -m onrecord.learn) from PolNeAR train only; do not edit by hand.\n"
RATES_HEADER = "# Verb lemmas PolNeAR train annotates as cues: lemma, frame (how the verb holds\n" \
    "# its content, /q inside a quotation; * for all), rate (cues / occurrences), cues, occurrences.\n" + MADE_BY
MODEL_HEADER = "# Cue model: feature, weight of a logistic regression (the feature `bias` is its intercept).\n" + MADE_BY


@dataclass(frozen=True, slots=True)
class Example:
    """One verb of the train split: what the model sees, and whether it is annotated as a cue."""

    features: tuple[str, ...]
    lemma: str
    frame: str
    is_cue: bool


def cue_offsets(ann: Path) -> set[int]:
    """Every character offset inside a Cue span of one brat standoff file."""
    inside: set[int] = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = SPAN_LINE.match(line)
        if m and m.group(1) == "Cue":
            for piece in m.group(2).split(";"):
                start, end = map(int, piece.split())
                inside.update(range(start, end))
    return inside


def annotated_texts(split: Path) -> list[tuple[str, Path]]:
    """(text, first annotation file in sorted order) for every text of the split that has one."""
    out = []
    for tpath in sorted((split / "text").glob("*.txt")):
        anns = sorted(p for p in (split / "attributions").glob("*.ann") if p.name.startswith(tpath.stem + "_"))
        if anns:
            out.append((tpath.read_text(encoding="utf-8"), anns[0]))
    return out


def examples(pairs: Iterable[tuple[set[int], Doc]]) -> list[Example]:
    """Every verb that `find_cues` would consider, with its label."""
    out = []
    for inside, doc in pairs:
        quoted = quoted_tokens(doc)
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "aux", "auxpass"):
                continue
            q = quoted[tok.i]
            out.append(Example(tuple(verb_features(tok, q)), tok.lemma_.lower(), frame(tok, q), tok.idx in inside))
    return out


def rate_table(data: list[Example]) -> str:
    """The rate TSV: lemmas annotated often enough, by lemma then most reliable frame first."""
    cues, seen = Counter(), Counter()
    for ex in data:
        keys = ((ex.lemma, ex.frame), (ex.lemma, "*"))
        seen.update(keys)
        if ex.is_cue:
            cues.update(keys)
    lemmas = {lemma for (lemma, f), n in cues.items() if f == "*" and n >= MIN_CUES}
    rows = [(lemma, f, cues[lemma, f] / total, cues[lemma, f], total)
            for (lemma, f), total in seen.items() if lemma in lemmas and (f == "*" or total >= LEARNED_MIN_SEEN)]
    rows.sort(key=lambda r: (r[0], -r[2], r[1]))
    return RATES_HEADER + "".join(f"{lemma}\t{f}\t{rate:.3f}\t{n}\t{total}\n" for lemma, f, rate, n, total in rows)


def model_table(data: list[Example]) -> str:
    """The model TSV: a logistic regression over the verbs' features, small weights left out."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    index: dict[str, int] = {}
    rows, cols = [], []
    for n, ex in enumerate(data):
        for f in ex.features:
            rows.append(n)
            cols.append(index.setdefault(f, len(index)))
    x = csr_matrix((np.ones(len(rows)), (np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32))),
                   shape=(len(data), len(index)))
    y = np.array([ex.is_cue for ex in data])
    model = LogisticRegression(C=MODEL_C, solver="liblinear", max_iter=2000).fit(x, y)
    weights = sorted((f, float(model.coef_[0][i])) for f, i in index.items() if abs(model.coef_[0][i]) >= MIN_WEIGHT)
    return MODEL_HEADER + f"bias\t{float(model.intercept_[0]):.4f}\n" + "".join(f"{f}\t{w:.4f}\n" for f, w in weights)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Learn the cue tables from a PolNeAR train split.")
    ap.add_argument("split", type=Path, help="the PolNeAR train folder (text/, attributions/)")
    ap.add_argument("out", type=Path, help="the folder to write cues_polnear.tsv and cue_model.tsv into")
    args = ap.parse_args(argv)
    if args.split.name != "train":
        ap.error(f"{args.split}: cues are learned from the train split only")
    from .nlp import load

    texts = annotated_texts(args.split)
    # The full parse, NER included, as the tables were first learned on: retraining reproduces them.
    docs = load(fast=False).pipe((text for text, _ in texts), batch_size=16)
    data = examples(zip((cue_offsets(ann) for _, ann in texts), docs))
    (args.out / "cues_polnear.tsv").write_text(rate_table(data), encoding="utf-8")
    (args.out / "cue_model.tsv").write_text(model_table(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
