"""The spaCy component: the same statements as onrecord.extract, on Docs, in nlp.pipe, in DocBin."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import DocBin

import onrecord
from onrecord.nlp import DEFAULT_MODEL

pytestmark = pytest.mark.model

# Our own text: paragraphs separated by blank lines, a block quote after a colon,
# a split quote, a dash attribution and an indirect statement.
ARTICLE = """date 2024-10-02 The architect Lena Marsh said the museum "was never meant to look finished." She described the final design in blunt terms:

"We left the scaffolding marks on purpose. People should see how it was made."

"It is a workshop," Marsh said, "not a shrine."

The mayor told the council that the opening would be delayed until spring.

"Nobody will remember the delay" — the mayor, speaking to reporters on Friday.
"""


def _as_json(value):
    return json.loads(json.dumps(value))


@pytest.fixture(scope="module")
def component_nlp():
    """A pipeline of our own: adding pipes must not touch the process-wide one."""
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("onrecord")
    return nlp


def test_the_line_break_boundaries_come_with_it(component_nlp):
    names = component_nlp.pipe_names
    assert names.index("onrecord_line_breaks") == names.index("parser") - 1
    assert names[-1] == "onrecord"


def test_statements_equal_the_python_api(component_nlp):
    doc = component_nlp(ARTICLE)
    expected = [st.to_dict() for st in onrecord.extract(ARTICLE, fast=False)]
    assert expected, "the example should have statements"
    assert doc._.statements == expected


def test_the_seed_gives_the_same_statements(component_nlp, shared_dir):
    text = (shared_dir / "seed" / "anora-ending.txt").read_bytes().decode("utf-8")
    assert component_nlp(text)._.statements == [st.to_dict() for st in onrecord.extract(text, fast=False)]


def test_spans_cover_the_statements(component_nlp):
    doc = component_nlp(ARTICLE)
    for role in ("content", "cue", "speaker"):
        spans = list(doc.spans[f"onrecord_{role}"])
        wanted = [st[role] for st in doc._.statements if st[role]]
        assert len(spans) == len(wanted)
        for span, exact in zip(spans, wanted):
            assert ARTICLE[exact["start"]:exact["end"]] == exact["text"]
            assert span.start_char <= exact["start"] and exact["end"] <= span.end_char
            assert span.label_ in ("direct", "indirect", "mixed")


def test_nlp_pipe_gives_what_one_doc_at_a_time_gives(component_nlp):
    texts = [ARTICLE, 'She said "no," and left.', "No one said anything quotable here."]
    alone = [component_nlp(t)._.statements for t in texts]
    assert [d._.statements for d in component_nlp.pipe(texts, batch_size=2)] == alone


def test_nlp_pipe_in_two_processes(component_nlp):
    texts = [ARTICLE, '"Fine," he said.']
    alone = [component_nlp(t)._.statements for t in texts]
    assert [d._.statements for d in component_nlp.pipe(texts, n_process=2, batch_size=1)] == alone


def test_docbin_keeps_statements_and_spans(component_nlp):
    doc = component_nlp(ARTICLE)
    store = DocBin(store_user_data=True)
    store.add(doc)
    [back] = DocBin().from_bytes(store.to_bytes()).get_docs(component_nlp.vocab)
    # msgpack gives arrays back as tuples; the values are the same.
    assert _as_json(back._.statements) == _as_json(doc._.statements)
    assert [s.text for s in back.spans["onrecord_speaker"]] == [s.text for s in doc.spans["onrecord_speaker"]]


def test_saved_and_loaded_pipeline_keeps_working(component_nlp, tmp_path):
    component_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == component_nlp.pipe_names
    assert loaded(ARTICLE)._.statements == component_nlp(ARTICLE)._.statements


def test_without_line_breaks_the_pipeline_is_left_alone():
    nlp = spacy.load(DEFAULT_MODEL)
    before = list(nlp.pipe_names)
    nlp.add_pipe("onrecord", config={"line_breaks": False})
    assert nlp.pipe_names == before + ["onrecord"]
    one_paragraph = 'The coach said "we will be back," and the captain agreed that the team had learned a lot.'
    assert nlp(one_paragraph)._.statements == [st.to_dict() for st in onrecord.extract(one_paragraph, fast=False)]


def test_published_in_the_config_is_used_without_a_date_line(component_nlp):
    text = 'The minister said on Monday that the law "will pass."'
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("onrecord", config={"published": "2024-03-12"})
    assert nlp(text)._.statements == [st.to_dict() for st in onrecord.extract(text, published="2024-03-12", fast=False)]


def test_a_bad_published_date_is_refused_when_added():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        nlp.add_pipe("onrecord", config={"published": "last week"})
