"""Reported speech: a cue and the clause it governs (said that ..., according to ..., X, he said).

Spans follow PolNeAR's annotation, measured on its train split: the content is what the
cue governs, "that" included, running on over the clause's later prepositions, with its
end punctuation and a trailing ", which ..." aside left out; the speaker is the whole
noun phrase that says it, appositions included ("Hugh Hill, a doctor, said"), a relative
pronoun as it stands ("who said"); "told X" keeps X out of both. A complement (clause,
noun object, preposition's object) is content only for verbs PolNeAR train marks in that
frame ("accused X of Y", not "made the pledge", "spoke about", "attempts to"); a question
put to someone ("was asked whether") is not their statement. A cue inside what
another cue reports is left to the outer one, as PolNeAR annotates it.

Where the parse strays: a that-clause it hangs from a noun of the verb's time or place
("said at the close of the session that …") is still the content, and a second "and that …"
it makes a verb of its own carries the first on. "according to X" takes the side of the
sentence holding the clause it modifies, and right after a verb of saying ("she said,
according to a translation") names where the wording comes from, not a speaker. An object
that hands over to a quotation after a colon ("posted a photo … with the caption: "…"") is
not what was said; the quotation is. A participle of saying set off by a comma (", blaming …")
starts a statement of its own with the outer cue's speaker, and climbing to a speaker takes a
passive subject too; a speaker the parse hangs on an aside before the verb ("X, making his
debut, told …") is still the speaker. "called X "Y"" keeps Y when the parse makes it a second
object (data/cue_naming.txt). `[clause], X told a press conference` that the parse makes two
conjoined clauses is the attribution of the clause before the comma.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..detect import Cue
from ..detect.cues import LEARNED_MIN_SEEN, learned_rates, phrasal_preps
from ..nlp import doc_text
from .raw import RawStatement

SUBJECTS = frozenset(("nsubj", "csubj"))
# Complements that carry what was said, in the order they are preferred.
CLAUSE_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = frozenset(("dobj",))
# A verb's complement (clause, noun object, preposition's object) is content only when PolNeAR
# train marks the verb in that frame at least this often (dev: 0.3 is best for each frame;
# it drops "addressed the debate", "made the pledge", "spoke about", "attempts to").
FRAME_MIN_RATE = 0.3
# A trailing aside after a comma or dash that PolNeAR leaves out of the content.
TRAILING_DEPS = frozenset(("relcl", "acl"))
ASIDE_MARKS = frozenset((",", "—", "–", "--", "-"))
# What follows a content in the cue's clause and still belongs to it ("offered advice to Clinton").
TAIL_DEPS = frozenset(("prep", "dative"))
# The verb's phrases a complement clause can be stranded in by the parse ("told X on Monday that ...").
STRANDING_DEPS = frozenset(("prep", "npadvmod"))
# A cue hanging from another cue through these is reported speech within reported speech.
NESTED_DEPS = frozenset(("ccomp", "xcomp"))
# The cue verb's later children that carry on what was said.
CONTINUING_DEPS = frozenset(("oprd", "xcomp", "ccomp"))
# A cue reached through these relations takes the speaker of the verb it hangs from.
CLIMB_DEPS = frozenset(("advcl", "xcomp", "conj", "ccomp"))
# Words that open an indirect question ("asked whether ...").
QUESTION_WORDS = frozenset(("whether", "if", "what", "why", "how", "when", "where", "who", "which"))
# A line ending in one of these is prose, not a headline.
HEADLINE_ENDS = frozenset(".!?\"'”’:;)")
RELATIVE_PRONOUNS = frozenset(("who", "whom", "which", "that", "whose"))
# Pronouns that can name a speaker when the parse leaves them unattached.
NAMING_PRONOUNS = frozenset(("he", "she", "they", "we", "i"))
OPENING_MARKS = frozenset('"\u201c\u2018\'\u00ab')
CLOSING_MARKS = frozenset('"\u201d\u2019\'\u00bb')
# Punctuation and space left out at the ends of a content span.
EDGE_TRIM = frozenset(" \t\r\n,.;:!?—–-")


def _word_list(name: str) -> frozenset[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def raising_verbs() -> frozenset[str]:
    """Verbs whose subject is part of what is said, not who says it (data/cue_raising.txt)."""
    return _word_list("cue_raising.txt")


@lru_cache(maxsize=1)
def question_verbs() -> frozenset[str]:
    """Verbs of asking, whose passive names who was asked (data/cue_questions.txt)."""
    return _word_list("cue_questions.txt")


def _question_put_to(verb: Token) -> bool:
    """ "X was asked whether ...", "Asked if ..., X said": a question put to X is not X's statement."""
    if verb.lemma_.lower() not in question_verbs() or not any(
        c.dep_ == "ccomp" and any(m.lower_ in QUESTION_WORDS for m in c.subtree if m.i < c.i) for c in verb.children
    ):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (verb.tag_ == "VBN" or verb.dep_ == "advcl") and not any(c.dep_ in SUBJECTS for c in verb.children)


@lru_cache(maxsize=1)
def naming_verbs() -> frozenset[str]:
    """Verbs of two objects, the second what the first is called ("called the deal “a result”"),
    which the parse may make two objects (data/cue_naming.txt)."""
    return _word_list("cue_naming.txt")


@lru_cache(maxsize=1)
def listener_verbs() -> frozenset[str]:
    """Verbs whose object is who hears it, not what is said (data/cue_listeners.txt)."""
    return _word_list("cue_listeners.txt")


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A source span widened to whole words: never "co" of "co-star" (hyphens join a word)."""
    def joined(i: int) -> bool:
        return text[i].isalnum() or (text[i] == "-" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())
    while start > 0 and joined(start - 1):
        start -= 1
    while end < len(text) and joined(end):
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_TRIM:
        start += 1
    while end > start and text[end - 1] in EDGE_TRIM:
        end -= 1
    return start, end


def _speaker_of_noun(doc: Doc, tok: Token) -> tuple[int, int]:
    """The noun phrase of a speaker: its subtree, a relative clause after it left out.

    Subjects the parse splits at a hyphen ("co", "-", "star Jonah Pike", each a subject of
    the verb) are one phrase: adjoining subjects of the same verb join it.
    """
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if tok.dep_ in SUBJECTS:
        for other in tok.head.children:
            if other.dep_ in SUBJECTS and other.i > tok.i and other.left_edge.i <= hi + 1 and other.i < tok.head.i:
                hi = max(hi, other.right_edge.i)
    for child in tok.subtree:
        if child.dep_ == "relcl" and child.left_edge.i > tok.i:
            hi = min(hi, child.left_edge.i - 1)
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "case"):
        hi -= 1
    opened = [t.i for t in doc[lo:hi + 1] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:hi + 1]) and hi + 1 < len(doc) and doc[hi + 1].text == ")":
        hi += 1  # "the Institute (INC)": the bracket closed, not left open
    return _span(list(doc[lo:hi + 1]))


def _speaker_token(verb: Token, verb_cues: set[int]) -> Token | None:
    """Who says it: the subject, the by-agent of a passive, or that of the verb the cue hangs from."""
    tok = verb
    for step in range(4):
        if (tok.dep_ == "conj" or (tok.dep_ == "advcl" and not any(c.dep_ in SUBJECTS for c in tok.children))) \
                and tok.head.dep_ == "ccomp" and tok.head.head.i in verb_cues:
            # "May said that the country would leave and suggested ...", "admitted that the
            # government will miss its target, blaming ...": the parse hangs the second verb
            # inside the first one's clause; it shares the outer cue's speaker.
            tok = tok.head.head
            continue
        for child in tok.children:
            # Climbed to: "Raghunathan had been coy …, telling critics …": a passive's subject too.
            if child.dep_ in SUBJECTS or (step and child.dep_ == "nsubjpass"):
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        before = [c for c in tok.children if c.dep_ in CLAUSE_DEPS and c.i < tok.i]
        if before and any(c.dep_ in CLAUSE_DEPS and c.i > tok.i for c in tok.children):
            # "Ashby, who co-founded the band, said she ...": the parse took the relative clause
            # for a complement and the speaker for its subject.
            subject = next((c for c in before[0].children if c.dep_ in SUBJECTS and c.pos_ in ("PROPN", "NOUN")), None)
            if subject is not None:
                return subject
        aside = next((c for c in tok.lefts if c.dep_ == "advcl"), None)
        if aside is not None:
            # "Bakare-Walsh, making his debut, told …", "Drummond, a linguist at …, said": the
            # parse hung the speaker on the aside before the verb, as the aside's subject.
            subject = next((c for c in aside.lefts if c.dep_ in SUBJECTS and c.pos_ in ("PROPN", "NOUN")), None)
            if subject is not None:
                return subject
        if tok.dep_ == "xcomp":
            # "forced Stumpf to admit": the object of the governing verb does the saying.
            for child in tok.head.children:
                if child.dep_ == "dobj":
                    return child
        if tok.dep_ in CLIMB_DEPS and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


def _that_clause(tok: Token) -> bool:
    """A clause opened by "that" as a complementizer ("that the plan works"), not a relative pronoun:
    the parse marks it so, or makes it an adverb before a clause with a subject of its own."""
    return any(c.lower_ == "that" and (c.dep_ == "mark" or (c.dep_ == "advmod" and c.i == tok.left_edge.i and any(
        s.dep_ in SUBJECTS for s in tok.children))) for c in tok.children)


def _extend_right(verb: Token, hi: int) -> int:
    """Carry a complement on over the verb's later clauses that belong to what was said ("..., because
    ...", "... and that ...": a second that-clause the parse made a verb of its own)."""
    for child in verb.rights:
        if child.i <= hi:
            continue
        if child.dep_ in CONTINUING_DEPS or child.dep_ in TAIL_DEPS or (child.dep_ == "conj" and _that_clause(child)) \
                or (child.dep_ in OBJECT_DEPS and verb.lemma_.lower() in naming_verbs()):
            hi = child.right_edge.i
        elif child.dep_ not in ("punct", "cc", "npadvmod"):
            break
    return hi


def _attributed_clause_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """ "The station had become uneconomic, managing director X told a press conference": the parse
    made the attribution a verb conjoined to the clause before it, after a comma and no "and"."""
    head = verb.head
    if verb.dep_ != "conj" or head.i > verb.i or not any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    first = min(t.i for t in verb.subtree if not t.is_punct)  # the attribution's first word
    edge = first - 1
    if edge <= head.i or doc[edge].text != ",":
        return None
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return None  # "…, and X told …": two clauses, not an attribution
    lo = head.left_edge.i
    return (lo, edge) if _words(doc, lo, edge) else None


def _stranded_clause(verb: Token) -> Token | None:
    """A that-clause the parse hung from a noun in one of the verb's own phrases: "told the Sentinel at
    the reception that ...", "said at the close of the session that ..." (a relative or noun clause
    of "reception", "session", as the parse has it)."""
    for child in verb.rights:
        if child.dep_ not in STRANDING_DEPS and not (child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in listener_verbs()):
            continue  # "offered no proof that …", "the idea that …": a noun's own complement
        for tok in child.subtree:
            if tok.dep_ in ("acl", "relcl", "ccomp") and tok.head.pos_ in ("NOUN", "PROPN") and _that_clause(tok):
                return tok
    return None


def _frame_says(verb: Token, frame_name: str) -> bool:
    """Whether PolNeAR train marks this verb holding its content this way often enough (or seldom saw it)."""
    rate, seen = learned_rates().get((verb.lemma_.lower(), frame_name), (1.0, 0))
    return seen < LEARNED_MIN_SEEN or rate >= FRAME_MIN_RATE


def _object_says(verb: Token, obj: Token) -> bool:
    """Whether a noun object is what the verb says, as PolNeAR train marks this verb with one.

    Not when PolNeAR seldom marks the verb with a noun object ("addressed the debate", "made
    the pledge", "released six albums"), nor a bare pronoun with nothing after it ("defended her").
    """
    if not _frame_says(verb, "dobj"):
        return False
    if obj.pos_ == "PRON" and not list(obj.children):
        return any(c.dep_ in TAIL_DEPS or c.dep_ in CONTINUING_DEPS for c in verb.rights if c.i > obj.i)
    return True


def _hands_over_to_quote(doc: Doc, verb: Token, obj: Token) -> bool:
    """ "posted a photograph … with the message: "…"", "posted a clip …, writing: "…"": the object
    is what the words came with; the quotation after a colon in the verb's phrase is what was said."""
    return any(tok.text == ":" and tok.i > obj.i and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1] in OPENING_MARKS
               for tok in verb.subtree)


def _cut_trailing(doc: Doc, lo: int, hi: int) -> int:
    """End a content before a trailing aside set off by a comma or dash (", which ...", ", citing ...")."""
    for tok in doc[lo:hi + 1]:
        edge = tok.left_edge.i
        if edge - 1 > lo and doc[edge - 1].text in CLOSING_MARKS:
            edge -= 1  # `are "not charities," which …`: the comma inside the quotation
        if tok.dep_ in TRAILING_DEPS and tok.right_edge.i >= hi and edge - 1 > lo and doc[edge - 1].text in ASIDE_MARKS:
            return edge - 2
    return hi


def _content_of_verb(doc: Doc, cue: Cue, verb_cues: set[int]) -> list[tuple[int, int]]:
    """Token ranges of what the verb cue governs (two when the cue interrupts it)."""
    ranges = _verb_ranges(doc, cue)
    return [(lo, _cut_conjoined_cue(doc, lo, _cut_trailing(doc, lo, hi), verb_cues)) for lo, hi in ranges]


def _cut_conjoined_cue(doc: Doc, lo: int, hi: int, verb_cues: set[int]) -> int:
    """End a content before "and said ..." or ", blaming ...": a second cue sharing the subject (a
    conjoined verb, or a participle set off by a comma) starts a statement of its own."""
    for tok in doc[lo:hi + 1]:
        participle = tok.dep_ == "advcl" and tok.tag_ == "VBG" and doc[tok.left_edge.i - 1].text == ","
        if (tok.dep_ == "conj" or participle) and tok.i in verb_cues and tok.left_edge.i > lo and not any(
            c.dep_ in SUBJECTS or c.dep_ == "mark" for c in tok.children
        ):
            edge = tok.left_edge.i
            while edge - 1 > lo and (doc[edge - 1].dep_ == "cc" or doc[edge - 1].text == ","):
                edge -= 1
            return edge - 1
    return hi


def _verb_ranges(doc: Doc, cue: Cue) -> list[tuple[int, int]]:
    """The complement by preference: a listed preposition's object, a clause, an object, a passive subject."""
    verb = doc[cue.token]
    if cue.prep >= 0:
        if not _frame_says(verb, "prep") and not phrasal_preps(verb, cue.lemma):
            # "spoke about leaving", "expanded on his thoughts": PolNeAR seldom marks these.
            return []
        for child in doc[cue.prep].children:
            if child.dep_ in ("pobj", "pcomp"):
                return [(child.left_edge.i, child.right_edge.i)]
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    for dep in CLAUSE_DEPS:
        # A clause after the cue first; one holding the cue's own subject is never what it says
        # ("Ashby, who co-founded the band, said she ...").
        clauses = sorted((c for c in verb.children if c.dep_ == dep), key=lambda c: c.i < verb.i)
        for child in clauses:
            if any(child.left_edge.i <= s.i <= child.right_edge.i for s in subjects):
                continue
            if not _frame_says(verb, dep):
                # "attempts to repay", "tried to leave": PolNeAR seldom marks these.
                return []
            lo, hi = child.left_edge.i, child.right_edge.i
            # "which he said were ...": the clause's own words before the cue are not its content.
            if child.i < verb.i:
                return [(lo, min(hi, verb.i - 1))]
            if dep == "xcomp":
                # "urged voters to act": who is to act belongs to the content.
                lo = min([lo] + [c.left_edge.i for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i])
            return [(max(lo, verb.i + 1), _extend_right(verb, hi))]
    before = _attributed_clause_before(doc, verb)
    if before is not None:
        return [before]
    stranded = _stranded_clause(verb)
    if stranded is not None and _frame_says(verb, "ccomp"):
        # What follows the stranded clause in the verb's phrase is part of it ("... scene “500 times”").
        last = max(stranded.right_edge.i, verb.right_edge.i)
        while last > stranded.i and doc[last].is_punct and doc[last].text not in ('"', "\u201d", "\u2019", "'"):
            last -= 1
        return [(stranded.left_edge.i, last)]
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.i > verb.i and not (cue.lemma in listener_verbs() and child.pos_ in ("PRON", "PROPN")):
            if not _object_says(verb, child) or _hands_over_to_quote(doc, verb, child):
                return []
            return [(child.left_edge.i, _extend_right(verb, child.right_edge.i))]
    if any(child.dep_ == "agent" for child in verb.children):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return [(child.left_edge.i, child.right_edge.i)]
    head = _interrupted(doc, verb)
    if head is not None:
        # "The museum, he said, would ...": the clause around the cue, in two pieces.
        first = verb.head.left_edge.i if verb.dep_ == "relcl" else head.left_edge.i
        # "They had ideas: the actress, she said, believes ...": the clause begins after a colon.
        first = max([first] + [t.i + 1 for t in doc[first:verb.left_edge.i] if t.text in (":", ";")])
        pieces = [(first, verb.left_edge.i - 1), (verb.right_edge.i + 1, head.right_edge.i)]
        return [(lo, hi) for lo, hi in pieces if _words(doc, lo, hi)]
    return []


def _headline_label(doc: Doc, text: str, verb: Token) -> bool:
    """ "The ending explained: what she said": a headline's label before its colon, not a report.

    The verb stands bare (no auxiliary) right before a colon on a line of its own that ends
    without a sentence's closing punctuation.
    """
    after = verb.i + 1
    if after >= len(doc) or doc[after].text != ":" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    line_start = text.rfind("\n", 0, verb.idx) + 1
    line_end = text.find("\n", verb.idx)
    line = text[line_start:line_end if line_end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in HEADLINE_ENDS


def _interrupted(doc: Doc, verb: Token) -> Token | None:
    """The clause a cue interrupts: "The museum, he said, would ..." (parataxis), or "the actress,
    Varga revealed, believes ..." (parsed as a relative clause with a subject of its own, set
    off by commas inside the subject of the verb it interrupts)."""
    if verb.dep_ == "parataxis":
        return verb.head
    noun = verb.head
    if (verb.dep_ == "relcl" and noun.dep_ in SUBJECTS and noun.head.i > verb.right_edge.i
            and any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON") and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)
            and verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text == ","
            and verb.right_edge.i + 1 < len(doc) and doc[verb.right_edge.i + 1].text == ","):
        return noun.head
    return None


def _sources_wording(doc: Doc, cue: Cue, verb_cues: set[int]) -> bool:
    """ "…," she said, according to a translation': "according to" right after a verb of saying
    (only its time or place between) names where the wording comes from, not a speaker."""
    according = doc[cue.token]
    verb = according.head
    if verb.i not in verb_cues or verb.i > according.i:
        return False
    between = set(range(verb.i + 1, according.i))
    for child in verb.rights:
        if child.i < according.i and child.dep_ in ("prep", "npadvmod", "advmod"):
            between -= {t.i for t in child.subtree}
    return all(doc[i].is_punct for i in between)


def _content_of_according(doc: Doc, cue: Cue) -> list[tuple[int, int]]:
    """The sentence on the side of "according to X" that holds the clause it modifies, the phrase
    left out: "About 2,300 people were moved, according to X, as the fire jumped …" is the words
    before it, not the "as" clause after it. The longer side where the parse does not say."""
    according = doc[cue.token]
    sent = according.sent
    phrase_lo, phrase_hi = according.left_edge.i, according.right_edge.i
    before = (sent.start, phrase_lo - 1)
    after = (phrase_hi + 1, sent.end - 1)
    words_before, words_after = _words(doc, *before), _words(doc, *after)
    if not (words_before or words_after):
        return []
    head = according.head
    if words_before and before[0] <= head.i <= before[1] and head is not according:
        return [before]
    if words_after and after[0] <= head.i <= after[1] and head is not according:
        return [after]
    return [before if words_before >= words_after else after]


def _words(doc: Doc, lo: int, hi: int) -> int:
    return sum(1 for t in doc[lo:hi + 1] if not t.is_punct)


def _according_source(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """The object of "according to"."""
    for child in doc[cue.prep].children:
        if child.dep_ == "pobj":
            return _speaker_of_noun(doc, child)
    return None


def _content_of_noun(doc: Doc, cue: Cue) -> list[tuple[int, int]]:
    """ "the claim that ...": the that-clause hanging from the noun."""
    noun = doc[cue.token]
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
            t.dep_ == "mark" and t.lower_ == "that" for t in child.children
        ):
            return [(child.left_edge.i, child.right_edge.i)]
    return []


def _noun_source(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """Whose words: "Trump's claim", "Trump charges" (a name before the noun), "warnings from his lawyer"."""
    noun = doc[cue.token]
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return _speaker_of_noun(doc, child)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _speaker_of_noun(doc, pobj)
    return None


def _name_before(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """A name or pronoun right before the cue that the parse left unattached ("... Post Trump said")."""
    first = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    i = first.start - 1 if first is not None else -1
    if i < 0 or doc[i].pos_ not in ("PROPN", "PRON") or doc[i].dep_ in SUBJECTS:
        return None
    if doc[i].pos_ == "PRON" and doc[i].lower_ not in NAMING_PRONOUNS:
        return None
    lo = i
    while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].sent_start == doc[i].sent_start:
        lo -= 1
    return _span(list(doc[lo:i + 1]))


def _expletive(verb: Token) -> bool:
    """ "It seems that ...": the subject is an empty "it"."""
    return any(c.dep_ == "expl" or (c.dep_ == "nsubj" and c.lower_ == "it") for c in verb.children)


def _content_of_raising(verb: Token) -> list[tuple[int, int]]:
    """ "The plan seems to work": the subject and the complement, the raising verb between them."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    comp = next((c for c in verb.children if c.dep_ in CLAUSE_DEPS), None)
    if comp is None:
        return []
    pieces = [(comp.left_edge.i, comp.right_edge.i)]
    if subject is not None and subject.i < verb.i:
        pieces.insert(0, (subject.left_edge.i, subject.right_edge.i))
    return pieces


def _nested(verb: Token, verb_cues: set[int]) -> bool:
    """A cue inside what another cue reports ("Merrill says Machado promised ..."): PolNeAR keeps only the outer one."""
    tok = verb
    while tok.dep_ in NESTED_DEPS and tok.head is not tok:
        tok = tok.head
        if tok.i in verb_cues:
            return True
    return False


def clause_statements(doc: Doc, cues: list[Cue]) -> list[RawStatement]:
    """Indirect statements: each cue with the content it governs and, where found, its speaker."""
    text = doc_text(doc)
    out: list[RawStatement] = []
    raising = raising_verbs()
    verb_cues = {c.token for c in cues if c.kind == "verb" and not (c.lemma in raising and _expletive(doc[c.token]))}
    for cue in cues:
        if cue.kind == "verb" and (cue.token not in verb_cues or _nested(doc[cue.token], verb_cues)):
            continue
        if cue.kind == "verb" and (_question_put_to(doc[cue.token]) or _headline_label(doc, text, doc[cue.token])):
            continue
        if cue.kind == "verb" and cue.lemma in raising:
            ranges = _content_of_raising(doc[cue.token])
            speaker = None
        elif cue.kind == "verb":
            ranges = _content_of_verb(doc, cue, verb_cues)
            speaker_tok = _speaker_token(doc[cue.token], verb_cues)
            speaker = _speaker_of_noun(doc, speaker_tok) if speaker_tok is not None else _name_before(doc, cue)
        elif cue.kind == "according_to":
            if _sources_wording(doc, cue, verb_cues):
                continue
            ranges = _content_of_according(doc, cue)
            speaker = _according_source(doc, cue)
        else:
            ranges = _content_of_noun(doc, cue)
            speaker = _noun_source(doc, cue)
        pieces = []
        for lo, hi in ranges:
            start, end = _trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
            if start < end:
                pieces.append((start, end))
        if not pieces:
            continue
        if speaker is not None:
            speaker = _whole_words(text, *speaker)
            if any(lo <= speaker[0] and speaker[1] <= hi for lo, hi in pieces):
                speaker = None
        out.append(RawStatement("indirect", pieces, (cue.start, cue.end), speaker))
    return out
