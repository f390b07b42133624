"""entities: who a document names, and where it refers to them.

The registry resolve's other parts read: each person the text names (canonical name from
`naming`, roles, gender marks, the words describing them), each place the text refers to one
(`Mention`: a name, a bare surname, a description of a role they hold), and the organisations
it names. With spaCy's NER the entities are the model's; without it (fast mode, the default) the
parse stands in (`_parsed_entities`). Only people the text makes speakers, full names, or people
with a role are registered: the small model calls film titles and characters PERSON, and single
names that never speak stay out.
"""
from __future__ import annotations

import bisect
import calendar
import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..attribute import RawStatement
from ..detect.cues import cue_lemmas
from ..nlp import doc_text
from .naming import POSSESSIVE, lexicon, name_parts, role_text, words_of

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NAME_LABELS = ("PERSON",)
ORG_LABELS = ("ORG", "GPE", "NORP")
QUOTE_MARKS = "\"“”‘’'«»"
DATE_NAMES = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
AGE = re.compile(r"\b(\d+|[a-z]+(?:-[a-z]+)?)-year-old\b", re.I)  # "the 44-year-old": a person, by age


@dataclass(slots=True)
class Person:
    """One person the document names; `gender` is agreement evidence for this article only."""

    name: str
    parts: tuple[str, ...]
    first: int
    roles: list[str] = field(default_factory=list)
    role_keys: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)  # "Santos, 23," -> "23"
    relations: set[str] = field(default_factory=set)  # "her brother, Chidi Okafor" -> "brother"
    words: set[str] = field(default_factory=set)  # what descriptions of them say ("democrat", "oregon")
    nationalities: set[str] = field(default_factory=set)  # "Dutch grandmaster Pieter Smit" -> "dutch"

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


def find_entities(doc: Doc, statements: list[RawStatement]) -> "Entities":
    """The people, mentions and organisations of one parsed document."""
    found = Entities(doc, statements)
    found.build()
    return found


def description_text(span: Span, text: str) -> str:
    """A description as the text writes it, without its article or possessive ("the director" -> "director")."""
    toks = list(span)
    while toks and toks[0].dep_ in ("det", "poss", "case"):  # "Queensland's", "the"
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return ""
    return text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]


class Entities:
    """The registry of one document; built once (`build`), then only read."""

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
        self.run_at = {t.i: run for run in self.proper_runs for t in run}
        self.bound_genders = self._bound_pronoun_genders()
        # Doc.ents builds a new Span per entity on each access; without NER (fast mode) the
        # parse stands in for the entities the rules read.
        self.ents = self._model_entities() if doc.has_annotation("ENT_IOB") else self._parsed_entities()
        self.ent_starts = [e.start for e in self.ents]
        self.ent_at = {i: e for e in self.ents for i in range(e.start, e.end)}
        self.ent_label = {i: e.label_ for i, e in self.ent_at.items()}
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
        self.acronyms = self._acronyms()
        self.organisation_names = self._named_organisations()
        self.org_kinds = self._org_kinds()
        self.mentions: list[Mention] = []
        self.named_at: dict[int, Person] = {}  # where a name starts -> the person it names
        self.by_sent: dict[int, list[Mention]] = {}

    # ---- the person registry -------------------------------------------------
    def ents_in(self, span: Span) -> list[Span]:
        """`span.ents` without rebuilding the document's entities (spaCy's Span.ents does)."""
        out = []
        for ent in self.ents[bisect.bisect_left(self.ent_starts, span.start):]:
            if ent.end > span.end:
                break
            out.append(ent)
        return out

    def inside_quotes(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted_reach[k] > pos

    def _model_entities(self) -> tuple[Span, ...]:
        """spaCy's entities, read with the parse: no dateline ("OSLO, May 2 -"); a PERSON that is a
        plural name or ends in an organisation noun ("Harbour Rovers", "Lowmoor Council") an ORG; a
        PERSON cut short widened to its whole run of proper nouns ("Min Seo" of "Min Seo-yeon",
        "Jepkosgei Rotich" of "Faith Jepkosgei Rotich");
        and a person the parse marks ("Commander Mário Sequeira Lopes", "Mayor Ines Calder") taking
        the place of whatever the model read there, or of nothing."""
        model = []
        doc_ents = self.doc.ents
        for ent in doc_ents:
            if self._dateline(ent):
                continue
            last = ent[-1]
            if ent.label_ in NAME_LABELS and (last.tag_ == "NNPS" or last.lower_ in self.lex.groups
                                              or _joined_name(ent) or self.org_noun_first(ent)
                                              or self.beside_org_noun(ent) or self._holders_place(ent)
                                              or _described_as_thing(ent)):
                ent = Span(self.doc, ent.start, ent.end, label="ORG")
            elif ent.label_ in NAME_LABELS and len(words_of(ent)) > 1 and _modifies_a_noun(ent):
                ent = Span(self.doc, ent.start, ent.end, label="GPE")  # "Akoko South-West local government areas"
            run = self.run_at.get(ent.start)
            if ent.label_ in NAME_LABELS and run is not None and run.end >= ent.end \
                    and len(name_parts(words_of(run))) > len(name_parts(words_of(ent))) \
                    and not any(o.start < run.end and o.end > run.start and o.start != ent.start for o in doc_ents):
                ent = Span(self.doc, run.start, run.end, label=ent.label_)
            model.append(ent)
        parsed = self._parsed_entities()
        unseen = [e for e in parsed if e.label_ == "ORG" and not any(o.start < e.end and o.end > e.start for o in model)]
        parsed = [e for e in parsed if e.label_ in NAME_LABELS]
        marked = {t for e in parsed for t in range(e.start, e.end)}
        out = [e for e in model if not marked & set(range(e.start, e.end)) or
               (e.label_ in NAME_LABELS and not any(p.start <= e.start and p.end >= e.end and len(p) > len(e)
                                                    for p in parsed))]
        taken = {t for e in out for t in range(e.start, e.end)}
        out += [p for p in parsed if not taken & set(range(p.start, p.end))]
        taken = {t for e in out for t in range(e.start, e.end)}
        out += [o for o in unseen if not taken & set(range(o.start, o.end))]  # "Kestrel Coaches", missed
        return tuple(sorted(out, key=lambda e: e.start))

    def _holders_place(self, ent: Span) -> bool:
        """ "The mayor of Castanheira da Serra, Jorge Alves Pimentel": the name after a role's "of"
        that a person's name stands in apposition to is where the role is held, no person."""
        role = _role_over(ent.root)
        return role is not None and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in ent.root.children) \
            and self.lex.title_end_re.search(self.text[role.left_edge.idx:role.idx + len(role.text)] + " ") is not None

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
                        parts = name_parts(words_of(span))
                        if parts and not self.nationality_noun(span):
                            out.append((span, parts))
                    chunk = []
                else:
                    chunk.append(tok)
        return out

    def _parsed_entities(self) -> tuple[Span, ...]:
        """Fast mode's entities, from the parse: a run of proper nouns is a PERSON where the text
        marks it as one (a title before it, an "her" or "his" of its own clause, a role beside it, the
        subject of a verb of saying or in apposition to one) and an ORG where it ends in a group word ("Council") or a plural
        name ("Motors"), employs someone ("chief executive of X"), follows "the", or is an acronym."""
        runs = self.proper_runs
        labels: dict[int, str] = {}
        for run in runs:
            parts = name_parts(words_of(run))
            if self._described_role(run):
                continue
            if _described_as_thing(run):  # "Northvale Television, which produced the soap, said"
                labels[run.start] = "ORG"
                continue
            if parts and (self._title_before(run) or len(parts) < len(run)) and not _joined_name(run) \
                    and not _modifies_a_noun(run):  # "Sen. Vance", "Mr. King"
                labels[run.start] = "PERSON"
            elif parts and (run.root.i in self.possessors or self._aged(run)):  # "Prates won her first title", "Ivers, 45,": tagged plural
                labels[run.start] = "PERSON"
            elif self._marked_as_org(run):
                labels[run.start] = "ORG"
            elif len(parts) >= 2 and self._marked_as_person(run):
                labels[run.start] = "PERSON"
        # A name marked once keeps its label wherever the text repeats it.
        by_text = {run.text: labels[run.start] for run in runs if run.start in labels and len(run) > 1}
        for run in runs:
            if run.start not in labels and run.text in by_text:
                labels[run.start] = by_text[run.text]
        # A full name whose surname the text marks as a person's elsewhere ("Mr. Boudreaux", "Ó Murchú
        # told the Sentinel") is that person's.
        marked = {name_parts(words_of(run))[-1].lower() for run in runs
                  if labels.get(run.start) == "PERSON" and name_parts(words_of(run))}
        marked |= {words_of(run)[0].lower() for run in runs
                   if len(words_of(run)) == 1 and run.start not in labels and self.is_speech_subject(run)}
        for run in runs:
            parts = name_parts(words_of(run))
            if run.start not in labels and len(parts) >= 2 and parts[-1].lower() in marked:
                labels[run.start] = "PERSON"
        # A full name joined to a person ("Chidi Okafor and his sister, Ngozi Okafor") is one too.
        root_run = {run.root.i: run for run in runs}
        for run in runs:
            other = root_run.get(run.root.head.i) if run.root.dep_ == "conj" else None
            joined = [other] if other is not None else []
            for c in run.root.children:  # "… and Y", "… and his sister, Y"
                if c.dep_ == "conj":
                    joined += [root_run[t.i] for t in (c, *c.children) if t.i in root_run and (t is c or t.dep_ == "appos")]
            if run.start not in labels and len(name_parts(words_of(run))) >= 2 \
                    and any(labels.get(o.start) == "PERSON" for o in joined):
                labels[run.start] = "PERSON"
        ents = [Span(self.doc, run.start, run.end, label=labels[run.start]) for run in runs if run.start in labels]
        return tuple(self._joined_on_of(ents, {run.start: run for run in runs}))

    def _joined_on_of(self, ents: list[Span], runs: dict[int, Span]) -> list[Span]:
        """ "Ministry" "of" "Energy" "and" "Minerals" is one organisation: an ORG run and the names
        after its "of" or "for", joined by "and" once the "of" has joined one."""
        out: list[Span] = []
        skip = -1
        for ent in ents:
            if ent.start <= skip:
                continue
            if ent.label_ == "ORG":
                joiners = ("of", "for")
                while ent.end < len(self.doc) and self.doc[ent.end].lower_ in joiners and runs.get(ent.end + 1) is not None:
                    after = runs[ent.end + 1]
                    ent = Span(self.doc, ent.start, after.end, label="ORG")
                    skip = after.start
                    joiners = ("of", "for", "and")
            out.append(ent)
        return out

    def _described_role(self, run: Span) -> bool:
        """ "the Liberal Democrat MP", "a Labour councillor": capitalised words after an article that
        end in a title are a role with its party or place, no name (a name takes no article)."""
        before = self.doc[run.start - 1] if run.start > 0 else None
        return before is not None and before.lower_ in ("the", "a", "an") and len(run) > 1 \
            and (self.lex.is_title(run[-1].text) or run[-1].text.rstrip(".") in self.lex.post_nominals)

    def _marked_as_person(self, run: Span) -> bool:
        return self.is_speech_subject(run) or self._has_role(run) or self._aged(run) \
            or (run.root.dep_ == "appos" and self.is_speech_subject(run.root.head))

    def _aged(self, span: Span) -> str | None:
        """ "Diogo Santos, 23, …": a number the parse attaches to the name, between commas, is an age."""
        after = self.doc[span.end:span.end + 3]
        if len(after) >= 2 and after[0].text == "," and after[1].like_num and span.start <= after[1].head.i < span.end \
                and (len(after) < 3 or after[2].is_punct):
            return after[1].text
        return None

    def _marked_as_org(self, run: Span) -> bool:
        last, before = run[-1], self.doc[run.start - 1] if run.start > 0 else None
        if self._modifier_or_date(run):
            return False
        if last.lower_ in self.lex.groups or last.tag_ == "NNPS":  # "Harlow Motors", "Allied Pictures"
            return True
        if self.named_kind(run.text):  # "St. Brendan's Medical Center", "Tidewater Records"
            return True
        if _joined_name(run) or self.org_noun_before(run) or self.org_noun_first(run) or self.beside_org_noun(run):
            return True
        root = run.root
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "at", "for") \
                and self.lex.title_end_re.search(self.text[root.head.head.left_edge.idx:root.head.idx]):
            return True  # "the chief executive of Brightline Energy": a role's employer
        if len(run) == 1 and last.is_upper and len(last.text) > 1 and last.lower_ not in self.lex.titles:
            return True
        return before is not None and before.lower_ == "the" and run.root.dep_ != "compound"

    def _modifier_or_date(self, run: Span) -> bool:
        """A dateline ("SEOUL —"), a date ("the July–September quarter") or a name modifying a
        word ("the Kyoto-based group"): no organisation."""
        glued = run.end < len(self.doc) and self.doc[run.end].text == "-" and not run[-1].whitespace_
        return glued or self._dateline(run) or _dated(run)

    def org_noun_before(self, run: Span) -> bool:
        """ "payments start-up Kobowave", "research firm Tenmile Analytics": a noun of an
        organisation's trade (`data/org_nouns.txt`, `data/groups.txt`) just before the name."""
        before = self.text[self.sents[self.sent_of[run.start]].start_char:run.start_char].split()
        return bool(before) and before[-1].lower() in self.lex.org_nouns

    def beside_org_noun(self, span: Span) -> bool:
        """ "Her agency, Brightstar Talent", "Brightstar Talent, the agency": a name in apposition
        to an organisation noun (`data/groups.txt`) is that organisation's."""
        root = span.root
        beside = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        return any(t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.groups and not span.start <= t.i < span.end
                   for t in beside)

    def org_noun_first(self, span: Span) -> bool:
        """ "Rival Brightmart said…", "Brokerage Halden & Mistry said…": a trade noun capitalised
        because it opens the sentence, before a name."""
        return len(span) > 1 and span[0].is_sent_start and span[0].lower_ in self.lex.org_nouns

    def _dateline(self, run: Span) -> bool:
        """ "SEOUL —", "SEOUL, Sept 3 (Newswire) -": a place in capitals before the article's first
        dash, with no verb between, is a dateline, no organisation."""
        if not run.text.isupper():
            return False
        for tok in self.doc[run.end:run.end + 12]:
            if tok.text in ("—", "–", "-", "--"):
                return True
            if tok.pos_ in ("VERB", "AUX") or "\n" in tok.text:
                return False
        return False

    def _proper_runs(self) -> list[Span]:
        """Maximal runs of capitalised proper nouns within a line; a capitalised noun continues one
        ("Greenway Homes", where the tagger calls "Homes" a common noun)."""
        runs, start = [], None
        for tok in self.tokens:
            name = tok.text[:1].isupper() and (tok.pos_ == "PROPN" or (start is not None and tok.pos_ == "NOUN"))
            name = name or (start is not None and self._glued(tok)) or (start is None and self._spelt_as_name(tok))
            if start is not None and (not name or "\n" in self.tokens[tok.i - 1].whitespace_):
                runs.append(self.doc[start:tok.i])
                start = None
            if name and start is None:
                start = tok.i
        if start is not None:
            runs.append(self.doc[start:len(self.doc)])
        return [run for run in runs if run[0].text[:1].isupper() and not self.nationality_noun(run)]

    def nationality_noun(self, span: Span) -> str | None:
        """ "The Pole", "the Czech": a noun for a person of a nationality after an article is a
        description of someone, no name (`data/demonyms.tsv`); the nationality it says, or None."""
        if len(span) != 1 or span.start == 0 or self.doc[span.start - 1].lower_ not in ("the", "a", "an"):
            return None
        return self.lex.nationals.get(span[0].lower_)

    def _spelt_as_name(self, tok: Token) -> bool:
        """A capitalised word spelt with a letter English words are not (á, ë, ø, ñ…) right before a
        proper noun is a name's first part, whatever the tagger calls it ("Seán Ó Murchú", where the
        small model reads "Seán" as a noun or an auxiliary)."""
        nxt = self.tokens[tok.i + 1] if tok.i + 1 < len(self.tokens) else None
        return tok.is_alpha and tok.text[:1].isupper() and not tok.is_stop and not tok.text.isascii() \
            and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and "\n" not in tok.whitespace_ \
            and not self.lex.is_title(tok.text)

    def _has_role(self, span: Span) -> bool:
        """ "Marcus Oyelaran, the chief executive", "Oyelaran is the director", "her brother, Chidi
        Okafor", "Tunde Olagunju, a 34-year-old yam seller": a person's role, relation or age beside
        the name."""
        return any(self.lex.title_end_re.search(self.text[h.left_edge.idx:h.idx + len(h.text)] + " ")
                   or AGE.search(self.text[h.left_edge.idx:h.idx + len(h.text)])
                   or h.lemma_.lower() in self.lex.relations for h in _description_heads(span.root))

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
            if span is None or not self._person_word(span.root) or self.nationality_noun(self.doc[span.root.i:span.root.i + 1]):
                continue
            lo = hi = span.root.i
            while lo > span.start and (self._person_word(self.doc[lo - 1]) or self._glued(self.doc[lo - 1])):
                lo -= 1
            while hi + 1 < span.end and (self._person_word(self.doc[hi + 1]) or self._glued(self.doc[hi + 1])):
                hi += 1
            while hi > lo and self.doc[hi].text == "-":
                hi -= 1
            run = self.doc[lo:hi + 1]
            parts = name_parts(words_of(run))
            if parts and not (len(parts) == 1 and parts[0].isupper() and run.root.ent_type_ != "PERSON") \
                    and not _joined_name(run) and not self.org_noun_first(run):  # "Rival Brightmart"
                out.append((run, parts))
        return out

    def _glued(self, tok: Token) -> bool:
        """A hyphen or a name's part written with no space against a name ("Ndlovu-Pryce",
        "Seo-yeon"), a particle inside one ("bin", "van"), or a nickname in quotation marks between
        its parts (Omar "Falcon" Al-Harbi)."""
        if self._in_nickname(tok):
            return True
        prev = self.tokens[tok.i - 1] if tok.i > 0 else None
        nxt = self.tokens[tok.i + 1] if tok.i + 1 < len(self.tokens) else None
        if tok.text == "&":  # "Brückner & Söhne", "Halden & Mistry"
            return prev is not None and prev.text[:1].isupper() and nxt is not None and nxt.text[:1].isupper()
        if _plural_possessive(tok):  # "Power Workers' Federation", not "the players' box"
            return prev.text[:1].isupper() and nxt is not None and nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "NOUN")
        if tok.text == "-":
            return prev is not None and not prev.whitespace_ and not tok.whitespace_ and nxt is not None \
                and nxt.is_alpha and (nxt.text[:1].isupper() or nxt.pos_ not in ("VERB", "ADP"))
        if prev is not None and prev.text == "-" and not prev.whitespace_ and tok.is_alpha:
            return tok.text[:1].isupper() or tok.pos_ not in ("VERB", "ADP")  # "Seo-yeon", not "Kyoto-based"
        while nxt is not None and tok.lower_ in self.lex.particles and nxt.lower_ in self.lex.particles:
            tok, nxt = nxt, self.tokens[nxt.i + 1] if nxt.i + 1 < len(self.tokens) else None  # "van der Berg"
        return tok.lower_ in self.lex.particles and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()

    def _in_nickname(self, tok: Token) -> bool:
        """One of the three tokens of a quoted word between two parts of a name: “ Yak ” in
        Tenzin “Yak” Dorjee."""
        for opening in range(max(1, tok.i - 2), tok.i + 1):
            if opening + 3 >= len(self.tokens):
                continue
            before, mark, word, closing, after = self.tokens[opening - 1:opening + 4]
            if mark.text in QUOTE_MARKS and closing.text in QUOTE_MARKS and before.whitespace_ \
                    and not mark.whitespace_ and not word.whitespace_ and closing.whitespace_ \
                    and word.is_alpha and word.text[:1].isupper() and before.text[:1].isupper() \
                    and after.pos_ == "PROPN" and after.text[:1].isupper():
                return True
        return False

    def _person_word(self, tok: Token) -> bool:
        return tok.pos_ == "PROPN" and tok.text[:1].isupper() and self.ent_label.get(tok.i, "") in ("", "PERSON")

    def find_person(self, parts: list[str], before: int | None = None, gender: str | None = None) -> Person | None:
        """The person these name parts refer to: the full name, or one whose name ends or starts so.

        Among several ("Mr Okafor" where a brother and a sister share the surname) an honorific's
        `gender` keeps those the text never marked otherwise, preferring one it marked so."""
        if not parts:
            return None
        low = tuple(p.lower() for p in parts)
        exact = [p for p in self.people if p.parts == low]
        if exact:
            return exact[0]
        n = len(low)
        tail = [p for p in self.people if len(p.parts) > n and p.parts[-n:] == low]
        head = [p for p in self.people if len(p.parts) > n and p.parts[:n] == low]
        # "Carvalho" for Luíza Carvalho Nogueira: a surname written first among two.
        inner = [p for p in self.people if n == 1 and len(p.parts) > 2 and low[0] in p.parts[1:-1]]
        for group in (tail, head, inner):
            if gender in ("m", "f"):
                group = [p for p in group if p.gender in (None, gender)]
                group = [p for p in group if p.gender == gender] or group
            if group:
                if before is not None:
                    earlier = [p for p in group if p.first <= before]
                    if earlier:
                        return max(earlier, key=lambda p: p.first)
                return min(group, key=lambda p: p.first)
        return None

    def shares_name(self, parts: list[str]) -> bool:
        """More than one person the name parts could be ("Okafor" for Chidi and Ngozi Okafor)."""
        low = tuple(p.lower() for p in parts)
        n = len(low)
        return sum(p.parts[-n:] == low or p.parts[:n] == low for p in self.people if len(p.parts) >= n) > 1

    def honorific_gender(self, span: Span) -> str | None:
        """The gender an honorific before or at the start of a name marks ("Ms Okafor"), if any."""
        words = [t.text for t in span[:2]]
        if span.start > 0:
            words.insert(0, self.doc[span.start - 1].text)
        marks = {self.lex.honorific(w) for w in words} & {"m", "f"}
        return marks.pop() if len(marks) == 1 else None

    def name_gender(self, span: Span) -> str | None:
        """What a name itself says of the gender of whom it names: its honorific ("Ms Okafor"), else
        a pronoun the parse binds to it ("Okafor said she…"); it chooses between relatives who
        share the name."""
        return self.honorific_gender(span) or self.bound_gender(span)

    def _full_forms(self) -> list[list[str]]:
        """Every multi-word capitalised name the text writes, whatever label the model gave it."""
        forms = [self.name_of(run) for run in self.proper_runs if len(run) >= 2]
        forms += [self.name_of(e) for e in self.ents if e.label_ in NAME_LABELS + ORG_LABELS]
        return [f for f in forms if len(f) >= 2]

    def name_of(self, span: Span) -> list[str]:
        """The name parts of a run or entity, less a trade noun opening the sentence ("Rival Brightmart")."""
        parts = name_parts(words_of(span))
        return parts[1:] if len(parts) > 1 and self.org_noun_first(span) else parts

    def _acronyms(self) -> dict[str, str]:
        """Acronyms the text defines: "United Transport Workers (UTW)" makes UTW United Transport Workers."""
        ending_at = {run.end: run for run in self.proper_runs}
        out = {}
        for tok in self.tokens[:-2]:
            short, close = tok.nbor(1), tok.nbor(2)
            run = ending_at.get(tok.i)
            if tok.text != "(" or close.text != ")" or run is None or not short.is_upper or not short.is_alpha:
                continue
            words = name_parts(words_of(run))
            if "".join(w[0] for w in words if w[0].isupper()) == short.text:
                out[short.text] = " ".join(words)
        return out

    def expand(self, parts: list[str]) -> list[str]:
        """A lone name the text also writes in full ("Holt" -> "Maren Holt", "Corva" -> "Corva
        Systems"), or defines as an acronym ("UTW" -> "United Transport Workers")."""
        if len(parts) != 1:
            return parts
        word = parts[0]
        if word in self.acronyms:
            return self.acronyms[word].split()
        longer = [f for f in self.full_forms if word in (f[0], f[-1]) and len(f) <= 4]
        if not longer:
            return parts
        return max(longer, key=lambda f: (sum(g == f for g in longer), -len(f)))

    def organisation_name(self, parts: list[str]) -> str:
        """An organisation's name as the text introduces it in full: "Hanseong" and "Great Plains &
        Pacific" are "Hanseong Heavy Industries" and "Great Plains & Pacific Railroad" where it
        writes those, "UTW" is the name the text defines it for."""
        parts = parts[1:] if len(parts) > 1 and parts[0].lower() == "the" else list(parts)
        if parts:  # "Sarvanta Infotech's profit", "Norlund Foods' profit"
            parts[-1] = re.sub(r"(?<=s)['’]$", "", POSSESSIVE.sub("", parts[-1]))
        parts = self.expand(parts)
        n = len(parts)
        longer = [f for f in self.full_forms if len(f) > n > 1 and f[:n] == parts
                  and tuple(w.lower() for w in f) in self.organisation_names]
        if longer:
            parts = max(longer, key=lambda f: (sum(g == f for g in longer), -len(f)))
        return " ".join(parts)

    def _register(self, parts: list[str], pos: int) -> None:
        """A person for these name parts, unless they are one already or an organisation's short
        name ("Hanseong said" where the text names Hanseong Heavy Industries)."""
        if self.find_person(parts, pos) is not None:
            return
        parts = self.expand(parts)
        low = tuple(p.lower() for p in parts)
        if self.find_person(parts, pos) is None and low not in self.organisation_names:
            self.people.append(Person(" ".join(parts), low, pos))

    def _named_organisations(self) -> set[tuple[str, ...]]:
        """The names of the organisations the entities name, less any name they also give a person."""
        def named(labels):
            return {tuple(p.lower() for p in self.name_of(e)) for e in self.ents if e.label_ in labels}
        return named(("ORG",)) - named(NAME_LABELS)

    def build(self) -> None:
        names, speakers = self.name_ents, self.speaker_names
        role_spans = {}
        for span, parts in names:
            role_spans[span.start] = self._title_before(span)
        # Full names first, so a surname anywhere finds its full name.
        for span, parts in sorted(names + speakers, key=lambda x: (-len(x[1]), x[0].start_char)):
            strong = (len(parts) >= 2 or span.start_char in self.speaker_starts
                      or any(span.start_char <= s < span.end_char for s in self.speaker_starts)
                      or role_spans.get(span.start) or self.is_speech_subject(span))
            if strong:
                self._register(parts, span.start_char)
        # The small model calls a surname ORG or GPE now and then ("Vance said"): a known person still.
        mislabelled = [(e, name_parts(words_of(e))) for e in self.ents
                       if e.label_ not in NAME_LABELS and all(t.pos_ == "PROPN" for t in e)]
        seen: set[int] = set()
        # "Mr Okafor" beside a Ms Okafor waits until the text has said what it can of their genders.
        shared = []
        for span, parts in sorted(names + speakers + mislabelled, key=lambda x: x[0].start_char):
            if self.name_gender(span) and self.shares_name(parts):
                shared.append((span, parts))
            else:
                self._note(span, parts, seen)
        self._pronoun_evidence()
        for span, parts in shared:
            self._note(span, parts, seen)
        self._bare_surnames(seen)
        self._lead_description()
        self._description_mentions()
        self.mentions.sort(key=lambda m: m.start)
        for m in self.mentions:
            self.by_sent.setdefault(m.sent, []).append(m)

    def _note(self, span: Span, parts: list[str], seen: set[int]) -> None:
        """What one name in the text tells of its person, and the mention it makes."""
        person = self.find_person(parts, span.start_char, self.name_gender(span))
        if person is None:
            return
        self.named_at.setdefault(span.start_char, person)
        person.first = min(person.first, span.start_char)
        self._roles_of(span, person)
        self._gender_marks(span, person)
        self._age_of(span, person)
        if not self.inside_quotes(span.start_char) and span.start_char not in seen:
            seen.add(span.start_char)
            self.mentions.append(Mention(span.start_char, self.sent_of[span.start], _subject(span.root), person))

    def _age_of(self, span: Span, person: Person) -> None:
        age = self._aged(span)
        if age:
            person.ages.add(age)

    def person_with_age(self, age: str, pos: int) -> Person | None:
        """The person the text gave this age ("the 23-year-old"), the latest before `pos` among several."""
        return self._latest_holder([p for p in self.people if age in p.ages], pos)

    def person_for_relation(self, relation: str, pos: int) -> Person | None:
        """The person the text introduced as someone's `relation` ("her brother, Chidi Okafor")."""
        return self._latest_holder([p for p in self.people if relation in p.relations], pos)

    def _latest_holder(self, holders: list[Person], pos: int) -> Person | None:
        """Among the people a description fits, the one mentioned latest before `pos`, else the only one."""
        recent = [m for m in self.mentions if m.person in holders and m.start < pos]
        if recent:
            return max(recent, key=lambda m: m.start).person
        return holders[0] if len(holders) == 1 else None

    def is_speech_subject(self, span: Span | Token) -> bool:
        """The subject of a verb of saying, or joined to one ("Mr. King and Mr. Schultz said")."""
        root = span.root if isinstance(span, Span) else span
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        return root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in cue_lemmas()

    def _title_before(self, span: Span) -> tuple[str, set[str]] | None:
        """ "Director Sean Baker", "Apple CEO Tim Cook": the title word just before the name."""
        parts = name_parts(words_of(span))
        inner = span.text.find(parts[0]) if parts else 0
        before = self.text[self.sents[self.sent_of[span.start]].start_char:span.start_char] + span.text[:max(inner, 0)]
        m = self.lex.title_ending(before)
        if m is None:
            return None
        key = self.lex.titles[m.group(1).lower()]
        return (key if m.group(1).endswith(".") else role_text(m.group(1))), {key}

    def _roles_of(self, span: Span, person: Person) -> None:
        titled = self._title_before(span)
        if titled:
            person.add_role(*titled)
        person.nationalities |= self._nationalities_before(span)
        for head in _description_heads(span.root):
            desc = self._description_span(head, exclude=span)
            if desc is None:
                continue
            person.words |= {t.lower_ for t in desc if t.is_alpha and not t.is_stop}
            person.nationalities |= {self.lex.nationalities[t.lower_] for t in desc if t.lower_ in self.lex.nationalities}
            if head.lemma_.lower() in self.lex.relations:
                person.relations.add(head.lemma_.lower())
            gender = self.lex.gender_of(head.lower_)
            if gender:
                person.genders.add(gender)
            age = AGE.search(desc.text)
            if age:
                person.ages.add(age.group(1))
            ending = self.lex.title_end_re.search(self.text[desc.start_char:head.idx + len(head.text)] + " ")
            keys = {self.lex.titles[ending.group(1).lower()]} if ending else set()
            if keys:
                person.add_role(description_text(desc, self.text), keys)

    def _nationalities_before(self, span: Span) -> set[str]:
        """The nationalities the words right before a name give it ("Dutch grandmaster Pieter Smit",
        "Poland striker Marek Nowak"): back over the nominal words before it to the first other word."""
        found = set()
        i = span.start - 1
        while i >= 0 and self.doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
            key = self.lex.nationalities.get(self.doc[i].lower_)
            if key:
                found.add(key)
            i -= 1
        return found

    def person_of_nationality(self, key: str, pos: int) -> Person | None:
        """The person the text gave this nationality ("the Dutchman"), the latest before `pos` among several."""
        return self._latest_holder([p for p in self.people if key in p.nationalities], pos)

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

    def title_keys(self, text: str) -> set[str]:
        return {self.lex.titles[m.group(1).lower()] for m in self.lex.title_re.finditer(text)}

    def _gender_marks(self, span: Span, person: Person) -> None:
        """An honorific in or before the name, a gendered or relation noun just before it
        ("Ms Holt", "Actress Lily Chen", "his sister Ngozi"); never the name's own words."""
        honorific = self.honorific_gender(span)
        if honorific:
            person.genders.add(honorific)
        before = self.doc[span.start - 1] if span.start > 0 else None
        if before is None or before.pos_ not in ("NOUN", "PROPN"):
            return
        gender = self.lex.gender_of(before.lower_)
        if gender:
            person.genders.add(gender)
        if before.lemma_.lower() in self.lex.relations:
            person.relations.add(before.lemma_.lower())

    def _bare_surnames(self, seen: set[int]) -> None:
        """A known surname the model tagged as nothing at all ("…, Wendel went further") is a mention;
        so is the first part of one person's full name, which is the family name where it is written
        first ("Zhou was relaxed" for head coach Zhou Yiming), where the text describes them as a
        person (a role, relation, age or gender mark: a company read as a name is not)."""
        surnames = {p.parts[-1]: p for p in self.people if len(p.parts) >= 2}
        firsts: dict[str, list[Person]] = {}
        for p in self.people:
            if len(p.parts) >= 2:
                firsts.setdefault(p.parts[0], []).append(p)
        for word, holders in firsts.items():
            person = holders[0]
            described = person.role_keys or person.relations or person.ages or person.genders
            if len(holders) == 1 and described and word not in surnames and not self.lex.is_title(word):
                surnames[word] = holders[0]
        covered = {t.i for m in self.mentions for t in self.doc.char_span(m.start, m.start + 1, alignment_mode="expand")}
        for tok in self.tokens:
            person = surnames.get(tok.lower_)
            if person is None or tok.ent_type_ or tok.pos_ != "PROPN" or tok.i in covered \
                    or tok.idx in seen or self.inside_quotes(tok.idx):
                continue
            before = self.tokens[tok.i - 1] if tok.i > 0 else None
            if before is not None and before.pos_ == "PROPN" and before.lower_ not in self.lex.titles:
                continue  # part of a longer name
            after = self.tokens[tok.i + 1] if tok.i + 1 < len(self.tokens) else None
            if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
                continue
            seen.add(tok.idx)
            self.mentions.append(Mention(tok.idx, self.sent_of[tok.i], tok.dep_ in SUBJECT_DEPS, person))

    def _lead_description(self) -> None:
        """ "The director of X set the record straight…": a lead that describes before it names.

        A role the first paragraph's subject holds ("the start-up's founder", not "her lawyer")
        belongs to the person the lead names before it, unless one named before holds it or the
        description is indefinite ("a shopkeeper": someone new); where the lead names nobody before
        it ("A tenant … has told a jury"), and no named person holds it, to the person the article
        names most. Either way among those the text gives no other role.
        """
        if not self.mentions:
            return
        lead_end = self.text.find("\n\n", len(self.text) - len(self.text.lstrip()))
        lead_end = len(self.text) if lead_end < 0 else lead_end
        counts: dict[int, int] = {}
        for m in self.mentions:
            counts[id(m.person)] = counts.get(id(m.person), 0) + 1
        # One the text titles with a narrower role is someone else ("Premier Kovacs" is not the
        # opposition leader of the lead).
        addresses = {key for form, key in self.lex.titles.items() if self.lex.honorific(form)}  # "Dr", "Prof"
        free = [p for p in self.people if not p.role_keys - self.lex.broad_roles - addresses] or self.people
        main = max(free, key=lambda p: (counts.get(id(p), 0), -p.first))
        for sent in self.sents:
            if sent.start_char >= lead_end:
                break
            for tok in sent:
                if not _subject(tok) or tok.pos_ != "NOUN" or tok.ent_type_ or self._someones(tok):
                    continue
                desc = self.doc[tok.left_edge.i:tok.right_edge.i + 1]
                ending = self.lex.title_end_re.search(self.text[desc.start_char:tok.idx + len(tok.text)] + " ")
                if ending is None:
                    continue
                key = self.lex.titles[ending.group(1).lower()]
                named_before = [p for p in free if p.first < desc.start_char]
                if named_before and self._indefinite(tok):
                    continue  # "…Raghunathan built Kiranpay on a promise: a shopkeeper could borrow": someone new
                holder = None
                if named_before and not any(key in p.role_keys and p.first < desc.start_char for p in self.people):
                    holder = max(named_before, key=lambda p: counts.get(id(p), 0))
                elif not named_before and not any(key in p.role_keys for p in self.people):
                    holder = main
                if holder is not None:
                    holder.add_role(description_text(desc, self.text), {key})
                    holder.words |= {t.lower_ for t in desc if t.is_alpha and not t.is_stop}

    @staticmethod
    def _indefinite(noun: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "any") for c in noun.children)

    def _someones(self, noun: Token) -> bool:
        """A description of someone's ("her lawyer", "Ms Holt's lawyer"): it describes another person."""
        return any(c.dep_ == "poss" and (c.lower_ in self.lex.pronouns or self.ent_label.get(c.i) in NAME_LABELS)
                   for c in noun.children)

    def _description_mentions(self) -> None:
        """Noun phrases naming a role some person holds are mentions of that person."""
        if not any(p.role_keys for p in self.people):
            return
        for chunk in self.doc.noun_chunks:
            if chunk.root.pos_ != "NOUN" or self.inside_quotes(chunk.start_char):
                continue
            keys = self.title_keys(chunk.text)
            if not keys or self._names_beside(chunk):
                continue
            person = self.person_for_role(keys, chunk.start_char)
            if person is not None:
                self.mentions.append(Mention(chunk.start_char, self.sent_of[chunk.root.i],
                                             chunk.root.dep_ in SUBJECT_DEPS, person))

    def _names_beside(self, chunk: Span) -> bool:
        """A description that holds a name or stands right before one ("Independent councillor
        Pádraig Ó Conghaile", where the parse makes the name the role's apposition) titles that
        name: it is no mention of another holder of the role."""
        return any(e.label_ in NAME_LABELS for e in self.ents_in(chunk)) \
            or self.ent_label.get(chunk.end, "") in NAME_LABELS

    def person_for_role(self, keys: set[str], pos: int, words: set[str] = frozenset()) -> Person | None:
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

    def _bound_pronoun_genders(self) -> dict[int, str]:
        """The subjects the parse binds a gendered pronoun to, by token, with its gender: "Baker said
        he…", "Baker expanded on his thoughts", "Prates won her first title". A subject bound to both
        is left out."""
        bound: dict[int, set[str]] = {}
        self.possessors: set[int] = set()  # subjects an "her"/"his" of their own clause is bound to
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
            subject = self.subject_of(governor)
            if subject is not None and subject.i != tok.i and subject.pos_ == "PROPN":
                bound.setdefault(subject.i, set()).add(entry[0])
                if tok.dep_ == "poss" and subject.head.i == governor.i:
                    self.possessors.add(subject.i)
        return {i: g.pop() for i, g in bound.items() if len(g) == 1}

    def bound_gender(self, span: Span) -> str | None:
        """The gender of a pronoun the parse binds to the name ("Prates said she…"), if any."""
        return self.bound_genders.get(span.root.i)

    def _pronoun_evidence(self) -> None:
        """A pronoun the parse binds to a named subject is that person's gender mark."""
        by_token = {}
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.start + 1, alignment_mode="expand")
            if span is not None:
                by_token[span.root.i] = m.person
        for span, _parts in self.name_ents:
            person = by_token.get(span.start)
            gender = self.bound_gender(span)
            if person is not None and gender:
                person.genders.add(gender)

    @staticmethod
    def subject_of(verb: Token | None) -> Token | None:
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

    def nearest_org(self, pos: int, speakers: frozenset[str] | set[str] = frozenset(), noun: str | None = None) -> str | None:
        """The organisation the text names most before `pos` (one that already spoke first, the
        latest on a tie), if capitalised. For "the council" (`noun`) one whose name says council
        comes first, and one whose name says another kind ("Lowmoor Council" for "the company") last."""
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        labelled = {e.start for e in self.ents}
        # A subject the entities left unlabelled or called a place ("Greenway Homes will build it")
        # may be an organisation too.
        def subject(span: Span) -> bool:  # or the possessor of one ("Sarvanta Infotech's profit rose")
            return any((t.dep_ in SUBJECT_DEPS or t.dep_ == "poss" and t.head.dep_ in SUBJECT_DEPS)
                       and not span.start <= t.head.i < span.end for t in span)
        subjects = [r for r in self.proper_runs if r.start not in labelled and len(r) > 1 and subject(r)]
        subjects += [e for e in self.ents if e.label_ in ORG_LABELS and subject(e)]
        for e in sorted(list(self.ents) + subjects, key=lambda e: e.start):
            if e.end_char > pos:
                break
            named_kind = noun is not None and noun in e.text.lower().split()
            place = noun is not None and e.label_ in ("GPE", "NORP", "LOC")  # "Esslingen" is no company
            if (e.label_ == "ORG" or named_kind or (e in subjects and not place)) and e.label_ not in NAME_LABELS \
                    and e.text[:1].isupper() and self.find_person(name_parts(e.text.split())) is None:
                words = e.text.split()
                name = self.organisation_name(words[1:] if self.org_noun_first(e) else words)
                counts[name] = counts.get(name, 0) + 1
                last[name] = e.start_char
        if not counts:
            return None
        return max(counts, key=lambda name: (self.kind_rank(name, noun), name in speakers, counts[name], last[name]))

    def kind_rank(self, name: str, noun: str | None) -> int:
        """How an organisation fits "the <noun>": 2 where its name or the text says that kind
        ("Lowmoor Council" for "the council", "United Transport Workers" for "the union"), 0 where
        they say another ("Lowmoor Council" or a union for "the company")."""
        words = set(name.lower().split())
        kind = self.org_kinds.get(name.lower())
        if noun is None:
            return 0
        if noun in words or kind == noun:
            return 2
        return 0 if words & self.lex.groups or kind else 1

    def _org_kinds(self) -> dict[str, str]:
        """The kind of each organisation the text names, where its name's last words say it
        (`data/org_kinds.tsv`: "… Workers" is a union), an apposition does ("her agency, Starwell
        Entertainment") or a trade noun before it ("research firm Tenmile Analytics")."""
        kinds: dict[str, str] = {}
        def learn(tok: Token, kind: str) -> None:
            span = self.ent_at.get(tok.i) if self.ent_label.get(tok.i) == "ORG" else None
            if span is not None:
                kinds.setdefault(self.organisation_name(span.text.split()).lower(), kind)
        for span in self.ents:
            if span.label_ != "ORG":
                continue
            kind = self.named_kind(span.text)
            if kind:
                learn(span.root, kind)
            before = self.doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.lower_ in self.lex.groups and before.head.i == span.root.i:
                learn(span.root, before.lower_)  # "research firm Tenmile Analytics"
        for tok in self.tokens:
            kind = tok.lemma_.lower()
            if kind not in self.lex.groups or tok.pos_ != "NOUN":
                continue
            for other in [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else []):
                learn(other, kind)  # "her agency, Starwell Entertainment", "Starwell Entertainment, her agency"
        return kinds

    def named_kind(self, name: str) -> str | None:
        """The kind the last words of an organisation's name say (`data/org_kinds.tsv`)."""
        words = name.lower().split()
        return self.lex.org_kinds.get(" ".join(words[-2:])) or self.lex.org_kinds.get(" ".join(words[-1:]))

    def org_of_kind(self, noun: str, pos: int) -> str | None:
        """The organisation of that kind the text names nearest `pos`, before or after: "their
        union" in a lead that names the union only later."""
        named = [(abs(e.start_char - pos), self.organisation_name(e.text.split())) for e in self.ents if e.label_ == "ORG"]
        fits = [(d, name) for d, name in named if self.kind_rank(name, noun) == 2]
        return min(fits)[1] if fits else None

    def organisation_meant(self, span: Span, noun: str, speakers: frozenset[str] | set[str] = frozenset()) -> str | None:
        """ "the company" (saying something, or holding a call): the organisation its sentence
        reports before it, else the one the text names most before it."""
        return self.reported_org(span, noun) or self.nearest_org(span.start_char, speakers, noun)

    def reported_org(self, span: Span, noun: str) -> str | None:
        """ "Safiri Health has raised $12 million…, the company said": the organisation that is a
        subject before the mention in its sentence, or names that subject ("Sarvanta Infotech's
        profit rose…", "Spokane Cascades guard Ana Ruiz will miss…"), unless its name says another kind."""
        sent = self.sents[self.sent_of[span.start]]
        for tok in self.doc[sent.start:span.start]:
            if tok.dep_ not in SUBJECT_DEPS or self.inside_quotes(tok.idx):
                continue
            for word in reversed(self.doc[tok.left_edge.i:tok.i + 1]):
                name = self.organisation_at(word)
                if name and self.kind_rank(name, noun):
                    return name
        return None

    def organisation_at(self, tok: Token) -> str | None:
        """The organisation whose name `tok` is in: an ORG entity, or a run of proper nouns the
        entities leave unlabelled and that names no person and no date."""
        label = self.ent_label.get(tok.i)
        if tok.pos_ != "PROPN" or label not in ("ORG", None):
            return None
        span = self.ent_at[tok.i] if label else self.run_at.get(tok.i)
        if span is None or self._modifier_or_date(span):
            return None
        parts = name_parts(words_of(span))
        if not parts or self.find_person(parts) is not None:
            return None
        return self.organisation_name(parts)


def _dated(span: Span) -> bool:
    """A run of month and weekday names ("the July–September quarter") is a date, no organisation."""
    return all(t.text in DATE_NAMES or t.is_punct for t in span)


def _subject(root: Token) -> bool:
    """A subject, or a name in apposition to one ("The mayor, Ana Ruiz, said")."""
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)


def _plural_possessive(tok: Token) -> bool:
    """The apostrophe of a plural possessive written against its word ("Workers'")."""
    return tok.text in ("'", "’") and tok.i > 0 and tok.nbor(-1).text.endswith("s") and not tok.nbor(-1).whitespace_


def _described_as_thing(span: Span) -> bool:
    """A name a relative clause takes up with "which" ("Northvale Television, which produced the
    soap,") is a thing or an organisation: English takes a person up with "who"."""
    return any(c.dep_ == "relcl" and any(w.lower_ == "which" and w.dep_ in SUBJECT_DEPS + ("dobj",) for w in c.children)
               for c in span.root.children)


def _modifies_a_noun(span: Span) -> bool:
    """A name that modifies a common noun, alone or joined to another that does ("Owo and Akoko
    South-West local government areas"), is a place's or an organisation's, no person's mention."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "in Owo and Akoko South-West … areas"
        root = root.head
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= span.end and root.head.text.islower()


def _joined_name(span: Span) -> bool:
    """A name joined by "&" or a plural possessive, which no person's is ("Halden & Mistry",
    "Power Workers' Federation")."""
    return any(t.text == "&" or _plural_possessive(t) for t in span[1:-1])


def _role_over(noun: Token) -> Token | None:
    """The role noun whose "of" phrase ends in `noun`, where the parse hangs a name's apposition on
    the phrase's last word: "The mayor of Castanheira da Serra, Jorge Alves Pimentel", "the
    vice-president of procurement, Park Ji-hoon". Only through names and bare nouns: in "the father
    of the victim, Sione" the name may be the victim's."""
    head = noun
    while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in ("of", "for", "at") \
            and (head.pos_ == "PROPN" or not any(c.dep_ in ("det", "poss") for c in head.children)):
        head = head.head.head
    return head if head is not noun and head.pos_ == "NOUN" else None


def _description_heads(root: Token) -> list[Token]:
    """The nouns describing the person a name heads: its apposition either way (a title the tagger
    calls a proper noun too: "Alun Pritchard, the Liberal Democrat MP"), or "X is the Y"."""
    lex = lexicon()
    heads = [c for c in root.children if c.dep_ == "appos" and (c.pos_ == "NOUN" or lex.is_title(c.text))]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        heads.append(root.head)
    elif root.dep_ == "appos":
        head = _role_over(root.head)
        if head is not None:
            heads.append(head)
    if root.dep_ in SUBJECT_DEPS and root.head.lemma_ == "be":
        heads += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return heads
