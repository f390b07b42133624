"""Build RawStatements on a test article by the words they cover, so tests read like the text."""
from __future__ import annotations

from onrecord.attribute import RawStatement


def find(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def statement(text: str, speaker: str | None, cue: str, content: str, after: int = 0,
              kind: str = "indirect") -> RawStatement:
    """The statement whose cue is the first `cue` at or after `after`; speaker and content near it."""
    cue_span = find(text, cue, after)
    sentence_start = max(text.rfind(". ", 0, cue_span[0]), text.rfind("\n", 0, cue_span[0]), -1) + 1
    speaker_span = find(text, speaker, sentence_start) if speaker else None
    return RawStatement(kind, [find(text, content, sentence_start)], cue_span, speaker_span)
