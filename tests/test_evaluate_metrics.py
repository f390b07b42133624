"""The scorer on small hand-made gold: each figure of BENCHMARK.md, worked out by hand."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.evaluate import (
    Annotated, GoldDocument, GoldError, GoldSet, is_quotation, read_gold, read_predictions, score,
    trimmed, word_starts,
)

TEXT = 'Ann Lee said "the plan is good, really good." Bob Roe claimed taxes would fall.'
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def span(sub: str, text: str = TEXT) -> tuple[tuple[int, int], ...]:
    start = text.index(sub)
    return ((start, start + len(sub)),)


QUOTE = Annotated(span('"the plan is good, really good."'), span("said"), span("Ann Lee"), "Ann Lee")
CLAIM = Annotated(span("taxes would fall"), span("claimed"), span("Bob Roe"), "Bob Roe")


def gold_of(*statements: Annotated, names: bool = True) -> GoldSet:
    return GoldSet({"d": GoldDocument("d", TEXT, statements)}, has_names=names)


def test_words_ignore_quote_marks_and_punctuation():
    assert word_starts(TEXT, span('"the plan')) == word_starts(TEXT, span("the plan"))
    assert len(word_starts(TEXT, QUOTE.content)) == 6


def test_perfect_prediction_scores_one_everywhere():
    r = score(gold_of(QUOTE, CLAIM), {"d": [QUOTE, CLAIM]})
    for key in ("statement", "attribution", "content_overlap", "cue_exact", "source_exact"):
        assert r[key] == {"p": 1.0, "r": 1.0, "f1": 1.0}, key
    assert r["speaker_name_accuracy"] == 1.0
    assert r["direct_recall"] == r["direct_attribution_recall"] == 1.0
    assert r["gold_direct_statements"] == 1


def test_dice_threshold_and_wrong_speaker():
    # 3 of the quote's 6 words: Dice 2*3/(6+3) = 0.67, matched; the speaker is Bob, not Ann.
    half = Annotated(span("the plan is good"[4:]), (), span("Bob Roe"), "Bob")
    # "would" alone: Dice 2*1/(3+1) = 0.5, still matched, speaker right.
    tiny = Annotated(span("would"), (), span("Roe"), "bob roe")
    r = score(gold_of(QUOTE, CLAIM), {"d": [half, tiny]})
    assert r["statement"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert r["attribution"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert r["speaker_name_accuracy"] == 0.5
    assert r["direct_recall"] == 1.0 and r["direct_attribution_recall"] == 0.0


def test_below_half_dice_is_no_match_and_missing_sources_agree():
    no_source = Annotated(span("taxes would fall"))
    r = score(gold_of(Annotated(span("taxes would fall"))), {"d": [no_source, Annotated(span("taxes"))]})
    assert r["statement"]["p"] == 0.5 and r["statement"]["r"] == 1.0
    assert r["attribution"]["r"] == 1.0
    assert "speaker_name_accuracy" not in score(gold_of(QUOTE, names=False), {})


def test_one_to_one_matching_prefers_the_higher_dice():
    exact, partial = Annotated(CLAIM.content), Annotated(span("taxes would"))
    r = score(gold_of(CLAIM), {"d": [partial, exact]})
    assert r["statement"]["p"] == 0.5 and r["statement"]["r"] == 1.0
    assert r["content_exact"]["p"] == 0.5 and r["content_exact"]["r"] == 1.0


def test_exact_trims_quotes_and_punctuation_overlap_counts_tokens():
    assert trimmed(TEXT, *QUOTE.content[0]) == span("the plan is good, really good")[0]
    bare = Annotated(span("the plan is good, really good"), span("said"), span("Ann Lee"))
    r = score(gold_of(QUOTE), {"d": [bare]})
    assert r["content_exact"]["f1"] == 1.0
    cue_wide = Annotated(CLAIM.content, span("Roe claimed"), CLAIM.source)
    r = score(gold_of(CLAIM), {"d": [cue_wide]})
    assert r["cue_overlap"] == {"p": 0.5, "r": 1.0, "f1": pytest.approx(0.6667, abs=1e-4)}
    assert r["cue_exact"]["f1"] == 0.0


def test_quotation_needs_quote_marks_at_both_ends():
    assert is_quotation(TEXT, QUOTE.content)
    assert not is_quotation(TEXT, CLAIM.content)
    assert not is_quotation(TEXT, span('"the plan is good'))


def write_polnear(root, text: str, anns: dict[str, str], date: str | None = None):
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "art.txt").write_text(text, encoding="utf-8")
    for annotator, body in anns.items():
        (split / "attributions" / f"art_{annotator}.ann").write_text(body, encoding="utf-8")
    if date:
        (root / "metadata.tsv").write_text(
            f"compartment\tfilename\tpublication_date\ndev\tart\t{date}\n", encoding="utf-8")
    return split


def test_brat_discontinuous_spans_first_annotator_and_date(tmp_path):
    s, c, src = TEXT.index("taxes"), TEXT.index("claimed"), TEXT.index("Bob")
    first = (f"T1\tSource {src} {src + 7}\tBob Roe\nT2\tCue {c} {c + 7}\tclaimed\n"
             f"T3\tContent {s} {s + 5};{s + 6} {s + 16}\ttaxes would fall\n"
             f"T4\tAttribution {c} {c + 7}\tclaimed\n"
             "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
             f"T5\tContent 0 3\tAnn\nE2\tAttribution-no-source:T4 Cue:T2\n")
    split = write_polnear(tmp_path, TEXT, {"b2": "", "a1": first}, date="2016-05-01")
    gold = read_gold(split)
    doc = gold.docs["art"]
    assert doc.published == "2016-05-01"
    assert doc.statements == (Annotated(((s, s + 5), (s + 6, s + 16)), ((c, c + 7),), ((src, src + 7),)),)


def test_bad_inputs_are_one_line_errors_exit_2(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["eval", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "missing: no such file or folder" in r.output
    (tmp_path / "g.json").write_text("{}", encoding="utf-8")
    r = runner.invoke(main, ["eval", str(tmp_path / "g.json")])
    assert r.exit_code == 2 and "not a gold JSON file" in r.output
    with pytest.raises(GoldError, match="line 1 is not brat standoff"):
        read_gold(write_polnear(tmp_path, TEXT, {"a": "T1\tContent x y\tz\n"}))


def test_cli_scores_a_predictions_file(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    st = {"content": [list(p) for p in CLAIM.content], "source": [list(p) for p in CLAIM.source],
          "cue": [list(p) for p in CLAIM.cue], "speaker_name": "Bob Roe"}
    (tmp_path / "gold.json").write_text(json.dumps(
        {"docs": [{"doc": "t", "text_file": "t.txt", "statements": [st]}]}), encoding="utf-8")
    (cs, ce), (rs, re_) = CLAIM.content[0], span("Roe")[0]
    pred = {"doc": "t.txt", "kind": "indirect", "content": {"start": cs, "end": ce},
            "cue": None, "speaker": {"start": rs, "end": re_}, "speaker_name": "the Bob Roe"}
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n\n", encoding="utf-8")
    assert read_predictions(tmp_path / "p.jsonl")["t"][0].source == ((rs, re_),)
    r = CliRunner().invoke(main, ["eval", str(tmp_path / "gold.json"), "--pred", str(tmp_path / "p.jsonl"),
                                  "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["statement"]["f1"] == out["attribution"]["f1"] == 1.0
    assert out["speaker_name_accuracy"] == 1.0 and out["cue_overlap"]["r"] == 0.0
    assert len(out["data_sha256"]) == 64


def test_brat_span_text_over_a_line_break_is_not_an_annotation(tmp_path):
    """A span's text may hold a line break; what follows it ("The …") is no T line."""
    s, c = TEXT.index("taxes"), TEXT.index("claimed")
    body = (f"T1\tCue {c} {c + 7}\tclaimed\nT2\tContent {s} {s + 5};{s + 6} {s + 16}\ttaxes\n\n"
            "The rest of that span's text\nE1\tAttribution:T1 Content:T2 Cue:T1\n")
    gold = read_gold(write_polnear(tmp_path, TEXT, {"a": body}))
    assert gold.docs["art"].statements[0].content == ((s, s + 5), (s + 6, s + 16))
