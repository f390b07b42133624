"""How sure onrecord is of a statement: its parts, weighed by tables calibrated on PolNeAR.

Citron multiplies the confidences of a statement's parts; onrecord learns what each part is
worth instead. The parts (`evidence`, a dict of numbers in [0, 1]) are the rule that found the
statement, its kind and scope, its cue (a verb the learned cue model scores, a noun, "according
to", none) and how often PolNeAR train makes that lemma a cue, whether a speaker was found,
resolved to a name, or written as a pronoun, whether the content holds quote marks, its length,
and whatever the finder put in `RawStatement.evidence` (a learned tagger's probabilities).

A logistic regression over the evidence gives a score; an isotonic map turns the score into the
share of statements with that score that PolNeAR counts as right attributions (right words,
right speaker). Both are fit on PolNeAR train by `make calibrate` (onrecord/calibrate.py) and
shipped as tables, data/confidence_model.tsv and data/confidence_calibration.tsv; dev checks
them (benchmarks/reliability.py, docs/confidence.md). A key no weight is learned for counts for
nothing until the tables are refit with it.
"""
from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from .attribute import RawStatement
from .detect.cues import learned_rates, model_score, quoted_tokens
from .nlp import doc_text

WORD = re.compile(r"\w+")
QUOTE_MARKS = frozenset("\"“”«»")
# A content of at most this many words is short: "called it "a disgrace"", "denied it".
SHORT_WORDS = 4
# Word counts above this all weigh alike.
LONG_WORDS = 60
VERB_POS = frozenset(("VERB", "AUX"))
NOUN_POS = frozenset(("NOUN", "PROPN"))


def _table(name: str) -> list[list[str]]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """Evidence key -> weight of the score; "bias" is the intercept."""
    return {key: float(w) for key, w in _table("confidence_model.tsv")}


@lru_cache(maxsize=1)
def calibration() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The isotonic map as breakpoints: scores (rising) and the confidences they map to (never falling)."""
    rows = [(float(s), float(p)) for s, p in _table("confidence_calibration.tsv")]
    return tuple(s for s, _ in rows), tuple(p for _, p in rows)


def score(evidence: dict[str, float]) -> float:
    """The log-odds the learned weights give this evidence."""
    w = weights()
    return w.get("bias", 0.0) + sum(w.get(key, 0.0) * value for key, value in evidence.items())


def calibrated(raw_score: float) -> float:
    """The share of right attributions among statements of this score: linear between breakpoints,
    flat beyond the ends, so a higher score never means a lower confidence."""
    xs, ys = calibration()
    if not xs:
        return 1.0 / (1.0 + math.exp(-raw_score))
    if raw_score <= xs[0]:
        return ys[0]
    if raw_score >= xs[-1]:
        return ys[-1]
    k = bisect.bisect_right(xs, raw_score)
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (raw_score - x0) / (x1 - x0)


def evidence(doc: Doc, st: RawStatement, quoted: list[bool]) -> dict[str, float]:
    """The parts of one statement, by name (see the module docstring); `quoted` is `quoted_tokens(doc)`."""
    text = doc_text(doc)
    content = "".join(text[s:e] for s, e in st.content)
    words = len(WORD.findall(content))
    found: dict[str, float] = {
        f"rule={st.extra.get('quote_rule') or 'clause'}": 1.0,
        f"kind={st.kind}": 1.0,
        f"scope={st.scope}": 1.0,
        "quote_marks": float(any(ch in QUOTE_MARKS for ch in content)),
        "short": float(words <= SHORT_WORDS),
        "words": min(words, LONG_WORDS) / LONG_WORDS,
        "speaker": float(st.speaker is not None),
        "speaker_named": float(st.speaker_name is not None),
    }
    if st.speaker is not None:
        mention = doc.char_span(*st.speaker, alignment_mode="expand")
        found["speaker_pronoun"] = float(mention is not None and len(mention) == 1 and mention[0].pos_ == "PRON")
    found.update(_cue_evidence(doc, st.cue, quoted))
    found.update(st.evidence)
    return found


def _cue_evidence(doc: Doc, cue: tuple[int, int] | None, quoted: list[bool]) -> dict[str, float]:
    span = doc.char_span(*cue, alignment_mode="expand") if cue is not None else None
    if span is None or not len(span):
        return {"cue=none": 1.0}
    head = span.root
    if span.text.lower().startswith("according"):
        return {"cue=according_to": 1.0}
    lemma = head.lemma_.lower()
    rate = learned_rates().get((lemma, "*"), (0.0, 0))[0]
    if head.pos_ in VERB_POS:
        return {"cue=verb": 1.0, "cue_rate": rate, "cue_model": 1.0 / (1.0 + math.exp(-model_score(head, quoted[head.i])))}
    return {"cue=noun" if head.pos_ in NOUN_POS else "cue=other": 1.0, "cue_rate": rate}


def weigh(doc: Doc, statements: list[RawStatement]) -> list[tuple[RawStatement, dict[str, float]]]:
    """Each statement with its calibrated confidence, beside the evidence it was weighed from."""
    quoted = quoted_tokens(doc) if statements else []
    out = []
    for st in statements:
        found = evidence(doc, st, quoted)
        out.append((_with_confidence(st, calibrated(score(found))), found))
    return out


def _with_confidence(st: RawStatement, confidence: float) -> RawStatement:
    fields = {name: getattr(st, name) for name in RawStatement.__slots__}
    fields["confidence"] = confidence
    return RawStatement(**fields)
