"""onrecord: who said what, where and when, in news articles and interviews."""
from __future__ import annotations

import logging

from .records import Document, Span, Statement, Venue, When, content_hash

__all__ = ["Document", "Span", "Statement", "Venue", "When", "extract", "Extractor"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_default_extractors: dict[str, "Extractor"] = {}


def extract(text: str, published: str | None = None, *, doc_id: str | None = None,
            model: str | None = None) -> list[Statement]:
    """Every attributed statement in `text`; `published` (YYYY-MM-DD) anchors relative times."""
    from .ingest import document_from_text
    from .nlp import DEFAULT_MODEL
    from .pipeline import Extractor

    name = model or DEFAULT_MODEL
    if name not in _default_extractors:
        _default_extractors[name] = Extractor(name)
    document = document_from_text(text, doc_id=doc_id, published=published)
    return _default_extractors[name].extract(document)


def __getattr__(name: str):
    # The pipeline imports spaCy; keep `import onrecord` light for the records alone.
    if name == "Extractor":
        from .pipeline import Extractor
        return Extractor
    raise AttributeError(name)
