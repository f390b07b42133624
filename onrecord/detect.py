"""Find what could be a statement: quotation spans in the raw text, speech cues in the parse.

Quotes are found on characters, before and independent of the parse, so a
malformed quote never costs the document; cues come from the word list in
data/cues.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

OPENERS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    block: bool = False  # a paragraph-long quote introduced by a colon


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase of saying; `token` is the index of its head token in the Doc."""

    start: int
    end: int
    token: int
    lemma: str
    kind: str  # "verb", "noun" or "according_to"


def find_quotes(text: str) -> list[Quote]:
    """Balanced double quotations; an unmatched mark is skipped, never an error."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closer = OPENERS.get(ch)
        if closer is None:
            i += 1
            continue
        j = text.find(closer, i + 1)
        para_end = text.find("\n\n", i + 1)
        if j == -1 or (para_end != -1 and para_end < j):
            i += 1
            continue
        quotes.append(Quote(i, j + 1, i + 1, j))
        i = j + 1
    return quotes


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
