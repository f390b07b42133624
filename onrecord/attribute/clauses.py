"""Reported speech: a cue word and the clause it governs (said that ..., according to ...)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..detect import Cue
from .raw import RawStatement


def clause_statements(doc: Doc, cues: list[Cue]) -> list[RawStatement]:
    """Indirect statements: each cue with a clausal complement and a subject."""
    return []
