"""`onrecord eval`: score predictions (or the extractor itself) against gold annotation."""
from __future__ import annotations

import json
import sys

import click

from .root import main, pipeline_options, plural, selection_options
from ..evaluate import ROLES, GoldError, fingerprint, predict, read_gold, read_predictions, score


@main.command("eval")
@click.argument("gold")
@click.option("--pred", "pred_path", metavar="FILE",
              help="Statements JSONL to score; without it the extractor runs on the gold's texts.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table: the measures as aligned text; json: every figure with the data's hash.")
@pipeline_options(" Ignored with --pred.")
@selection_options(" Ignored with --pred. PolNeAR's gold is scope all, unit statement: a narrower "
                   "selection scores lower recall by design.")
def evaluate(gold: str, pred_path: str | None, fmt: str, fast: bool, tagger: bool, selection) -> None:
    """Score statements against GOLD: a PolNeAR split folder or a gold .json file."""
    try:
        gold_set = read_gold(gold)
        if pred_path:
            predictions = read_predictions(pred_path)
        else:
            from ..pipeline import Extractor

            predictions = predict(gold_set, Extractor(fast=fast, tagger=tagger), selection)
    except GoldError as exc:
        click.echo(f"onrecord: {exc}", err=True)
        sys.exit(2)
    result = score(gold_set, predictions)
    result["data_sha256"] = fingerprint(gold_set)
    if fmt == "json":
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(table(gold, result))


def table(gold: str, r: dict) -> str:
    """The figures as aligned text, one line per measure."""
    def row(name: str, f: dict) -> str:
        return f"{name:<22}{f['p']:>8.3f}{f['r']:>8.3f}{f['f1']:>8.3f}"

    lines = [
        f"{gold}: {plural(r['docs'], 'document')}, {plural(r['gold_statements'], 'gold statement')}, "
        f"{r['pred_statements']} predicted",
        f"{'':<22}{'P':>8}{'R':>8}{'F1':>8}",
        row("statement", r["statement"]),
        row("attribution", r["attribution"]),
    ]
    lines += [row(f"{role} {kind}", r[f"{role}_{kind}"]) for kind in ("overlap", "exact") for role in ROLES]
    lines.append(f"direct recall {r['direct_recall']:.3f}, direct attribution recall "
                 f"{r['direct_attribution_recall']:.3f} (of {r['gold_direct_statements']} quotations)")
    if "speaker_name_accuracy" in r:
        lines.append(f"speaker name accuracy {r['speaker_name_accuracy']:.3f}")
    facts = [(label, key) for label, key in (
        ("venue name", "venue_name_accuracy"), ("venue kind", "venue_kind_accuracy"),
        ("interviewer", "interviewer_accuracy"), ("time", "time_accuracy")) if key in r]
    if facts:
        lines.append(", ".join(f"{label} {r[key]:.3f} (of {r[key.replace('accuracy', 'facts')]})"
                               for label, key in facts))
    if "where_when_accuracy" in r:
        lines.append(f"where/when accuracy {r['where_when_accuracy']:.3f}")
    return "\n".join(lines)
