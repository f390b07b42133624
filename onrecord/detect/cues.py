"""Speech cues in the parse: verbs and nouns of saying, "according to".

The words are data (data/cues.txt), not code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase of saying; `token` is the index of its head token in the Doc."""

    start: int
    end: int
    token: int
    lemma: str
    kind: str  # "verb", "noun" or "according_to"


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """The verbs of saying the project owns as data."""
    raw = resources.files("onrecord.data").joinpath("cues.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def find_cues(doc: Doc) -> list[Cue]:
    lemmas = cue_lemmas()
    cues = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas:
            cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.i, tok.lemma_.lower(), "verb"))
    for m in re.finditer(r"\baccording to\b", doc.text, flags=re.I):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            cues.append(Cue(m.start(), m.end(), span[-1].i, "according to", "according_to"))
    return cues
