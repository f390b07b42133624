"""Where and when: the venue the words were first said in and the time they were said.

Each statement reads its own sentence (the one holding the cue, which for a block quote is the
sentence that introduces it), outside anyone's words in quotation marks and outside its own
content: an occasion (enrich.occasions, read from the parse) attached to the cue, to a clause
hanging off it ("Speaking on X, …") wins over one elsewhere in the sentence; a venue with no
time there takes the time of the sentence just before it in the same paragraph. A venue or time
phrase opens a new occasion; without one, the statement continues the previous statement's
occasion when the same speaker said it, the shared occasion (a hearing, a briefing) the text is
at, or else the occasion its speaker was last placed in, whoever spoke in between. A dated time
carries with the occasion; an undated relative phrase ("in the past", "in a more recent
conversation") stays with its sentence, and a counted one ("five months later") dates from the
occasion before. A
sentence that sets a scene but reports no words ("X took questions at a press conference on
Friday.") opens the occasion of the next statement by the person it names, or by anyone when it
names no other speaker. "told the magazine" and "told <host>" refer back to the outlet or show
already named. A pull quote ("“…” — Name, on X.") takes only the venue its tag names.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..attribute import RawStatement
from ..attribute.transcripts import find_turns
from ..nlp import doc_text, per_doc
from ..records import Venue, When
from ..resolve import Entities, find_entities
from .occasions import Occasion, byline, find_occasions, institutions
from .when import POSSESSIVE, after, find_times

QUOTE_MARKS = "\"“”‘’'«»"
CLOCK = re.compile(r"\d[:.]\d|\d\s*[ap]\.?m", re.I)
# a wire dateline: a place in capitals and a day, then the agency and a dash
DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*, ")
DATELINE_END = re.compile(r"(?: \([^()\n]{1,40}\))? ?[-–—]")
# a weekday's event the lede's words were said at: "at Friday's weigh-in", "after Monday's vote"
AT_EVENT = re.compile(r"(?<![\w-])(?:at|during|after|following)\s+$", re.I)
LATER_WORDS = frozenset({"later", "since", "subsequently", "afterwards"})
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
RELATIVE_OPENING = re.compile(r"\s+(?:who|whom|whose|which)\s", re.I)

__all__ = ["enrich", "find_occasions", "find_times"]

Found = tuple[Venue | None, When | None]


def enrich(doc: Doc, statements: list[RawStatement], published: str | None) -> list[Found]:
    """The venue and time of each statement, in the order given, carried forward within one
    occasion."""
    text = doc_text(doc)
    contents = sorted({part for st in statements for part in st.content})
    quoted = [(a, b) for a, b in contents if text[a:a + 1] in QUOTE_MARKS]
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    order = sorted(range(len(statements)), key=lambda k: _anchor(statements[k]))
    anchored = {_sentence_of(sentences, _anchor(statements[k])) for k in order}
    people = frozenset(st.speaker_name for st in statements if st.speaker_name)
    phrases = _Phrases(doc, text, published, people, statements)
    named_institutions = institutions(doc)
    # A scene is only read before some statement: none after the last statement's sentence; and
    # none inside anyone's words, quoted or not, nor inside a transcript's turn, a question's or an answer's.
    turns = sorted({(t.label[0], t.words[1]) for t in find_turns(text)})
    found_scenes = _scenes(doc, phrases, sentences[:max(anchored, default=-1) + 1], sorted(set(contents) | set(turns)))
    found_scenes = {k: (replace(o, venue=_institution_named(o.venue, named_institutions)) if o is not None else None, w)
                    for k, (o, w) in found_scenes.items()}
    scenes = {k: v for k, v in found_scenes.items() if k not in anchored}
    background = {k for k, (occasion, _when) in scenes.items() if occasion is None and _impersonal(doc, sentences[k])}
    anchored_scenes = {k: v for k, v in found_scenes.items() if k in anchored}
    peg = _news_peg(phrases, sentences, quoted)
    stamps = _time_stamps(text, published)
    results: dict[int, Found] = {}
    own: set[int] = set()  # statements whose own sentence or scene gave them an occasion
    previous: RawStatement | None = None
    history: list[_Said] = []
    last_of: dict[str, Found] = {}  # each speaker's last occasion
    last_turn: int | None = None  # the transcript's last answer: its occasion is the transcript's
    for k in order:
        st = statements[k]
        i = _sentence_of(sentences, _anchor(st))
        if _pull_quote(text, st):
            venue, when = _pull_quote_occasion(phrases, st, history)
        else:
            occasion, when = _occasion(doc, phrases, sentences, st, quoted, contents)
            own_time = when is not None and when.date
            since = _sentence_of(sentences, _anchor(previous)) if previous is not None else -1
            last_of.update(_placed_by_scenes(text, sentences, scenes, since, i, people))
            scene = _scene_for(text, sentences, scenes, anchored_scenes, since, i, previous, st, people,
                               background)
            venue = occasion.venue if occasion is not None else None
            venue = _institution_named(venue, named_institutions)
            if occasion is not None and occasion.host_only:
                # "Pressed by the presenter, Gwen Talbot, she said": the host of the scene's show
                base = scene[0] if scene is not None and scene[0] is not None else next(
                    (h.venue for h in reversed(history) if h.venue is not None and h.venue.name), None)
                earlier_scene = max((k for k, sc in scenes.items() if k < i and sc[0] is not None and sc[0].venue.name),
                                    default=None)
                if base is None and earlier_scene is not None:
                    base = scenes[earlier_scene][0].venue
                    when = when or scenes[earlier_scene][1]
                if base is not None and base.name:
                    venue = Venue(base.kind, base.name, occasion.venue.interviewer, base.text)
                    when = when or (scene[1] if scene is not None else None)
            venue, when = _referred_back(occasion, venue, when, history, st.speaker_name)
            if scene is not None and scene[0] is not None:
                venue = _on_the_show(venue, scene[0])
            if when is not None and not when.date and scene is not None and scene[1] is not None and scene[1].date:
                when = after(when.text or "", scene[1].date) or when  # "afterwards": the scene's day
            if scene is not None and venue is None:
                venue, when = scene[0], when or scene[1]
                if venue is not None and venue.kind == "interview" and venue.interviewer and not venue.name:
                    # "She told a tent at the Festival …", then "She was in conversation with the critic
                    # Rohan Kapadia": the person she talked with at the occasion she was at
                    venue, when = _referred_back(None, venue, when, history, st.speaker_name)
            elif scene is not None and when is None:
                when = scene[1]
            if venue is not None or when is not None:
                own.add(k)
            elif previous is not None and _same_thread(previous, st):
                venue, last_when = results[_index(statements, previous)]  # the same speaker goes on
                when = last_when if last_when and last_when.date else None
            elif _turn(st) and last_turn is not None:
                # every answer of a transcript is given at the occasion its introduction sets,
                # whoever gives it ("Weekend Plate's Harriet Oyelowo sat down with the pair")
                venue, last_when = results[last_turn]
                when = last_when if last_when and last_when.date else None
            elif history and (_shared(history[-1].venue) and not _placed_elsewhere(last_of, st.speaker_name, history[-1])
                              or _returns(history, st.speaker_name)):
                # someone else speaks at the same hearing or briefing, or the speaker comes back to
                # the occasion the text is still at after someone else's words
                venue, last_when = history[-1].venue, history[-1].when
                when = last_when if last_when and last_when.date else None
            elif st.speaker_name and last_of.get(st.speaker_name, (None, None))[0] is not None:
                # the speaker goes on with the occasion they were last placed in (an interview
                # belongs to its interviewee), whoever spoke in between
                venue, last_when = last_of[st.speaker_name]
                when = last_when if last_when and last_when.date else None
            stamp = _stamp_before(stamps, _anchor(st))
            if stamp is not None and not own_time:
                when = stamp  # a live blog's entry: its time stamp dates it, not an earlier entry's time
        when = _counted_on(when, history, _event_day(phrases, sentences, quoted, i, when) or peg)
        results[k] = (venue, when)
        if st.speaker_name:
            last_of[st.speaker_name] = (venue, when)
        if _turn(st):
            last_turn = k
        if venue is not None or (when is not None and when.date):
            history.append(_Said(venue, when, st.speaker_name, i))
        previous = st
    set_by_scenes = [_Said(scene[0].venue, scene[1], None, k) for k, scene in sorted(found_scenes.items())
                     if scene[0] is not None]
    _lede_takes_first_occasion(statements, order, results, own, history + set_by_scenes, text, sentences)
    placed = sorted([(_anchor(statements[k]), results[k]) for k in order]
                    + [(sentences[i][0], _venue_of(scene)) for i, scene in found_scenes.items()], key=lambda p: p[0])
    found = _one_occasion_each([found for _at, found in placed], [results[k] for k in range(len(statements))], peg)
    # the lede's day dates what is left undated, but for words said later ("Adler later wrote …")
    return [(_host_in_full(venue, doc),
             peg if peg is not None and (when is None or not when.date) and not _said_later(doc, statements[k]) else when)
            for k, (venue, when) in enumerate(found)]


def _said_later(doc: Doc, st: RawStatement) -> bool:
    """The cue's verb says its words came after the day the text is at: "later", "since",
    "subsequently" on it ("Adler later wrote on Instagram")."""
    if st.cue is None:
        return False
    return any(c.dep_ == "advmod" and c.lower_ in LATER_WORDS for c in doc[_token_at(doc, st.cue[0])].children)


@per_doc
def _full_names(doc: Doc) -> dict[str, set[str]]:
    """Each name the article writes in full (a run of two or more proper nouns), under its last
    word: "Theo Marchetti" under "Marchetti"."""
    names: dict[str, set[str]] = {}
    run: list = []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.is_title and (not run or run[-1].whitespace_ == " "):
            run.append(tok)
            continue
        if len(run) >= 2:
            names.setdefault(run[-1].text, set()).add(" ".join(t.text for t in run))
        run = [tok] if tok is not None and tok.pos_ == "PROPN" and tok.is_title else []
    return names


def _host_in_full(venue: Venue | None, doc: Doc) -> Venue | None:
    """A host or journalist named by surname alone ("told Marchetti") is the one person the article
    names in full with that surname; so is a one-word "outlet" told something, when it is that
    surname ("Paola Venturi of the Gazzetta" … "he told Venturi")."""
    if venue is None:
        return venue
    if venue.interviewer and " " not in venue.interviewer:
        full = _full_names(doc).get(venue.interviewer, set())
        return replace(venue, interviewer=next(iter(full))) if len(full) == 1 else venue
    if not venue.interviewer and venue.kind == "interview" and venue.name and " " not in venue.name:
        full = _full_names(doc).get(venue.name, set())
        return replace(venue, name=None, interviewer=next(iter(full))) if len(full) == 1 else venue
    return venue


def _time_stamps(text: str, published: str | None) -> list[tuple[int, When]]:
    """A live blog's time stamps: a line that is only a clock time ("17:15", "9.05am"), or one
    followed by the entry's heading ("14:47 Business reaction", no full stop), opens an entry,
    dated by the day heading above it ("Thursday 4 July", a line that is only a date), else the
    blog's day (the publication date). A wire story's dateline ("OSLO, July 22 (Agency) - ")
    opens its story as a stamp does, dated its day: a round-up has several."""
    stamps = []
    day = published
    for line in re.finditer(r"(?m)^[ \t]*(\S[^\n]{0,80}?)[ \t]*$", text):
        found = find_times(text, line.start(1), line.end(1), published)
        if not found or not found[0][2].date:
            continue
        start, end, first = found[0]
        if CLOCK.search(first.text):
            if start == line.start(1) and (end == line.end(1) or not SENTENCE_END.search(line.group(1))):
                stamps.append((start, When(first.text, day, "day")))
        elif all(w.precision == "day" for _s, _e, w in found) \
                and re.fullmatch(r"[\s,]*", re.sub("|".join(re.escape(w.text) for _s, _e, w in found), "", line.group(1))):
            day = found[-1][2].date  # a day heading: "Thursday 4 July"
    for line in DATELINE.finditer(text):
        found = find_times(text, line.end(), min(len(text), line.end() + 40), published)
        if found and found[0][0] == line.end() and found[0][2].precision == "day" and found[0][2].date \
                and DATELINE_END.match(text, found[0][1]):
            stamps.append((line.start(), found[0][2]))
    return sorted(stamps, key=lambda stamp: stamp[0])


def _stamp_before(stamps: list[tuple[int, When]], at: int) -> When | None:
    """The time stamp of the live blog's entry that holds `at`."""
    k = bisect.bisect_right([s for s, _w in stamps], at)
    return stamps[k - 1][1] if k else None


@dataclass(frozen=True, slots=True)
class _Said:
    """An occasion a statement was placed in: carried on, referred back to."""

    venue: Venue | None
    when: When | None
    speaker: str | None
    sentence: int


# Occasions where several people speak: a statement with no occasion of its own that follows
# one is taken to be made there, whoever makes it.
_FINENESS = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4}
SHARED_KINDS = frozenset({"hearing", "press_conference", "meeting", "speech"})


def _returns(history: list[_Said], speaker: str | None) -> bool:
    """The speaker's own last occasion is the one the text was last at."""
    mine = next((h for h in reversed(history) if h.speaker == speaker and h.venue is not None), None) if speaker else None
    last = history[-1]
    if mine is None or last.venue is None or (mine.venue.kind, mine.venue.name) != (last.venue.kind, last.venue.name):
        return False
    days = {h.when.date for h in (mine, last) if h.when is not None and h.when.date}
    return len(days) < 2  # two press conferences on different days are two occasions


def _placed_elsewhere(last_of: dict[str, Found], speaker: str | None, last: _Said) -> bool:
    """The speaker was placed at another occasion of their own, with its own date, before someone
    else's press conference or hearing: they go back to theirs ("Wielgosz told a press conference on
    Friday …; Garvey-Ndlovu, who held her own on Thursday, said …; Wielgosz said …")."""
    venue, when = last_of.get(speaker, (None, None)) if speaker else (None, None)
    return venue is not None and when is not None and bool(when.date) and last.speaker != speaker \
        and (venue, when) != (last.venue, last.when)


def _shared(venue: Venue | None) -> bool:
    return venue is not None and venue.kind in SHARED_KINDS


def _lede_takes_first_occasion(statements: list[RawStatement], order: list[int], results: dict[int, Found],
                               own: set[int], history: list[_Said], text: str, sentences: list[tuple[int, int]]) -> None:
    """ "The minister has admitted …" and then "She made the admission on X on Tuesday.": a
    statement in the opening paragraph before any occasion takes the first one, when it is the
    same speaker's, set by a scene, or one where several speak, and it comes in the next
    paragraph at the latest; a time of the statement's own that could be the occasion's
    ("… the health officer said Thursday.") does not keep it from it."""
    first = min((h for h in history if h.venue is not None), key=lambda h: h.sentence, default=None)
    if first is None:
        return
    first_start = sentences[first.sentence][0]
    paragraphs_between = text.count("\n\n", 0, first_start)
    for k in order:
        st = statements[k]
        if _anchor(st) >= first_start:
            break
        if k in own and not _same_time(results[k][1], first.when) or results[k][0] is not None \
                or text.count("\n\n", 0, _anchor(st)) > 0 or paragraphs_between > 1:
            continue  # "… the minister said on Wednesday." then "She told the Forum …": one event
        if st.speaker_name == first.speaker or first.speaker is None or _shared(first.venue):
            results[k] = (first.venue, results[k][1] or first.when)


def _same_time(own: When | None, occasion: When | None) -> bool:
    """A statement's own time could be the occasion's: either is undated, or one date holds the other."""
    if own is None or not own.date or occasion is None or not occasion.date:
        return True
    return own.date.startswith(occasion.date) or occasion.date.startswith(own.date)


def _news_peg(phrases: _Phrases, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> When | None:
    """The day the lede gives, outside anyone's words ("Deshpande said … after rain washed out
    the final day on Monday", "Dockers began a strike on Tuesday"): the day of the words the text
    dates no other way, as news writes the day of its event once, at the top. The lede is the
    first paragraph written in sentences: a headline or a byline ends with no full stop."""
    text = phrases.text
    lede = next((m for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)
                 if SENTENCE_END.search(m.group(0))), None)
    if lede is None:
        return None
    for start, stop in sentences:
        if stop <= lede.start() or start >= lede.end():
            continue
        for s, e, when in phrases.times(start, stop):
            if when.precision == "day" and _within(_outside(start, stop, quoted), s, e) \
                    and not (POSSESSIVE.match(text, e) and not AT_EVENT.search(text, max(start, s - 12), s)):
                return when  # "at Friday's weigh-in" dates the lede, "for Saturday's derby" an event ahead
    return None


def _one_occasion_each(in_order: list[Found], found: list[Found], peg: When | None) -> list[Found]:
    """What one mention of an occasion says holds for all its mentions in the article: a
    hearing or briefing named once is that one wherever it goes unnamed ("told the committee"),
    a named occasion's host and date, given once, are given for all its statements. A date
    given only later (the committee told again "on Wednesday") does not go back over the
    lede's day (`peg`) at a hearing, briefing or meeting."""
    names: dict[str, list[Venue]] = {}
    hosts: dict[tuple[str, str], set[str]] = {}
    for venue, _when in in_order:
        if venue is None or not venue.name:
            continue
        if venue.kind in SHARED_KINDS and all(v.name != venue.name for v in names.get(venue.kind, [])):
            names.setdefault(venue.kind, []).append(venue)
        if venue.interviewer:
            hosts.setdefault((venue.kind, venue.name), set()).add(venue.interviewer)

    def whole(venue: Venue | None) -> Venue | None:
        if venue is not None and not venue.name and len(names.get(venue.kind, [])) == 1:
            venue = names[venue.kind][0]
        if venue is not None and venue.name and not venue.interviewer and len(hosts.get((venue.kind, venue.name), ())) == 1:
            venue = Venue(venue.kind, venue.name, next(iter(hosts[(venue.kind, venue.name)])), venue.text)
        return venue

    # an undated mention takes the date the occasion last had before it, else the lede's day, else
    # the first after it
    dated: list[tuple[int, tuple[str, str | None], When]] = []
    for at, (venue, when) in enumerate(in_order):
        venue = whole(venue)
        if venue is not None and when is not None and when.date:
            dated.append((at, (venue.kind, venue.name), when))
    out = []
    for venue, when in found:
        venue = whole(venue)
        if venue is not None and (venue.name or venue.kind in SHARED_KINDS) and (when is None or not when.date):
            key = (venue.kind, venue.name)
            at = next((j for j, (v, w) in enumerate(in_order) if whole(v) == venue and w is when), None)
            before = [w for j, k, w in dated if k == key and (at is None or j <= at)]
            after_ = [w for j, k, w in dated if k == key]
            when = before[-1] if before else peg if peg is not None and _shared(venue) else (after_ or [when])[0]
        out.append((venue, when))
    return out


def _index(statements: list[RawStatement], st: RawStatement) -> int:
    return next(k for k, other in enumerate(statements) if other is st)


class _Phrases:
    """The occasions and time phrases of one document's sentences, each sentence read once:
    a sentence's scene and the occasion of each statement in it read the same phrases."""

    def __init__(self, doc: Doc, text: str, published: str | None, people: frozenset[str],
                 statements: list[RawStatement]):
        self.doc = doc
        self.text = text
        self.published = published
        self.people = people
        self.statements = statements
        self._entities: Entities | None = None  # read only for an occasion named by its organiser's noun
        self._times: dict[tuple[int, int], list[tuple[int, int, When]]] = {}
        self._occasions: dict[tuple[int, int], list[Occasion]] = {}
        self.writer = byline(text)

    def times(self, start: int, end: int) -> list[tuple[int, int, When]]:
        found = self._times.get((start, end))
        if found is None:
            found = self._times[(start, end)] = find_times(self.text, start, end, self.published)
        return found

    def occasions(self, start: int, end: int) -> list[Occasion]:
        found = self._occasions.get((start, end))
        if found is None:
            found = [self._named_organiser(self._named_writer(o))
                     for o in find_occasions(self.doc, start, end, self.people, self.published)]
            self._occasions[(start, end)] = found
        return found


    def _named_organiser(self, occasion: Occasion) -> Occasion:
        """ "the company's earnings call": named after the organisation "the company" refers to,
        found as resolve finds it for "the company said"."""
        if occasion.organiser < 0 or occasion.venue.name:
            return occasion
        if self._entities is None:
            self._entities = find_entities(self.doc, self.statements)
        noun = self.doc[occasion.organiser]
        span = self.doc[noun.left_edge.i:noun.i + 1]
        name = self._entities.organisation_meant(span, noun.lemma_.lower(), self.people)
        v = occasion.venue
        return replace(occasion, venue=Venue(v.kind, name, v.interviewer, v.text)) if name else occasion

    def _named_writer(self, occasion: Occasion) -> Occasion:
        """ "told me": the article's writer, named by its byline, asked."""
        if not occasion.to_writer or not self.writer:
            return occasion
        v = occasion.venue
        return replace(occasion, venue=Venue(v.kind, v.name, self.writer, v.text))


def _institution_named(venue: Venue | None, named: dict[str, str]) -> Venue | None:
    """ "told the council", "packed the council chambers" where the text names "Marlow Springs City
    Council": the body the text names by a word of the phrase, its last first."""
    if venue is None or venue.name or not venue.text:
        return venue
    found = next((named[w] for w in reversed(venue.text.lower().split()) if w in named), None)
    return Venue(venue.kind, found, venue.interviewer, venue.text) if found else venue


def _sentence_of(sentences: list[tuple[int, int]], at: int) -> int:
    return max(bisect.bisect_right(sentences, (at, 1 << 62)) - 1, 0)


def _within(pieces: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in pieces)


def _scenes(doc: Doc, phrases: _Phrases, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> dict[int, tuple[Occasion | None, When | None]]:
    """The occasion and dated time each sentence sets, read from its main verb ("Five months
    later, appearing on The Long Take podcast in March, Varga sounded less certain.")."""
    text = phrases.text
    out = {}
    for i, (start, end) in enumerate(sentences):
        at = _root_at(doc, start, end)
        pieces = _outside(start, end, quoted)
        # "residents packed the council chambers": an occasion where several speak, named before or
        # after, is set again by the scene; "told the magazine" sets none
        occasions = [o for o in phrases.occasions(start, end)
                     if not (o.cue_only or o.back_reference and o.venue.kind not in SHARED_KINDS or o.host_only)
                     and _within(pieces, *_head_span(doc, o))]
        occasion = min(occasions, key=lambda o: (-_facts(o), _distance((o.start, o.end, None), at))) if occasions else None
        # "Aaltonen, speaking at a press conference on Tuesday evening, was …": a clause that sets
        # the occasion dates it; any other relative clause ("who joined in 2015") dates nothing
        clause = _clause_of(doc, occasion.head) if occasion is not None else None
        times = [t for t in phrases.times(start, end)
                 if _within(pieces, t[0], t[1]) and (not _in_relative_clause(doc, text, t[0], at)
                                                     or clause is not None and _clause_of(doc, _token_at(doc, t[0])) == clause)]
        dated = [t for t in times if t[2].date] or times
        when = min(dated, key=lambda t: _distance(t, at))[2] if dated else None
        when = occasion.when if occasion is not None and occasion.when else when
        if occasion is not None or (when is not None and when.date):
            out[i] = (occasion, when)
    return out


def _scene_for(text: str, sentences: list[tuple[int, int]], scenes: dict, anchored_scenes: dict, since: int, i: int,
               previous: RawStatement | None, st: RawStatement, people: frozenset[str],
               background: set[int]) -> Found | None:
    """The last scene after the previous statement and before this one, when it is about this
    speaker: it names them, they were the one speaking just before, or it sets an occasion and
    names no other speaker ("The coach took questions at a press conference on Friday."). A
    background event ("Two residents died in the fire on 3 February last year.") is no scene
    unless it names the speaker."""
    if not st.speaker_name:
        return None
    surname = st.speaker_name.split()[-1]

    def mentions(k: int, name: str) -> bool:
        return _mentions(text, sentences[k], name)

    def about(k: int, scene: tuple[Occasion | None, When | None]) -> bool:
        if mentions(k, surname) or (previous is not None and _same_thread(previous, st)):
            return True
        others = {p.split()[-1] for p in people} - {surname}
        return scene[0] is not None and not any(mentions(k, other) for other in others)

    between = [k for k in scenes if since < k < i and not (k in background and not mentions(k, surname))]
    if between:
        k = max(between)
        if not about(k, scenes[k]):
            return None
        venue, when = _venue_of(scenes[k])
        if when is None:
            # "19:42" on a line of its own, then "The minister has just spoken to reporters.": one scene
            dated = [j for j in between if scenes[j][1] is not None and scenes[j][1].date]
            when = scenes[max(dated)][1] if dated else None
        return venue, when
    # "Oyelaran made the pledge on a call on Tuesday, after Corva reported …": the sentence of
    # someone else's words can still set this speaker's scene.
    if since in anchored_scenes and since < i and previous is not None and not _same_thread(previous, st) \
            and mentions(since, surname):
        return _venue_of(anchored_scenes[since])
    return None


def _impersonal(doc: Doc, sentence: tuple[int, int]) -> bool:
    """ "Two residents died …", "The umpires abandoned play at 2.40pm": a sentence whose subject is
    no person named or referred to; a time stamp on a line of its own has no subject and is not."""
    span = doc.char_span(*sentence, alignment_mode="expand")
    if span is None:
        return False
    subjects = [t for t in span.root.children if t.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(t.pos_ not in ("PRON", "PROPN") for t in subjects)


def _placed_by_scenes(text: str, sentences: list[tuple[int, int]], scenes: dict, since: int, i: int,
                      people: frozenset[str]) -> dict[str, Found]:
    """ "Ndlovu-Pryce made the concession on Morning Agenda on Tuesday.": a scene that names one
    speaker and sets an occasion places that speaker there, for their words before and after it."""
    placed = {}
    for k in sorted(k for k in scenes if since < k < i and scenes[k][0] is not None):
        named = [p for p in people if _mentions(text, sentences[k], p.split()[-1])]
        if len(named) == 1:
            placed[named[0]] = _venue_of(scenes[k])
    return placed


def _mentions(text: str, sentence: tuple[int, int], name: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text[slice(*sentence)]) is not None


def _venue_of(scene: tuple[Occasion | None, When | None]) -> Found:
    occasion, when = scene
    return (occasion.venue if occasion is not None else None), when


def _referred_back(occasion: Occasion | None, venue: Venue | None, when: When | None, history: list[_Said],
                   speaker: str | None) -> Found:
    """ "told the magazine", "ended the interview", "told the committee": the occasion named
    before, the speaker's own first; "told Natarajan" is the show Natarajan hosts; "Pressed by the
    presenter, Gwen Talbot" names the host of the occasion the speaker is in."""
    placed = [h for h in history if h.venue is not None]
    if occasion is not None and occasion.back_reference:
        mine = [h for h in placed if h.speaker == speaker]
        same_kind = [h for h in placed if venue is not None and h.venue.kind == venue.kind]
        named = [h for h in placed if h.venue.name]
        for candidates in (mine, same_kind, named):
            if candidates:
                return candidates[-1].venue, when or candidates[-1].when
        return (venue if venue is not None and not occasion.venue.name and occasion.venue.kind != "interview" else None), when
    if venue is None or not placed:
        return venue, when
    last = placed[-1]
    if not (venue.name or venue.interviewer) and (when is None or not when.date) and last.venue.kind == venue.kind:
        return last.venue, last.when  # "told analysts" after "on a call with analysts": the same call
    if venue.kind != "interview":
        return venue, when
    if venue.interviewer and not venue.name and last.venue.name and not last.venue.interviewer and last.speaker == speaker:
        return Venue(last.venue.kind, last.venue.name, venue.interviewer, last.venue.text), when or last.when
    told = venue.interviewer or venue.name
    if told and not (venue.name and venue.interviewer):
        for h in reversed(placed):
            host = h.venue.interviewer or ""
            if host and (host == told or host.split()[-1] == told.split()[-1]):
                return h.venue, when or h.when
    return venue, when


def _on_the_show(venue: Venue | None, scene: Venue) -> Venue | None:
    """ "X was a guest on The Night Shift, Callum Reddy's programme." and then "she told Reddy":
    the person told is the host of the show the scene just set."""
    if venue is None or venue.kind != "interview" or venue.name or not venue.interviewer or not scene.name:
        return venue
    host = scene.interviewer or venue.interviewer
    if host.split()[-1] != venue.interviewer.split()[-1] or scene.kind not in ("podcast", "broadcast", "interview"):
        return venue
    return Venue(scene.kind, scene.name, host, scene.text)


def _counted_on(when: When | None, history: list[_Said], peg: When | None) -> When | None:
    """ "Five months later" dates from the occasion before, "that afternoon" is its day; with none
    before, "moments after the final whistle" is the day the lede gives (the news peg); or stays undated."""
    if when is None or when.date:
        return when
    base = next((h.when.date for h in reversed(history) if h.when is not None and h.when.date),
                peg.date if peg is not None else None)
    return after(when.text or "", base) or when


def _event_day(phrases: _Phrases, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]], i: int,
               when: When | None) -> When | None:
    """ "after the talks" where an earlier sentence says "ended two days of trade talks on Tuesday":
    the day the text gives that event, counted from when no statement before is dated."""
    if when is None or when.date or not when.text:
        return None
    event = when.text.split()[-1].lower()
    for s, e in reversed(sentences[:i]):
        if re.search(r"(?<![\w-])" + re.escape(event) + r"(?![\w-])", phrases.text[s:e], re.I):
            days = [t[2] for t in phrases.times(s, e) if t[2].precision == "day" and t[2].date
                    and _within(_outside(s, e, quoted), t[0], t[1])]
            if days:
                return days[0]
    return None


def _pull_quote(text: str, st: RawStatement) -> bool:
    """ "“…” — Ilse Varga, on The Long Take.": a quote set off with a dash and a name, no verb."""
    if st.cue is not None or st.speaker is None or st.speaker[0] < st.content[-1][1]:
        return False
    return any(d in text[st.content[-1][1]:st.speaker[0]] for d in "—–")


def _pull_quote_occasion(phrases: _Phrases, st: RawStatement, history: list[_Said]) -> Found:
    """Its own occasion, or an outlet named earlier that the tag names; never the last one."""
    text = phrases.text
    line_end = text.find("\n", st.speaker[1])
    tail = (st.speaker[1], len(text) if line_end < 0 else line_end)
    found = [o for o in phrases.occasions(*tail) if not o.cue_only and not o.back_reference]
    if found:
        return found[0].venue, found[0].when
    for v, w in ((h.venue, h.when) for h in reversed(history)):
        if v is not None and v.name and re.search(r"(?<![\w-])" + re.escape(v.name) + r"(?![\w-])", text[slice(*tail)]):
            return v, w
    return None, None


def _anchor(st: RawStatement) -> int:
    return st.cue[0] if st.cue else (st.speaker or st.content[0])[0]


def _turn(st: RawStatement) -> bool:
    """An answer of a transcript (attribute.transcripts)."""
    return st.extra.get("quote_rule") == "transcript"


def _same_thread(previous: RawStatement, st: RawStatement) -> bool:
    return bool(st.speaker_name) and previous.speaker_name == st.speaker_name


def _head_span(doc: Doc, occasion: Occasion) -> tuple[int, int]:
    head = doc[occasion.head]
    return head.idx, head.idx + len(head)


def _occasion(doc: Doc, phrases: _Phrases, sentences: list[tuple[int, int]], st: RawStatement,
              quoted: list[tuple[int, int]], contents: list[tuple[int, int]]) -> tuple[Occasion | None, When | None]:
    """The occasion and time of the statement's sentence, outside anyone's quoted words and its
    own content: an occasion attached to the cue first, then the one nearest it."""
    text = phrases.text
    at = _anchor(st)
    i = _sentence_of(sentences, at)
    start, end = sentences[i]
    pieces = _outside(start, end, sorted(set(quoted) | set(st.content)))
    cue = doc.char_span(*st.cue, alignment_mode="expand") if st.cue else None
    cue_tokens = {t.i for t in cue} if cue is not None else set()
    outside_quotes = _outside(start, end, quoted)
    occasions = [o for o in phrases.occasions(start, end)
                 if (_within(pieces, *_head_span(doc, o))
                     or (_set_off(text, o) or _on_cue(doc, o.head, cue_tokens)) and _within(outside_quotes, *_head_span(doc, o)))
                 and (not o.cue_only or o.head in cue_tokens)]
    attached = [o for o in occasions if _attached(doc, o.head, cue_tokens)]
    on_speaker = {id(o): _speakers_clause(doc, o.head, st) for o in occasions}
    loose = [o for o in occasions if not _in_relative_clause(doc, text, o.start, at) or on_speaker[id(o)] is not None]
    candidates = attached or loose
    occasion = min(candidates, key=lambda o: (-_facts(o), _distance((o.start, o.end, None), at))) if candidates else None
    # "Ruiz, who held her own press conference on Tuesday, said": the clause's time dates its occasion
    clause = on_speaker.get(id(occasion)) if occasion is not None else None
    times = [t for t in phrases.times(start, end)
             if (_within(pieces, *t[:2]) or _time_on_cue(doc, t[0], cue_tokens) and _within(outside_quotes, *t[:2]))
             and (not _in_relative_clause(doc, text, t[0], at)
                  or clause is not None and _speakers_clause(doc, _token_at(doc, t[0]), st) == clause)]
    attached_times = [t for t in times if _attached(doc, _token_at(doc, t[0]), cue_tokens)]
    if attached_times:
        # of the times hanging off the cue, the finest: "… in July told senators Monday"
        when = min(attached_times, key=lambda t: (_FINENESS.get(t[2].precision or "", 9), _distance(t, at)))[2]
    else:
        when = min(times, key=lambda t: _distance(t, at))[2] if times else None
    if occasion is not None and occasion.when is not None:
        when = occasion.when  # "in a 2019 interview", "at Friday's briefing"
    if occasion is not None and when is None and i > 0 and _same_paragraph(text, sentences[i - 1], sentences[i]) \
            and _names_speaker(text, sentences[i - 1], st):
        # "Okoro struck a different tone on Sunday. In a post on Instagram, he wrote…"; not "Fonoti,
        # who joined in 2015, said …" and, in the next paragraph, "he told Brennan"
        s, e = sentences[i - 1]
        earlier = [t for t in phrases.times(s, e) if _within(_outside(s, e, contents), t[0], t[1])
                   and not _in_relative_clause(doc, text, t[0], _root_at(doc, s, e))]
        when = earlier[-1][2] if earlier else None
    return occasion, when


def _same_paragraph(text: str, before: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """No line break between the two sentences (a sentence's span keeps the blank line after it)."""
    gap = text[before[0]:sentence[0]]
    return "\n" not in gap[len(gap.rstrip()):]


def _root_at(doc: Doc, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.idx if span is not None else start


def _names_speaker(text: str, sentence: tuple[int, int], st: RawStatement) -> bool:
    return bool(st.speaker_name) and _mentions(text, sentence, st.speaker_name.split()[-1])


def _facts(occasion: Occasion) -> int:
    v = occasion.venue
    return bool(v.name) + bool(v.interviewer) + bool(occasion.when)


def _on_cue(doc: Doc, head: int, cue_tokens: set[int]) -> bool:
    """ "unveiled the assistant in a keynote at the Summit": an occasion in a prepositional phrase
    on the cue itself tells where the words were said, even where the content is read as running
    over it; one inside a clause of the content ("said the firm had announced it at a briefing")
    does not."""
    prep = doc[head].head
    return prep.dep_ == "prep" and prep.head.i in cue_tokens and prep.head.i != prep.i


def _time_on_cue(doc: Doc, at: int, cue_tokens: set[int]) -> bool:
    """ "unveiled the assistant in a keynote … on Wednesday": a time in a prepositional phrase on
    the cue itself, as an occasion there (`_on_cue`), dates the words however far they are read."""
    prep = doc[_token_at(doc, at)]
    return prep.dep_ == "prep" and prep.head.i in cue_tokens


def _set_off(text: str, occasion: Occasion) -> bool:
    """ "…, in a speech that drew a standing ovation": an occasion set off by a comma belongs to
    the sentence, even where the statement's words are read as running over it."""
    return text[:occasion.start].rstrip().endswith(",")


def _token_at(doc: Doc, at: int) -> int:
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    return span[0].i if span is not None and len(span) else 0


def _attached(doc: Doc, head: int, cue_tokens: set[int]) -> bool:
    """The occasion hangs off the cue, directly or through a clause modifying it ("Speaking on
    X, she said"), not through a relative clause or another noun's modifier."""
    if not cue_tokens:
        return False
    token = doc[head]
    while True:
        if token.i in cue_tokens:
            return True
        if token.dep_ in ("relcl", "acl") and token.i != head or token.head.i == token.i:
            return False
        token = token.head


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


def _speakers_clause(doc: Doc, token: int, st: RawStatement) -> int | None:
    """The relative clause on the speaker's mention that holds the token ("Ruiz, who held her own
    press conference on Tuesday, said"), as its verb's index: what it sets is the speaker's occasion."""
    if st.speaker is None:
        return None
    for a in [doc[token], *doc[token].ancestors]:
        if a.dep_ == "relcl":
            return a.i if st.speaker[0] <= a.head.idx < st.speaker[1] else None
    return None


def _clause_of(doc: Doc, token: int) -> int | None:
    """The relative or participle clause holding the token, as its verb's index."""
    return next((a.i for a in [doc[token], *doc[token].ancestors] if a.dep_ in ("relcl", "acl")), None)


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
