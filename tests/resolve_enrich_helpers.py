"""Build RawStatements on a test article by the words they cover, so tests read like the text."""
from __future__ import annotations

from dataclasses import replace

from onrecord.attribute import RawStatement
from onrecord.resolve import resolve


def find(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def statement(text: str, speaker: str | None, cue: str, content: str, after: int = 0,
              kind: str = "indirect") -> RawStatement:
    """The statement whose cue is the first `cue` at or after `after`, with the speaker mention
    nearest before it (else just after it) and the content nearest it."""
    cue_span = find(text, cue, after)
    speaker_span = None
    if speaker:
        at = text.rfind(speaker, after, cue_span[0] + len(speaker))
        speaker_span = (at, at + len(speaker)) if at >= 0 else find(text, speaker, cue_span[0])
    starts = [i for i in range(len(text)) if text.startswith(content, i)]
    start = min(starts, key=lambda i: abs(i - cue_span[0]))
    return RawStatement(kind, [(start, start + len(content))], cue_span, speaker_span)


def resolved(doc, raws: list[RawStatement], resolver=None) -> list[RawStatement]:
    """The statements with the names and roles `resolve` returns for them, as the pipeline assembles them."""
    return [replace(r, speaker_name=s.name, speaker_role=s.role) for r, s in zip(raws, resolve(doc, raws, resolver))]
