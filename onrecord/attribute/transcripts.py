"""Transcripts: interviews printed as turns, each line opening with its speaker's label.

`Q: How is the body?` / `Rotich: Good. Tired in a good way.` / `LIM: We met in 2016.` /
`Freight Europe Weekly: What went wrong?`: the answer is a direct statement with no
quotation marks and no cue, and its speaker mention is the label. Questions are not
statements, and nothing said inside a turn (an "I think" in an answer, a "you said" in a
question) is a statement of its own: the turn is the unit.

A text is a transcript only where labelled lines recur and follow one another: at least
`MIN_TURNS` of them under at least two labels, one of which answers, and one asks or else
every label names someone the text names elsewhere ("Jess Amari: …" after "singer Jess
Amari"). A label asks rather than answers when it is a question label (data/transcript_labels.txt: Q, Question, Interviewer) or
when most of its turns end in a question mark (`FEW: How?`), so an outlet's or a
journalist's name as a label needs no list.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..detect.quotes import non_blank
from .raw import RawStatement

# A paragraph's label: one to four capitalised words (a name, "Sen. Haugen", "OKONJO-DUARTE",
# "Freight Europe Weekly", "Q"), then a colon and the turn. Digits never start one ("09:10").
# "Q." and "A." stand for "Q:" and "A:".
LABEL = re.compile(
    r"(?:(?P<label>[A-Z][\w'\u2019.\-]*(?:[ \t]+(?:[A-Z&][\w'\u2019.\-]*|of|de|van|von|al|bin|da))"
    r"{0,3})[ \t]*:|(?P<letter>[QA])\.)[ \t]+(?=\S)"
)
MIN_TURNS = 2
LINE = re.compile(r"[^\n]+")
# A label whose turns end in "?" at least this often is the interviewer's.
QUESTION_SHARE = 0.5
# Turns follow one another: at least this share of them comes right after another turn.
ADJACENT_SHARE = 0.5
CONFIDENCE = 0.85
# Labels that stand for whoever answers; resolve names them from the introduction.
ANSWER_LABELS = frozenset(("a", "answer"))


@dataclass(frozen=True, slots=True)
class Turn:
    """One labelled paragraph: the label's span and the turn's words after it."""

    label: tuple[int, int]
    words: tuple[int, int]
    asks: bool
    kind: str  # "name" ("RUIZ:", "Freight Weekly:") or "answer" ("A:", "A.", "Answer:"), for resolve to name


@lru_cache(maxsize=1)
def question_labels() -> frozenset[str]:
    """Labels that always ask (data/transcript_labels.txt), compared in lower case."""
    raw = resources.files("onrecord.data").joinpath("transcript_labels.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds words, its white space cut off: a turn is a line,
    whether blank lines part the turns or not."""
    return non_blank(text, (m.span() for m in LINE.finditer(text)))


def _named_elsewhere(text: str, label: str, spans: list[tuple[int, int]]) -> bool:
    """The label is written somewhere else in the text ("singer Jess Amari", "Lim Wei Ling" for LIM)."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])", re.I if label.isupper() else 0)
    return any(not any(lo <= m.start() < hi for lo, hi in spans) for m in pattern.finditer(text))


def find_turns(text: str) -> list[Turn]:
    """The turns of a transcript, in order; none where the text is not one."""
    found: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    followed = 0  # turns whose next line is a turn too
    previous = -2
    for n, (lo, hi) in enumerate(_lines(text)):
        m = LABEL.match(text, lo, hi)
        if m is not None:
            group = "label" if m.group("label") else "letter"
            found.append((m.group(group), m.span(group), (m.end(), hi)))
            followed += previous == n - 1
            previous = n
    by_label: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for label, _, words in found:
        by_label[label].append(words)
    if len(found) < MIN_TURNS or len(by_label) < 2 or followed < ADJACENT_SHARE * (len(found) - 1):
        return []  # too few turns, one label, or labels heading sections of prose ("Sanders: Win in a walk.")
    asks = {label: label.lower().rstrip(".") in question_labels()
            or sum(text[s:e].rstrip().endswith("?") for s, e in turns) >= QUESTION_SHARE * len(turns)
            for label, turns in by_label.items()}
    if all(asks.values()):
        return []
    if not any(asks.values()):
        # No one asks: people talking ("Jess Amari: …", "Kit Marlowe: …") only where the text
        # names each label elsewhere; "Cast:", "Director:" are lines of another kind.
        labelled = [span for _, span, _ in found]
        if not all(_named_elsewhere(text, label, labelled) for label in by_label):
            return []
    return [Turn(span, words, asks[label], "answer" if label.lower().rstrip(".") in ANSWER_LABELS else "name")
            for label, span, words in found]


def transcript_statements(turns: list[Turn]) -> list[RawStatement]:
    """One direct statement per answer, spoken by its label."""
    return [RawStatement("direct", [t.words], None, t.label, confidence=CONFIDENCE,
                         extra={"quote_rule": "transcript", "turn": t.kind})
            for t in turns if not t.asks]


def outside_turns(statements: list[RawStatement], turns: list[Turn]) -> list[RawStatement]:
    """The statements whose content and cue stand outside every turn: within one, the turn is the statement."""
    spans = [(t.label[0], t.words[1]) for t in turns]

    def inside(pos: int) -> bool:
        return any(lo <= pos < hi for lo, hi in spans)

    return [st for st in statements
            if not inside(st.content[0][0]) and not (st.cue is not None and inside(st.cue[0]))]
