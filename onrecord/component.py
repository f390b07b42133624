"""`nlp.add_pipe("onrecord")`: statements on any spaCy Doc, registered by entry point.

`doc._.statements` holds Statement records as plain dicts (msgpack-safe, so
`nlp.pipe(n_process=…)` and DocBin keep working); the spans go in
`doc.spans["onrecord_content"]`, `…_cue` and `…_speaker`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)


class OnrecordComponent:
    """Runs the stages after the parse on each Doc the pipeline hands it."""

    def __init__(self, nlp: Language, name: str, published: str | None):
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from .ingest import leading_date
        from .pipeline import statements_from_doc
        from .records import content_hash

        published = self.published or leading_date(doc.text)
        statements = statements_from_doc(doc, content_hash(doc.text), published)
        doc._.statements = [st.to_dict() for st in statements]
        for role in ("content", "cue", "speaker"):
            spans = []
            for st in statements:
                span = getattr(st, role)
                if span is not None:
                    s = doc.char_span(span.start, span.end, label=st.kind, alignment_mode="expand")
                    if s is not None:
                        spans.append(s)
            doc.spans[f"onrecord_{role}"] = spans
        return doc


@Language.factory(
    "onrecord",
    default_config={"published": None},
    assigns=["doc._.statements", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_onrecord(nlp: Language, name: str, published: str | None) -> OnrecordComponent:
    return OnrecordComponent(nlp, name, published)
