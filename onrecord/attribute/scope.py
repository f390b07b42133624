"""Which scope a statement belongs to, from the kind of its cue (data/cue_kinds.tsv).

PolNeAR attributes more than speech: stances ("opposes the bill"), beliefs ("thinks
the deal is dead") and perceptions ("knows that …") are attributions too. Research
that counts only what people said needs them told apart, and the cue's lemma tells
them: a data file of kinds, not a pattern over the text, so a new word is a line of
data. A quotation with no cue (a dash attribution, a quote carried by the previous
speaker) is words someone said. A cue the file does not know is `speech` on a
quotation and `other` elsewhere: nothing unknown is counted as speech unless quoted.
The pipeline gives every statement its scope after the finders (rules and tagger) are joined.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from ..nlp import doc_text
from .raw import RawStatement

# What a Statement's `scope` field may hold.
CUE_KINDS = ("speech", "stance", "belief", "perception", "other")
NOUN_POS = frozenset(("NOUN", "PROPN"))


@lru_cache(maxsize=1)
def cue_kinds() -> dict[tuple[str, str], str]:
    """(lemma, part of speech: verb, noun or phrase) -> kind, from data/cue_kinds.tsv."""
    raw = resources.files("onrecord.data").joinpath("cue_kinds.tsv").read_text(encoding="utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, pos, kind = line.split("\t")
            if kind not in CUE_KINDS:
                raise ValueError(f"cue_kinds.tsv: {lemma!r} has an unknown kind {kind!r}")
            table[(lemma, pos)] = kind
    return table


def cue_kind(doc: Doc, cue: tuple[int, int]) -> str | None:
    """The kind of the cue at these offsets, read off its head word; None if the file lacks it."""
    table = cue_kinds()
    words = doc_text(doc)[cue[0]:cue[1]].lower().split()
    if " ".join(words[-2:]) in ("according to",):
        return table.get(("according to", "phrase"))
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    lemma = head.lemma_.lower()
    pos = "noun" if head.pos_ in NOUN_POS else "verb"
    return table.get((lemma, pos)) or table.get((lemma, "verb" if pos == "noun" else "noun"))


def scope_of(doc: Doc, kind: str, cue: tuple[int, int] | None) -> str:
    """A statement's scope: its cue's kind; see the module docstring for cues the file lacks."""
    found = cue_kind(doc, cue) if cue is not None else None
    if found is not None:
        return found
    return "speech" if kind == "direct" else "other"


def with_scope(doc: Doc, statements: list[RawStatement]) -> list[RawStatement]:
    """The statements, each with its scope: new values, whichever finder made them."""
    out = []
    for st in statements:
        fields = {name: getattr(st, name) for name in RawStatement.__slots__}
        fields["scope"] = scope_of(doc, st.kind, st.cue)
        out.append(RawStatement(**fields))
    return out
