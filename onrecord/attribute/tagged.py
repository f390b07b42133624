"""Statements from the tagger's spans: each content joined to its cue, each cue to its source.

The tagger marks cue, source and content spans but not which belong together. A content
takes the nearest cue in its paragraph that stands outside every content, in a sentence
the content touches or the one next to it (a cue inside a content belongs to an attribution
nested in it, which PolNeAR's outermost statement covers). The pieces of content one cue
takes are one statement, so a content the quotation or the cue splits ("…," he said, "…")
stays one. The cue's source is the nearest source span outside every content, in the
cue's sentence, else in a sentence the content touches. Every PolNeAR attribution has a
cue, so a content with none near it is not a statement.

`combine` joins these statements with the rule path's: every statement the rules found stays
theirs, and a tagger statement whose least sure part has at least MIN_CONFIDENCE is added
where the rules found nothing in the same words. On PolNeAR dev this beat letting a sure
tagger statement replace the rules' at every threshold, and the threshold was chosen there
(docs/tagger.md): the rules' boundaries are more often exact, the tagger finds what they miss.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..detect.quotes import paragraph_spans
from ..nlp import doc_text
from ..tagger import Tags, TaggedSpan
from .raw import RawStatement

WORD = re.compile(r"\w+")
OPENING = "\"“‘'«"
CLOSING = "\"”’'»"
QUOTE_MARKS = OPENING + CLOSING
# The most sentences a cue may stand from its content (the next or the previous one).
MAX_SENTENCE_GAP = 1
# Share of a tagger statement's content words a rule statement must hold to be the same statement.
SAME_WORDS = 0.5
# The least probability of a tagger statement's parts for it to be kept (tuned on PolNeAR dev).
MIN_CONFIDENCE = 0.6


class _Positions:
    """Sentence and paragraph numbers of character offsets."""

    def __init__(self, doc: Doc, text: str):
        self.sentences = [s.start_char for s in doc.sents] or [0]
        self.paragraphs = [s for s, _ in paragraph_spans(text)] or [0]

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraphs, pos) - 1


def _inside(span: TaggedSpan, contents: Sequence[TaggedSpan]) -> bool:
    return any(c.start <= span.start and span.end <= c.end for c in contents)


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def kind_of(text: str, parts: Sequence[tuple[int, int]]) -> str:
    """direct: the content is quotations only; mixed: it holds one; indirect: none."""
    pieces = [text[s:e].strip(" ,.;:—–-") for s, e in parts]
    if all(p[:1] in OPENING and p[-1:] in CLOSING and len(p) > 1 for p in pieces):
        return "direct"
    if any(ch in "\"“”«»" for p in pieces for ch in p):
        return "mixed"
    return "indirect"


def tagged_statements(doc: Doc, tags: Tags) -> list[RawStatement]:
    """Raw statements linked from the tagger's spans (see the module docstring)."""
    text = doc_text(doc)
    where = _Positions(doc, text)
    cues = [c for c in tags.cue if not _inside(c, tags.content)]
    sources = [s for s in tags.source if not _inside(s, tags.content)]
    taken: dict[TaggedSpan, list[TaggedSpan]] = {}
    for content in tags.content:
        first, last = where.sentence(content.start), where.sentence(content.end - 1)
        para = where.paragraph(content.start)
        best, best_key = None, None
        for cue in cues:
            if where.paragraph(cue.start) != para and where.paragraph(cue.start) != where.paragraph(content.end - 1):
                continue
            s = where.sentence(cue.start)
            sentence_gap = 0 if first <= s <= last else min(abs(s - first), abs(s - last))
            if sentence_gap > MAX_SENTENCE_GAP:
                continue
            key = (sentence_gap, _gap(cue, content))
            if best_key is None or key < best_key:
                best, best_key = cue, key
        if best is not None:
            taken.setdefault(best, []).append(content)
    out = []
    for cue, contents in taken.items():
        parts = sorted((c.start, c.end) for c in contents)
        source = _source_of(cue, contents, sources, where)
        probabilities = [cue.probability] + [c.probability for c in contents] + ([source.probability] if source else [])
        out.append(RawStatement(
            kind_of(text, parts), parts, (cue.start, cue.end),
            (source.start, source.end) if source else None,
            confidence=round(min(probabilities), 3),
            extra={"tagger": True},
            evidence={"tagger_cue": cue.probability,
                      "tagger_content": min(c.probability for c in contents),
                      "tagger_source": source.probability if source else 0.0},
        ))
    return sorted(out, key=lambda st: st.content[0])


def _source_of(cue: TaggedSpan, contents: list[TaggedSpan], sources: list[TaggedSpan],
               where: _Positions) -> TaggedSpan | None:
    cue_sentence = where.sentence(cue.start)
    touched = {where.sentence(p) for c in contents for p in (c.start, c.end - 1)}
    best, best_key = None, None
    for source in sources:
        s = where.sentence(source.start)
        if s == cue_sentence:
            rank = 0
        elif min(touched) <= s <= max(touched):
            rank = 1
        else:
            continue
        key = (rank, _gap(source, cue))
        if best_key is None or key < best_key:
            best, best_key = source, key
    return best


def _words(text: str, parts: Sequence[tuple[int, int]]) -> set[int]:
    return {m.start() for s, e in parts for m in WORD.finditer(text, s, e)}


def combine(text: str, rules: list[RawStatement], tagged: list[RawStatement]) -> list[RawStatement]:
    """The rules' statements and the tagger's sure ones in words the rules left (see the module docstring)."""
    rule_words = [w for w in (_words(text, st.content) for st in rules) if w]
    out = list(rules)
    for st in tagged:
        words = _words(text, st.content)
        if not words or st.confidence < MIN_CONFIDENCE:
            continue
        if any(len(w & words) >= SAME_WORDS * min(len(w), len(words)) for w in rule_words):
            continue
        out.append(st)
    return sorted(out, key=lambda st: st.content[0])
