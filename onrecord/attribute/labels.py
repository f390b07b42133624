"""Turns of a transcript: a line opened by a speaker label ("Q:", "A:", "RUIZ:", "Ana Ruiz:").

A label line is a turn only in a dialogue: the text has at least two label lines and at least two
different labels, so a lone "Editor's note:" or "Update:" is no speaker. The turn's words, to the
end of the line, are one direct statement; the label is its speaker mention, and `extra["turn"]`
says which kind it is ("answer" or "name") for resolve to name. The questions are not statements,
as a reader quoting the transcript takes it: the turns labelled "Q:", and those of a label whose
turns mostly end in a question mark (the interviewer's, as "FEW:" or "COLE:").
"""
from __future__ import annotations

import re

from .raw import RawStatement

# A label: Q, A, Question, Answer, or up to four capitalised words, then a colon, at a line start.
LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?P<words>\S.*)$", re.M)
QUESTION = frozenset(("q", "question"))
ANSWER = frozenset(("a", "answer"))
NOT_SPEAKERS = frozenset(("editor's note", "editor’s note", "note", "update", "updated", "photo", "source", "sources",
                          "correction", "read more", "related", "watch", "listen", "warning", "disclaimer", "image",
                          "video", "caption", "credit", "tags", "topics", "published", "posted", "by"))
CONFIDENCE = 0.8


def label_statements(text: str) -> list[RawStatement]:
    """One direct statement for each labelled turn of a dialogue in `text`."""
    lines = [m for m in LABEL.finditer(text) if m.group("label").lower() not in NOT_SPEAKERS]
    if len(lines) < 2 or len({m.group("label").lower() for m in lines}) < 2:
        return []
    asked: dict[str, list[bool]] = {}
    for m in lines:
        asked.setdefault(m.group("label").lower(), []).append(m.group("words").rstrip().endswith("?"))
    out = []
    for m in lines:
        label = m.group("label").lower()
        if label in QUESTION or 2 * sum(asked[label]) > len(asked[label]):
            continue
        turn = "answer" if label in ANSWER else "name"
        start, end = m.span("words")
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(RawStatement("direct", [(start, end)], None, m.span("label"), confidence=CONFIDENCE,
                                extra={"turn": turn}))
    return out
