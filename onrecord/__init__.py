"""onrecord: who said what, where and when, in news articles and interviews."""
from __future__ import annotations

import logging

from .records import Document, Span, Statement, Venue, When, content_hash

__all__ = ["Document", "Span", "Statement", "Venue", "When", "extract", "Extractor", "render"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_default_extractors: dict[tuple[str, bool, bool], "Extractor"] = {}


def extract(text: str, published: str | None = None, *, doc_id: str | None = None,
            model: str | None = None, fast: bool = True, scope: str = "all", unit: str = "statement",
            min_confidence: float = 0.0, tagger: bool = False) -> list[Statement]:
    """Every attributed statement in `text`; `published` (YYYY-MM-DD) anchors relative times.

    `fast` parses without spaCy's NER; `tagger` adds the learned tagger (see `Extractor`). `scope` (all, speech, quotes), `unit`
    (statement, quote) and `min_confidence` choose which statements come back and how a
    continuing quotation is counted (see `onrecord.select`). ValueError for a bad one of those,
    a date that is not a real day of the form YYYY-MM-DD, or a text no document can hold (NUL,
    lone surrogates).
    """
    from .ingest import document_from_text, parse_published, text_problem
    from .nlp import DEFAULT_MODEL
    from .pipeline import Extractor
    from .select import Selection, select

    selection = Selection(scope, unit, min_confidence)

    key = (model or DEFAULT_MODEL, fast, tagger)
    if key not in _default_extractors:
        _default_extractors[key] = Extractor(key[0], fast=fast, tagger=tagger)
    problem = text_problem(text)
    if problem:
        raise ValueError(problem)
    document = document_from_text(text, doc_id=doc_id, published=parse_published(published) if published else None)
    return select(_default_extractors[key].extract(document), selection)


def __getattr__(name: str):
    # The pipeline imports spaCy; keep `import onrecord` light for the records alone.
    if name == "Extractor":
        from .pipeline import Extractor
        return Extractor
    if name == "render":
        from .component import render
        return render
    raise AttributeError(name)
