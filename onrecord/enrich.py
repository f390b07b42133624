"""Where and when: the venue the words were first said in and the time they were said."""
from __future__ import annotations

from spacy.tokens import Doc

from .attribute import RawStatement


def enrich(doc: Doc, statements: list[RawStatement], published: str | None) -> None:
    """Fill `venue` and `when` in place, carrying them forward within one occasion."""
    return None
