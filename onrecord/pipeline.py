"""The per-document function every interface runs: parse, detect, attribute, resolve, enrich.

The CLI, the spaCy component, the REST API, the store's ingest and the Spark job
all call `Extractor`; nothing else strings the stages together.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from . import tagger as tagger_stage
from .attribute import RawStatement, attribute
from .attribute.scope import with_scope
from .attribute.tagged import combine, tagged_statements
from .confidence import weigh
from .detect import find_cues, find_quotes
from .enrich import enrich
from .records import Document, Span, Statement, Venue, When, statement_id
from .resolve import Coreference, resolve
from .resolve import coreference as _coreference
from .tagger import Tags


def statements_from_doc(doc: Doc, doc_id: str, published: str | None, tags: Tags | None = None,
                        resolver: Coreference | None = None) -> list[Statement]:
    """The stages after the parse, on an already parsed spaCy Doc (and the tagger's spans, in
    tagger mode); `resolver` names speakers, the rules by default."""
    return [st for st, _evidence in weighed_statements(doc, doc_id, published, tags, resolver)]


def weighed_statements(doc: Doc, doc_id: str, published: str | None, tags: Tags | None = None,
                       resolver: Coreference | None = None) -> list[tuple[Statement, dict[str, float]]]:
    """The statements, each with the evidence its confidence was weighed from (calibration reads it)."""
    text = nlp_stage.doc_text(doc)
    found = attribute(doc, find_quotes(text), find_cues(doc))
    if tags is not None:
        found = combine(text, found, tagged_statements(doc, tags))
    found = with_scope(doc, found)
    speakers = resolve(doc, found, resolver)
    raw = [replace(r, speaker_name=s.name, speaker_role=s.role) for r, s in zip(found, speakers)]
    occasions = enrich(doc, raw, published)
    ordered = sorted(zip(raw, occasions), key=lambda pair: pair[0].content[0])
    weighed = weigh(doc, [r for r, _ in ordered])
    return [(_finish(text, doc_id, r, venue, when), evidence)
            for (r, evidence), (_, (venue, when)) in zip(weighed, ordered)]


def _finish(text: str, doc_id: str, raw: RawStatement, venue: Venue | None, when: When | None) -> Statement:
    content = Span.of_parts(text, raw.content)
    return Statement(
        id=statement_id(doc_id, content.start, content.end),
        doc=doc_id,
        kind=raw.kind,
        content=content,
        cue=Span.of(text, *raw.cue) if raw.cue else None,
        speaker=Span.of(text, *raw.speaker) if raw.speaker else None,
        speaker_name=raw.speaker_name,
        speaker_role=raw.speaker_role,
        venue=venue,
        when=when,
        confidence=raw.confidence,
        scope=raw.scope,
    )


class Extractor:
    """Holds the loaded pipeline; one per process (workers each build their own).

    `fast` parses without spaCy's NER: about 1.7x the throughput, the same statements and
    speaker spans, speaker names from the parse alone (a little less often right). `coreference`
    names the resolver of speaker mentions (`onrecord.resolve.COREFERENCE`; "rules" by default).
    `tagger` adds the learned cue/source/content tagger's statements to the rules' (see
    attribute.tagged); `tagger_threads` caps its threads (one per worker under --jobs).
    """

    def __init__(self, model: str = nlp_stage.DEFAULT_MODEL, nlp: Language | None = None, fast: bool = True,
                 coreference: str = "rules", tagger: bool = False, tagger_threads: int | None = None):
        self.resolver = _coreference(coreference)
        self.nlp = nlp if nlp is not None else nlp_stage.load(model, fast)
        self.tagger = tagger_stage.shipped(tagger_threads) if tagger else None

    def _tags(self, text: str) -> Tags | None:
        return self.tagger.tag(text) if self.tagger is not None else None

    @property
    def piece_chars(self) -> int:
        """The longest text extracted whole: PIECE_CHARS, or less if the pipeline's limit is less."""
        return min(nlp_stage.PIECE_CHARS, self.nlp.max_length)

    def extract(self, document: Document) -> list[Statement]:
        if len(document.text) > self.piece_chars:
            return self._extract_in_pieces(document)
        return statements_from_doc(self.nlp(document.text), document.id, document.published,
                                   self._tags(document.text), resolver=self.resolver)

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[tuple[Document, list[Statement]]]:
        """Documents in, (document, statements) out, in input order, parsed in batches (a long
        document alone, in pieces)."""
        docs = list(documents) if not isinstance(documents, list) else documents
        limit = self.piece_chars
        short = self.nlp.pipe((d.text for d in docs if len(d.text) <= limit), batch_size=batch_size)
        for document in docs:
            if len(document.text) > limit:
                yield document, self._extract_in_pieces(document)
            else:
                yield document, statements_from_doc(next(short), document.id, document.published,
                                                  self._tags(document.text), resolver=self.resolver)

    def _extract_in_pieces(self, document: Document) -> list[Statement]:
        """A text too long to parse whole (spaCy's limit, memory, resolution's cost), piece by
        piece: cut at line breaks outside quotations (`nlp.pieces`), each piece read with a
        lead-in of the text before it so its first speakers can be named, statements beginning
        in the lead-in left to the piece before. Offsets are moved back into the whole text."""
        text = document.text
        quotes = [(q.start, q.end) for q in find_quotes(text)]
        found: list[Statement] = []
        lead_chars = min(nlp_stage.LEAD_IN_CHARS, self.piece_chars // 4)
        for start, end in nlp_stage.pieces(text, self.piece_chars - lead_chars, keep_whole=quotes):
            lead = _lead_in(text, start, lead_chars)
            doc = self.nlp(text[lead:end])
            for st in statements_from_doc(doc, document.id, document.published, self._tags(text[lead:end]),
                                          resolver=self.resolver):
                if st.content.start + lead >= start:
                    found.append(_moved(st, lead, text))
        return found


def _lead_in(text: str, start: int, chars: int) -> int:
    """Where the lead-in of a piece starting at `start` begins: the first line within `chars`
    before it (the text's start, if nearer), else no lead-in."""
    if start <= chars:
        return 0
    line_break = text.find("\n", start - chars, start - 1)
    return line_break + 1 if line_break != -1 else start


def _moved(st: Statement, by: int, text: str) -> Statement:
    """A piece's statement with its offsets in the whole text (and its id, made of them)."""
    def move(span: Span | None) -> Span | None:
        if span is None:
            return None
        if span.parts:
            return Span.of_parts(text, [(a + by, b + by) for a, b in span.parts])
        return Span.of(text, span.start + by, span.end + by)

    content = move(st.content)
    return replace(st, id=statement_id(st.doc, content.start, content.end), content=content,
                   cue=move(st.cue), speaker=move(st.speaker))
