"""The cheap bar the learned tagger must clear: spaCy's own `ner`, trained on PolNeAR train (issue 11).

The transformer tagger (onrecord/tagger/, docs/tagger.md) is only worth its cost if it beats
what spaCy's small CNN `ner` learns from the same spans in minutes. This trains one on a blank
English pipeline (no pretrained vectors, nothing downloaded) with three labels, CUE, SOURCE and
CONTENT, then scores it on PolNeAR dev exactly as the tagger is scored: its entities become
`Tags`, onrecord's linking (`attribute.tagged.tagged_statements`) makes statements of them over
the fast pipeline's parse, and `evaluate.score` counts them, alone and joined with the rules
(`attribute.tagged.combine`).

Entities cannot overlap, so each gold piece competes for its tokens: within a role the
outermost piece wins (sorted by start, longest first), across roles CONTENT before CUE before
SOURCE. The linking ignores cues and sources inside a content, so a content is the span worth
keeping; a cue before a source because every attribution has a cue. Pieces of different roles
overlap twice in all of train, so the order hardly matters. A piece the tokens cannot hold
beside one already kept is skipped. spaCy's `ner` gives no probabilities: each span gets 1.0,
so `combine`'s threshold keeps every linked statement.

    nice -n 10 .venv/bin/python benchmarks/ner_baseline.py [--epochs 3] [--seed 0] [--limit-docs N]
"""
from __future__ import annotations

import argparse
import pathlib
import random
import time

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example

from onrecord import nlp as nlp_stage
from onrecord.attribute import RawStatement, attribute
from onrecord.attribute.tagged import combine, tagged_statements
from onrecord.detect import find_cues, find_quotes
from onrecord.evaluate import Annotated, GoldDocument, GoldSet, read_polnear, score
from onrecord.tagger import TaggedSpan, Tags

LABELS = ("CONTENT", "CUE", "SOURCE")  # in order of priority where pieces overlap
ROLE_OF_LABEL = {"CONTENT": "content", "CUE": "cue", "SOURCE": "source"}
DATA = pathlib.Path("../shared/polnear")
BATCH_DOCS = 8
DROPOUT = 0.2


def entities(doc: Doc, gold: GoldDocument) -> tuple[list[Span], int]:
    """The gold pieces as non-overlapping entities of `doc`, and how many pieces were skipped.

    White space (no-break spaces too) is cut off a piece first: spaCy's `ner` cannot start an
    entity on a white space token, and training stops on one it cannot reach.
    """
    pieces = sorted(((a, b, label) for st in gold.statements for label in LABELS
                     for a, b in st.role(ROLE_OF_LABEL[label])),
                    key=lambda p: (LABELS.index(p[2]), p[0], -p[1]))
    taken = [False] * len(doc)
    kept, skipped = [], 0
    for start, end, label in pieces:
        text = gold.text[start:end]
        start += len(text) - len(text.lstrip())
        end = start + len(text.strip())
        span = doc.char_span(start, end, label, alignment_mode="expand") if end > start else None
        if span is None or any(taken[span.start:span.end]):
            skipped += 1
            continue
        taken[span.start:span.end] = [True] * len(span)
        kept.append(span)
    return sorted(kept), skipped


def train(nlp: spacy.Language, gold: GoldSet, epochs: int, seed: int) -> list[tuple[float, float, float]]:
    """Train the `ner` in place; (wall seconds, CPU seconds, loss) per epoch."""
    examples, skipped = [], 0
    for g in gold.docs.values():
        reference = nlp.make_doc(g.text)
        spans, missed = entities(reference, g)
        reference.ents = spans
        skipped += missed
        examples.append(Example(nlp.make_doc(g.text), reference))
    print(f"train: {len(examples)} articles, {sum(len(e.reference.ents) for e in examples)} entities, "
          f"{skipped} gold pieces skipped (overlap or unalignable)")
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    epoch_stats = []
    for epoch in range(1, epochs + 1):
        wall, cpu, losses = time.perf_counter(), time.process_time(), {}
        order.shuffle(examples)
        for batch in spacy.util.minibatch(examples, BATCH_DOCS):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        epoch_stats.append((time.perf_counter() - wall, time.process_time() - cpu, losses["ner"]))
        print(f"epoch {epoch}: {epoch_stats[-1][0]:.0f} s wall, {epoch_stats[-1][1]:.0f} s CPU, "
              f"loss {losses['ner']:.0f}", flush=True)
    return epoch_stats


def tags_of(doc: Doc) -> Tags:
    found = {role: [] for role in ROLE_OF_LABEL.values()}
    for ent in doc.ents:
        found[ROLE_OF_LABEL[ent.label_]].append(TaggedSpan(ent.start_char, ent.end_char, 1.0))
    return Tags(**{role: tuple(spans) for role, spans in found.items()})


def annotated(statements: list[RawStatement]) -> list[Annotated]:
    """Raw statements as the scorer reads them (the later stages never move a span)."""
    return [Annotated(tuple(st.content), (st.cue,) if st.cue else (), (st.speaker,) if st.speaker else ())
            for st in statements]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=DATA, help="folder holding train/ and dev/")
    ap.add_argument("--epochs", type=int, default=3, help="passes over train (about 95 s of CPU each)")
    ap.add_argument("--seed", type=int, default=0, help="seeds the weights, dropout and shuffling")
    ap.add_argument("--limit-docs", type=int, help="only the first N articles of each split (a quick check)")
    args = ap.parse_args(argv)
    train_gold, dev_gold = (read_polnear(args.data / split) for split in ("train", "dev"))
    if args.limit_docs:
        train_gold, dev_gold = (GoldSet(dict(list(g.docs.items())[:args.limit_docs]))
                                for g in (train_gold, dev_gold))

    spacy.util.fix_random_seed(args.seed)
    ner_nlp = spacy.blank("en")
    ner = ner_nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    epoch_stats = train(ner_nlp, train_gold, args.epochs, args.seed)

    parse = nlp_stage.load(nlp_stage.DEFAULT_MODEL, True)
    names = list(dev_gold.docs)
    texts = [dev_gold.docs[n].text for n in names]
    rules, alone, joined = {}, {}, {}
    for name, text, doc, ner_doc in zip(names, texts, parse.pipe(texts), ner_nlp.pipe(texts)):
        found = attribute(doc, find_quotes(text), find_cues(doc))
        tagged = tagged_statements(doc, tags_of(ner_doc))
        rules[name], alone[name] = annotated(found), annotated(tagged)
        joined[name] = annotated(combine(text, found, tagged))

    walls, cpus = [w for w, _, _ in epoch_stats], [c for _, c, _ in epoch_stats]
    print(f"\nPolNeAR dev, {len(names)} articles; spaCy ner trained {args.epochs} epochs on "
          f"{len(train_gold.docs)} train articles (seed {args.seed}), per epoch "
          f"{sum(walls) / len(walls):.0f} s wall, {sum(cpus) / len(cpus):.0f} s CPU\n")
    print("| mode | attribution P / R / F1 | content exact F1 | source exact F1 | cue exact F1 |")
    print("| --- | --- | --- | --- | --- |")
    for mode, predictions in (("rules", rules), ("ner alone", alone), ("rules + ner (combine)", joined)):
        r = score(dev_gold, predictions)
        a = r["attribution"]
        print(f"| {mode} | {a['p']:.3f} / {a['r']:.3f} / {a['f1']:.3f} | {r['content_exact']['f1']:.3f} "
              f"| {r['source_exact']['f1']:.3f} | {r['cue_exact']['f1']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
