"""Learn the cue words PolNeAR annotates, from its train split only (`make train`).

For every verb lemma in the parsed train texts: how often a token of it heads an
annotated cue, over how often it occurs. The table (data/cues_polnear.tsv) is what
`detect.cues` reads beside the hand-written list; the dev split is never read here.

    python -m onrecord.learn ../shared/polnear/train onrecord/data/cues_polnear.tsv
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from .detect.cues import LEARNED_MIN_SEEN, frame, quoted_tokens


# A lemma enters the table only when annotated as a cue at least this many times.
MIN_CUES = 3
COUNTED_POS = frozenset(("VERB", "AUX"))
# A span line of brat standoff; a span's text may run over a line break, so other lines are skipped.
SPAN_LINE = re.compile(r"T\d+\t(\w+) ([\d ;]+)\t")
HEADER = "# Verb lemmas PolNeAR train annotates as cues: lemma, frame (how the verb holds\n# its content, /q inside a quotation; * for all), rate (cues / occurrences), cues, occurrences.\n" \
    "# Made by `make train` (python -m onrecord.learn) from the train split only; do not edit by hand.\n"


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


def cue_counts(pairs: Iterable[tuple[set[int], Doc]]) -> tuple[Counter, Counter]:
    """(times each (verb lemma, frame) heads a gold cue, times it occurs); frame "*" is all frames."""
    cues, seen = Counter(), Counter()
    for inside, doc in pairs:
        quoted = quoted_tokens(doc)
        for tok in doc:
            if tok.pos_ not in COUNTED_POS or tok.dep_ in ("amod", "aux", "auxpass"):
                continue
            lemma = tok.lemma_.lower()
            keys = ((lemma, frame(tok, quoted[tok.i])), (lemma, "*"))
            seen.update(keys)
            if tok.idx in inside:
                cues.update(keys)
    return cues, seen


def table(cues: Counter, seen: Counter) -> str:
    """The TSV text: lemmas annotated often enough, by lemma then most reliable frame first."""
    lemmas = {lemma for (lemma, f), n in cues.items() if f == "*" and n >= MIN_CUES}
    rows = [(lemma, f, n / seen[lemma, f], n, seen[lemma, f]) for (lemma, f), n in cues.items() if lemma in lemmas]
    rows += [(lemma, f, 0.0, 0, total) for (lemma, f), total in seen.items() if lemma in lemmas and (lemma, f) not in cues]
    rows = [r for r in rows if r[1] == "*" or r[4] >= LEARNED_MIN_SEEN]
    rows.sort(key=lambda r: (r[0], -r[2], r[1]))
    return HEADER + "".join(f"{lemma}\t{f}\t{rate:.3f}\t{n}\t{total}\n" for lemma, f, rate, n, total in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Learn cue verbs from a PolNeAR train split.")
    ap.add_argument("split", type=Path, help="the PolNeAR train folder (text/, attributions/)")
    ap.add_argument("out", type=Path, help="where to write the cue table (TSV)")
    args = ap.parse_args(argv)
    if args.split.name != "train":
        ap.error(f"{args.split}: cues are learned from the train split only")
    from .nlp import load

    texts = annotated_texts(args.split)
    docs = load().pipe((text for text, _ in texts), batch_size=16)
    offsets = (cue_offsets(ann) for _, ann in texts)
    args.out.write_text(table(*cue_counts(zip(offsets, docs))), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
