"""Where and when: the venue the words were first said in and the time they were said.

Each statement reads its own sentence (the one holding the cue, which for a block quote is the
sentence that introduces it), outside anyone's words in quotation marks; a venue with no time
there takes the time of the sentence just before it in the same paragraph. A venue or time phrase there opens a new
occasion; without one, the statement continues the previous statement's occasion when the same
speaker said it with no one else in between. A dated time carries with the occasion; an
undated relative phrase ("in the past", "in a more recent conversation") stays with its sentence,
and a counted one ("five months later") dates from the occasion before. A sentence that sets a
scene but reports no words ("Five months later, appearing on X, Varga sounded less certain.")
opens the occasion of the next statement by the person it names. "told the magazine" and "told
<host>" refer back to the outlet or show already named. A pull quote ("“…” — Name, on X.") takes
only the venue its tag names, never the last occasion.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ..attribute import RawStatement
from ..nlp import doc_text
from ..records import Venue, When
from .venue import find_venues
from .when import after, find_times

QUOTE_MARKS = "\"“”‘’'«»"
RELATIVE_OPENING = re.compile(r"\s+(?:who|whom|whose|which)\s", re.I)
# A generic word for an outlet already named: "told the magazine", "the paper reported".
BACK_REFERENCE = re.compile(
    r"(?<![\w-])(?:told|telling|speaking\s+to|talking\s+to|said\s+to)\s+the\s+"
    r"(?:magazine|paper|newspaper|outlet|publication|site|website|network|station|programme|program|show|podcast)(?![\w-])",
    re.I)

__all__ = ["enrich", "find_times", "find_venues"]


def enrich(doc: Doc, statements: list[RawStatement], published: str | None) -> None:
    """Fill `venue` and `when` in place, carrying them forward within one occasion."""
    text = doc_text(doc)
    quoted = sorted({(a, b) for st in statements for a, b in st.content if text[a:a + 1] in QUOTE_MARKS})
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    ordered = sorted(statements, key=_anchor)
    anchored = {_sentence_of(sentences, _anchor(st)) for st in ordered}
    phrases = _Phrases(text, published)
    # A scene is only read before some statement: none after the last statement's sentence.
    found = _scenes(doc, phrases, sentences[:max(anchored, default=-1) + 1], quoted)
    scenes = {k: v for k, v in found.items() if k not in anchored}
    anchored_scenes = {k: v for k, v in found.items() if k in anchored}
    previous: RawStatement | None = None
    history: list[tuple[Venue | None, When | None]] = []
    for st in ordered:
        i = _sentence_of(sentences, _anchor(st))
        if _pull_quote(text, st):
            venue, when = _pull_quote_occasion(phrases, st, history)
        else:
            venue, when = _occasion(doc, phrases, sentences, st, quoted)
            venue, when = _referred_back(text, sentences[i], quoted, venue, when, history)
            since = _sentence_of(sentences, _anchor(previous)) if previous is not None else -1
            scene = _scene_for(text, sentences, scenes, anchored_scenes, since, i, previous, st)
            if scene is not None and venue is None:
                venue, when = scene[0], when or scene[1]
            elif scene is not None and when is None:
                when = scene[1]
            elif venue is None and when is None and previous is not None and _same_thread(previous, st):
                venue = previous.venue
                when = previous.when if previous.when and previous.when.date else None
        when = _counted_on(when, history)
        if st.venue is None:
            st.venue = venue
        if st.when is None:
            st.when = when
        if venue is not None or (when is not None and when.date):
            history.append((st.venue, st.when))
        previous = st


class _Phrases:
    """The venue and time phrases of one document's pieces of text, each piece read once:
    a sentence's scene and the occasion of each statement in it read the same pieces."""

    def __init__(self, text: str, published: str | None):
        self.text = text
        self.published = published
        self._times: dict[tuple[int, int], list[tuple[int, int, When]]] = {}
        self._venues: dict[tuple[int, int], list[tuple[int, int, Venue]]] = {}

    def times(self, start: int, end: int) -> list[tuple[int, int, When]]:
        found = self._times.get((start, end))
        if found is None:
            found = self._times[(start, end)] = find_times(self.text, start, end, self.published)
        return found

    def venues(self, start: int, end: int) -> list[tuple[int, int, Venue]]:
        found = self._venues.get((start, end))
        if found is None:
            found = self._venues[(start, end)] = find_venues(self.text, start, end)
        return found


def _sentence_of(sentences: list[tuple[int, int]], at: int) -> int:
    return max(bisect.bisect_right(sentences, (at, 1 << 62)) - 1, 0)


def _scenes(doc: Doc, phrases: _Phrases, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> dict[int, tuple[Venue | None, When | None]]:
    """The venue and dated time each sentence sets, read from its main verb ("Five months later,
    appearing on The Long Take podcast in March, Varga sounded less certain.")."""
    text = phrases.text
    out = {}
    for i, (start, end) in enumerate(sentences):
        span = doc.char_span(start, end, alignment_mode="expand")
        at = span.root.idx if span is not None else start
        pieces = _outside(start, end, quoted)
        venues = [v for s, e in pieces for v in phrases.venues(s, e)]
        times = [t for s, e in pieces for t in phrases.times(s, e) if not _in_relative_clause(doc, text, t[0], at)]
        dated = [t for t in times if t[2].date] or times
        when = min(dated, key=lambda t: _distance(t, at))[2] if dated else None
        if venues or (when is not None and when.date):
            out[i] = (min(venues, key=lambda v: _distance(v, at))[2] if venues else None, when)
    return out


def _scene_for(text: str, sentences: list[tuple[int, int]], scenes: dict, anchored_scenes: dict, since: int, i: int,
               previous: RawStatement | None, st: RawStatement) -> tuple[Venue | None, When | None] | None:
    """The last scene after the previous statement and before this one, when it is about this
    speaker: it names them, or they were the one speaking just before."""
    if not st.speaker_name:
        return None
    surname = st.speaker_name.split()[-1]

    def named(k: int) -> bool:
        return bool(re.search(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", text[slice(*sentences[k])]))

    between = [k for k in scenes if since < k < i]
    if between:
        k = max(between)
        return scenes[k] if named(k) or (previous is not None and _same_thread(previous, st)) else None
    # "Oyelaran made the pledge on a call on Tuesday, after Corva reported …": the sentence of
    # someone else's words can still set this speaker's scene.
    if since in anchored_scenes and since < i and previous is not None and not _same_thread(previous, st) and named(since):
        return anchored_scenes[since]
    return None


def _referred_back(text: str, sentence: tuple[int, int], quoted: list[tuple[int, int]], venue: Venue | None,
                   when: When | None, history: list) -> tuple[Venue | None, When | None]:
    """ "told the magazine" is the outlet named last; "told Natarajan" is the show Natarajan hosts."""
    named = [(v, w) for v, w in history if v is not None and v.name]
    if not named:
        return venue, when
    if venue is None:
        for s, e in _outside(*sentence, quoted):
            if BACK_REFERENCE.search(text, s, e):
                return named[-1]
        return venue, when
    if venue.kind == "interview" and venue.name:
        for v, w in reversed(named):
            host = v.interviewer or ""
            if host and (host == venue.name or host.split()[-1] == venue.name.split()[-1]):
                return v, when or w
    return venue, when


def _counted_on(when: When | None, history: list) -> When | None:
    """ "Five months later" dates from the occasion before, or stays undated."""
    if when is None or when.date:
        return when
    base = next((w.date for _v, w in reversed(history) if w is not None and w.date), None)
    return after(when.text or "", base) or when


def _pull_quote(text: str, st: RawStatement) -> bool:
    """ "“…” — Ilse Varga, on The Long Take.": a quote set off with a dash and a name, no verb."""
    if st.cue is not None or st.speaker is None or st.speaker[0] < st.content[-1][1]:
        return False
    return any(d in text[st.content[-1][1]:st.speaker[0]] for d in "—–")


def _pull_quote_occasion(phrases: _Phrases, st: RawStatement, history: list) -> tuple[Venue | None, When | None]:
    """Its own venue phrase, or an outlet named earlier that the tag names; never the last one."""
    text = phrases.text
    line_end = text.find("\n", st.speaker[1])
    tail = (st.speaker[1], len(text) if line_end < 0 else line_end)
    found = phrases.venues(*tail)
    if found:
        return found[0][2], None
    for v, w in reversed(history):
        if v is not None and v.name and re.search(r"(?<![\w-])" + re.escape(v.name) + r"(?![\w-])", text[slice(*tail)]):
            return v, w
    return None, None


def _anchor(st: RawStatement) -> int:
    return st.cue[0] if st.cue else (st.speaker or st.content[0])[0]


def _same_thread(previous: RawStatement, st: RawStatement) -> bool:
    return bool(st.speaker_name) and previous.speaker_name == st.speaker_name


def _occasion(doc: Doc, phrases: _Phrases, sentences: list[tuple[int, int]], st: RawStatement,
              quoted: list[tuple[int, int]]) -> tuple[Venue | None, When | None]:
    """The venue and time phrases nearest the cue in its sentence, outside anyone's quoted words."""
    text = phrases.text
    at = _anchor(st)
    i = _sentence_of(sentences, at)
    pieces = _outside(*sentences[i], quoted)
    venues = [v for s, e in pieces for v in phrases.venues(s, e)]
    times = [t for s, e in pieces for t in phrases.times(s, e) if not _in_relative_clause(doc, text, t[0], at)]
    venue = min(venues, key=lambda v: _distance(v, at))[2] if venues else None
    when = min(times, key=lambda t: _distance(t, at))[2] if times else None
    if venue is not None and when is None and i > 0 and "\n" not in text[sentences[i - 1][1]:sentences[i][0]]:
        # "Okoro struck a different tone on Sunday. In a post on Instagram, he wrote…"
        earlier = [t for s, e in _outside(*sentences[i - 1], quoted) for t in phrases.times(s, e)]
        when = earlier[-1][2] if earlier else None
    return venue, when


def _in_relative_clause(doc: Doc, text: str, start: int, at: int) -> bool:
    """ "Ashby, who co-founded the band in 2004, said…": that time belongs to the clause, not the words."""
    phrase = doc.char_span(start, start + 1, alignment_mode="expand")
    cue = doc.char_span(at, at + 1, alignment_mode="expand")
    if phrase is None or cue is None:
        return False
    comma = text.rfind(",", phrase.sent.start_char, start)
    if comma >= 0 and RELATIVE_OPENING.match(text, comma + 1) and start < text.find(",", start) < at:
        return True  # the parse can miss the clause ("who co-founded the band in 2004,")
    cue_line = {cue.root.i} | {a.i for a in cue.root.ancestors}
    for a in phrase.root.ancestors:
        if a.i in cue_line:
            return False
        if a.dep_ in ("relcl", "acl"):
            return True
    return False


def _distance(found: tuple[int, int, object], at: int) -> int:
    s, e, _ = found
    return 0 if s <= at < e else min(abs(s - at), abs(e - at))


def _outside(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) minus the spans (sorted), as pieces."""
    out, pos = [], start
    for s, e in spans:
        if e <= pos or s >= end:
            continue
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        out.append((pos, end))
    return out
