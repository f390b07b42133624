"""The tag scheme and the windows, shared by training and run time so the two cannot drift.

Three layers of BIO tags, one per role (cue, source, content), each word piece tagged in
every layer. Layers, not one joint label, because roles overlap: a nested attribution's
cue and source lie inside the outer one's content, and each layer still marks them. Inside
one layer the outermost span wins: an attribution nested whole inside another's content
(0.6% of PolNeAR train contents) keeps its cue and source but loses its own content tag.
A discontinuous span tags each of its pieces, each starting with B.

Long documents are cut into windows of word pieces with a stride; a piece seen by several
windows takes the mean of their probabilities.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

LAYERS = ("cue", "source", "content")
TAGS = ("O", "B", "I")
OUTSIDE, BEGIN, INSIDE = range(len(TAGS))
# Word pieces per window, the [CLS] and [SEP] pieces included, and the step between windows.
WINDOW = 256
STRIDE = 192

Pieces = Sequence[tuple[int, int]]


def tag_pieces(offsets: Sequence[tuple[int, int]], spans: dict[str, Iterable[Pieces]]) -> np.ndarray:
    """Gold BIO tags (pieces × layers) for word pieces at `offsets`, from each layer's spans.

    A word piece belongs to a span piece when its characters overlap it; outer spans first,
    so a span inside one already tagged leaves the tags as they are.
    """
    tags = np.full((len(offsets), len(LAYERS)), OUTSIDE, dtype=np.int64)
    starts = np.array([s for s, _ in offsets], dtype=np.int64)
    ends = np.array([e for _, e in offsets], dtype=np.int64)
    for layer, name in enumerate(LAYERS):
        pieces = sorted(((a, b) for span in spans.get(name, ()) for a, b in span), key=lambda p: (p[0], -p[1]))
        for a, b in pieces:
            inside = np.nonzero((starts < b) & (ends > a))[0]
            if len(inside) == 0 or tags[inside, layer].any():
                continue
            tags[inside, layer] = INSIDE
            tags[inside[0], layer] = BEGIN
    return tags


@dataclass(frozen=True, slots=True)
class Window:
    """Word pieces [start, end) of the document, one model input."""

    start: int
    end: int


def windows(n_pieces: int, window: int = WINDOW, stride: int = STRIDE) -> list[Window]:
    """Windows covering all pieces; each holds window - 2 pieces, leaving room for [CLS] and [SEP]."""
    room = window - 2
    if not 0 < stride <= room:
        raise ValueError(f"the stride must be between 1 and the window less its 2 special pieces ({room}), not {stride}")
    out = [Window(0, min(room, n_pieces))]
    while out[-1].end < n_pieces:
        start = out[-1].start + stride
        out.append(Window(start, min(start + room, n_pieces)))
    return out


def window_inputs(ids: Sequence[int], wins: Sequence[Window], cls_id: int, sep_id: int, pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """input_ids and attention_mask for a batch of windows, padded to the longest."""
    length = max(w.end - w.start for w in wins) + 2
    input_ids = np.full((len(wins), length), pad_id, dtype=np.int64)
    mask = np.zeros((len(wins), length), dtype=np.int64)
    for row, w in enumerate(wins):
        n = w.end - w.start
        input_ids[row, :n + 2] = [cls_id, *ids[w.start:w.end], sep_id]
        mask[row, :n + 2] = 1
    return input_ids, mask


def spans_from_tags(probs: np.ndarray, offsets: Sequence[tuple[int, int]], words: Sequence[int | None],
                    layer: int) -> list[tuple[int, int, float]]:
    """(start, end, mean probability) of each span one layer's tags make.

    `probs` is pieces × layers × tags, `words` the word each piece belongs to (the
    tokenizer's word ids). A span starts at B, or at I after O (the model's slip, read as a
    start), and runs over the I pieces after it; the later pieces of a word stay with its
    first, so a span never starts or ends inside a word.
    """
    best = probs[:, layer, :].argmax(-1)
    spans: list[tuple[int, int, float]] = []
    start = None
    scores: list[float] = []
    for i, tag in enumerate(best):
        continues_word = start is not None and i > 0 and words[i] is not None and words[i] == words[i - 1]
        if tag == BEGIN and not continues_word or (tag == OUTSIDE and start is not None and not continues_word):
            if start is not None:
                spans.append((offsets[start][0], offsets[i - 1][1], float(np.mean(scores))))
                start = None
        if start is None and tag != OUTSIDE:
            start, scores = i, []
        if start is not None:
            scores.append(float(probs[i, layer, tag]))
    if start is not None:
        spans.append((offsets[start][0], offsets[len(best) - 1][1], float(np.mean(scores))))
    return spans
