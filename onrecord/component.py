"""`nlp.add_pipe("onrecord")`: statements on any spaCy Doc, registered by entry point.

`doc._.statements` holds the Statement records as plain dicts (`Statement.to_dict()`,
msgpack-safe, so `nlp.pipe(n_process=…)` and DocBin keep working); their spans go in
`doc.spans["onrecord_content"]`, `…_cue` and `…_speaker`, labelled with the statement's
kind. A Span there covers whole tokens; the exact character offsets are in the dicts.

The component runs after the parser, so by itself it cannot make a line break a
sentence boundary, and en_core_web_sm glues a paragraph to the sentence before it
(a block quote after "…crossing a line:" joins the sentence that introduces it).
So, unless `line_breaks` is false, adding it also inserts `onrecord_line_breaks`
before the parser, exactly as `onrecord.nlp.load()` does: then the statements equal
those of `onrecord.extract(text, fast=False)`, the full pipeline with spaCy's NER (a
pipeline without NER gives fast mode's, the default of `onrecord.extract`). With `line_breaks=False` the
pipeline is left as it is and sentences are the parser's own; statements can then
differ where the parser runs over a paragraph break.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as _registers_line_breaks  # noqa: F401  (the "onrecord_line_breaks" component)

LINE_BREAKS = "onrecord_line_breaks"

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)

SPAN_KEYS = {role: f"onrecord_{role}" for role in ("content", "cue", "speaker")}


class OnrecordComponent:
    """Runs the stages after the parse on each Doc the pipeline hands it."""

    def __init__(self, name: str, published: str | None):
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from .ingest import leading_date
        from .pipeline import statements_from_doc
        from .records import content_hash

        published = self.published or leading_date(doc.text)
        statements = statements_from_doc(doc, content_hash(doc.text), published)
        doc._.statements = [st.to_dict() for st in statements]
        for role, key in SPAN_KEYS.items():
            spans = []
            for st in statements:
                span = getattr(st, role)
                if span is not None:
                    s = doc.char_span(span.start, span.end, label=st.kind, alignment_mode="expand")
                    if s is not None:
                        spans.append(s)
            doc.spans[key] = spans
        return doc


@Language.factory(
    "onrecord",
    default_config={"published": None, "line_breaks": True},
    assigns=["doc._.statements", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "token.tag", "doc.ents"],
)
def make_onrecord(nlp: Language, name: str, published: str | None, line_breaks: bool,
                  ) -> OnrecordComponent:
    """`published` (YYYY-MM-DD) anchors relative times where the text has no date line."""
    from .ingest import parse_published

    if published is not None:
        published = parse_published(published)  # a ValueError names the bad value
    if line_breaks and "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return OnrecordComponent(name, published)
