"""Fast mode, the default: the pipeline without spaCy's NER, the same statements, exact offsets."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import onrecord
from onrecord.cli import main
from onrecord.nlp import load

pytestmark = pytest.mark.model

TEXT = (
    "date 2025-03-02\n"
    "The harbour authority will close the north pier for repairs, its director, Ines Okonkwo, "
    "said on Tuesday.\n\n"
    "\"We cannot let the ferries dock on a pier that is crumbling,\" Okonkwo told reporters. "
    "She added that the work would take until June.\n\n"
    "Fishermen said they feared losing the summer season."
)


def test_fast_pipeline_is_the_default_and_has_no_ner():
    assert load() is load(fast=True)
    assert "ner" not in load().pipe_names
    assert "ner" in load(fast=False).pipe_names
    assert load().pipe_names == [n for n in load(fast=False).pipe_names if n != "ner"]


def test_fast_mode_finds_the_same_statements_with_exact_offsets():
    full = onrecord.extract(TEXT, fast=False)
    fast = onrecord.extract(TEXT)
    assert full, "the text reports speech"
    assert [(s.kind, s.content.start, s.content.end) for s in fast] == \
        [(s.kind, s.content.start, s.content.end) for s in full]
    for st in fast:
        for span in (st.content, st.cue, st.speaker):
            if span is not None:
                assert TEXT[span.start:span.end] == span.text
    named = {st.content.text: st.speaker_name for st in fast}
    quote = next(k for k in named if k.startswith('"We cannot'))
    assert named[quote] == "Ines Okonkwo"


def test_eval_runs_the_fast_extractor(tmp_path):
    text_file = tmp_path / "pier.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    start = TEXT.index('"We cannot')
    end = TEXT.index('crumbling,"') + len('crumbling,"')
    cue = TEXT.index("told")
    source = TEXT.index("Okonkwo told")
    gold = {"docs": [{"doc": "pier", "text_file": "pier.txt", "published": "2025-03-02", "statements": [{
        "id": "s1", "kind": "direct", "content": [[start, end]], "cue": [[cue, cue + 4]],
        "source": [[source, source + 7]], "speaker_name": "Ines Okonkwo"}]}]}
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["gold_statements"] == 1
    assert figures["speaker_name_accuracy"] == 1.0


def test_extract_and_ingest_take_fast_or_ner(tmp_path):
    article = tmp_path / "pier.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    rows = {}
    for flags in (["--ner"], ["--fast"], ["--jobs", "2"]):
        result = runner.invoke(main, ["extract", *flags, str(article)])
        assert result.exit_code == 0, result.output
        rows[tuple(flags)] = [json.loads(line) for line in result.output.splitlines()]
    spans = {flags: [(r["kind"], r["content"]["start"], r["content"]["end"]) for r in found]
             for flags, found in rows.items()}
    assert spans[("--fast",)] == spans[("--ner",)] == spans[("--jobs", "2")]
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(main, ["ingest", "--ner", "--db", db, str(article)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "crumbling", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "Ines Okonkwo" in result.output


def test_fast_mode_reads_people_and_organisations_off_the_parse():
    text = ("date 2025-05-02\nThe Ministry of Health said on Friday that clinics would stay open. "
            "Councillor Maya Ferreira said the decision came too late. "
            "Ferreira added that nurses had not been consulted.")
    named = {st.speaker.text: st.speaker_name for st in onrecord.extract(text) if st.speaker}
    assert named["The Ministry of Health"] == "Ministry of Health"
    assert named["Councillor Maya Ferreira"] == named["Ferreira"] == "Maya Ferreira"
