"""attribute: link each content (a quote or a clause) to its cue and its speaker mention.

Two finders run side by side: `clause_statements` reads the parse for what a cue
governs, `quote_statements` reads the quotation marks. `merge` makes one list
of them, deciding each statement's kind on the way:

- a clause that is only a quotation ("reiterating that "…"") is that quotation,
  `direct`, with the marks in its content;
- a clause that holds a quotation and words of its own is `mixed`, widened to
  the whole quotation if it cut through one, and the quotation inside it is not
  a statement of its own;
- a clause within a quotation whose cue is inside it too is the quoted person's
  report, not the article's, and is dropped;
- no two statements keep the same content, and none whose cue stands inside another's
  content (reported speech within reported speech is part of the outer statement).

A transcript's answers (`transcripts`) are statements of their own, and nothing found inside
a turn, question or answer, is kept beside them.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ..detect import Cue, Quote
from ..nlp import doc_text
from .clauses import clause_statements
from .quotes import quote_statements
from .raw import RawStatement
from .transcripts import find_turns, outside_turns, transcript_statements

__all__ = ["RawStatement", "attribute", "merge"]

WORD = re.compile(r"\w+")
# Words a clause may add to a quotation and still be only that quotation ("that "…"").
COMPLEMENTIZERS = frozenset(("that",))
# How far a quotation may stand after the clause of its own cue and still finish it.
GAP_CHARS = 40
GAP_WORDS = 3


def attribute(doc: Doc, quotes: list[Quote], cues: list[Cue]) -> list[RawStatement]:
    """Quote statements and clause statements, merged; see the module docstring. In a
    transcript each answer is a statement and what is said within a turn is not."""
    text = doc_text(doc)
    quotes = sorted(quotes, key=lambda q: q.start)
    merged = merge(text, quotes, clause_statements(doc, cues), quote_statements(doc, quotes, cues))
    turns = find_turns(text)
    if not turns:
        return merged
    return sorted(transcript_statements(turns) + outside_turns(merged, turns), key=lambda st: st.content[0][0])


def _words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {m.start() for s, e in spans for m in WORD.finditer(text, s, e)}


def merge(text: str, quotes: list[Quote], clauses: list[RawStatement],
          direct: list[RawStatement]) -> list[RawStatement]:
    """One list from the clause statements and the quote statements (both lists are left unchanged)."""
    quotes = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in quotes]
    quote_words = [_words(text, [(q.inner_start, q.inner_end)]) for q in quotes]
    # The quote statement of each quotation, by the quotation's index.
    by_quote: dict[int, RawStatement] = {}
    for st in direct:
        k = bisect.bisect_right(starts, st.content[0][0]) - 1
        if k >= 0 and quotes[k].start == st.content[0][0]:
            by_quote[k] = st

    def overlapping(start: int, end: int) -> list[int]:
        k = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while k < len(quotes) and quotes[k].start < end:
            if quotes[k].end > start:
                out.append(k)
            k += 1
        return out

    def inside_quote(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < quotes[k].end

    merged: list[RawStatement] = []
    absorbed: set[int] = set()
    for clause in clauses:
        start, end = min(s for s, _ in clause.content), max(e for _, e in clause.content)
        hits = overlapping(start, end)
        if not hits:
            merged.append(_with(clause, kind="indirect"))
            continue
        words = _words(text, clause.content)
        in_quotes = set().union(*(quote_words[k] for k in hits))
        own = {w for w in words - in_quotes if WORD.match(text, w).group().lower() not in COMPLEMENTIZERS}
        if clause.cue is not None and inside_quote(clause.cue[0]) and 2 * len(words & in_quotes) >= len(words):
            continue  # reported within the quotation: the quoted person's words, not the article's
        if len(hits) == 1 and not own:
            k = hits[0]
            if 2 * len(words & quote_words[k]) < len(quote_words[k]) and k in by_quote:
                continue  # a piece of a quotation that is a statement already
            merged.append(_as_quotation(clause, quotes[k], by_quote.get(k)))
            absorbed.add(k)
            continue
        spoken = [k for k in hits if k in by_quote and clause.cue is not None
                  and by_quote[k].cue == clause.cue and clause.cue[0] >= quotes[k].end]
        if spoken:
            # `… she was blunt — "…," Varga said`: what a cue after a quotation says is the
            # quotation; the parse's wider clause is not.
            merged.append(_as_quotation(clause, quotes[spoken[-1]], by_quote[spoken[-1]]))
            absorbed.add(spoken[-1])
            continue
        parts = _widen(clause.content, [quotes[k] for k in hits])
        merged.append(_with(clause, kind="mixed", content=parts))
        lo, hi = parts[0][0], parts[-1][1]
        absorbed.update(k for k in hits if quotes[k].start >= lo and quotes[k].end <= hi)
    by_cue = {st.cue: n for n, st in enumerate(merged) if st.cue is not None}
    for k, st in sorted(by_quote.items()):
        n = by_cue.get(st.cue) if st.cue is not None and len(st.content) == 1 else None
        if k not in absorbed and n is not None and _continues(text, merged[n], quotes[k]):
            merged[n] = _with(merged[n], kind="mixed", content=_widen(merged[n].content + [(quotes[k].start, quotes[k].end)], []))
            absorbed.add(k)
    keyed = {id(st) for st in by_quote.values()}
    merged += [st for k, st in sorted(by_quote.items()) if k not in absorbed]
    merged += [st for st in direct if id(st) not in keyed]
    return _outermost(_without_pieces(_unique(merged)))


def _with(st: RawStatement, **changes) -> RawStatement:
    fields = {name: getattr(st, name) for name in RawStatement.__slots__}
    fields.update(changes)
    fields["extra"] = dict(fields["extra"])
    fields["evidence"] = dict(fields["evidence"])
    return RawStatement(**fields)


def _as_quotation(clause: RawStatement, quote: Quote, quoted: RawStatement | None) -> RawStatement:
    """A clause that is only a quotation: the quotation's span (and split parts), direct.

    The quote statement's speaker wins where it has one: it comes from where the quote
    stands (a colon line, `"…," said X`), which the parse often gets wrong.
    """
    if quoted is not None and quoted.speaker is not None:
        return _with(quoted, confidence=max(quoted.confidence, clause.confidence))
    content = quoted.content if quoted is not None else [(quote.start, quote.end)]
    return _with(clause, kind="direct", content=list(content))


def _continues(text: str, clause: RawStatement, quote: Quote) -> bool:
    """The quotation carries on the clause of the same cue: a few words after it, in its sentence
    (`… after the ending, which "maybe came through"`), where the parse cut the clause short."""
    end = max(e for _, e in clause.content)
    if not 0 <= quote.start - end <= GAP_CHARS:
        return False
    gap = text[end:quote.start]
    return "\n" not in gap and not any(ch in ".?!" for ch in gap) and len(WORD.findall(gap)) <= GAP_WORDS


def _widen(parts: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Move the content's ends out to the edges of any quotation they cut through."""
    parts = sorted(parts)
    first_start, last_end = parts[0][0], parts[-1][1]
    for q in quotes:
        if q.start < first_start < q.end:
            first_start = q.start
        if q.start < last_end < q.end:
            last_end = q.end
    parts[0] = (first_start, parts[0][1])
    parts[-1] = (parts[-1][0], last_end)
    return parts


def _outermost(statements: list[RawStatement]) -> list[RawStatement]:
    """Drop a statement whose cue stands inside another's content: reported speech within
    reported speech belongs to the outer statement (as in PolNeAR, which never nests them)."""
    spans = sorted((s, e) for st in statements for s, e in st.content)
    starts = [s for s, _ in spans]
    reach, furthest = [], -1
    for _, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)

    def covered(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and reach[k] > pos

    def inside_another(st: RawStatement) -> bool:
        pos = st.cue[0]
        return covered(pos) and any(s <= pos < e for other in statements if other is not st
                                    for s, e in other.content)

    return [st for st in statements if st.cue is None or not inside_another(st)]


def _without_pieces(statements: list[RawStatement]) -> list[RawStatement]:
    """Drop a statement that is a piece of another with the same cue: the second half of a
    split quotation (`"…," she said, "…"`) found again from the cue's own clause."""
    by_cue: dict[tuple[int, int], list[RawStatement]] = {}
    for st in statements:
        if st.cue is not None:
            by_cue.setdefault(st.cue, []).append(st)

    def piece_of(st: RawStatement, other: RawStatement) -> bool:
        return other is not st and len(other.content) > len(st.content) and all(
            any(s <= a and b <= e for s, e in other.content) for a, b in st.content)

    return [st for st in statements
            if st.cue is None or not any(piece_of(st, other) for other in by_cue[st.cue])]


def _unique(statements: list[RawStatement]) -> list[RawStatement]:
    """One statement per content; the more confident one stays, and of two as confident the one
    that names a speaker ("said in a statement that …": the verb's, not the noun's)."""
    best: dict[tuple, RawStatement] = {}

    def rank(st: RawStatement) -> tuple[float, bool]:
        return st.confidence, st.speaker is not None

    for st in statements:
        key = tuple(sorted(st.content))
        if key not in best or rank(st) > rank(best[key]):
            best[key] = st
    return list(best.values())
