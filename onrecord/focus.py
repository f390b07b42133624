"""Focus mode: run the full parse only where a statement can be, and tokenize the rest.

A paragraph is a candidate if it holds a quote mark or a word of the cue
lexicon (a cue verb in any form, a noun of saying); a candidate's neighbours
are parsed too, since a quotation's speaker is often named in the paragraph
before or after it. The parts are joined with `Doc.from_docs` so the joined
Doc's text is the original exactly and every offset holds; the paragraphs not
parsed carry tokens only, each line a sentence of its own.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .pipeline import statements_from_doc
from .records import Document, Statement

PARAGRAPH = re.compile(r"[^\n]*\n*")
QUOTE_MARKS = "\"“”«»"


def _words(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split()[0].lower() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def cue_pattern() -> re.Pattern[str]:
    """Any form of a cue verb (a lemma's regular forms start with it, less a final e), or a noun of saying."""
    stems = {w[:-1] if w.endswith("e") and len(w) > 3 else w for w in _words("cues.txt")}
    stems |= set(_words("cue_nouns.txt"))
    exact = set(_words("focus_irregular.txt"))
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    irregular = "|".join(re.escape(s) for s in sorted(exact))
    return re.compile(rf"\b(?:(?:{alternatives})\w*|(?:{irregular})\b|according to)", re.IGNORECASE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line with the line breaks after it; together they cover the text exactly."""
    return [m.span() for m in PARAGRAPH.finditer(text) if m.end() > m.start()]


def is_candidate(text: str, start: int, end: int) -> bool:
    return any(q in text[start:end] for q in QUOTE_MARKS) or bool(cue_pattern().search(text, start, end))


def focus_runs(text: str, neighbours: int = 1) -> list[tuple[int, int, bool]]:
    """The text as consecutive (start, end, parse?) runs: candidates and their neighbours parsed."""
    paras = paragraphs(text)
    hits = [i for i, (a, b) in enumerate(paras) if is_candidate(text, a, b)]
    parse = [False] * len(paras)
    for i in hits:
        for j in range(max(0, i - neighbours), min(len(paras), i + neighbours + 1)):
            parse[j] = True
    runs: list[tuple[int, int, bool]] = []
    for (a, b), p in zip(paras, parse):
        if runs and runs[-1][2] == p:
            runs[-1] = (runs[-1][0], b, p)
        else:
            runs.append((a, b, p))
    return runs


class FocusedExtractor:
    """`pipeline.Extractor`'s interface, parsing only the candidate paragraphs."""

    def __init__(self, model: str = nlp_stage.DEFAULT_MODEL, nlp: Language | None = None, neighbours: int = 1):
        self.nlp = nlp if nlp is not None else nlp_stage.load(model)
        self.neighbours = neighbours

    def parse_many(self, texts: list[str], batch_size: int = 16) -> Iterator[Doc]:
        runs = [focus_runs(t, self.neighbours) for t in texts]
        wanted = [t[a:b] for t, rs in zip(texts, runs) for a, b, p in rs if p]
        parsed = self.nlp.pipe(wanted, batch_size=batch_size)
        for text, rs in zip(texts, runs):
            parts = [next(parsed) if p else self._tokens_only(text[a:b]) for a, b, p in rs]
            for part in parts:
                part.tensor = numpy.zeros((0,), dtype="float32")  # from_docs needs equal tensor widths
            yield Doc.from_docs(parts, ensure_whitespace=False) if parts else self.nlp.make_doc(text)

    def _tokens_only(self, text: str) -> Doc:
        """The tokens, each line a flat tree under its first token, so each line is a sentence
        once joined to parsed parts (the join keeps trees, not preset sentence starts)."""
        tokens = nlp_stage.mark_line_breaks(self.nlp.make_doc(text))
        heads, deps, root = [], [], 0
        for token in tokens:
            if token.i == 0 or token.is_sent_start:
                root = token.i
            heads.append(root)
            deps.append("ROOT" if root == token.i else "dep")
        return Doc(self.nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
                   heads=heads, deps=deps)

    def extract(self, document: Document) -> list[Statement]:
        return next(self.extract_many([document]))[1]

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16,
                     ) -> Iterator[tuple[Document, list[Statement]]]:
        docs = list(documents)
        for document, doc in zip(docs, self.parse_many([d.text for d in docs], batch_size)):
            yield document, statements_from_doc(doc, document.id, document.published)
