"""coreference: each statement's speaker mention to the entity it refers to.

Swappable: `resolve` takes any `Coreference` (a callable from the document, its entities and its
statements to one `Speaker` a statement), and the Extractor and the spaCy component choose one by
name from `COREFERENCE` ("rules", the default; `register_coreference` adds another).

The rules, in the order a mention meets them:
- a name ("Director Sean Baker", "Baker") is the person the text introduces by it; an honorific
  ("Mr Okafor", "Ms Okafor") chooses between people who share the name;
- a pronoun is the nearest compatible person before it, sentence by sentence backwards: the
  nearest sentence that has one wins (a person just introduced outranks the last speaker), and
  within a sentence one whose gender the text established, then subjects first; agreement uses
  only what the text says (honorifics, "actress", "her brother", a pronoun the parse binds to
  the person), never first names;
- a description ("the director", "the 23-year-old", "her brother") is the person the text gave
  that role, age or relation, else the nearest person it may describe;
- an organisation keeps its own name, "the club" or "the company" is the organisation the text
  names, a group ("officials") keeps its mention, and an anonymous source ("a source") names nobody;
- a quotation with no mention continues the last speaker's turn, or is the person the next
  sentence names as its speaker; "I" inside someone's quoted words is that someone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..attribute import RawStatement
from .entities import AGE, NAME_LABELS, ORG_LABELS, SUBJECT_DEPS, Entities, Mention, Person, description_text
from .naming import name_parts, proper_words, words_of

SENTENCE_WINDOW = 4  # sentences searched back for an antecedent before the whole text is


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a statement: the canonical name (None where nobody can be named) and the role the text gives."""

    name: str | None = None
    role: str | None = None


class Coreference(Protocol):
    def __call__(self, doc: Doc, entities: Entities, statements: list[RawStatement]) -> list[Speaker]:
        """One Speaker for each statement, in the statements' order."""
        ...


class RuleCoreference:
    """The default: the rules in the module docstring, one document at a time."""

    def __call__(self, doc: Doc, entities: Entities, statements: list[RawStatement]) -> list[Speaker]:
        return _RuleRun(entities, statements).speakers()


class _RuleRun:
    def __init__(self, found: Entities, statements: list[RawStatement]):
        self.found = found
        self.statements = statements
        self.by_sent: dict[int, list[Mention]] = {k: list(v) for k, v in found.by_sent.items()}
        self.learned_gender: dict[int, str] = {}  # id(person) -> gender a pronoun agreed with
        self.org_speakers: set[str] = set()
        self.last_group: str | None = None  # the last organisation or group that spoke: "they", "it"
        self.last_group_at: int | None = None  # its mention's token

    def speakers(self) -> list[Speaker]:
        order = sorted(range(len(self.statements)), key=lambda i: (self.statements[i].speaker or self.statements[i].content[0])[0])
        named: dict[int, Speaker] = {}
        previous: int | None = None
        for i in order:
            st = self.statements[i]
            if st.extra.get("turn"):
                named[i] = self._turn(st)
            elif st.speaker and not self._first_person(st):
                name, person, role = self.name_mention(*st.speaker)
                if person is not None:
                    self._mentioned(st.speaker[0], person)
                if name and person is None:
                    self.last_group = name
                    self.last_group_at = found_token(self.found, st.speaker[0])
                    self.org_speakers.add(name)
                named[i] = Speaker(name, st.speaker_role or role or (person.roles[0] if person and person.roles else None))
            elif not st.speaker and previous is not None and self._continues(self.statements[previous], st):
                named[i] = named.get(previous, Speaker())
            elif not st.speaker:
                named[i] = self._named_after(st)
            previous = i
        for i in order:
            st = self.statements[i]
            if st.speaker and self._first_person(st):
                named[i] = self._quoting_speaker(st, named)
        return [named.get(i, Speaker(None, st.speaker_role)) for i, st in enumerate(self.statements)]

    def _gender(self, person: Person) -> str | None:
        return person.gender or (None if person.genders else self.learned_gender.get(id(person)))

    def _mentioned(self, start: int, person: Person) -> None:
        """A resolved speaker mention is a mention later pronouns can find (the most salient kind)."""
        span = self.found.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return
        sent = self.found.sent_of[span.start]
        here = self.by_sent.setdefault(sent, [])
        if all(m.start != start for m in here):
            here.append(Mention(start, sent, True, person))

    def _first_person(self, st: RawStatement) -> bool:
        word = self.found.text[st.speaker[0]:st.speaker[1]].strip().lower() if st.speaker else ""
        return self.found.lex.pronouns.get(word, ("", ""))[1] == "first"

    def _quoting_speaker(self, st: RawStatement, named: dict[int, Speaker]) -> Speaker:
        """ "I" inside someone's quoted words is that someone."""
        pos = st.speaker[0]
        for i, other in enumerate(self.statements):
            if other is not st and named.get(i, Speaker()).name and other.kind != "indirect" \
                    and any(s <= pos < e for s, e in other.content):
                return named[i]
        return Speaker()

    def _continues(self, previous: RawStatement, st: RawStatement) -> bool:
        """A quote with no mention continues the last speaker's turn if no one else is named between."""
        gap_start = max(e for _, e in previous.content)
        gap_end = min(s for s, _ in st.content)
        if gap_end < gap_start or self.found.text.count("\n\n", gap_start, gap_end) > 1:
            return False
        own = previous.speaker or (0, 0)  # the speaker's own name between the two is no one else
        return not any(gap_start <= e.start_char < gap_end and e.label_ in NAME_LABELS
                       and not own[0] <= e.start_char < own[1] for e in self.found.ents)

    def _turn(self, st: RawStatement) -> Speaker:
        """The speaker of a transcript's answer: a name label is the person the text names so
        ("RUIZ:" is Ana Ruiz); "A:" the person named most before the turn, among those the text
        gives no interviewer's role (host, reporter…)."""
        found = self.found
        label = found.text[st.speaker[0]:st.speaker[1]]
        asking = [p for p in found.people if p.role_keys & found.lex.interviewers]
        if st.extra["turn"] == "name":
            parts = name_parts([w if not w.isupper() else w.capitalize() for w in label.split()])
            person = found.find_person(parts, st.speaker[0])
            if person is not None:
                return Speaker(person.name, person.roles[0] if person.roles else None)
            return Speaker(" ".join(parts) or None)
        counts: dict[int, int] = {}
        for m in found.mentions:
            if m.start < st.speaker[0] and m.person not in asking:
                counts[id(m.person)] = counts.get(id(m.person), 0) + 1
        others = [p for p in found.people if id(p) in counts]
        person = max(others, key=lambda p: (counts[id(p)], -p.first)) if others else None
        return Speaker(person.name, person.roles[0] if person.roles else None) if person else Speaker()

    def _named_after(self, st: RawStatement) -> Speaker:
        """A quotation nobody is named for before it is the person the next sentence names
        ("“…” Those were the words of Mayor Ines Calder."), within the same or the next paragraph."""
        found = self.found
        end = max(e for _, e in st.content)
        after = found.doc.char_span(end, len(found.text), alignment_mode="expand")
        words = [t for t in after if not t.is_space and not t.is_punct] if after is not None else []
        if not words:
            return Speaker()
        sent = found.sent_of[words[0].i]
        if sent >= len(found.sents) or found.text.count("\n\n", end, found.sents[sent].start_char) > 1:
            return Speaker()
        mentions = [m for m in self.by_sent.get(sent, ()) if m.start >= end]
        if not mentions:
            return Speaker()
        person = min(mentions, key=lambda m: m.start).person
        return Speaker(person.name, person.roles[0] if person.roles else None)

    def name_mention(self, start: int, end: int) -> tuple[str | None, Person | None, str | None]:
        """(name, person, role the mention itself gives) for the mention at text[start:end]."""
        found = self.found
        span = found.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None, None, None
        words = [t for t in span if not t.is_punct and not t.is_space]
        if len(words) == 1 and words[0].lower_ in found.lex.pronouns:
            gender, number = found.lex.pronouns[words[0].lower_]
            if number == "pl":
                return self._they(words[0])
            if number == "it":
                return found.nearest_org(span.start_char, self.org_speakers) or self.last_group, None, None
            person = self._antecedent(words[0])
            if person is not None and gender != "-" and self._gender(person) is None:
                self.learned_gender[id(person)] = gender
            return (person.name if person else None), person, None
        if len(words) == 1 and words[0].pos_ == "PRON":
            return None, None, None
        dash = next((t for t in span if t.text in ("—", "–", "-", "--") and t.whitespace_), None)
        if dash is not None and words[0].text.isupper() and len(words[0]) > 1 \
                and not any(t.pos_ in ("VERB", "AUX") for t in span[:dash.i - span.start]):
            return self.name_mention(dash.idx + len(dash.text), end)  # "MANILA — Malacañang": a dateline
        appositive = self._named_beside(span.root)
        if appositive:
            return appositive, None, None
        titled = found.title_keys(span.text)
        both = self._conjoined(span)
        if both:
            return both, None, None
        joined = self._name_with_and(words)
        if joined:
            return joined, None, None
        for s, parts in found.name_ents + found.speaker_names:
            possessor = s.end < span.end and found.doc[s.end].tag_ == "POS"  # "Patel's solicitors" are not Patel
            if s.start_char < end and s.end_char > start and not possessor:
                person = found.named_at.get(s.start_char) or found.find_person(parts, start, found.name_gender(s))
                if person is not None:
                    return person.name, person, None
        # A role's holder is the person, not a name inside the role ("the chief executive of Corva").
        described = titled and span.root.pos_ != "PROPN"
        capitalised = [] if described else name_parts(words_of(t for t in span if not t.is_space))
        person = found.find_person(capitalised, start, found.name_gender(span)) if capitalised else None
        if person is not None:
            return person.name, person, None
        for e in found.ents_in(span):
            person = found.find_person(name_parts(words_of(e)), start) if e.label_ in ORG_LABELS else None
            if person is not None:
                return person.name, person, None
        short = found.organisation_name(name_parts(words_of(words))) if len(words) == 1 else None
        if short and tuple(short.lower().split()) in found.organisation_names:
            return short, None, None  # "Quayline" where the text names Quayline Holdings Corp.
        head = span.root
        nationality = found.lex.nationals.get(head.lower_) if span[0].lower_ == "the" and not titled else None
        if nationality:
            person = found.person_of_nationality(nationality, start) or self._antecedent(
                head, lambda p: not p.nationalities or nationality in p.nationalities)
            return (person.name if person else None), person, None
        if self._speaks_for_another(head, span):
            return self._principal(head, span)
        if head.lemma_.lower() in found.lex.documents or head.lower_ in found.lex.documents:
            return self._author(head, span)
        props = [t for t in words if t.pos_ == "PROPN" and t.ent_type_ not in ORG_LABELS]
        if props and not titled and all(t.pos_ in ("PROPN", "DET", "PART") for t in words):
            parts = name_parts(proper_words(span))
            if len(parts) > 1 and found.org_noun_first(span):
                parts = parts[1:]  # "Rival Pocketline", "Brokerage Halden & Mistry" opening a sentence
            return found.organisation_name(parts) or None, None, None
        age = AGE.search(span.text)
        aged = found.person_with_age(age.group(1), start) if age and span[0].lower_ == "the" else None
        if aged is not None:
            return aged.name, aged, description_text(span, found.text) if titled else None
        named = self._named_apposition(head, span) or self._apposition_after(span)
        if named is not None:
            return named.name, named, description_text(span, found.text) if titled else None
        organisation = self._organisation_apposition(head, span)
        if organisation:
            return organisation, None, None
        relation = head.lemma_.lower() if head.lemma_.lower() in found.lex.relations else None
        if relation and not titled:
            person = found.person_for_relation(relation, start)
            return (person.name if person else None), person, None
        role = description_text(span, found.text) if titled else None
        if titled:
            person = found.person_for_role(titled, start, {t.lower_ for t in words if t.is_alpha and not t.is_stop})
            if person is None and relation:
                person = found.person_for_relation(relation, start)
            if person is None and span[0].lower_ == "the":
                person = self._antecedent(span.root, self._could_be_described(span, titled))
            if person is not None:
                return person.name, person, role
            return None, None, role
        if span[0].lower_ == "the" and age:
            person = self._antecedent(span.root)
            return (person.name if person else None), person, None
        orgs = [e for e in found.ents_in(span) if e.label_ in ORG_LABELS]
        if head.lemma_.lower() in found.lex.anonymous or head.lower_ in found.lex.anonymous:
            return None, None, None
        employer = self._employer(head) if head.tag_ == "NNS" else None
        if employer:
            return employer, None, None
        if head.tag_ == "NNS" and head.ent_type_ not in ORG_LABELS:
            return description_text(span, found.text) if span[0].lower_ != "the" else found.text[span[1].idx:end], None, None
        if orgs and (head.ent_type_ in ORG_LABELS or head.pos_ == "PROPN"):
            return found.organisation_name(orgs[0].text.split()), None, None
        if head.lemma_.lower() in found.lex.groups and head.tag_ != "NNS":
            if orgs:
                return orgs[0].text, None, None
            noun = head.lemma_.lower()
            kin = found.org_of_kind(noun, span.start_char) if any(c.dep_ == "poss" for c in head.children) else None
            if kin:
                return kin, None, None  # "their union", "the company's union": the union the text names
            if span[0].lower_ == "the":
                named = found.organisation_meant(span, noun, self.org_speakers)
                return named or description_text(span, found.text), None, None
            return None, None, None
        if head.tag_ in ("NNS", "NNPS"):
            return description_text(span, found.text) if span[0].lower_ != "the" else found.text[span[1].idx:end], None, None
        return None, None, None

    def _named_apposition(self, head: Token, span: Span) -> Person | None:
        """ "Her son Ioane, the victim's younger brother": a description with a name in apposition
        inside the mention is the person of that name, the text's full form of it where it has one."""
        found = self.found
        for child in head.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or not span.start <= child.i < span.end:
                continue
            run = found.run_at.get(child.i)
            person = found.find_person(name_parts(words_of(run if run is not None else [child])), span.start_char)
            if person is not None:
                return person
        return None

    def _organisation_apposition(self, head: Token, span: Span) -> str | None:
        """ "Her lawyers, Brannock & Lowe", "The club's owners, Harlow Sports Group", "The national
        weather service, Meteoval": a common noun's description with a proper name in apposition
        inside the mention, no person's, is the organisation of that name."""
        found = self.found
        if head.pos_ != "NOUN":
            return None
        listed = any(c.dep_ == "cc" for c in head.children)  # "lawyers and Carver & Boateng": two
        for child in head.children:
            # the parse reads the comma before a name as a list's now and then: "solicitors, Carver & Boateng"
            beside = child.dep_ == "appos" or (child.dep_ == "conj" and not listed and found.doc[child.left_edge.i - 1].text == ",")
            if not beside or child.pos_ != "PROPN" or not span.start <= child.i < span.end \
                    or child.ent_type_ in ("LOC", "FAC", "DATE", "TIME"):
                continue
            name = found.doc[max(child.left_edge.i, span.start):min(child.right_edge.i + 1, span.end)]
            parts = name_parts(proper_words(name))
            if parts and found.find_person(parts, span.start_char) is None:
                return found.organisation_name(parts)
        return None

    def _apposition_after(self, span: Span) -> Person | None:
        """ "Daesan's executive vice-president of procurement, Park Ji-hoon, said": a person's name
        set off by commas right after a description is who it describes, where the parse lost the
        apposition and the mention stops before the name."""
        found, doc = self.found, self.found.doc
        run = found.run_at.get(span.end + 1) if span.end + 1 < len(doc) and doc[span.end].text == "," else None
        if run is None or run.start != span.end + 1 or run.end >= len(doc) or doc[run.end].text != ",":
            return None
        return found.find_person(name_parts(words_of(run)), span.start_char)

    def _speaks_for_another(self, head: Token, span: Span) -> bool:
        return head.lemma_.lower() in self.found.lex.spokespeople or any(
            f" {w} " in f" {span.text.lower()} " for w in self.found.lex.spokespeople if " " in w)

    def _principal(self, head: Token, span: Span) -> tuple[str | None, Person | None, str | None]:
        """Whom an unnamed spokesperson speaks for: "for/of X", "X's", "a Norvale spokeswoman",
        else the organisation named nearest before; see the module docstring."""
        found = self.found
        role = description_text(span, found.text)
        for child in head.children:
            target = None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ == "poss" or (child.dep_ == "compound" and (child.pos_ == "PROPN" or child.lemma_.lower() in found.lex.groups)):
                target = child  # "his spokesman", "a Brightline spokeswoman", "a hospital spokesperson"
            if target is None:
                continue
            if target.lower_ in found.lex.pronouns:
                person = self._antecedent(target)
                if person is not None:
                    return person.name, person, role
                continue
            if target.pos_ == "PROPN":
                parts = name_parts(proper_words(found.doc[target.left_edge.i:target.i + 1]))
                person = found.find_person(parts, span.start_char)
                if person is not None:
                    return person.name, person, role
                organisation = _proper_name(found.doc[target.left_edge.i:target.right_edge.i + 1], found.text)
                if organisation:
                    return found.organisation_name(organisation.split()), None, role
            if target.lemma_.lower() in found.lex.groups:
                return found.nearest_org(span.start_char, self.org_speakers, target.lemma_.lower()), None, role
        return found.nearest_org(span.start_char, self.org_speakers), None, role

    def _named_beside(self, head: Token) -> str | None:
        """ "Her label, Tidewater Records": an organisation noun with a name in apposition is that name."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.found.lex.org_nouns:
            return None
        for child in head.children:
            ent = self.found.ent_at.get(child.i) if child.dep_ == "appos" else None
            if ent is not None and ent.label_ == "ORG":
                return self.found.organisation_name(ent.text.split())
        return None

    def _employer(self, head: Token) -> str | None:
        """ "Researchers at the Southern Cross Marine Institute", "officials from the Ministry of
        Transport" speak for the organisation they are at, where the text names it ("nurses at the
        hospital" keep their words)."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ("at", "from"):
                continue
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            ent = self.found.ent_at.get(place.i) if place is not None else None
            if ent is not None and ent.label_ in ("ORG", "FAC"):  # the model reads "the X Institute" a building
                return self.found.organisation_name(ent.text.split())
        return None

    def _author(self, head: Token, span: Span) -> tuple[str | None, Person | None, str | None]:
        """Who wrote a document that speaks: "estimates by Kaigan", "a Kotwal Capital report", "the
        agency's weekly report", "a release the company issued", each read as the mention it is;
        else ("according to the filing") the organisation named nearest before, as for a spokesperson."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                author = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ == "relcl":
                author = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            elif child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                author = child
            else:
                continue
            if author is None or author.tag_ == "WDT":
                continue
            last = author if child.dep_ in ("poss", "compound") else author.right_edge
            name, person, _role = self.name_mention(author.left_edge.idx, last.idx + len(last.text))
            if name:
                return name, person, None
        return self.found.nearest_org(span.start_char, self.org_speakers), None, None

    def _they(self, pronoun: Token) -> tuple[str | None, Person | None, str | None]:
        """ "They": the group or organisation that last spoke, else one named nearest; a single
        person (singular "they") only where the pronoun's sentence or the one before names a person
        and no group, no organisation speaking and no plural subject."""
        found = self.found
        here = found.sent_of[pronoun.i]
        near = range(max(0, here - 1), here + 1)
        plural_near = any(
            t.dep_ in ("nsubj", "nsubjpass") and t.idx < pronoun.idx and not found.inside_quotes(t.idx)
            and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children) or t.ent_type_ in ORG_LABELS)
            for s in near for t in found.sents[s])
        group_near = self.last_group_at is not None and found.sent_of.get(self.last_group_at, -9) in near
        if not plural_near and not group_near:
            person = self._antecedent(pronoun, within=1)
            if person is not None:
                return person.name, person, None
        return self.last_group or found.nearest_org(pronoun.idx, self.org_speakers), None, None

    def _could_be_described(self, span: Span, keys: set[str]):
        """Who a description with a role nobody holds may still be: not a person named beside it
        ("the lead actress, Varga revealed"), and one the text gave no other role (a broad one, "leader",
        leaves room) unless the role is broad ("the musician") or they were the subject just before
        ("Okoro … . The defender wrote")."""
        sent = self.found.sent_of[span.root.i]
        beside = {id(m.person) for m in self.by_sent.get(sent, ()) if not span.start_char <= m.start < span.end_char}
        subjects = {id(m.person) for m in self.by_sent.get(sent - 1, ()) if m.subject}
        broad = bool(keys & self.found.lex.broad_roles)
        return lambda p: id(p) not in beside and (broad or not p.role_keys - self.found.lex.broad_roles or id(p) in subjects)

    def _name_with_and(self, words: list[Token]) -> str | None:
        """ "Mid and West Wales Fire and Rescue Service", "Department for Culture, Media and Sport":
        capitalised words with "and" between them and an organisation's noun among them
        (`data/groups.txt`, `data/org_nouns.txt`, `data/org_kinds.tsv`) are one organisation's name,
        no list of people."""
        found = self.found
        words = words[1:] if words and words[0].lower_ == "the" else words
        if len(words) < 3 or not any(t.lower_ == "and" for t in words[1:-1]) \
                or any(t.ent_type_ == "PERSON" for t in words):
            return None
        if not all(t.text[:1].isupper() or t.lower_ in ("and", "&", "of", "for") or t.text == "," for t in words):
            return None
        if not any(t.lower_ in found.lex.org_nouns or t.lower_ in found.lex.org_kinds for t in words):
            return None
        return found.text[words[0].idx:words[-1].idx + len(words[-1].text)]

    def _conjoined(self, span: Span) -> str | None:
        """ "Mr. King and Mr. Schultz" speak together: both names, when the parse conjoins them."""
        named = []
        for s, parts in self.found.name_ents + self.found.speaker_names:
            person = self.found.find_person(parts, s.start_char) if span.start <= s.start < span.end else None
            if person is not None and all(p is not person for _, p in named):
                named.append((s, person))
        joined = [p for s, p in named
                  if any(c.dep_ == "conj" and o is not s and o.start <= c.i < o.end
                         for c in s.root.children for o, _ in named)
                  or any(s.start <= c.i < s.end and c.dep_ == "conj" for o, _ in named for c in o.root.children)]
        if len(joined) < 2 or not any(t.lower_ == "and" for t in span):  # "Halden & Mistry" is one name
            return None
        return " and ".join(p.name for p in joined)

    def _antecedent(self, pronoun: Token, compatible=None, within: int | None = None) -> Person | None:
        """The nearest person before the pronoun: same sentence then earlier ones, subjects first.

        A person whose gender the text established in agreement wins over one it never did,
        unless that one was introduced in a nearer sentence ("…, said Ms Hale. The tenants were
        joined by their lawyer, Rosa Diaz. She said…": Rosa Diaz). `within` limits the search to
        that many sentences back.
        """
        entry = self.found.lex.pronouns.get(pronoun.lower_, ("-", "sg"))
        if entry[1] == "it":
            return None
        want = entry[0] if entry[0] != "-" else None
        here = self.found.sent_of[pronoun.i]
        pos = pronoun.idx

        others = {id(m.person) for m in self.by_sent.get(here, ()) if self._in_clause_of(m, pronoun)}

        def ok(p: Person) -> bool:
            if id(p) in others or (compatible is not None and not compatible(p)):
                return False
            return want is None or self._gender(p) in (None, want)

        def ordered(lo: int) -> list[Mention]:
            out = []
            for s in range(here, lo - 1, -1):
                ms = [m for m in self.by_sent.get(s, ()) if m.start < pos and ok(m.person)]
                ms.sort(key=lambda m: (not m.subject, m.start if s != here else -m.start))
                out += ms
            return out

        windows = (max(0, here - within),) if within is not None else (max(0, here - SENTENCE_WINDOW), 0)
        for lo in windows:
            cands = ordered(lo)
            if want is not None:
                agreed = [m for m in cands if self._gender(m.person) == want]
                if agreed:
                    nearer = [m for m in cands if m.sent > agreed[0].sent and self._introduced(m)]
                    return (nearer[0] if nearer else agreed[0]).person
            if cands:
                return cands[0].person
        return None

    def _in_clause_of(self, mention: Mention, pronoun: Token) -> bool:
        """A person the pronoun's own clause names other than as a subject is not the pronoun, here
        or anywhere before:
        the one told or asked ("she told Pryce"), the agent of a participle on its verb ("Pressed
        by the presenter, Gwen Talbot, she said"), a second subject the parse gives its verb. A
        subject of a clause inside it still may be ("After Vance left the stage, he said")."""
        if pronoun.dep_ not in SUBJECT_DEPS:
            return False
        verb = pronoun.head
        span = self.found.doc.char_span(mention.start, mention.start + 1, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        while tok.i != verb.i and tok.head.i != tok.i:
            if tok.i == pronoun.i:  # the mention's own earlier reading ("The musician … The musician")
                return False
            if tok.dep_ in SUBJECT_DEPS and tok.head.i != verb.i:
                return False
            tok = tok.head
        return tok.i == verb.i

    def _introduced(self, mention: Mention) -> bool:
        """The sentence of the person's first mention."""
        first = self.found.doc.char_span(mention.person.first, mention.person.first + 1, alignment_mode="expand")
        return first is not None and self.found.sent_of[first.start] == mention.sent


def _proper_name(span: Span, text: str) -> str:
    """An organisation's name as written: its capitalised words and the "of", "for", "and", "&"
    between them, without an article and up to a comma or clause ("the Department for Housing and
    Communities, which…" -> "Department for Housing and Communities")."""
    toks: list[Token] = []
    for tok in span:
        if tok.is_punct and tok.text not in ("&", "-", ".") or tok.pos_ in ("VERB", "AUX", "PRON"):
            break
        toks.append(tok)
    while toks and not (toks[0].text[:1].isupper() and toks[0].lower_ != "the"):
        toks = toks[1:]
    while toks and not toks[-1].text[:1].isupper() and toks[-1].text != ".":
        toks = toks[:-1]
    if not toks:
        return ""
    return text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]


def found_token(found: Entities, pos: int) -> int | None:
    span = found.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.start if span is not None else None
