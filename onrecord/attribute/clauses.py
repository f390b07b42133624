"""Reported speech: a cue and the clause it governs (said that ..., according to ..., X, he said).

Spans follow PolNeAR's annotation: the content is the clause the cue governs, its
trailing punctuation left out; the speaker is the whole noun phrase that says it,
appositions included ("Hugh Hill, a doctor, said"); "told X" keeps X out of both.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..detect import Cue
from .raw import RawStatement

SUBJECTS = frozenset(("nsubj", "csubj"))
# Complements that carry what was said, in the order they are preferred.
CLAUSE_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = frozenset(("dobj",))
# A cue reached through these relations takes the speaker of the verb it hangs from.
CLIMB_DEPS = frozenset(("advcl", "xcomp", "conj", "ccomp"))
RELATIVE_PRONOUNS = frozenset(("who", "that", "which", "whom"))
# Punctuation and space left out at the ends of a content span.
EDGE_TRIM = frozenset(" \t\r\n,.;:!?—–-")


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_TRIM:
        start += 1
    while end > start and text[end - 1] in EDGE_TRIM:
        end -= 1
    return start, end


def _subtree_range(tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Token index range [lo, hi] of `tok`'s subtree, cut at `exclude`'s subtree."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if exclude is not None and lo <= exclude.i <= hi:
        if exclude.i > tok.i:
            hi = exclude.left_edge.i - 1
        else:
            lo = exclude.right_edge.i + 1
    return lo, hi


def _speaker_of_noun(doc: Doc, tok: Token) -> tuple[int, int]:
    """The noun phrase of a speaker: its subtree, a relative clause after it left out."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.left_edge.i > tok.i:
            hi = min(hi, child.left_edge.i - 1)
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "case"):
        hi -= 1
    return _span(list(doc[lo:hi + 1]))


def _speaker_token(verb: Token) -> Token | None:
    """Who says it: the subject, the by-agent of a passive, or that of the verb the cue hangs from."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    return tok.head
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ in CLIMB_DEPS and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


def _content_of_verb(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """Token range of what the verb cue governs."""
    verb = doc[cue.token]
    if cue.prep >= 0:
        for child in doc[cue.prep].children:
            if child.dep_ in ("pobj", "pcomp"):
                return child.left_edge.i, child.right_edge.i
    for dep in CLAUSE_DEPS:
        for child in verb.children:
            if child.dep_ == dep:
                return child.left_edge.i, child.right_edge.i
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.i > verb.i:
            return child.left_edge.i, child.right_edge.i
    if any(child.dep_ == "agent" for child in verb.children):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return child.left_edge.i, child.right_edge.i
    if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.head.i < verb.i):
        return _subtree_range(verb.head, exclude=verb)
    return None


def _content_of_according(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    """The sentence around "according to X", the phrase itself left out."""
    according = doc[cue.token]
    sent = according.sent
    phrase_lo, phrase_hi = according.left_edge.i, according.right_edge.i
    before = (sent.start, phrase_lo - 1)
    after = (phrase_hi + 1, sent.end - 1)
    size = lambda r: sum(1 for t in doc[r[0]:r[1] + 1] if not t.is_punct)
    best = before if size(before) >= size(after) else after
    return best if size(best) else None


def _according_source(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    for child in doc[cue.prep].children:
        if child.dep_ == "pobj":
            return _speaker_of_noun(doc, child)
    return None


def _content_of_noun(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    noun = doc[cue.token]
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
            t.dep_ == "mark" and t.lower_ == "that" for t in child.children
        ):
            return child.left_edge.i, child.right_edge.i
    return None


def _noun_source(doc: Doc, cue: Cue) -> tuple[int, int] | None:
    noun = doc[cue.token]
    for child in noun.children:
        if child.dep_ == "poss":
            return _speaker_of_noun(doc, child)
    return None


def clause_statements(doc: Doc, cues: list[Cue]) -> list[RawStatement]:
    """Indirect statements: each cue with the content it governs and, where found, its speaker."""
    text = doc.text
    out: list[RawStatement] = []
    for cue in cues:
        if cue.kind == "verb":
            rng = _content_of_verb(doc, cue)
            speaker_tok = _speaker_token(doc[cue.token])
            speaker = _speaker_of_noun(doc, speaker_tok) if speaker_tok is not None else None
        elif cue.kind == "according_to":
            rng = _content_of_according(doc, cue)
            speaker = _according_source(doc, cue)
        else:
            rng = _content_of_noun(doc, cue)
            speaker = _noun_source(doc, cue)
        if rng is None or rng[0] > rng[1]:
            continue
        start, end = _trim(text, doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]].text))
        if start >= end:
            continue
        if speaker is not None and start <= speaker[0] and speaker[1] <= end:
            speaker = None
        out.append(RawStatement("indirect", [(start, end)], (cue.start, cue.end), speaker))
    return out
