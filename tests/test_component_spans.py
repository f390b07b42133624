"""Each content span carries its statement's parts (cue, speaker, name, kind, venue, time), through
nlp.pipe in two processes and DocBin too; `onrecord.render` draws them with displaCy."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import DocBin, Span

import onrecord
from onrecord.nlp import DEFAULT_MODEL

pytestmark = pytest.mark.model

# Three beats and three forms: a split direct quote with a venue, an indirect statement with a
# time, a mixed one, and a sentence with no statement at all.
TEXTS = [
    'date 2025-03-12\n\n"We were never going to sell the harbour," the mayor, Ann Lee, said in an interview '
    'with the Coast Herald. "It belongs to the town."\n\nThe council agreed last week that the ferry would run '
    'all winter.\n',
    "date 2024-11-05\n\nThe coach, Bo Chen, told reporters on Friday that his side had been \"simply outrun\" "
    "and that the loss would sting.\n",
    "The weather was mild and the market stayed open until dusk.\n",
]


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.load(DEFAULT_MODEL)
    pipeline.add_pipe("onrecord")
    return pipeline


def check_parts(doc):
    contents = list(doc.spans["onrecord_content"])
    assert len(contents) == len(doc._.statements)
    for span, st in zip(contents, doc._.statements):
        assert span._.statement == st
        c = st["content"]
        assert doc.text[c["start"]:c["end"]] == c["text"]
        assert span.start_char <= c["start"] and c["end"] <= span.end_char
        assert span._.kind == st["kind"] == span.label_
        assert span._.speaker_name == st["speaker_name"]
        assert span._.venue == st["venue"] and span._.when == st["when"]
        for role in ("cue", "speaker"):
            part, exact = getattr(span._, role), st[role]
            if exact is None:
                assert part is None
                continue
            assert isinstance(part, Span) and part.doc is doc
            assert part.start_char <= exact["start"] and exact["end"] <= part.end_char
            assert doc.text[exact["start"]:exact["end"]] == exact["text"]
            assert exact["text"].strip().split()[0] in part.text
    return contents


def test_content_spans_carry_their_parts(nlp):
    docs = [nlp(t) for t in TEXTS]
    first, second, none = (check_parts(d) for d in docs)
    assert none == []
    direct = first[0]
    assert direct._.kind == "direct" and direct._.speaker_name == "Ann Lee" and direct._.cue.text == "said"
    assert direct._.venue["name"] == "Coast Herald"
    said_to_reporters = [s for s in second if s._.cue is not None and s._.cue.text == "told"]
    assert said_to_reporters and said_to_reporters[0]._.speaker_name == "Bo Chen"
    assert said_to_reporters[0]._.when["date"] == "2024-11-01"


def test_parts_are_none_on_other_spans(nlp):
    doc = nlp(TEXTS[0])
    plain = doc[0:2]
    assert plain._.statement is None and plain._.cue is None and plain._.speaker is None
    assert plain._.kind is None and plain._.venue is None and plain._.when is None


def test_parts_survive_two_processes_and_docbin(nlp):
    alone = [[(s.text, s._.cue and s._.cue.text, s._.speaker and s._.speaker.text, s._.speaker_name)
              for s in nlp(t).spans["onrecord_content"]] for t in TEXTS]
    piped = list(nlp.pipe(TEXTS, n_process=2, batch_size=1))
    assert [[(s.text, s._.cue and s._.cue.text, s._.speaker and s._.speaker.text, s._.speaker_name)
             for s in d.spans["onrecord_content"]] for d in piped] == alone
    stored = DocBin(store_user_data=True, docs=piped)
    back = list(DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab))
    assert [[s._.speaker_name for s in d.spans["onrecord_content"]] for d in back] == \
        [[row[3] for row in doc] for doc in alone]


def test_render_draws_content_cue_and_speaker_escaped(nlp):
    doc = nlp('date 2025-01-02\n\nThe curator, Ida Moss, said the show was "<b>not</b> a retrospective."\n')
    [content] = doc.spans["onrecord_content"]
    html = onrecord.render(doc)
    assert f"{content._.kind.upper()}: {content._.speaker_name}" in html and "CUE" in html and "SPEAKER" in html
    assert "<b>" not in html and "&lt;" in html
    doc._.statements[0]["speaker_name"] = "Ida <script>alert(1)</script>"  # a name is article text too
    assert "<script>" not in onrecord.render(doc) and "&lt;script&gt;" in onrecord.render(doc)
    assert onrecord.render(nlp(TEXTS[2])).count("CUE") == 0
