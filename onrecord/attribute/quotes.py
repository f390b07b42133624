"""Quotations to statements: the cue and speaker of each quote."""
from __future__ import annotations

from spacy.tokens import Doc

from ..detect import Cue, Quote
from .raw import RawStatement

SUBJECTS = ("nsubj", "nsubjpass")


def _subject_span(doc: Doc, verb_i: int) -> tuple[int, int] | None:
    for child in doc[verb_i].children:
        if child.dep_ in SUBJECTS:
            sub = list(child.subtree)
            return (sub[0].idx, sub[-1].idx + len(sub[-1].text))
    return None


def quote_statements(doc: Doc, quotes: list[Quote], cues: list[Cue]) -> list[RawStatement]:
    out: list[RawStatement] = []
    cue_by_token = {c.token: c for c in cues if c.kind == "verb"}
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        cue = next((cue_by_token[t.i] for t in sent if t.i in cue_by_token and not (q.start <= t.idx < q.end)), None)
        if cue is None:
            continue
        out.append(RawStatement("direct", [(q.start, q.end)], (cue.start, cue.end), _subject_span(doc, cue.token)))
    return out
