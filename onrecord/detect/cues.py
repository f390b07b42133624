"""Speech cues in the parse: verbs and nouns of saying and of stance, "according to".

The words are data, not code: `data/cues.txt` (verbs, with the preposition a verb takes
its content through, "refer to"), `data/cue_phrasal.txt` (phrasal verbs of saying, "open up
about", cues whatever the verb alone is), `data/cue_nouns.txt`, and two tables `make train` learns
from PolNeAR's train split: `data/cues_polnear.tsv`, how often each verb is a cue in each
frame (the rule path), and `data/cue_model.tsv`, the weights of a logistic regression over
the verb's context (the default path; both need only this module at run time).
A cue span is the one PolNeAR annotates: the verb with its auxiliaries and a preceding
"also"/"not" ("has said", "did reveal", "also revealed", "was referring to").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..nlp import per_doc

VERB_POS = frozenset(("VERB", "AUX"))
# Adverbs right before a cue verb that PolNeAR counts as part of the cue ("also revealed").
SPAN_ADVERBS = frozenset((
    "also", "not", "n't", "never", "repeatedly", "again", "previously", "later", "reportedly",
    "publicly", "recently", "further", "then", "even",
))
# A learned verb counts as a cue in a frame when PolNeAR annotates it so at least this often.
LEARNED_MIN_RATE = 0.4
# The same for a hand-listed verb: the list is evidence too, so less is asked of the data.
LISTED_MIN_RATE = 0.3
# Below this many occurrences of a (lemma, frame), the lemma's rate over all frames is used.
LEARNED_MIN_SEEN = 8
# How the verb holds its content, in order of preference; see `frame`.
FRAME_DEPS = ("ccomp", "xcomp", "dobj", "prep")
# The model calls a verb a cue above this score (log-odds; -0.25 is a probability of 0.44).
MODEL_THRESHOLD = -0.25
OPENING_QUOTES = frozenset(("\u201c", "\u00ab"))
CLOSING_QUOTES = frozenset(("\u201d", "\u00bb"))


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase of saying; `token` is the index of its head token in the Doc.

    `prep` is the index of the preposition the content hangs from ("referring to"), or -1.
    """

    start: int
    end: int
    token: int
    lemma: str
    kind: str  # "verb", "noun" or "according_to"
    prep: int = -1


def _data_lines(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def verb_preps() -> dict[str, frozenset[str]]:
    """Hand-listed cue verb lemma -> prepositions its content may hang from ("" for none)."""
    table: dict[str, set[str]] = {}
    for line in _data_lines("cues.txt"):
        lemma, _, prep = line.lower().partition(" ")
        table.setdefault(lemma, {""}).add(prep.strip())
    return {k: frozenset(v) for k, v in table.items()}


def cue_lemmas() -> frozenset[str]:
    """The hand-listed cue verbs."""
    return frozenset(verb_preps())


@lru_cache(maxsize=1)
def learned_rates() -> dict[tuple[str, str], tuple[float, int]]:
    """(lemma, frame) -> (rate PolNeAR train annotates it as a cue, occurrences); frame "*" is all."""
    table = {}
    for line in _data_lines("cues_polnear.tsv"):
        lemma, frame_name, rate, _cues, seen = line.split("\t")
        table[(lemma, frame_name)] = (float(rate), int(seen))
    return table


def frame(tok: Token, quoted: bool) -> str:
    """How a verb holds what it says ("ccomp", "dobj", ...), and "/q" inside a quotation."""
    return _frame_of({child.dep_ for child in tok.children}, quoted)


def _frame_of(deps: set[str], quoted: bool) -> str:
    rel = next((d for d in FRAME_DEPS if d in deps), "none")
    return rel + "/q" if quoted else rel


def is_verb_cue(lemma: str, frame_name: str) -> bool:
    """What PolNeAR train says of this verb in this frame, where it says enough; else the hand list."""
    rates = learned_rates()
    rate, seen = rates.get((lemma, frame_name), (0.0, 0))
    listed = lemma in verb_preps()
    if seen >= LEARNED_MIN_SEEN:
        return rate >= (LISTED_MIN_RATE if listed else LEARNED_MIN_RATE)
    if listed:
        return not frame_name.endswith("/q")
    return rates.get((lemma, "*"), (0.0, 0))[0] >= LEARNED_MIN_RATE


@lru_cache(maxsize=1)
def model_weights() -> dict[str, float]:
    """Feature -> weight of the learned cue model; "bias" is the intercept. Empty if never trained."""
    weights = {}
    for line in _data_lines("cue_model.tsv"):
        feature, weight = line.rsplit("\t", 1)
        weights[feature] = float(weight)
    return weights


def verb_features(tok: Token, quoted: bool) -> list[str]:
    """What the cue model sees of a verb: its lemma, frame, relation, tag, subject, and combinations."""
    lemma = tok.lemma_.lower()
    children = list(tok.children)  # spaCy builds each child anew on every pass
    frame_name = _frame_of({c.dep_ for c in children}, quoted)
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subject_kind = "none" if subject is None else subject.pos_
    subject_full = "none" if subject is None else f"{subject.pos_}:{subject.ent_type_ or '-'}"
    governor = tok.head.lemma_.lower() if tok.dep_ in ("ccomp", "xcomp") else "-"
    that = any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in children)
    return [
        f"m={that}", f"hd={tok.head.pos_}|{tok.dep_}", f"lq={lemma}|{quoted}",
        f"l={lemma}", f"lf={lemma}|{frame_name}", f"f={frame_name}", f"d={tok.dep_}", f"t={tok.tag_}",
        f"s={subject_full}", f"ld={lemma}|{tok.dep_}", f"lt={lemma}|{tok.tag_}", f"ls={lemma}|{subject_kind}",
        f"q={quoted}", f"fs={frame_name}|{subject_full}", f"a={governor}", f"listed={lemma in verb_preps()}",
    ]


def model_score(tok: Token, quoted: bool) -> float:
    """The learned model's log-odds that this verb is a cue."""
    weights = model_weights()
    return weights.get("bias", 0.0) + sum(weights.get(f, 0.0) for f in verb_features(tok, quoted))


@per_doc
def quoted_tokens(doc: Doc) -> list[bool]:
    """Whether each token stands inside double quotation marks (a paragraph break closes them);
    read by the cues and again by the confidence, so computed once per document."""
    inside, out = False, []
    for tok in doc:
        text = tok.text
        if text in OPENING_QUOTES:
            inside = True
        elif text in CLOSING_QUOTES:
            inside = False
        elif text == '"':
            inside = not inside
        out.append(inside and text not in CLOSING_QUOTES)
        if "\n" in tok.whitespace_ or (tok.is_space and "\n\n" in tok.text):
            inside = False
    return out


@lru_cache(maxsize=1)
def noun_lemmas() -> frozenset[str]:
    """Nouns of saying ("statement", "claim")."""
    return frozenset(w.lower() for w in _data_lines("cue_nouns.txt"))


@lru_cache(maxsize=1)
def phrasal_cues() -> dict[tuple[str, str], frozenset[str]]:
    """(verb lemma, particle) -> prepositions: phrasal verbs of saying ("open up about", "hit back
    at") that are cues whatever the verb alone is (data/cue_phrasal.txt)."""
    table: dict[tuple[str, str], set[str]] = {}
    for line in _data_lines("cue_phrasal.txt"):
        lemma, particle, prep = line.lower().split()
        table.setdefault((lemma, particle), set()).add(prep)
    return {k: frozenset(v) for k, v in table.items()}


def phrasal_preps(tok: Token, lemma: str) -> frozenset[str]:
    """The prepositions the verb's particle makes it a cue with ("opened up" + "about"), if any."""
    particle = next((c.lower_ for c in tok.rights if c.dep_ == "prt"), None)
    return phrasal_cues().get((lemma, particle), frozenset()) if particle else frozenset()


def _phrasal(tok: Token, lemma: str) -> bool:
    """A listed phrasal verb with its preposition present: "has opened up about the day …"; not a
    gerund that a preposition takes ("praised them for speaking out against …")."""
    if tok.dep_ == "pcomp":
        return False
    preps = phrasal_preps(tok, lemma)
    return bool(preps) and any(c.dep_ == "prep" and c.lower_ in preps for c in tok.rights)


def _verb_cue(doc: Doc, tok: Token, lemma: str) -> Cue:
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.i != start - 1:
            break
        if child.dep_ in ("aux", "auxpass", "neg") or (child.dep_ == "advmod" and child.lower_ in SPAN_ADVERBS):
            start = child.i
        else:
            break
    end = tok.i
    prep = -1
    preps = verb_preps().get(lemma, frozenset()) | phrasal_preps(tok, lemma)
    for child in tok.rights:
        if child.i == end + 1 and child.dep_ == "prt":
            end = child.i
        elif child.i == end + 1 and child.dep_ == "prep" and child.lower_ in preps:
            end = prep = child.i
        else:
            break
    first, last = doc[start], doc[end]
    return Cue(first.idx, last.idx + len(last.text), tok.i, lemma, "verb", prep)


def find_cues(doc: Doc, *, learned: bool = True) -> list[Cue]:
    """Every cue in the document, in text order.

    `learned` picks the cue model for verbs; False, or a model never trained, uses the rules
    (the hand list and the frame rates).
    """
    nouns = noun_lemmas()
    quoted = quoted_tokens(doc)
    use_model = learned and bool(model_weights())
    cues: list[Cue] = []
    n = len(doc)
    for tok in doc:
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < n and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            cues.append(Cue(tok.idx, to.idx + len(to.text), tok.i, "according to", "according_to", to.i))
            continue
        pos = tok.pos_
        if pos in VERB_POS:
            if tok.dep_ in ("amod", "aux", "auxpass"):
                continue
            lemma = tok.lemma_.lower()
            if _phrasal(tok, lemma):
                pass
            elif use_model:
                if model_score(tok, quoted[tok.i]) <= MODEL_THRESHOLD:
                    continue
            elif not is_verb_cue(lemma, frame(tok, quoted[tok.i])):
                continue
            cues.append(_verb_cue(doc, tok, lemma))
        elif pos == "NOUN" and (lemma := tok.lemma_.lower()) in nouns:
            cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.i, lemma, "noun"))
    return cues
