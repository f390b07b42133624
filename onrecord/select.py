"""Which statements a reader wants: a scope, a unit and a confidence floor.

Research groups count attributions differently, and one extraction serves them all:
selection runs on finished Statements, after every stage, the same way for the CLI, the
Python API, the spaCy component, ingest and eval.

- scope `all` keeps what PolNeAR annotates: speech, stances, beliefs, perceptions;
  `speech` keeps statements whose cue is a verb or noun of saying (a Statement's `scope`
  is "speech"); `quotes` keeps direct and mixed statements, whatever their cue.
- unit `statement` keeps a quotation that goes on after its attribution as one statement
  with parts (`"A," X said. "B."`); unit `quote` gives each quoted sentence run its own
  statement where the attribution ends a sentence between them (a quotation broken
  mid-sentence, `"Part one," she said, "part two."`, stays one: it is one sentence).
- `min_confidence` drops statements below it (their `confidence`, calibrated on PolNeAR).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .records import Span, Statement, statement_id

SCOPES = ("all", "speech", "quotes")
UNITS = ("statement", "quote")
QUOTED_KINDS = frozenset(("direct", "mixed"))
SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class Selection:
    """The defaults keep every statement as extracted: PolNeAR's convention."""

    scope: str = "all"
    unit: str = "statement"
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"scope {self.scope!r} is not one of {', '.join(SCOPES)}")
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {', '.join(UNITS)}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence {self.min_confidence!r} is not between 0 and 1")


EVERYTHING = Selection()


def in_scope(st: Statement, scope: str) -> bool:
    """Whether a statement belongs to a scope of SCOPES."""
    if scope == "speech":
        return st.scope == "speech"
    if scope == "quotes":
        return st.kind in QUOTED_KINDS
    return True


def quote_runs(st: Statement) -> list[Statement]:
    """A direct statement cut where its attribution ends a sentence between two parts; else itself."""
    parts = st.content.parts
    if st.kind != "direct" or not parts:
        return [st]
    runs: list[list[tuple[int, int]]] = [[parts[0]]]
    for prev, part in zip(parts, parts[1:]):
        gap = st.content.text[prev[1] - st.content.start:part[0] - st.content.start]
        if gap.rstrip()[-1:] in SENTENCE_END:
            runs.append([part])
        else:
            runs[-1].append(part)
    if len(runs) == 1:
        return [st]
    return [_with_content(st, run) for run in runs]


def _with_content(st: Statement, run: list[tuple[int, int]]) -> Statement:
    start, end = run[0][0], run[-1][1]
    text = st.content.text[start - st.content.start:end - st.content.start]
    content = Span(start, end, text, tuple(run) if len(run) > 1 else None)
    return replace(st, id=statement_id(st.doc, start, end), content=content)


def select(statements: Iterable[Statement], selection: Selection = EVERYTHING) -> list[Statement]:
    """The statements the selection keeps, in their order, cut into units as it says."""
    if selection == EVERYTHING:
        return list(statements)
    out = []
    for st in statements:
        if not in_scope(st, selection.scope) or st.confidence < selection.min_confidence:
            continue
        out += quote_runs(st) if selection.unit == "quote" else [st]
    return out
