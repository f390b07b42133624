"""The statement between stages: attribute fills the spans, resolve and enrich the rest."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Venue, When


@dataclass(slots=True)
class RawStatement:
    """Spans are (start, end) character offsets into the document text."""

    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    venue: Venue | None = None
    when: When | None = None
    confidence: float = 0.5
    extra: dict = field(default_factory=dict)
