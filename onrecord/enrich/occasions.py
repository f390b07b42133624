"""Occasions read from the parse: where words were said, with its name, host and date.

An occasion is a phrase whose head word is of a kind listed in data/occasions.tsv: a noun ("a
press conference", "a 2019 interview with X", "Ledger Lines, a podcast hosted by Y"), a verb
that is its own occasion or names one ("tweeted", "testified before X", "told Reuters"), the
listener of "told" ("told the jury"), or a platform ("on Instagram"). Its name, host and date
come from the head's dependents: objects of with/to/on/at/before/for/of, appositions,
proper-noun compounds, possessives, a year modifying it. Whether a proper name is an outlet or
a person is told by the name's own words (data/outlet_words.txt), a title before it and the
people the document names; an unknown name is an outlet, as "told Reuters" is far more common
than "told Hale" for someone never introduced.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_text, per_doc
from ..records import VENUE_KINDS, Venue, When
from .when import MONTHS, WEEKDAYS, dated, find_times

# Prepositions under which an occasion noun sets the scene ("in a statement", "at a hearing").
SETTING_PREPS = frozenset({"in", "on", "at", "during", "to", "with", "via", "through", "before", "across", "over", "from", "after"})
# Prepositions of an occasion noun whose object names it or its host ("a statement to Reuters").
NAMING_PREPS = frozenset({"with", "on", "to", "for", "at", "before", "of", "in"})
# Places whose owner holds what happens there ("briefed journalists at the headquarters of X").
PREMISES = frozenset({"headquarters", "office", "offices", "hq", "premises", "building", "ministry"})
# Words for a part of an occasion, spent at it ("much of the call", "the rest of the hearing").
PORTIONS = frozenset({"much", "most", "part", "rest", "remainder", "bulk", "half", "all", "start", "end", "course"})
HOSTING_VERBS = frozenset({"host", "present", "moderate", "chair", "front", "run", "lead", "conduct"})
SHOWS = frozenset({"podcast", "broadcast"})
# Kinds whose head word belongs to the name a proper modifier gives ("the Senate Commerce subcommittee").
NAMED_WITH_HEAD = frozenset({"hearing", "meeting", "speech"})
# Verbs whose object is an audience that implies the occasion ("addressed delegates").
ADDRESSING_VERBS = frozenset({"address", "brief", "face", "meet", "update", "warn", "assure"})
# Participles whose agent is the interviewer ("Pressed by the presenter, Gwen Talbot, she said").
ASKING_VERBS = frozenset({"ask", "press", "question", "quiz", "grill", "interview", "challenge"})
# The roles an occasion noun may play: the object of a setting preposition or of a verb, the
# subject of the cue ("the statement said"), or an apposition ("Ledger Lines, a podcast").
OCCASION_ROLES = frozenset({"pobj", "dobj", "dative", "nsubj", "nsubjpass", "appos", "conj", "ROOT", "attr", "oprd",
                            "npadvmod"})
# Kinds whose "in X" names a publication rather than a place ("an op-ed in The Times").
PUBLISHED_KINDS = frozenset({"article", "letter"})
# Small words inside a title, between its capitalised words ("Cut to Black", "Markt am Abend").
TITLE_JOINERS = frozenset({"to", "of", "the", "and", "&", "a", "an", "am", "im", "de", "la", "le", "du", "des", "der", "die",
                           "das", "von", "van"})
_TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "tonight", "yesterday", "tomorrow"}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# "By Yasmin Kaur-Bellamy" on a line of its own among the article's opening lines.
BYLINE = re.compile(r"^[ \t]*By\s+((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+)[ \t]*$", re.M)
BYLINE_CHARS = 600
# Words by which the writer refers to themselves or their own outlet as the one told ("told me").
WRITER_WORDS = frozenset({"me", "us"})
# Nouns of a time a clause can be about ("on the afternoon X visits", "the day she left").
ISSUES = frozenset({"issue", "edition", "number", "pages", "page", "column", "supplement"})  # an outlet's parts a piece is printed in

TIME_NOUNS = frozenset({"day", "morning", "afternoon", "evening", "night", "week", "weekend", "hour", "moment"})


@dataclass(frozen=True, slots=True)
class Occasion:
    """An occasion phrase text[start:end], the venue it names, and the date it carries itself.

    `cue_only`: a bare verb ("tweeted") is an occasion only for the words it introduces.
    `back_reference`: "told the magazine" means the outlet named before.
    `host_only`: "Pressed by the presenter, Gwen Talbot": the host of the occasion the speaker is in.
    `to_writer`: "told me", "told this newspaper": the article's own writer asked (`byline` names them).
    `organiser`: "the company's call", "a briefing at the company's office": the noun the text
    refers to the holding organisation by, for the one it names to name the occasion (`enrich`).
    """

    start: int
    end: int
    venue: Venue
    when: When | None = None
    head: int = -1
    cue_only: bool = False
    back_reference: bool = False
    host_only: bool = False
    to_writer: bool = False
    organiser: int = -1  # "the company's earnings call": the token of the noun for the organisation holding it


@dataclass(frozen=True, slots=True)
class OccasionWords:
    nouns: dict[str, str]  # words, head last, as written → kind
    heads: frozenset[str]  # the last words of `nouns`, and their last parts after a hyphen
    verbs: dict[tuple[str, str], str]  # (lemma, preposition or "") → kind
    verb_lemmas: frozenset[str]
    audiences: dict[str, str]
    outlets: frozenset[str]  # common nouns standing for an outlet already named
    meetings: dict[tuple[str, str, str], bool]  # (lemma, particle, preposition) of talking or meeting → whether the outlet must be named as one
    visits: frozenset[str]  # verbs of an outlet's visit that a feature is written from ("the afternoon Meridian Style visits")
    outlet_names: frozenset[str]  # words that make a proper name an outlet's
    broadcast_names: frozenset[str]  # words that make a show a broadcast
    platforms: dict[tuple[str, ...], str]  # lowercased words → the platform as written
    titles: frozenset[str]  # words that make the name after them a person's


def _lines(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def occasion_words() -> OccasionWords:
    nouns, verbs, audiences, outlets, meetings, visits = {}, {}, {}, set(), {}, set()
    for line in _lines("occasions.tsv"):
        kind, role, words = line.split("\t")
        if kind not in VENUE_KINDS:
            raise ValueError(f"occasions.tsv: unknown venue kind {kind!r} in {line!r}")
        if role == "noun":
            nouns[" ".join(words.lower().split())] = kind
        elif role == "verb":
            lemma, _, prep = words.lower().partition(" ")
            verbs[(lemma, prep)] = kind
        elif role == "audience":
            audiences[words.lower()] = kind
        elif role == "outlet":
            outlets.add(words.lower())
        elif role in ("talk", "meet"):
            parts = words.lower().split()
            lemma, particle, prep = parts[0], parts[1] if len(parts) == 3 else "", parts[-1] if len(parts) > 1 else ""
            meetings[(lemma, particle, prep)] = role == "meet"
        elif role == "visit":
            visits.add(words.lower())
        else:
            raise ValueError(f"occasions.tsv: unknown role {role!r} in {line!r}")
    titles = set()
    for line in _lines("titles.txt"):
        head, _, more = line.partition("=")
        titles |= {w.strip().lower() for w in [head, *more.split("|")] if w.strip()}
    return OccasionWords(
        nouns=nouns, heads=frozenset(w for p in nouns for w in (p.split()[-1], p.split()[-1].split("-")[-1])), verbs=verbs,
        verb_lemmas=frozenset(v for v, _ in verbs), audiences=audiences, outlets=frozenset(outlets), meetings=meetings,
        visits=frozenset(visits),
        outlet_names=frozenset(w.lower() for w in _lines("outlet_words.txt")),
        broadcast_names=frozenset(w.lower() for w in _lines("broadcast.txt")),
        platforms={tuple(p.lower().split()): p for p in _lines("platforms.txt")},
        titles=frozenset(t for t in titles if " " not in t) | {"host", "presenter", "anchor", "interviewer"},
    )


def find_occasions(doc: Doc, start: int, end: int, people: frozenset[str] = frozenset(),
                   published: str | None = None) -> list[Occasion]:
    """The occasion phrases whose head lies in text[start:end], by position. Of two that
    overlap, the one that tells more wins, then a noun's over a verb's and a verb's over a bare
    platform's ("in a post on Instagram", "Speaking on Ledger Lines, a podcast hosted by Y",
    "appearing on Sport Line Radio with host Bea Thornton"). An occasion's own time ("Monday's
    meeting") is dated against the publication date."""
    words = occasion_words()
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    ranked = []
    indices = _triggers(doc)
    for i in indices[bisect.bisect_left(indices, span.start):bisect.bisect_left(indices, span.end)]:
        tok = doc[i]
        for rank, read in enumerate((_noun_occasion, _verb_occasion, _channel_occasion, _audience_occasion, _outlet_visit)):
            occasion = read(tok, words, people)
            if occasion is not None:
                ranked.append((rank, occasion))
                break
    kept: list[Occasion] = []
    for _rank, occasion in sorted(ranked, key=lambda r: (-_facts(r[1]), r[0], r[1].start)):
        if all(occasion.end <= k.start or occasion.start >= k.end for k in kept):
            kept.append(occasion)
    return [replace(o, when=dated(o.when, published)) if o.when is not None else o
            for o in _host_joined_to_show(doc, sorted(kept, key=lambda o: o.start))]


def _host_joined_to_show(doc: Doc, found: list[Occasion]) -> list[Occasion]:
    """ "live on Wavelength FM's Breakfast Run, telling presenter Tahlia Brennan …", "told analyst
    Mina Castellanos on the official Vanguard Masters broadcast": the person told is the host of
    the show the same clause names, one occasion."""
    out = list(found)
    for told in found:
        v = told.venue
        if v.kind != "interview" or v.name or not v.interviewer or told.host_only or told.back_reference:
            continue
        verb = doc[told.head]
        clause = {verb.i, verb.head.i}
        show = next((o for o in out if o.venue.kind in SHOWS and o.venue.name and not o.venue.interviewer
                     and _in_clause(doc[o.head], clause)), None)
        if show is None or told not in out:
            continue
        start, end = min(told.start, show.start), max(told.end, show.end)
        joined = Occasion(start, end, Venue(show.venue.kind, show.venue.name, v.interviewer, doc_text(doc)[start:end]),
                          show.when or told.when, told.head)
        out = sorted([o for o in out if o is not told and o is not show] + [joined], key=lambda o: o.start)
    return out


def _in_clause(tok: Token, verbs: set[int]) -> bool:
    """`tok` hangs off one of the verbs without a clause of its own between ("that …", "who …")."""
    while tok.i not in verbs:
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "relcl", "acl", "csubj"):
            return False
        tok = tok.head
    return True


def _facts(occasion: Occasion) -> int:
    v = occasion.venue
    return bool(v.name) + bool(v.interviewer) + bool(occasion.when)


@per_doc
def _triggers(doc: Doc) -> list[int]:
    """Indices of the tokens whose word or lemma is an occasion word (a parse walk starts only
    from these), found once a Doc with spaCy's arrays: most tokens are none, and building a
    Token costs more than the test."""
    keys = _trigger_keys()
    arrays = doc.to_array([LOWER, LEMMA])
    at = numpy.minimum(numpy.searchsorted(keys, arrays), len(keys) - 1)
    hits = (keys[at] == arrays).any(axis=1)
    return [int(i) for i in numpy.flatnonzero(hits)]


@lru_cache(maxsize=1)
def _trigger_keys() -> numpy.ndarray:
    """The trigger hashes sorted once, for a binary search of each token's word and lemma (numpy.isin
    sorts them anew on each call)."""
    return numpy.array(sorted(_trigger_hashes()), dtype="uint64")


@lru_cache(maxsize=1)
def _trigger_hashes() -> frozenset[int]:
    words = occasion_words()
    verbs = set()
    for v in words.verb_lemmas | ASKING_VERBS | ADDRESSING_VERBS | {m[0] for m in words.meetings} | words.visits:
        verbs |= {v, v + "s", v + "es", v + "ed", v + "d", v + "ing", v + v[-1] + "ed", v + v[-1] + "ing",
                  v[:-1] + "ing", v[:-1] + "ied", v[:-1] + "ies"}
    strings = set(words.heads) | verbs | set(words.audiences) | {p[0] for p in words.platforms} | set(words.broadcast_names)
    strings |= {p[0] + "." for p in words.platforms}  # "X." at a sentence's end
    return frozenset(hash_string(w) for w in strings)


def noun_kind(tok: Token, words: OccasionWords) -> tuple[str, int] | None:
    """The kind of the longest occasion phrase ending at `tok`, and the token it starts at; the
    phrase is compared as written ("op-ed" is three tokens), its last word also as its lemma."""
    if tok.is_punct or (tok.lower_ not in words.heads and tok.lemma_.lower() not in words.heads):
        return None
    doc = tok.doc
    text = doc_text(doc)
    for n in (5, 4, 3, 2, 1):
        first = tok.i - n + 1
        if first < 0 or first < tok.sent.start or (n == 1 and tok.pos_ not in ("NOUN", "PROPN", "X")
                                                    and not (tok.dep_ in ("pobj", "dobj") and any(c.dep_ == "poss" for c in tok.lefts))):
            continue
        before = " ".join(text[doc[first].idx:tok.idx].lower().split())
        before = before + " " if before and text[tok.idx - 1].isspace() else before
        kind = words.nouns.get(before + tok.lower_) or words.nouns.get(before + tok.lemma_.lower())
        if kind:
            return kind, first
    return None


def _noun_occasion(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    found = noun_kind(tok, words)
    if found is None or tok.dep_ not in OCCASION_ROLES:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ not in SETTING_PREPS and not _portion_of(tok):
        return None
    if _is_proper(tok) and len(_name_tokens(tok)) > 1 and (tok.lower_ in words.outlet_names or tok.dep_ in ("nsubj", "nsubjpass")):
        return None  # "told the Northern Post", "Northvale Television said": an outlet or a body, no occasion
    if _platform(tok, words):
        return None  # "on Threads": the platform, not a thread
    kind, first = found
    doc = tok.doc
    name = host = when = None
    starts, ends = [doc[first].idx], [tok.idx + len(tok)]
    # "BBC Radio 4's Today programme", "the Film Notes podcast", "Friday's briefing", "a 2019 interview"
    left = [c for c in doc[tok.left_edge.i:first] if c.dep_ in ("compound", "nmod", "poss", "amod", "nummod")]
    for c in left:
        if _YEAR.fullmatch(c.text):
            when = When(c.text, c.text, "year")
            starts.append(c.idx)
        elif c.dep_ == "poss" and _is_time_word(c):
            times = find_times(doc_text(doc), c.idx, c.idx + len(c), None)
            when = times[0][2] if times else None
            starts.append(c.idx)
    proper = sorted((c for c in left if _is_proper(c) and not _is_time_word(c) and not _YEAR.fullmatch(c.text)), key=lambda c: c.i)
    if _is_proper(tok) and proper:
        # "Sport Line Radio", "the Senate Banking Committee": the head word is part of the name
        # "Meridian Radio's The Daily Round": the broadcaster's programme after it
        end = _programme_end(tok) or _name_end(tok)
        start = _name_tokens(tok)[0].idx
        broadcaster = next((c for c in proper if c.dep_ == "poss" and _broadcast_name(_name_text(c), words)), None)
        if broadcaster is not None:  # "on Radio Dunmore's Sunday Forum": a programme, whatever its last word
            kind, start = "broadcast", _name_tokens(broadcaster)[0].idx
        proper = []
        name = doc_text(doc)[start:end]
        starts.append(start)
        ends.append(end)
    before = doc[first - 1] if first > 0 else None
    if not proper and name is None and before is not None and before.dep_ != "poss" and _is_proper(before) and not _is_time_word(before) \
            and before.i > tok.sent.start and not _YEAR.fullmatch(before.text):
        proper = [before]  # "on The Cutting Room podcast", parsed as two phrases
        if before.dep_ == "pobj":
            starts.append(before.head.idx)
    if proper:
        poss = next((c for c in proper if c.dep_ == "poss"), None)
        poss = poss if poss is not None and all(c.i in {t.i for t in _name_tokens(poss)} or c.i > poss.i for c in proper) else None
        if poss is not None and (_person(poss, words, people) or kind in SHOWS and _full_name(poss) and not _outlet_like(poss, words)):
            host = _name_text(poss)  # "on Dana Moss's podcast", "Callum Reddy's evening programme"
            proper = [c for c in proper if c.i > poss.i]
        elif poss is not None and kind == "press_conference" and not _outlet_like(poss, words):
            proper = []  # "Sarvanta's post-results call": named after the company holding it
            name = _name_text(poss)
            starts.append(_name_tokens(poss)[0].idx)
        if proper and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.lefts) \
                and not any(_platform(c, words) or _outlet_like(c, words) for c in proper):
            proper = []  # "his Easter sermon": a word describing it, not its name
        if proper:
            begin = _after_determiner(proper[0].left_edge)
            if kind in SHOWS:
                begin = _title_start(begin)  # "the Cut to Black podcast"
            # "the Commons environment committee", "the Progressive Alliance state conference": an
            # institution's or event's name takes its head word; a show's ("Film Notes podcast") does not
            until = tok.idx + len(tok) if kind in NAMED_WITH_HEAD else doc[first].idx
            name = doc_text(doc)[begin.idx:until].strip() or None
            starts.append(begin.idx)
    # "Ledger Lines, a podcast hosted by Y": the name it stands beside
    beside = _apposed_to(doc[first], tok)
    if beside is not None and name is None:
        name = _show_title(beside) if kind in SHOWS else _name_text(beside)
        title_start = _title_start(_name_tokens(beside)[0]).idx
        starts.append(min(beside.head.idx, title_start) if beside.dep_ == "pobj" else title_start)
    for c in tok.rights:
        if c.dep_ == "appos" and _is_proper(c) and (not name or _platform_named(name, words)):
            # "her Substack newsletter, Corner Shop Notes": the name beside it, not the platform's
            name = _show_title(c) if kind in SHOWS else _name_text(c)
            ends.append(_title_end(c) if kind in SHOWS else _name_end(c))
        elif c.dep_ == "prep" and c.lower_ in NAMING_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            read = _read_object(obj, words, people) if obj is not None else None
            if read is None:
                continue
            obj_kind, obj_name, person, obj_end = read
            if c.lower_ == "in" and kind not in PUBLISHED_KINDS and not _outlet_like(obj, words):
                continue  # "at a press conference in Lisbon": a place, not a name
            if c.lower_ == "of" and kind == "hearing" and obj_name and len(_name_tokens(obj)) > 1 \
                    and not _outlet_like(obj, words) and noun_kind(obj, words) is None:
                continue  # "the trial of Graham Pettifer": the accused, not the court
            if kind == "interview" and c.lower_ == "on" and obj_name:
                kind = obj_kind or "podcast"  # "a conversation on Script Apart with Al Horner"
            if person and not host:
                host, name = person, name or obj_name
            elif obj_name and c.lower_ == "with" and kind in SHOWS and name:
                host = host or obj_name  # "on the Cinema Hour podcast with Dee Marsh"
            elif obj_name and not name:
                name = obj_name
                if obj_kind == "social" and kind in ("statement", "interview"):
                    kind = "social"  # "in a joint statement on Instagram": a post
            else:
                continue
            ends.append(obj_end)
    owner = _premises_owner(tok) if kind == "press_conference" and not name else None
    if owner is not None:
        name = _name_text(owner)  # "a briefing at the offices of the Port Authority"
        ends.append(_name_end(owner))
    organiser = _organiser_noun(tok, left) if kind == "press_conference" and not name else None
    agent = _hosted_by(tok)
    if agent is not None and not host:
        host = _name_text(agent)  # "a podcast about Indian fintech hosted by the former banker Vikram Sethi"
        ends.append(_name_end(agent))
    agent = _hosted_beside(tok.head.head, tok) if kind in SHOWS and host is None and tok.dep_ == "pobj" else None
    if agent is not None:
        host = _name_text(agent)  # "Appearing on the Health Desk podcast, hosted by Y,": parsed off the verb
        ends.append(_name_end(agent))
    if kind in SHOWS | {"interview"} and host is None and tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
        # "appearing on the Drawing Board podcast with host Tomas Iver": the host hangs off the verb
        for c in tok.head.head.children:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "with" else None
            if obj is not None and c.i > tok.i and _is_proper(obj) and (kind in SHOWS or _person(obj, words, people)):
                host = _name_text(obj)
                ends.append(_name_end(obj))
    if kind in ("interview", "podcast") and name and _broadcast_name(name, words):
        kind = "broadcast"
    body = _body_meeting(tok, kind, words) if name is None and kind in ("meeting", "hearing") else None
    if body is not None:
        name = _name_text(body)
    # "return to the show", "ended the interview": a word for an occasion named before
    when = when or _time_modifying(tok, doc.char_span(min(starts), max(ends), alignment_mode="expand"))
    bare = name is None and host is None and when is None
    back = bare and any(c.lower_ in ("the", "that", "this") for c in tok.lefts)
    if tok.dep_ == "pobj":
        starts.append(tok.head.idx)  # "in an interview with …": the phrase opens at "in"
    begin, finish = min(starts), max(ends)
    return Occasion(begin, finish, Venue(kind, _clean(name), _clean(host), doc_text(doc)[begin:finish]), when, tok.i,
                    back_reference=back, organiser=organiser.i if organiser is not None else -1)


def _body_meeting(tok: Token, kind: str, words: OccasionWords) -> Token | None:
    """ "Wexcombe Borough Council has voted …, after a heated meeting", "the Harbour District Board
    approved the plan at its meeting": the named body whose clause the meeting or hearing is in,
    when its word is a listener of that kind ("council", "board", "court"), is the one that met."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not _is_proper(subject) or words.audiences.get(subject.lower_) != kind \
            or len(_name_tokens(subject)) < 2:
        return None
    return subject


def _portion_of(tok: Token) -> bool:
    """ "spent much of the earnings call fielding questions", "for the rest of the hearing": a part
    of the occasion is spent at it, as "during" it would be."""
    prep = tok.head
    return prep.lower_ == "of" and prep.head.lower_ in PORTIONS


def _time_modifying(tok: Token, phrase: Span | None) -> When | None:
    """ "a statement issued on Friday", "a letter to drivers dated 1 July", "the call with analysts
    on Thursday evening", "the podcast hosted by X, which was released on Wednesday": a time
    opening a phrase that modifies the occasion noun, directly, through a participle, through its
    own object or in a "which" clause on the occasion's phrase, dates the occasion (undated here:
    relative to the publication date, which `find_occasions` applies)."""
    modifiers = []
    for noun in [tok] + [o for c in tok.rights if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]:
        for c in noun.rights:
            if c.dep_ == "prep":
                modifiers.append(c)
            elif c.dep_ == "acl" and c.tag_ == "VBN":
                modifiers += [g for g in c.rights if g.dep_ in ("prep", "npadvmod", "dobj", "oprd")]
    for t in phrase if phrase is not None else ():
        for c in t.rights:
            if c.dep_ == "relcl" and any(w.tag_ == "WDT" and w.dep_ in ("nsubj", "nsubjpass") for w in c.lefts):
                modifiers += [g for g in c.rights if g.dep_ in ("prep", "npadvmod")]
    sent = tok.sent
    # read in the whole sentence: "in March last year" runs past the preposition's own phrase
    times = {s: w for s, _e, w in find_times(doc_text(tok.doc), sent.start_char, sent.end_char, None)} if modifiers else {}
    return next((times[m.left_edge.idx] for m in modifiers if m.left_edge.idx in times), None)


def _hosted_by(tok: Token) -> Token | None:
    """The proper-named agent of "hosted by", "presented by" on the phrase `tok` heads, directly
    or on a noun of its prepositional phrases ("a podcast about fintech hosted by Y")."""
    for c in tok.subtree:
        if c.dep_ != "acl" or c.lemma_.lower() not in HOSTING_VERBS:
            continue
        owner = c.head
        while owner.i != tok.i and owner.dep_ in ("pobj", "prep", "compound", "amod", "conj"):
            owner = owner.head
        if owner.i != tok.i:
            continue
        agent = next((p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
        if agent is not None and _is_proper(agent):
            return agent
    return None


def _hosted_beside(verb: Token, show: Token) -> Token | None:
    """The proper-named agent of "hosted by", "presented by" set off right after a show, where the
    parse hangs the participle on the speaking verb ("Speaking on Calcio Sera, hosted by Y, she said")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    after = show.doc[show.i + 1] if show.i + 1 < len(show.doc) else None
    for c in verb.children:
        if c.dep_ not in ("advcl", "acl") or c.lemma_.lower() not in HOSTING_VERBS or after is None \
                or after.text != "," or c.i != after.i + 1:
            continue
        agent = next((p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
        if agent is not None and _is_proper(agent):
            return agent
    return None


def _show_title(tok: Token) -> str:
    """The title of a show whose name `tok` heads, small words and all ("Nothing to Declare")."""
    return doc_text(tok.doc)[_title_start(_name_tokens(tok)[0]).idx:_title_end(tok)]


def _platform_named(name: str, words: OccasionWords) -> bool:
    return tuple(name.lower().split()) in words.platforms


def _apposed_to(first: Token, head: Token) -> Token | None:
    """The proper name an occasion phrase stands in apposition to: so parsed, or a name, a comma
    and the phrase's article just before it (the small model can make "a podcast" a subject)."""
    if head.dep_ == "appos" and _is_proper(head.head) and not _is_time_word(head.head):
        return head.head
    doc = first.doc
    i = first.i - 1
    while i >= 0 and doc[i].dep_ in ("det", "poss") and doc[i].i >= first.left_edge.i - 1:
        i -= 1
    if i < 2 or doc[i].text != "," or not _is_proper(doc[i - 1]) or _is_time_word(doc[i - 1]):
        return None
    name = doc[i - 1]
    while name.head.i != name.i and name.dep_ in ("compound", "flat") and name.head.i < i:
        name = name.head
    return name if name.i > name.sent.start else None


def _verb_occasion(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "tweeted", "testified before the Senate Banking Committee", "told Reuters", "told the jury"."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.tag_ == "VBN" and tok.lemma_.lower() in ASKING_VERBS:
        return _asked_by(tok, words, people)
    met = _meeting_occasion(tok, words, people)
    if met is not None:
        return met
    lemma = next((f for f in _verb_forms(tok) if f in words.verb_lemmas), None)
    if lemma is None:
        return None
    doc = tok.doc
    writer = _told_the_writer(tok, words) if words.verbs.get((lemma, "")) == "interview" else None
    if writer is not None:
        end = writer.idx + len(writer)
        return Occasion(tok.idx, end, Venue("interview", None, None, doc_text(doc)[tok.idx:end]), None, tok.i, to_writer=True)
    found = None
    for c in tok.children:
        if c.dep_ == "prep" and (lemma, c.lower_) in words.verbs:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and not _is_time_word(obj) and (found is None or _is_time_word(found[1])):
                found = (words.verbs[(lemma, c.lower_)], obj)  # "appeared on X on Monday": not Monday
        elif c.dep_ in ("dobj", "dative") and (lemma, "") in words.verbs and _is_nominal(c):
            found = found or (words.verbs[(lemma, "")], c)
    if found is None:
        objects = [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        if any(_platform(o, words) or noun_kind(o, words) for o in objects):
            return None  # "posted on X", "wrote in a blog post": the object is the occasion
        kind = words.verbs.get((lemma, ""))
        if kind is None or kind == "interview" or lemma == "post" and any(c.dep_ == "dobj" for c in tok.children):
            return None  # "posted a loss" is no post
        return Occasion(tok.idx, tok.idx + len(tok), Venue(kind, None, None, tok.text), None, tok.i, cue_only=True)
    kind, obj = found
    if noun_kind(obj, words) is not None and not _is_proper(obj):
        return None  # "spoke at a press conference": the noun is the occasion
    if any(c.dep_ == "appos" and noun_kind(c, words) for c in obj.children):
        return None  # "Speaking on Ledger Lines, a podcast hosted by Y": the apposition is
    read = _read_object(obj, words, people, on_air=kind in SHOWS)
    if read is None:
        return None
    obj_kind, name, person, end = read
    written_for = _outlet_written_for(tok, obj, words, people) if kind == "interview" and not person else None
    if written_for is not None:
        # "spoke to Rhiannon Bell for the Saturday Review", "tells Imogen Salt in the spring issue
        # of The Lantern Quarterly": the person told is the interviewer, the outlet the occasion's name
        first = _name_tokens(obj)[0]
        person, name = doc_text(doc)[first.idx:obj.idx + len(obj)], _name_text(written_for)
        end = max(obj.idx + len(obj), _name_end(written_for))
    if kind == "interview" and obj_kind is None and name and not person and _is_proper(obj):
        obj_kind = words.audiences.get(obj.lower_)  # "told the Australian Securities Exchange": a body, by its listener's word
    if obj_kind == "back":
        return Occasion(tok.idx, end, Venue("interview", None, None, doc_text(doc)[tok.idx:end]), None, tok.i,
                        back_reference=True)
    # "told Harbour TV" is an interview with the broadcaster, "told Harbour TV's Newsnight" its programme
    broadcaster = kind == "interview" and obj_kind in SHOWS and noun_kind(obj, words) is None \
        and not any(c.dep_ == "poss" and _is_proper(c) for c in obj.children)
    if obj_kind and (kind in SHOWS | {"interview"} or obj_kind == "social") and not broadcaster:
        kind = obj_kind
    agent = (_hosted_by(obj) or _hosted_beside(tok, obj)) if kind in SHOWS and not person else None
    if agent is not None:
        # "Speaking on Calcio Sera, hosted by Y,", "on Radio Albion's Morning Report, presented by Y"
        person, end = _name_text(agent), max(end, _name_end(agent))
    if kind in SHOWS and not person:
        # "Appearing on Harbour Radio with host Ines Falk": the host hangs off the verb
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                host_obj = next((o for o in c.children if o.dep_ == "pobj" and _is_proper(o)), None)
                if host_obj is not None:
                    person, end = _name_text(host_obj), max(end, _name_end(host_obj))
    if kind in SHOWS and name:
        kind = obj_kind or ("broadcast" if _broadcast_name(name, words) else "podcast")
    if kind in SHOWS | {"interview"} and not name and not person:
        return None
    event = _event_at(tok, obj, kind, words) if obj_kind == kind and not name else None
    if event is not None:
        name, end = _name_text(event), max(end, _name_end(event))
    return Occasion(tok.idx, end, Venue(kind, _clean(name), _clean(person), doc_text(doc)[tok.idx:end]), None, tok.i)


def _outlet_written_for(verb: Token, obj: Token, words: OccasionWords, people: frozenset[str]) -> Token | None:
    """The outlet a person's name was told for: "for the Saturday Review" or "in the spring issue of
    The Lantern Quarterly" on the verb or the name, when the name told is a person's as written
    (two or three capitalised words, no outlet's word); else None."""
    person = [t for t in _name_tokens(obj) if t.i <= obj.i]
    if not (2 <= len(person) <= 3 and all(t.text[:1].isupper() and t.is_alpha for t in person)) \
            or _outlet_like(obj, words) and not any(c.dep_ == "prep" and c.lower_ == "for" for c in obj.children):
        return None
    for prep in (c for head in (verb, obj) for c in head.rights if c.dep_ == "prep" and c.lower_ in ("for", "in")):
        for target in (p for p in prep.children if p.dep_ == "pobj"):
            if prep.lower_ == "for" and _is_proper(target) and _outlet_like(target, words) \
                    and not _person(target, words, people):
                return target
            if target.lemma_.lower() in ISSUES:
                outlet = next((o for of in target.children if of.dep_ == "prep" and of.lower_ == "of"
                               for o in of.children if o.dep_ == "pobj" and _is_proper(o)), None)
                if outlet is not None:
                    return outlet
    return None


def _event_at(verb: Token, audience: Token, kind: str, words: OccasionWords) -> Token | None:
    """ "told a packed tent at the Lakeside Literature Festival": the named event an audience was
    at, when its name ends in a word of the same kind ("Festival" is an audience of speeches)."""
    for prep in (c for t in (audience, verb) for c in t.children if c.dep_ == "prep" and c.lower_ == "at"):
        obj = next((o for o in prep.children if o.dep_ == "pobj" and _is_proper(o)), None)
        if obj is not None and len(_name_tokens(obj)) > 1 and kind in (words.audiences.get(obj.lower_), words.nouns.get(obj.lower_)):
            return obj
    return None


def _told_the_writer(tok: Token, words: OccasionWords) -> Token | None:
    """The listener of "told me", "told this newspaper": the article's writer or their own outlet."""
    for c in tok.children:
        if c.dep_ not in ("dobj", "dative"):
            continue
        if c.lower_ in WRITER_WORDS or (c.lower_ in words.outlets and any(d.lower_ == "this" for d in c.lefts)):
            return c
    return None


def byline(text: str) -> str | None:
    """The writer the byline names ("By Yasmin Kaur-Bellamy" on a line of its own at the top), or None."""
    found = BYLINE.search(text, 0, BYLINE_CHARS)
    return " ".join(found.group(1).split()) if found else None


def _meeting_occasion(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "Freight Europe Weekly's Lukas Brenner spoke to her", "Weekend Plate's Harriet Oyelowo sat
    down with the pair", "she caught up with Tom Hale of the Daily Post": a verb of talking or
    meeting with a journalist of an outlet on either side is an interview with that outlet, the
    journalist asking; for a verb of meeting the outlet's name must say it is one."""
    forms = _verb_forms(tok)
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
    sides = [c for c in tok.children if c.dep_ == "nsubj"]
    strict = None
    for c in tok.children:
        obj, prep = (c, "") if c.dep_ == "dobj" else (next((o for o in c.children if o.dep_ == "pobj"), None), c.lower_) \
            if c.dep_ == "prep" else (None, "")
        key = next(((f, particle, prep) for f in forms if (f, particle, prep) in words.meetings), None)
        if obj is not None and key is not None:
            strict = words.meetings[key]
            sides.append(obj)
    if strict is None:
        return None
    for side in sides:
        if not _is_proper(side) or _is_time_word(side):
            continue
        outlet_tok = next((c for c in side.children if c.dep_ == "poss" and _is_proper(c)), None)
        if outlet_tok is not None and _full_name(side):
            # "Harbour Radio's Ines Falk sat down with …": one sits down with a person, not a programme
            outlet, person, end = _name_text(outlet_tok), _name_text(side), _name_end(side)
        else:
            read = _read_object(side, words, people)
            if read is None or not read[1]:
                continue
            _kind, outlet, person, end = read
        named_outlet = any(t.lower_ in words.outlet_names or t.lower_ in words.broadcast_names
                           for t in tok.doc[side.left_edge.i:side.i + 1])
        if not (person and not strict or named_outlet):
            continue  # "Apple's Tim Cook met the president"; "the pair met Ana Reyes": no outlet
        start, end = min(tok.idx, side.left_edge.idx), max(tok.idx + len(tok), end)
        text = doc_text(tok.doc)[start:end]
        return Occasion(start, end, Venue("interview", _clean(outlet), _clean(person), text), None, tok.i)
    return None


def _asked_by(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "Pressed by the presenter, Gwen Talbot,", "Asked by Mallory whether …": the interviewer."""
    agent = next((p for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
    if agent is None:
        return None
    if not _is_proper(agent):
        named = next((c for c in agent.children if c.dep_ == "appos" and _is_proper(c)), None)
        if named is None:
            named = _proper_after_comma(agent)  # "the presenter, Gwen Talbot," parsed loosely
        if named is None or agent.lemma_.lower() not in words.titles:
            return None
        agent = named
    elif _outlet_like(agent, words):
        return None
    end = _name_end(agent)
    return Occasion(tok.idx, end, Venue("interview", None, _name_text(agent), doc_text(tok.doc)[tok.idx:end]), None, tok.i,
                    host_only=True)


def _proper_after_comma(tok: Token) -> Token | None:
    """The last word of a run of proper nouns just after "<tok>,", or None."""
    doc = tok.doc
    i = tok.i + 2
    if i >= len(doc) or doc[tok.i + 1].text != "," or not _is_proper(doc[i]):
        return None
    while i + 1 < len(doc) and _is_proper(doc[i + 1]):
        i += 1
    return doc[i]


def _verb_forms(tok: Token) -> list[str]:
    """The lemma, and the word's stems where the small model's lemma is off ("blogged" → "blogge")."""
    lower = tok.lower_
    forms = [tok.lemma_.lower()]
    for ending in ("ed", "ing", "es", "s"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[:-len(ending)]
            forms.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
    return forms


def _channel_occasion(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "on Instagram", "via X": the platform is the occasion; "live on Wavelength FM's Breakfast
    Run", "on Harbour TV": a broadcaster's programme, or the broadcaster, is."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "via", "to", "across"):
        platform = _platform(tok, words)
        if platform is not None:
            end = _name_end(tok)
            return Occasion(tok.head.idx, end, Venue("social", platform, None, doc_text(tok.doc)[tok.head.idx:end]), None, tok.i)
    if tok.lower_ not in words.broadcast_names or not tok.text[:1].isupper():
        return None
    head = tok
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    show = head.head if head.dep_ == "poss" else head
    if show.dep_ != "pobj" or show.head.lower_ != "on" or not _is_proper(show):
        return None
    start = _name_tokens(head)[0].idx
    end = _title_end(show) if show is not head else _programme_end(head) or _name_end(head)
    return Occasion(show.head.idx, end, Venue("broadcast", _clean(doc_text(tok.doc)[start:end]), None,
                                              doc_text(tok.doc)[show.head.idx:end]), None, show.i)


def _outlet_visit(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "on the October afternoon Meridian Style visits", "when Harbour Living visited her farm":
    a name of no person the text knows visiting, in a clause of time, is the outlet whose feature
    this is, its visit an interview. The small model may read "visits" after a name as a noun
    ("the afternoon Meridian Style visits"): then the name right before it is the visitor."""
    if not any(f in words.visits for f in _verb_forms(tok)):
        return None
    if tok.pos_ in ("VERB", "AUX"):
        visitor = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        timed = tok.dep_ == "relcl" and _is_time_noun(tok.head) or tok.dep_ == "advcl" and any(
            c.dep_ == "advmod" and c.lower_ == "when" for c in tok.children)
    else:
        visitor = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
        first = _name_tokens(visitor)[0] if visitor is not None and _is_proper(visitor) else None
        timed = first is not None and first.i > tok.sent.start and _is_time_noun(tok.doc[first.i - 1])
    if visitor is None or not timed or not _is_proper(visitor) or _is_time_word(visitor) or _person(visitor, words, people) \
            or _platform(visitor, words) or _name_tokens(visitor)[0].lower_ in words.titles:  # "the day Mayor Ines Duarte visited"
        return None
    start = _name_tokens(visitor)[0].idx
    end = max(tok.idx + len(tok), start)
    return Occasion(start, end, Venue("interview", _name_text(visitor), None, doc_text(tok.doc)[start:end]), None, tok.i)


def _is_time_noun(tok: Token) -> bool:
    """ "the afternoon", "the day", "the week" a clause of time hangs off."""
    return tok.lemma_.lower() in TIME_NOUNS or _is_time_word(tok)


def _audience_occasion(tok: Token, words: OccasionWords, people: frozenset[str]) -> Occasion | None:
    """ "paraded the suspects before journalists", "addressed 900 delegates": an audience that
    implies the occasion, as the object of "before" or "to" or of a verb of addressing."""
    kind = words.audiences.get(tok.lower_) or words.audiences.get(tok.lemma_.lower())
    if kind is None:
        return None
    if tok.dep_ == "pobj" and (tok.head.lower_ == "before" or tok.head.lower_ in ("to", "with") and tok.head.head.pos_ in ("VERB", "AUX")):
        start = tok.head.idx
    elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in ADDRESSING_VERBS:
        start = tok.head.idx
    else:
        return None
    end = tok.idx + len(tok)
    owner = _premises_owner(tok.head) if kind == "press_conference" else None
    name = _name_text(owner) if owner is not None else None
    return Occasion(start, end, Venue(kind, name, None, doc_text(tok.doc)[start:end]), None, tok.i)


def _organiser_noun(tok: Token, left: list[Token]) -> Token | None:
    """ "the company's earnings call", "a results briefing at the company's Tokyo office": an
    organisation's noun (data/groups.txt) as the possessor of a briefing or of its premises."""
    owners = [c for c in left if c.dep_ == "poss"]
    for prep in tok.children:
        place = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep.dep_ == "prep" and prep.lower_ == "at" else None
        if place is not None and place.lemma_.lower() in PREMISES:
            owners += [c for c in place.children if c.dep_ == "poss"]
    return next((o for o in owners if o.pos_ == "NOUN" and o.lemma_.lower() in _organisation_nouns()
                 and any(c.lower_ == "the" for c in o.lefts)), None)


@lru_cache(maxsize=1)
def _organisation_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("groups.txt"))


def _premises_owner(tok: Token) -> Token | None:
    """ "briefed journalists at the headquarters of the Ondo State Ministry of Health", "at
    Corvane's offices": the proper-named owner of the place a briefing is held at, which holds it."""
    for prep in tok.children:
        place = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep.dep_ == "prep" and prep.lower_ == "at" else None
        if place is None or place.lemma_.lower() not in PREMISES:
            continue
        owners = [c for c in place.children if c.dep_ == "poss"]
        owners += [o for c in place.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        owner = next((o for o in owners if _is_proper(o)), None)
        if owner is not None:
            return owner
    return None


def _read_object(obj: Token, words: OccasionWords, people: frozenset[str],
                 on_air: bool = False) -> tuple[str | None, str | None, str | None, int] | None:
    """What an object says of the occasion: (kind, name, person, end offset), or None; a kind
    of "back" for a generic outlet word that refers to one named before. `on_air`: the object
    of a verb of appearing on a show ("speaking on X"), which is a programme, not a person, unless
    the text says it is one ("speaking on NewsLine 24's Power Hour" but "told CNN's Jake Tapper")."""
    if _is_time_word(obj):
        return None
    platform = _platform(obj, words)
    if platform:
        return "social", platform, None, _name_end(obj)
    if not _is_proper(obj):
        lower, lemma = obj.lower_, obj.lemma_.lower()
        if lower in words.audiences or lemma in words.audiences:
            return words.audiences.get(lower) or words.audiences[lemma], None, None, obj.idx + len(obj)
        named = next((c for c in obj.rights if c.dep_ == "appos" and _is_proper(c)), None)
        if lower in words.outlets or lemma in words.outlets:
            named = named or _name_right_after(obj)  # "the Kazakh newspaper Dala Times", parsed apart
            name = _name_before(obj) if named is None else None
            if name:  # "Frame & Reel magazine", "the Harbour Gazette newspaper": named where it stands
                return "interview", name, None, obj.idx + len(obj)
            if named is not None:  # "the financial magazine Caixun Weekly"
                return "interview", _name_text(named), None, _name_end(named)
            if any(c.lower_ == "the" for c in obj.lefts):
                return "back", None, None, obj.idx + len(obj)
        if named is not None and lemma in words.titles:
            return None, None, _name_text(named), _name_end(named)  # "with the critic Rohan Kapadia"
        return None
    end = _name_end(obj)
    name = _name_text(obj)
    found = noun_kind(obj, words) if obj.lower_ not in words.outlet_names else None  # "the Northern Post"
    if obj.lower_ in words.audiences and len(_name_tokens(obj)) == 1:
        return words.audiences[obj.lower_], None, None, end  # "told MPs", "told Parliament"
    kind = found[0] if found else None
    # "CNN's Jake Tapper", "Tom Hale of the Daily Post": a person at an outlet
    outlet = next((c for c in obj.children if c.dep_ == "poss" and _is_proper(c) and not _person(c, words, people)), None)
    if outlet is not None and not (_person(obj, words, people)
                                   or _full_name(obj) and not on_air and not _outlet_like(outlet, words)):
        # "TV Paulista's Jornal da Noite", "the City Council's Health Committee", "Radio Kestrel's
        # Sunday Touchline", "Westfunk's Markt am Abend": one name, the programme's title whole
        start = _name_tokens(outlet)[0].idx
        end = _title_end(obj)
        return kind or "broadcast", _clean(doc_text(obj.doc)[start:end]), None, end
    full_name = sum(1 for t in obj.lefts if t.dep_ == "compound" and _is_proper(t)) >= 1
    if outlet is None and (full_name or _person(obj, words, people)):
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "at"):
                outlet = next((p for p in prep.children if p.dep_ == "pobj" and _is_proper(p)
                               and not _person(p, words, people)), None)
                if outlet is not None:
                    end = max(end, _name_end(outlet))
                    break
    if outlet is not None:
        person = doc_text(obj.doc)[_name_tokens(obj)[0].idx:obj.idx + len(obj)]
        return kind, _name_text(outlet), person, end
    if _person(obj, words, people):
        return kind, None, name, end
    if kind is None and _broadcast_name(name, words):
        kind = "broadcast"
    # "on Happy Sad Confused with Josh Horowitz": the show's host, parsed under the show
    host = next((o for c in obj.rights if c.dep_ == "prep" and c.lower_ == "with"
                 for o in c.children if o.dep_ == "pobj" and _is_proper(o)), None)
    if host is not None:
        return kind, name, _name_text(host), max(end, _name_end(host))
    return kind, name, None, end


def _name_right_after(tok: Token) -> Token | None:
    """The head of a proper name written right after `tok` in its sentence, however the parse
    attached it, or None."""
    if tok.i + 1 >= tok.sent.end:
        return None
    first = tok.doc[tok.i + 1]
    if not _is_proper(first) or _is_time_word(first):
        return None
    head = first
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return head


def _name_before(tok: Token) -> str | None:
    """The proper name a common noun carries right before it ("Frame & Reel" in "Frame & Reel
    magazine"), or None: the words of its proper modifiers up to the noun."""
    modifiers = [c for c in tok.lefts if c.dep_ in ("compound", "nmod") and _is_proper(c)]
    if not modifiers or tok.i == 0:
        return None
    start = min(m.left_edge.idx for m in modifiers)
    last = tok.doc[tok.i - 1]
    return _clean(doc_text(tok.doc)[start:last.idx + len(last)])


def _full_name(tok: Token) -> bool:
    """Two or three capitalised words and nothing else, as a person's name is written."""
    tokens = _name_tokens(tok)
    return 2 <= len(tokens) <= 3 and all(t.text[:1].isupper() and t.is_alpha for t in tokens)


def institutions(doc: Doc) -> dict[str, str]:
    """Proper names ending in a word for a body or an occasion ("Marlow Springs City Council",
    "Senate Commerce Committee"), by that word lowercased; the last one written wins."""
    words = occasion_words()
    out = {}
    for tok in (doc[i] for i in _triggers(doc)):
        lower = tok.lower_
        if (lower in words.audiences or lower in words.heads) and tok.text[:1].isupper() and tok.i > tok.sent.start:
            tokens = _name_tokens(tok)
            if len(tokens) > 1:
                out[lower] = doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]
    return out


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "X") or _is_proper(tok)


def _is_proper(tok: Token) -> bool:
    """A proper name's head: tagged so, or capitalised inside a sentence as a noun or in a noun's
    place (the small model tags "Reel" a noun, "Confused" in "Happy Sad Confused" a verb)."""
    if tok.pos_ == "PROPN":
        return True
    if not tok.text[:1].isupper() or tok.i == tok.sent.start or tok.pos_ in ("PRON", "DET", "ADP", "PUNCT"):
        return False
    return tok.pos_ in ("NOUN", "X") or tok.dep_ in ("pobj", "dobj", "appos", "compound")


def _is_time_word(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in _TIME_WORDS


def _after_determiner(tok: Token) -> Token:
    """The name without its leading article ("the Guardian" → "Guardian")."""
    doc = tok.doc
    i = tok.i
    while i + 1 < len(doc) and (doc[i].dep_ == "det" or doc[i].is_punct):
        i += 1
    return doc[i]


def _name_tokens(tok: Token) -> list[Token]:
    """The proper name `tok` heads: its proper or numeric modifiers, "of" phrases ("Chamber of
    Commerce", "State of the Union") and "&" parts ("Frame & Reel"); no clause, no title."""
    doc = tok.doc
    lo = hi = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "nmod", "nummod", "amod", "flat") and (_is_proper(c) or c.like_num or _opening_adjective(c)):
            lo = min(lo, c.left_edge.i)
        elif _of_the_institution(c, tok):
            lo = min(lo, _name_tokens(c)[0].i)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == hi + 1:
            obj = next((p for p in c.children if p.dep_ == "pobj" and _is_proper(p)), None)
            if obj is not None:
                hi = _name_tokens(obj)[-1].i
        elif c.dep_ in ("compound", "flat", "nummod") and c.i == hi + 1:
            hi = c.i
    while hi + 2 < len(doc) and doc[hi + 1].text == "&" and _is_proper(doc[hi + 2]):
        hi += 2
    while lo - 2 >= 0 and doc[lo - 1].text == "&" and _is_proper(doc[lo - 2]):
        lo -= 2
    tokens = [doc[i] for i in range(lo, hi + 1)]
    while len(tokens) > 1 and (tokens[0].dep_ == "det" or tokens[0].is_punct
                               or not (_is_proper(tokens[0]) or tokens[0].like_num or _opening_adjective(tokens[0]))):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    return tokens


def _of_the_institution(possessor: Token, tok: Token) -> bool:
    """ "West Sussex Coroner's Court", "Bexley Magistrates' Court", "the Women's Institute": a
    capitalised possessive written right before a body's or an occasion's word is part of its name,
    where "Radio Albion's Morning Report" is a broadcaster's programme."""
    words = occasion_words()
    return (possessor.dep_ == "poss" and _is_proper(possessor) and possessor.right_edge.i == tok.i - 1
            and possessor.right_edge.dep_ == "case" and tok.text[:1].isupper()
            and (tok.lower_ in words.heads or tok.lower_ in words.audiences))


def _opening_adjective(tok: Token) -> bool:
    """ "the Nordic Play Summit", "the Arctic Film Forum": a capitalised adjective inside a sentence
    opening a name is the name's word, where the parse tags it no proper noun."""
    return tok.dep_ == "amod" and tok.pos_ == "ADJ" and tok.text[:1].isupper() and tok.i > tok.sent.start


def _name_text(tok: Token) -> str:
    tokens = _name_tokens(tok)
    return doc_text(tok.doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


def _name_end(tok: Token) -> int:
    last = _name_tokens(tok)[-1]
    return last.idx + len(last)


def _title_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and not _is_time_word(tok)


def _title_start(tok: Token) -> Token:
    """The first word of a title whose name starts at `tok`, widened over small words between
    capitalised ones when an article, a possessive or a preposition opens it ("the Cut to Black
    podcast", "an episode of Nothing to Declare")."""
    doc, first = tok.doc, tok
    while True:
        j = first.i - 1
        while j > first.sent.start and doc[j].lower_ in TITLE_JOINERS and doc[j].text[:1].islower() and first.i - j <= 2:
            j -= 1
        if j == first.i - 1 or j <= first.sent.start or not _title_word(doc[j]):
            return first
        opener = doc[j - 1]
        if not (opener.dep_ in ("det", "case") or opener.pos_ == "ADP"):
            return first
        first = doc[j]


def _title_end(tok: Token) -> int:
    """The end of the title whose name `tok` heads, widened over capitalised words and small words
    between them ("Markt am Abend", "Up to Speed")."""
    doc = tok.doc
    last = _name_tokens(tok)[-1]
    while True:
        j = last.i + 1
        while j < last.sent.end and doc[j].lower_ in TITLE_JOINERS and doc[j].text[:1].islower() and j - last.i <= 2:
            j += 1
        if j >= last.sent.end or not _title_word(doc[j]):
            return last.idx + len(last)
        last = doc[j]


def _programme_end(tok: Token) -> int | None:
    """ "Meridian Radio's The Daily Round" parsed as two phrases: the end of the programme's title
    after the broadcaster's possessive, or None."""
    doc = tok.doc
    last = _name_tokens(tok)[-1]
    i = last.i + 1
    if i + 1 >= last.sent.end or doc[i].lower_ not in ("'s", "’s") or not doc[i + 1].text[:1].isupper() \
            or _is_time_word(doc[i + 1]):
        return None
    return _title_end(doc[i + 1])


def _platform(tok: Token, words: OccasionWords) -> str | None:
    if not _is_proper(tok):
        return None
    return words.platforms.get(tuple(t.lower_.rstrip(".") for t in _name_tokens(tok)))


def _broadcast_name(name: str, words: OccasionWords) -> bool:
    return any(w.lower() in words.broadcast_names for w in re.findall(r"[\w']+", name))


def _outlet_like(tok: Token, words: OccasionWords) -> bool:
    """A name written as an outlet's: "the" before it or an outlet's word in it."""
    return any(c.dep_ == "det" for c in tok.children) or any(
        t.lower_ in words.outlet_names or t.lower_ in words.broadcast_names for t in _name_tokens(tok))


def _known(tok: Token, people: frozenset[str]) -> bool:
    """A person the document already names, by full name or surname; or a lone word the
    document also writes as the last of a first and last name ("told Reddy" after "Callum
    Reddy"), as a person is named again and an outlet is not."""
    name = _name_text(tok)
    if name in people or name.split()[-1] in {p.split()[-1] for p in people}:
        return True
    return " " not in name and name in _surnames(tok.doc)


@per_doc
def _surnames(doc: Doc) -> frozenset[str]:
    """The last words of the two- and three-word proper names the document writes."""
    found = set()
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.dep_ != "compound" and tok.is_alpha and tok.text[:1].isupper():
            tokens = [t for t in _name_tokens(tok) if t.is_alpha]
            if 2 <= len(tokens) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens) \
                    and tokens[0].i > tok.sent.start and not _outlet_like(tok, occasion_words()):
                found.add(tok.text)
    return frozenset(found)


def _person(tok: Token, words: OccasionWords, people: frozenset[str]) -> bool:
    """A person's name rather than an outlet's: a title before it or beside it, or a person the
    text names; never a name with an outlet's word or "the" before it. NER's label is not asked:
    the small model calls outlets people too often ("Film Ledger")."""
    tokens = _name_tokens(tok)
    if _outlet_like(tok, words) or _platform(tok, words):
        return False
    before = tok.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.lower_ in words.titles and not _is_proper(before):
        return True  # "with host Priya Natarajan", "told reporter Ann Lee"
    if any(c.dep_ == "appos" and c.lemma_.lower() in words.titles for c in tok.children):
        return True
    return _known(tok, people)


def _clean(name: str | None) -> str | None:
    """A name as a reader wants it: no trailing possessive or punctuation."""
    if not name:
        return None
    name = re.sub(r"['’]s?$", "", name.strip()).strip(" ,;:.'’\"“”")
    return name or None
