"""Name the speaker: a mention ("he", "Baker", "the director") to its canonical name in the document.

spaCy's coreference libraries are pinned to old spaCy, so the resolver is ours and rule-based,
behind a small interface (`Resolver`): the pipeline calls `resolve()`, which uses the default.

The rules, in the order a mention meets them:
- a name ("Director Sean Baker", "Baker") is the full name the text introduces, titles stripped;
- a pronoun is the nearest compatible person before it, searched sentence by sentence backwards,
  subjects first; agreement uses only what the text itself says (Mr./Ms., "actress", a "he" that
  the parse binds to the person), never first names, and nothing about gender is stored;
- a description ("the director", "the chief executive") is the person the text gave that role,
  by a title before the name, an apposition, or "X is the Y";
- an organisation keeps its own name, a group ("officials") its mention, and an anonymous source
  ("a source") names nobody.
Only people the text makes speakers, full names, or people with a role are candidates: the small
model calls film titles and characters PERSON, and single names that never speak stay out.
Without NER (fast mode, the default) the parse stands in for the entities (`_parsed_entities`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from .attribute import RawStatement
from .detect.cues import cue_lemmas
from .nlp import doc_text

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NAME_LABELS = ("PERSON",)
ORG_LABELS = ("ORG", "GPE", "NORP")
AGE = re.compile(r"\b(?:\d+|[a-z]+-?[a-z]*)-year-old\b")  # "the 44-year-old": a person, by age
QUOTE_MARKS = "\"“”‘’'«»"
POSSESSIVE = re.compile(r"['’]s$")
INITIAL = re.compile(r"[A-Z]\.|[A-Z][a-z]?\.")  # "J." keeps its point in a name
SENTENCE_WINDOW = 4  # sentences searched back for an antecedent before the whole text is


def _data_lines(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists resolve reads, loaded once from onrecord/data."""

    titles: dict[str, str]  # surface form (lower case) -> role key
    title_re: re.Pattern
    title_end_re: re.Pattern  # a title ending the text: the words before a name
    gendered: dict[str, str]
    pronouns: dict[str, tuple[str, str]]  # word -> (gender or "-", number)
    groups: frozenset[str]
    anonymous: frozenset[str]
    broad_roles: frozenset[str]  # role keys that may describe a person the text gave a narrower one


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles: dict[str, str] = {}
    for line in _data_lines("titles.txt"):
        key, _, alts = line.partition("=")
        key = key.strip().lower()
        titles[key] = key
        for alt in alts.split("|"):
            if alt.strip():
                titles[alt.strip().lower()] = key
    forms = sorted(titles, key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    title_re = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", re.I)
    title_end_re = re.compile(r"(?<![\w-])(" + alternatives + r")\s+$", re.I)
    gendered = dict(ln.split("\t")[:2] for ln in _data_lines("gendered.tsv"))
    pronouns = {w: (g, n) for w, g, n in (ln.split("\t")[:3] for ln in _data_lines("pronouns.tsv"))}
    return Lexicon(titles, title_re, title_end_re, gendered, pronouns,
                   frozenset(_data_lines("groups.txt")), frozenset(_data_lines("anonymous.txt")),
                   frozenset(titles.get(w.lower(), w.lower()) for w in _data_lines("broad_roles.txt")))


@dataclass(slots=True)
class Person:
    """One person the document names; `gender` is agreement evidence for this article only."""

    name: str
    parts: tuple[str, ...]
    first: int
    roles: list[str] = field(default_factory=list)
    role_keys: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # what descriptions of them say ("democrat", "oregon")

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None

    def add_role(self, role: str, keys: set[str]) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
        self.role_keys |= keys


@dataclass(frozen=True, slots=True)
class Mention:
    """A place the text refers to a person; candidates for pronouns and descriptions."""

    start: int
    sent: int
    subject: bool
    person: Person


class Resolver(Protocol):
    def __call__(self, doc: Doc, statements: list[RawStatement]) -> None: ...


def resolve(doc: Doc, statements: list[RawStatement], resolver: Resolver | None = None) -> None:
    """Fill `speaker_name` (and `speaker_role` where the text gives it) in place."""
    (resolver or RuleResolver())(doc, statements)


class RuleResolver:
    """The default resolver: the rules in the module docstring, one document at a time."""

    def __call__(self, doc: Doc, statements: list[RawStatement]) -> None:
        _DocumentResolver(doc, statements).run()


def _clean_name(words: list[str]) -> list[str]:
    """Name parts: the capitalised run after the last title or lower-case word, possessives off.

    "Director Sean Baker" and "Union leader Paul Ortega" both end in the name; a title word that
    ends the run is the name itself ("Larry King"). Initials keep their point ("Donald J. Trump").
    """
    lex = lexicon()
    words = [POSSESSIVE.sub("", w).strip(",;:") for w in words]
    words = [w if INITIAL.fullmatch(w) else w.rstrip(".") for w in words if w.strip(".")]
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        titled = low in lex.titles or low in lex.gendered or low.rstrip(".") in lex.gendered \
            or low + "." in lex.gendered or low + "." in lex.titles
        if not (w[0].isupper() or w[0].isdigit()) or (titled and i < len(words) - 1):
            out = []
        else:
            out.append(w)
    if len(out) == 1 and (out[0].lower() in lex.gendered or out[0].lower() in lex.titles):
        return []
    return out


def _strip_det(span: Span, text: str) -> str:
    toks = list(span)
    while toks and toks[0].dep_ in ("det", "poss"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return ""
    return text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]


class _DocumentResolver:
    def __init__(self, doc: Doc, statements: list[RawStatement]):
        self.doc = doc
        self.text = doc_text(doc)
        self.statements = statements
        self.lex = lexicon()
        self.tokens = list(doc)  # one Token object each, for the passes over every token
        self.sents = list(doc.sents)
        self.sent_of = {}
        for i, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.sent_of[t] = i
        self.proper_runs = self._proper_runs()
        # Doc.ents builds a new Span per entity on each access; without NER (fast mode) the
        # parse stands in for the entities the rules read.
        self.ents = doc.ents if doc.has_annotation("ENT_IOB") else self._parsed_entities()
        self.ent_starts = [e.start for e in self.ents]
        self.ent_label = {i: e.label_ for e in self.ents for i in range(e.start, e.end)}
        # Words inside quotation marks: names there are seldom what a later pronoun points back to.
        self.quoted = sorted({(a, b) for st in statements for a, b in st.content
                              if self.text[a:a + 1] in QUOTE_MARKS})
        self.quoted_starts = [a for a, _b in self.quoted]
        self.quoted_reach = list(itertools.accumulate((b for _a, b in self.quoted), max))  # furthest end so far
        self.speaker_starts = {st.speaker[0] for st in statements if st.speaker}
        self.people: list[Person] = []
        self.name_ents = self._name_ents()
        self.speaker_names = self._speaker_names()
        self.full_forms = self._full_forms()
        self.mentions: list[Mention] = []
        self.by_sent: dict[int, list[Mention]] = {}
        self.org_speakers: set[str] = set()
        self.last_group: str | None = None  # the last organisation or group that spoke: "they", "it"

    # ---- the person registry -------------------------------------------------
    def _ents_in(self, span: Span) -> list[Span]:
        """`span.ents` without rebuilding the document's entities (spaCy's Span.ents does)."""
        out = []
        for ent in self.ents[bisect.bisect_left(self.ent_starts, span.start):]:
            if ent.end > span.end:
                break
            out.append(ent)
        return out

    def _inside_quotes(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted_reach[k] > pos

    def _name_ents(self) -> list[tuple[Span, list[str]]]:
        """PERSON entities split on "and", each with its cleaned name parts."""
        out = []
        for ent in self.ents:
            if ent.label_ not in NAME_LABELS:
                continue
            chunk: list[Token] = []
            for tok in list(ent) + [None]:
                if tok is None or tok.lower_ in ("and", "&", ",", "\n") or tok.is_space:
                    if chunk:
                        span = self.doc[chunk[0].i:chunk[-1].i + 1]
                        parts = _clean_name([t.text for t in span])
                        if parts:
                            out.append((span, parts))
                    chunk = []
                else:
                    chunk.append(tok)
        return out

    def _parsed_entities(self) -> tuple[Span, ...]:
        """Fast mode's entities, from the parse: a run of proper nouns is a PERSON where the text
        marks it as one (a title before it, a role beside it, the subject of a verb of saying or
        in apposition to one) and an ORG where it ends in a group word ("Council") or a plural
        name ("Motors"), employs someone ("chief executive of X"), follows "the", or is an acronym."""
        runs = self.proper_runs
        labels: dict[int, str] = {}
        for run in runs:
            parts = _clean_name([t.text for t in run])
            if parts and (self._title_before(run) or len(parts) < len(run)):  # "Sen. Vance", "Mr. King"
                labels[run.start] = "PERSON"
            elif self._marked_as_org(run):
                labels[run.start] = "ORG"
            elif len(parts) >= 2 and self._marked_as_person(run):
                labels[run.start] = "PERSON"
        # A name marked once keeps its label wherever the text repeats it.
        by_text = {run.text: labels[run.start] for run in runs if run.start in labels and len(run) > 1}
        ents = [Span(self.doc, run.start, run.end, label=labels.get(run.start) or by_text[run.text])
                for run in runs if run.start in labels or run.text in by_text]
        return tuple(self._joined_on_of(ents, {run.start: run for run in runs}))

    def _joined_on_of(self, ents: list[Span], runs: dict[int, Span]) -> list[Span]:
        """ "Ministry" "of" "Health" is one organisation: an ORG run and the name after its "of"."""
        out: list[Span] = []
        skip = -1
        for ent in ents:
            if ent.start <= skip:
                continue
            after = runs.get(ent.end + 1)
            if ent.label_ == "ORG" and after is not None and self.doc[ent.end].lower_ == "of":
                ent = Span(self.doc, ent.start, after.end, label="ORG")
                skip = after.start
            out.append(ent)
        return out

    def _marked_as_person(self, run: Span) -> bool:
        return self._is_speech_subject(run) or self._has_role(run) \
            or (run.root.dep_ == "appos" and self._is_speech_subject(run.root.head))

    def _marked_as_org(self, run: Span) -> bool:
        last, before = run[-1], self.doc[run.start - 1] if run.start > 0 else None
        if last.lower_ in self.lex.groups or last.tag_ == "NNPS":  # "Harlow Motors", "Allied Pictures"
            return True
        root = run.root
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "at", "for") \
                and self.lex.title_end_re.search(self.text[root.head.head.left_edge.idx:root.head.idx]):
            return True  # "the chief executive of Brightline Energy": a role's employer
        if len(run) == 1 and last.is_upper and len(last.text) > 1 and last.lower_ not in self.lex.titles:
            return True
        return before is not None and before.lower_ == "the" and run.root.dep_ != "compound"

    def _proper_runs(self) -> list[Span]:
        """Maximal runs of capitalised proper nouns within a line."""
        runs, start = [], None
        for tok in self.tokens:
            name = tok.pos_ == "PROPN" and tok.text[:1].isupper()
            if start is not None and (not name or "\n" in self.tokens[tok.i - 1].whitespace_):
                runs.append(self.doc[start:tok.i])
                start = None
            if name and start is None:
                start = tok.i
        if start is not None:
            runs.append(self.doc[start:len(self.doc)])
        return runs

    def _has_role(self, span: Span) -> bool:
        """ "Marcus Oyelaran, the chief executive", "Oyelaran is the director": a person's role beside the name."""
        return any(self.lex.title_end_re.search(self.text[h.left_edge.idx:h.idx + len(h.text)] + " ")
                   for h in _description_heads(span.root))

    def _speaker_names(self) -> list[tuple[Span, list[str]]]:
        """The proper name heading each speaker mention, whatever label the model gave it.

        The run of proper nouns around the mention's head: "Sen. Lindsey Graham (R-S.C.)" is
        "Sen. Lindsey Graham", "Union leader Paul Ortega" is "Paul Ortega".
        """
        out = []
        for st in self.statements:
            if not st.speaker:
                continue
            span = self.doc.char_span(*st.speaker, alignment_mode="expand")
            if span is None or not self._person_word(span.root):
                continue
            lo = hi = span.root.i
            while lo > span.start and self._person_word(self.doc[lo - 1]):
                lo -= 1
            while hi + 1 < span.end and self._person_word(self.doc[hi + 1]):
                hi += 1
            run = self.doc[lo:hi + 1]
            parts = _clean_name([t.text for t in run])
            if parts and not (len(parts) == 1 and parts[0].isupper() and run.root.ent_type_ != "PERSON"):
                out.append((run, parts))
        return out

    def _person_word(self, tok: Token) -> bool:
        return tok.pos_ == "PROPN" and tok.text[:1].isupper() and self.ent_label.get(tok.i, "") in ("", "PERSON")

    def _find_person(self, parts: list[str], before: int | None = None) -> Person | None:
        """The person these name parts refer to: the full name, or one whose name ends or starts so."""
        if not parts:
            return None
        low = tuple(p.lower() for p in parts)
        exact = [p for p in self.people if p.parts == low]
        if exact:
            return exact[0]
        n = len(low)
        tail = [p for p in self.people if len(p.parts) > n and p.parts[-n:] == low]
        head = [p for p in self.people if len(p.parts) > n and p.parts[:n] == low]
        for group in (tail, head):
            if group:
                if before is not None:
                    earlier = [p for p in group if p.first <= before]
                    if earlier:
                        return max(earlier, key=lambda p: p.first)
                return min(group, key=lambda p: p.first)
        return None

    def _full_forms(self) -> list[list[str]]:
        """Every multi-word capitalised name the text writes, whatever label the model gave it."""
        forms = [_clean_name([t.text for t in run]) for run in self.proper_runs if len(run) >= 2]
        forms += [_clean_name([t.text for t in e]) for e in self.ents if e.label_ in NAME_LABELS + ORG_LABELS]
        return [f for f in forms if len(f) >= 2]

    def _expand(self, parts: list[str]) -> list[str]:
        """A lone name the text also writes in full ("Holt" -> "Maren Holt", "Corva" -> "Corva Systems")."""
        if len(parts) != 1:
            return parts
        word = parts[0]
        longer = [f for f in self.full_forms if word in (f[0], f[-1]) and len(f) <= 4]
        if not longer:
            return parts
        return max(longer, key=lambda f: (sum(g == f for g in longer), -len(f)))

    def _register(self, parts: list[str], pos: int) -> Person:
        person = self._find_person(parts, pos)
        if person is None:
            parts = self._expand(parts)
            person = self._find_person(parts, pos)
        if person is None:
            person = Person(" ".join(parts), tuple(p.lower() for p in parts), pos)
            self.people.append(person)
        return person

    def build(self) -> None:
        names, speakers = self.name_ents, self.speaker_names
        role_spans = {}
        for span, parts in names:
            role_spans[span.start] = self._title_before(span)
        # Full names first, so a surname anywhere finds its full name.
        for span, parts in sorted(names + speakers, key=lambda x: (-len(x[1]), x[0].start_char)):
            strong = (len(parts) >= 2 or span.start_char in self.speaker_starts
                      or any(span.start_char <= s < span.end_char for s in self.speaker_starts)
                      or role_spans.get(span.start) or self._is_speech_subject(span))
            if strong:
                self._register(parts, span.start_char)
        # The small model calls a surname ORG or GPE now and then ("Vance said"): a known person still.
        mislabelled = [(e, _clean_name([t.text for t in e])) for e in self.ents
                       if e.label_ not in NAME_LABELS and all(t.pos_ == "PROPN" for t in e)]
        seen: set[int] = set()
        for span, parts in sorted(names + speakers + mislabelled, key=lambda x: x[0].start_char):
            person = self._find_person(parts, span.start_char)
            if person is None:
                continue
            person.first = min(person.first, span.start_char)
            self._roles_of(span, person)
            self._gender_marks(span, person)
            if not self._inside_quotes(span.start_char) and span.start_char not in seen:
                seen.add(span.start_char)
                self.mentions.append(Mention(span.start_char, self.sent_of[span.start],
                                             span.root.dep_ in SUBJECT_DEPS, person))
        self._bare_surnames(seen)
        self._lead_description()
        self._description_mentions()
        self._pronoun_evidence()
        self.mentions.sort(key=lambda m: m.start)
        for m in self.mentions:
            self.by_sent.setdefault(m.sent, []).append(m)

    def _is_speech_subject(self, span: Span | Token) -> bool:
        """The subject of a verb of saying, or joined to one ("Mr. King and Mr. Schultz said")."""
        root = span.root if isinstance(span, Span) else span
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        return root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in cue_lemmas()

    def _title_before(self, span: Span) -> tuple[str, set[str]] | None:
        """ "Director Sean Baker", "Apple CEO Tim Cook": the title word just before the name."""
        parts = _clean_name([t.text for t in span])
        inner = span.text.find(parts[0]) if parts else 0
        before = self.text[self.sents[self.sent_of[span.start]].start_char:span.start_char] + span.text[:max(inner, 0)]
        m = self.lex.title_end_re.search(before)
        if m is None:
            return None
        key = self.lex.titles[m.group(1).lower()]
        return (key if m.group(1).endswith(".") else _role_text(m.group(1))), {key}

    def _roles_of(self, span: Span, person: Person) -> None:
        titled = self._title_before(span)
        if titled:
            person.add_role(*titled)
        for head in _description_heads(span.root):
            desc = self._description_span(head, exclude=span)
            if desc is None:
                continue
            person.words |= {t.lower_ for t in desc if t.is_alpha and not t.is_stop}
            ending = self.lex.title_end_re.search(self.text[desc.start_char:head.idx + len(head.text)] + " ")
            keys = {self.lex.titles[ending.group(1).lower()]} if ending else set()
            if keys:
                person.add_role(_strip_det(desc, self.text), keys)

    def _description_span(self, head: Token, exclude: Span) -> Span | None:
        """The words describing the person around `head`, without the name and up to the first comma."""
        toks = [t for t in head.subtree if not (exclude.start <= t.i < exclude.end)
                and not any(a.dep_ == "appos" and exclude.start <= a.i < exclude.end for a in t.ancestors)]
        toks = [t for t in toks if t.i <= head.i or t.i < exclude.start or head.i > exclude.end]
        if not toks:
            return None
        start, end = toks[0].i, toks[-1].i + 1
        for t in self.doc[start:end]:
            if t.is_punct and t.i > head.i:
                end = t.i
                break
        return self.doc[start:end]

    def _title_keys(self, text: str) -> set[str]:
        return {self.lex.titles[m.group(1).lower()] for m in self.lex.title_re.finditer(text)}

    def _gender_marks(self, span: Span, person: Person) -> None:
        before = self.doc[span.start - 1] if span.start > 0 else None
        words = [t.lower_ for t in span]
        if before is not None:
            words.insert(0, before.lower_)
        for w in words:
            g = self.lex.gendered.get(w)
            if g:
                person.genders.add(g)

    def _bare_surnames(self, seen: set[int]) -> None:
        """A known surname the model tagged as nothing at all ("…, Wendel went further") is a mention."""
        surnames = {p.parts[-1]: p for p in self.people if len(p.parts) >= 2}
        covered = {t.i for m in self.mentions for t in self.doc.char_span(m.start, m.start + 1, alignment_mode="expand")}
        for tok in self.tokens:
            person = surnames.get(tok.lower_)
            if person is None or tok.ent_type_ or tok.pos_ != "PROPN" or tok.i in covered \
                    or tok.idx in seen or self._inside_quotes(tok.idx):
                continue
            before = self.tokens[tok.i - 1] if tok.i > 0 else None
            if before is not None and before.pos_ == "PROPN" and before.lower_ not in self.lex.titles:
                continue  # part of a longer name
            seen.add(tok.idx)
            self.mentions.append(Mention(tok.idx, self.sent_of[tok.i], tok.dep_ in SUBJECT_DEPS, person))

    def _lead_description(self) -> None:
        """ "The director of X set the record straight…": a lead that describes before it names.

        A role the first paragraph's subject holds, and no named person does, belongs to the
        person the article names most.
        """
        if not self.mentions:
            return
        lead_end = self.text.find("\n\n", len(self.text) - len(self.text.lstrip()))
        lead_end = len(self.text) if lead_end < 0 else lead_end
        counts: dict[int, int] = {}
        for m in self.mentions:
            counts[id(m.person)] = counts.get(id(m.person), 0) + 1
        main = max(self.people, key=lambda p: (counts.get(id(p), 0), -p.first))
        for sent in self.sents:
            if sent.start_char >= lead_end:
                break
            for tok in sent:
                if tok.dep_ not in SUBJECT_DEPS or tok.pos_ != "NOUN" or tok.ent_type_:
                    continue
                desc = self.doc[tok.left_edge.i:tok.right_edge.i + 1]
                ending = self.lex.title_end_re.search(self.text[desc.start_char:tok.idx + len(tok.text)] + " ")
                if ending is None:
                    continue
                key = self.lex.titles[ending.group(1).lower()]
                if not any(key in p.role_keys for p in self.people):
                    main.add_role(_strip_det(desc, self.text), {key})

    def _description_mentions(self) -> None:
        """Noun phrases naming a role some person holds are mentions of that person."""
        if not any(p.role_keys for p in self.people):
            return
        for chunk in self.doc.noun_chunks:
            if chunk.root.pos_ != "NOUN" or self._inside_quotes(chunk.start_char):
                continue
            keys = self._title_keys(chunk.text)
            if not keys or any(e.label_ in NAME_LABELS for e in self._ents_in(chunk)):
                continue
            person = self._person_for_role(keys, chunk.start_char)
            if person is not None:
                self.mentions.append(Mention(chunk.start_char, self.sent_of[chunk.root.i],
                                             chunk.root.dep_ in SUBJECT_DEPS, person))

    def _person_for_role(self, keys: set[str], pos: int, words: set[str] = frozenset()) -> Person | None:
        """The holder of the role; among several, the one the mention's other words describe, else the latest."""
        holders = [p for p in self.people if p.role_keys & keys]
        if not holders:
            return None
        best = max(len(p.words & words) for p in holders)
        if best:
            holders = [p for p in holders if len(p.words & words) == best]
        recent = [m for m in self.mentions if m.person in holders and m.start < pos]
        if recent:
            return max(recent, key=lambda m: m.start).person
        return min(holders, key=lambda p: p.first)

    def _pronoun_evidence(self) -> None:
        """ "Baker said he…", "Baker expanded on his thoughts": a pronoun the parse binds to a named subject."""
        by_token = {}
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.start + 1, alignment_mode="expand")
            if span is not None:
                by_token[span.root.i] = m.person
        name_token = {}
        for span, _parts in self.name_ents:
            person = by_token.get(span.start)
            if person is not None:
                for t in span:
                    name_token[t.i] = person
        for tok in self.tokens:
            entry = self.lex.pronouns.get(tok.lower_)
            if not entry or entry[0] == "-":
                continue
            if tok.dep_ in SUBJECT_DEPS:
                clause = tok.head
                if clause.dep_ not in ("ccomp", "advcl", "xcomp"):
                    continue
                governor = clause.head
            elif tok.dep_ == "poss":
                governor = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            else:
                continue
            subject = self._subject_of(governor)
            if subject is not None and subject.i != tok.i and subject.i in name_token:
                name_token[subject.i].genders.add(entry[0])

    @staticmethod
    def _subject_of(verb: Token | None) -> Token | None:
        for _ in range(3):
            if verb is None:
                return None
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                return subj
            if verb.dep_ not in ("advcl", "xcomp", "conj"):
                return None
            verb = verb.head
        return None

    # ---- naming each statement's speaker ------------------------------------
    def run(self) -> None:
        self.build()
        ordered = sorted(self.statements, key=lambda s: (s.speaker or s.content[0])[0])
        previous: RawStatement | None = None
        for st in ordered:
            if st.speaker and st.speaker_name is None and not self._first_person(st):
                name, person, role = self.name_mention(*st.speaker)
                st.speaker_name = name
                if person is not None:
                    self._mentioned(st.speaker[0], person)
                if name and person is None:
                    self.last_group = name
                    self.org_speakers.add(name)
                if st.speaker_role is None:
                    st.speaker_role = role or (person.roles[0] if person and person.roles else None)
            elif not st.speaker and st.speaker_name is None and previous is not None:
                self._inherit(previous, st)
            previous = st
        for st in ordered:
            if st.speaker and st.speaker_name is None and self._first_person(st):
                self._quoting_speaker(st)

    def _mentioned(self, start: int, person: Person) -> None:
        """A resolved speaker mention is a mention later pronouns can find (the most salient kind)."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return
        sent = self.sent_of[span.start]
        here = self.by_sent.setdefault(sent, [])
        if all(m.start != start for m in here):
            here.append(Mention(start, sent, True, person))

    def _first_person(self, st: RawStatement) -> bool:
        word = self.text[st.speaker[0]:st.speaker[1]].strip().lower() if st.speaker else ""
        return self.lex.pronouns.get(word, ("", ""))[1] == "first"

    def _quoting_speaker(self, st: RawStatement) -> None:
        """ "I" inside someone's quoted words is that someone."""
        pos = st.speaker[0]
        for other in self.statements:
            if other is not st and other.speaker_name and other.kind != "indirect" \
                    and any(s <= pos < e for s, e in other.content):
                st.speaker_name, st.speaker_role = other.speaker_name, other.speaker_role
                return

    def _inherit(self, previous: RawStatement, st: RawStatement) -> None:
        """A quote with no mention continues the last speaker's turn if no one else is named between."""
        gap_start = max(e for _, e in previous.content)
        gap_end = min(s for s, _ in st.content)
        if gap_end < gap_start or self.text.count("\n\n", gap_start, gap_end) > 1:
            return
        own = previous.speaker or (0, 0)  # the speaker's own name between the two is no one else
        if any(gap_start <= e.start_char < gap_end and e.label_ in NAME_LABELS
               and not own[0] <= e.start_char < own[1] for e in self.ents):
            return
        st.speaker_name, st.speaker_role = previous.speaker_name, previous.speaker_role

    def name_mention(self, start: int, end: int) -> tuple[str | None, Person | None, str | None]:
        """(name, person, role the mention itself gives) for the mention at text[start:end]."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None, None, None
        words = [t for t in span if not t.is_punct and not t.is_space]
        if len(words) == 1 and words[0].lower_ in self.lex.pronouns:
            gender, number = self.lex.pronouns[words[0].lower_]
            if number == "pl":
                return self.last_group or self._nearest_org(span.start_char), None, None
            if number == "it":
                return self._nearest_org(span.start_char) or self.last_group, None, None
            person = self._antecedent(words[0])
            if person is not None and gender != "-" and not person.genders:
                person.genders.add(gender)
            return (person.name if person else None), person, None
        if len(words) == 1 and words[0].pos_ == "PRON":
            return None, None, None
        titled = self._title_keys(span.text)
        both = self._conjoined(span)
        if both:
            return both, None, None
        names = [(s, p) for s, p in self.name_ents + self.speaker_names
                 if s.start_char < end and s.end_char > start]
        for s, parts in names:
            person = self._find_person(parts, start)
            if person is not None:
                return person.name, person, None
        # A role's holder is the person, not a name inside the role ("the chief executive of Corva").
        described = titled and span.root.pos_ != "PROPN"
        capitalised = [] if described else _clean_name([t.text for t in words])
        person = self._find_person(capitalised, start) if capitalised else None
        if person is not None:
            return person.name, person, None
        for e in self._ents_in(span):
            person = self._find_person(_clean_name([t.text for t in e]), start) if e.label_ in ORG_LABELS else None
            if person is not None:
                return person.name, person, None
        props = [t for t in words if t.pos_ == "PROPN" and t.ent_type_ not in ORG_LABELS]
        if props and not titled and all(t.pos_ in ("PROPN", "DET", "PART") for t in words):
            return " ".join(_clean_name([t.text for t in props])) or None, None, None
        role = _strip_det(span, self.text) if titled else None
        if titled:
            person = self._person_for_role(titled, start, {t.lower_ for t in words if t.is_alpha and not t.is_stop})
            if person is None and span[0].lower_ == "the":
                person = self._antecedent(span.root, self._could_be_described(span, titled))
            if person is not None:
                return person.name, person, role
            return None, None, role
        if span[0].lower_ == "the" and AGE.search(span.text):
            person = self._antecedent(span.root)
            return (person.name if person else None), person, None
        orgs = [e for e in self._ents_in(span) if e.label_ in ORG_LABELS]
        head = span.root
        if head.lemma_.lower() in self.lex.anonymous or head.lower_ in self.lex.anonymous:
            return None, None, None
        if head.tag_ == "NNS" and head.ent_type_ not in ORG_LABELS:
            return _strip_det(span, self.text) if span[0].lower_ != "the" else self.text[span[1].idx:end], None, None
        if orgs and (head.ent_type_ in ORG_LABELS or head.pos_ == "PROPN"):
            return " ".join(self._expand(orgs[0].text.split())), None, None
        if head.lemma_.lower() in self.lex.groups and head.tag_ != "NNS":
            if orgs:
                return orgs[0].text, None, None
            if span[0].lower_ == "the":
                return self._nearest_org(span.start_char) or _strip_det(span, self.text), None, None
            return None, None, None
        if head.tag_ in ("NNS", "NNPS"):
            return _strip_det(span, self.text) if span[0].lower_ != "the" else self.text[span[1].idx:end], None, None
        return None, None, None

    def _could_be_described(self, span: Span, keys: set[str]):
        """Who a description with a role nobody holds may still be: not a person named beside it
        ("the lead actress, Varga revealed"), and one the text gave no other role unless the role is
        broad ("the musician") or they were the subject just before ("Okoro … . The defender wrote")."""
        sent = self.sent_of[span.root.i]
        beside = {id(m.person) for m in self.by_sent.get(sent, ()) if not span.start_char <= m.start < span.end_char}
        subjects = {id(m.person) for m in self.by_sent.get(sent - 1, ()) if m.subject}
        broad = bool(keys & self.lex.broad_roles)
        return lambda p: id(p) not in beside and (broad or not p.role_keys or id(p) in subjects)

    def _conjoined(self, span: Span) -> str | None:
        """ "Mr. King and Mr. Schultz" speak together: both names, when the parse conjoins them."""
        named = []
        for s, parts in self.name_ents + self.speaker_names:
            person = self._find_person(parts, s.start_char) if span.start <= s.start < span.end else None
            if person is not None and all(p is not person for _, p in named):
                named.append((s, person))
        joined = [p for s, p in named
                  if any(c.dep_ == "conj" and o is not s and o.start <= c.i < o.end
                         for c in s.root.children for o, _ in named)
                  or any(s.start <= c.i < s.end and c.dep_ == "conj" for o, _ in named for c in o.root.children)]
        return " and ".join(p.name for p in joined) if len(joined) > 1 else None

    def _nearest_org(self, pos: int) -> str | None:
        """The organisation the text names most before `pos` (the latest on a tie), if capitalised."""
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for e in self.ents:
            if e.end_char > pos:
                break
            if e.label_ == "ORG" and e.text[:1].isupper() and self._find_person(_clean_name(e.text.split())) is None:
                counts[e.text] = counts.get(e.text, 0) + 1
                last[e.text] = e.start_char
        if not counts:
            return None
        return max(counts, key=lambda name: (name in self.org_speakers, counts[name], last[name]))

    def _antecedent(self, pronoun: Token, compatible=None) -> Person | None:
        """The nearest person before the pronoun: same sentence then earlier ones, subjects first.

        A person whose gender the text established in agreement wins over one it never did.
        """
        entry = self.lex.pronouns.get(pronoun.lower_, ("-", "sg"))
        if entry[1] == "it":
            return None
        want = entry[0] if entry[0] != "-" else None
        here = self.sent_of[pronoun.i]
        pos = pronoun.idx

        def ok(p: Person) -> bool:
            if compatible is not None and not compatible(p):
                return False
            return want is None or p.gender in (None, want)

        def ordered(lo: int) -> list[Mention]:
            out = []
            for s in range(here, lo - 1, -1):
                ms = [m for m in self.by_sent.get(s, ()) if m.start < pos and ok(m.person)]
                ms.sort(key=lambda m: (not m.subject, m.start if s != here else -m.start))
                out += ms
            return out

        for lo in (max(0, here - SENTENCE_WINDOW), 0):
            cands = ordered(lo)
            if want is not None:
                agreed = [m for m in cands if m.person.gender == want]
                if agreed:
                    return agreed[0].person
            if cands:
                return cands[0].person
        return None


def _description_heads(root: Token) -> list[Token]:
    """The nouns describing the person a name heads: its apposition either way, or "X is the Y"."""
    heads = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        heads.append(root.head)
    if root.dep_ in SUBJECT_DEPS and root.head.lemma_ == "be":
        heads += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return heads


def _role_text(word: str) -> str:
    """Titles read as the text wrote them, lower case unless an acronym ("CEO")."""
    return word if word.isupper() and len(word) > 1 else word.lower()
