"""The learned cue/source/content tagger at run time: ONNX int8 and a word-piece tokenizer.

Only onnxruntime and tokenizers are needed, and the model ships in the package
(onrecord/tagger/model/, see its MODEL_CARD.md), so nothing is downloaded. Training lives
in train.py and export.py, which need the `train` extra.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .scheme import LAYERS, STRIDE, WINDOW, spans_from_tags, window_inputs, windows

MODEL_DIR = Path(__file__).parent / "model"
MODEL_FILE = "tagger.onnx"
TOKENIZER_FILE = "tokenizer.json"
# Windows run through the model at once: enough to keep the matrix products busy.
BATCH_WINDOWS = 8


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span one layer tagged: characters [start, end) and the mean probability of its tags."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Tags:
    """The spans of each role the tagger found in one text."""

    cue: tuple[TaggedSpan, ...]
    source: tuple[TaggedSpan, ...]
    content: tuple[TaggedSpan, ...]


class Tagger:
    """A loaded model; one per process (sessions are not shared across forks)."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(folder / MODEL_FILE), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.special = tuple(self.tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]"))

    def probabilities(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]], list[int | None]]:
        """Tag probabilities (pieces × layers × tags), each word piece's character offsets and word."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids, offsets = encoding.ids, encoding.offsets
        summed = np.zeros((len(ids), len(LAYERS), 3), dtype=np.float32)
        seen = np.zeros(len(ids), dtype=np.float32)
        if not ids:
            return summed, offsets, encoding.word_ids
        wins = windows(len(ids), WINDOW, STRIDE)
        for i in range(0, len(wins), BATCH_WINDOWS):
            batch = wins[i:i + BATCH_WINDOWS]
            input_ids, mask = window_inputs(ids, batch, *self.special)
            logits = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})[0]
            logits = logits.reshape(logits.shape[0], logits.shape[1], len(LAYERS), 3)
            exp = np.exp(logits - logits.max(-1, keepdims=True))
            probs = exp / exp.sum(-1, keepdims=True)
            for row, w in enumerate(batch):
                summed[w.start:w.end] += probs[row, 1:w.end - w.start + 1]
                seen[w.start:w.end] += 1
        return summed / seen[:, None, None], offsets, encoding.word_ids

    def tag(self, text: str) -> Tags:
        probs, offsets, words = self.probabilities(text)
        found = {name: tuple(TaggedSpan(*s) for s in spans_from_tags(probs, offsets, words, layer)) if offsets else ()
                 for layer, name in enumerate(LAYERS)}
        return Tags(**found)


@lru_cache(maxsize=None)
def shipped(threads: int | None = None) -> Tagger:
    """The model in the package, loaded once per process (and thread cap)."""
    return Tagger(MODEL_DIR, threads)
