"""resolve: each statement's speaker mention ("he", "Ms Okafor", "the club") to a canonical name.

Three parts with small interfaces, run in this order:
- `entities.find_entities(doc, statements) -> Entities`: the people the document names, where it
  refers to them, their roles and gender marks, its organisations;
- a `Coreference` (`coreference.py`; swappable, rules by default) `(doc, entities, statements) ->
  list[Speaker]`: the entity each speaker mention refers to;
- `naming`: the canonical form of a name (honorifics, titles and post-nominals off) and the word
  lists of kinds the other two read (honorifics, post-nominals, role, relation and organisation nouns).

spaCy's coreference libraries are pinned to old spaCy, so the default is ours and rule-based.
`resolve` returns one `Speaker` a statement and changes nothing; the pipeline assembles.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..attribute import RawStatement
from .coreference import Coreference, RuleCoreference, Speaker
from .entities import Entities, find_entities

__all__ = ["COREFERENCE", "Coreference", "Entities", "RuleCoreference", "Speaker", "coreference",
           "find_entities", "register_coreference", "resolve"]

DEFAULT_COREFERENCE = "rules"
# name -> a factory of Coreference; the Extractor and the spaCy component choose by name.
COREFERENCE: dict[str, Callable[[], Coreference]] = {DEFAULT_COREFERENCE: RuleCoreference}


def register_coreference(name: str, factory: Callable[[], Coreference]) -> None:
    """Make a coreference resolver selectable by `name` (Extractor(coreference=name), the component's config)."""
    COREFERENCE[name] = factory


def coreference(name: str = DEFAULT_COREFERENCE) -> Coreference:
    """The resolver registered under `name`; a ValueError names the unknown one and the known ones."""
    try:
        return COREFERENCE[name]()
    except KeyError:
        raise ValueError(f"unknown coreference {name!r}; known: {', '.join(sorted(COREFERENCE))}") from None


def resolve(doc: Doc, statements: list[RawStatement], resolver: Coreference | None = None) -> list[Speaker]:
    """One Speaker (name, role) for each statement, in order; the statements are left unchanged."""
    return (resolver or RuleCoreference())(doc, find_entities(doc, statements), statements)
