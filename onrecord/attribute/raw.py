"""The statement between stages: attribute fills the spans, resolve the speaker; enrich returns
its venue and time beside it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RawStatement:
    """Spans are (start, end) character offsets into the document text."""

    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    confidence: float = 0.5  # the finder's prior for its rule; `confidence.py` gives the calibrated one
    extra: dict = field(default_factory=dict)
    scope: str | None = None  # the kind of its cue (attribute/scope.py)
    # What a finder knows of how sure it is, by name, for `confidence.py` to weigh (a learned
    # tagger puts its probabilities here: {"tagger_cue": 0.93, ...}); values in [0, 1].
    evidence: dict[str, float] = field(default_factory=dict)
