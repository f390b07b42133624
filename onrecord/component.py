"""`nlp.add_pipe("onrecord")`: statements on any spaCy Doc, registered by entry point.

`doc._.statements` holds the Statement records as plain dicts (`Statement.to_dict()`,
msgpack-safe, so `nlp.pipe(n_process=…)` and DocBin keep working); their spans go in
`doc.spans["onrecord_content"]`, `…_cue` and `…_speaker`, labelled with the statement's
kind. A Span there covers whole tokens; the exact character offsets are in the dicts.

Each content span carries its statement's parts: `span._.cue` and `span._.speaker`
(Spans, or None), `span._.speaker_name`, `span._.kind`, `span._.venue` and `span._.when`
(the record's dicts), `span._.statement` (the whole dict). They are getters over
`doc._.statements`, matched by offsets, so they survive DocBin and `n_process` too;
on any other span they are None. `render(doc)` draws the three with displaCy.

The component runs after the parser, so by itself it cannot make a line break a
sentence boundary, and en_core_web_sm glues a paragraph to the sentence before it
(a block quote after "…crossing a line:" joins the sentence that introduces it).
So, unless `line_breaks` is false, adding it also inserts `onrecord_line_breaks`
before the parser, exactly as `onrecord.nlp.load()` does: then the statements equal
those of `onrecord.extract(text, fast=False)`, the full pipeline with spaCy's NER (a
pipeline without NER gives fast mode's, the default of `onrecord.extract`). With `line_breaks=False` the
pipeline is left as it is and sentences are the parser's own; statements can then
differ where the parser runs over a paragraph break. With `tagger=True` the learned
tagger runs on each Doc's text too, as `onrecord.extract(text, tagger=True)` does.

`scope`, `unit` and `min_confidence` in the config choose statements as `onrecord extract`'s
options of the same names do (`onrecord.select`).
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import nlp as _registers_line_breaks  # noqa: F401  (the "onrecord_line_breaks" component)

LINE_BREAKS = "onrecord_line_breaks"

SPAN_KEYS = {role: f"onrecord_{role}" for role in ("content", "cue", "speaker")}


def statement_of(span: Span) -> dict[str, Any] | None:
    """The statement whose content, widened to whole tokens, is exactly `span`."""
    for st in span.doc._.statements or ():
        content = span.doc.char_span(st["content"]["start"], st["content"]["end"], alignment_mode="expand")
        if content is not None and (content.start, content.end) == (span.start, span.end):
            return st
    return None


def _part_span(role: str):
    def get(span: Span) -> Span | None:
        st = statement_of(span)
        part = st and st[role]
        return span.doc.char_span(part["start"], part["end"], alignment_mode="expand") if part else None
    return get


def _field(name: str):
    def get(span: Span) -> Any:
        st = statement_of(span)
        return st[name] if st else None
    return get


SPAN_EXTENSIONS = {
    "statement": statement_of,
    "cue": _part_span("cue"),
    "speaker": _part_span("speaker"),
    "speaker_name": _field("speaker_name"),
    "kind": _field("kind"),
    "venue": _field("venue"),
    "when": _field("when"),
}


def register_extensions() -> None:
    """`doc._.statements` and the content span's parts; names another package took are left to it."""
    if not Doc.has_extension("statements"):
        Doc.set_extension("statements", default=None)
    for name, getter in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


register_extensions()


class OnrecordComponent:
    """Runs the stages after the parse on each Doc the pipeline hands it."""

    def __init__(self, name: str, published: str | None, resolver=None, selection=None, tagger: bool = False):
        from .select import EVERYTHING

        self.name = name
        self.published = published
        self.resolver = resolver
        self.tagger = tagger
        self.selection = selection or EVERYTHING

    def __call__(self, doc: Doc) -> Doc:
        from .ingest import leading_date
        from .pipeline import statements_from_doc
        from .records import content_hash
        from .select import select

        published = self.published or leading_date(doc.text)
        tags = None
        if self.tagger:
            from .tagger import shipped

            tags = shipped().tag(doc.text)
        statements = select(statements_from_doc(doc, content_hash(doc.text), published, tags, resolver=self.resolver),
                            self.selection)
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
    default_config={"published": None, "line_breaks": True, "coreference": "rules", "scope": "all",
                    "unit": "statement", "min_confidence": 0.0, "tagger": False},
    assigns=["doc._.statements", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "token.tag", "doc.ents"],
)
def make_onrecord(nlp: Language, name: str, published: str | None, line_breaks: bool,
                  coreference: str, scope: str, unit: str, min_confidence: float,
                  tagger: bool = False) -> OnrecordComponent:
    """`published` (YYYY-MM-DD) anchors relative times where the text has no date line;
    `coreference` names the resolver of speaker mentions (`onrecord.resolve.COREFERENCE`);
    `tagger` adds the learned tagger's statements."""
    from .ingest import parse_published
    from .resolve import coreference as named_coreference
    from .select import Selection

    resolver = named_coreference(coreference)  # a ValueError names an unknown one
    selection = Selection(scope, unit, float(min_confidence))  # a ValueError names the bad value
    if published is not None:
        published = parse_published(published)  # a ValueError names the bad value
    register_extensions()
    if line_breaks and "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return OnrecordComponent(name, published, resolver, selection, tagger)


RENDER_COLOURS = {"DIRECT": "#ffd166", "INDIRECT": "#a0d8ef", "MIXED": "#c3e6a1", "CUE": "#f4a6a6",
                  "SPEAKER": "#d7b8f3"}


def render(doc: Doc, *, jupyter: bool | None = None, page: bool = False) -> str:
    """The statements of a Doc drawn by displaCy's span style: each content span labelled with
    its kind and speaker, its cue and its speaker mention marked under it. Returns the HTML
    (displaCy shows it in a notebook as well when `jupyter` is true or detected)."""
    import html

    from spacy import displacy

    # displaCy escapes the tokens but writes labels into its HTML as given, and a speaker's
    # name comes from the article: escaped here.
    spans = []
    for content in doc.spans.get(SPAN_KEYS["content"], []):
        st = content._.statement
        if st is None:
            continue
        spans.append({"start_token": content.start, "end_token": content.end,
                      "label": html.escape(f"{st['kind'].upper()}: {st['speaker_name'] or 'unknown speaker'}")})
        for role in ("cue", "speaker"):
            part = getattr(content._, role)
            if part is not None:
                spans.append({"start_token": part.start, "end_token": part.end, "label": role.upper()})
    colours = {s["label"]: RENDER_COLOURS[s["label"].split(":")[0]] for s in spans}
    parsed = {"text": doc.text, "tokens": [t.text for t in doc], "spans": spans}
    return displacy.render(parsed, style="span", manual=True, jupyter=jupyter, page=page,
                           options={"colors": colours})
