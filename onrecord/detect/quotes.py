"""Quotation spans found on characters, before and independent of the parse.

A malformed quote never costs the document: an unmatched mark is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

OPENERS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    block: bool = False  # a paragraph-long quote introduced by a colon


def find_quotes(text: str) -> list[Quote]:
    """Balanced double quotations within a paragraph."""
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
