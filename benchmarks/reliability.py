"""How well confidence means what it says: predicted against observed precision, on PolNeAR dev.

Each statement the default pipeline finds in the split is binned by its confidence; a bin's
observed precision is the share of its statements the scorer counts as right attributions
(right words, right speaker). The tables were fit on train (`make calibrate`), so dev is
unseen. Also printed: what `--min-confidence P` keeps of dev's attribution P / R / F1.

    .venv/bin/python benchmarks/reliability.py [--data ../shared/polnear/dev] [--bins 10]
"""
from __future__ import annotations

import argparse
import pathlib
import sys

from onrecord.calibrate import examples
from onrecord.confidence import calibrated, score
from onrecord.evaluate import read_gold

THRESHOLDS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9)


def reliability(pairs: list[tuple[float, bool]], bins: int) -> list[tuple[float, float, int, float, float]]:
    """(low, high, statements, mean confidence, observed precision) per non-empty bin."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(p, ok) for p, ok in pairs if low <= p < high or (b == bins - 1 and p == 1.0)]
        if inside:
            rows.append((low, high, len(inside), sum(p for p, _ in inside) / len(inside),
                         sum(ok for _, ok in inside) / len(inside)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=pathlib.Path("../shared/polnear/dev"))
    ap.add_argument("--bins", type=int, default=10)
    args = ap.parse_args(argv)
    gold = read_gold(args.data)
    pairs = [(calibrated(score(evidence)), ok) for evidence, ok in examples(gold)]
    n = len(pairs)
    rows = reliability(pairs, args.bins)
    print(f"{args.data}: {len(gold.docs)} documents, {n} predicted statements, "
          f"{sum(g.statements.__len__() for g in gold.docs.values())} gold attributions\n")
    print("| confidence | statements | mean confidence | observed precision | gap |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for low, high, count, mean, observed in rows:
        print(f"| {low:.1f}–{high:.1f} | {count} | {mean:.3f} | {observed:.3f} | {observed - mean:+.3f} |")
    ece = sum(count / n * abs(observed - mean) for _l, _h, count, mean, observed in rows)
    brier = sum((p - ok) ** 2 for p, ok in pairs) / n
    print(f"\nexpected calibration error {ece:.3f}, Brier score {brier:.3f}\n")
    gold_total = sum(len(g.statements) for g in gold.docs.values())
    print("| --min-confidence | statements kept | attribution P | attribution R | attribution F1 |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for t in THRESHOLDS:
        kept = [ok for p, ok in pairs if p >= t]
        hits = sum(kept)
        p = hits / len(kept) if kept else 0.0
        r = hits / gold_total if gold_total else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {t:.1f} | {len(kept)} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
