"""attribute: link each content (a quote or a clause) to its cue and its speaker mention."""
from __future__ import annotations

from spacy.tokens import Doc

from ..detect import Cue, Quote
from .clauses import clause_statements
from .quotes import quote_statements
from .raw import RawStatement

__all__ = ["RawStatement", "attribute"]


def attribute(doc: Doc, quotes: list[Quote], cues: list[Cue]) -> list[RawStatement]:
    """Quote statements and clause statements, merged: a quote inside a clause makes it mixed."""
    return clause_statements(doc, cues) + quote_statements(doc, quotes, cues)
