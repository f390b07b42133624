"""The merge of clause statements and quote statements, on statements built by hand."""
from __future__ import annotations

from onrecord.attribute import RawStatement, merge
from onrecord.detect.quotes import find_quotes


def at(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def content_texts(text, statements):
    return sorted((st.kind, " | ".join(text[s:e] for s, e in st.content)) for st in statements)


def test_clause_that_is_only_a_quotation_becomes_direct_with_the_marks():
    text = 'The mayor said that "the bridge opens in May."'
    quotes = find_quotes(text)
    clause = RawStatement("indirect", [at(text, 'that "the bridge opens in May')], at(text, "said"), at(text, "The mayor"))
    (st,) = merge(text, quotes, [clause], [])
    assert st.kind == "direct"
    assert text[st.content[0][0]:st.content[0][1]] == '"the bridge opens in May."'
    assert text[st.cue[0]:st.cue[1]] == "said" and text[st.speaker[0]:st.speaker[1]] == "The mayor"


def test_clause_and_quote_statement_of_the_same_quotation_make_one():
    text = '"We are ready," said Ana Ruiz.'
    quotes = find_quotes(text)
    clause = RawStatement("indirect", [at(text, "We are ready")], at(text, "said"), at(text, "Ana Ruiz"), confidence=0.6)
    quoted = RawStatement("direct", [at(text, '"We are ready,"')], at(text, "said"), at(text, "Ana Ruiz"), confidence=0.9)
    (st,) = merge(text, quotes, [clause], [quoted])
    assert st.kind == "direct"
    assert text[st.content[0][0]:st.content[0][1]] == '"We are ready,"'


def test_clause_holding_a_quotation_is_mixed_and_the_quote_is_not_its_own_statement():
    text = 'Lee said the plan was "dead on arrival" and would be dropped.'
    quotes = find_quotes(text)
    clause = RawStatement("indirect", [at(text, 'the plan was "dead on arrival" and would be dropped')],
                          at(text, "said"), at(text, "Lee"))
    quoted = RawStatement("direct", [at(text, '"dead on arrival"')], at(text, "said"), at(text, "Lee"))
    (st,) = merge(text, quotes, [clause], [quoted])
    assert st.kind == "mixed"
    assert text[st.content[0][0]:st.content[0][1]] == 'the plan was "dead on arrival" and would be dropped'


def test_mixed_clause_that_cuts_a_quotation_is_widened_to_it():
    text = 'Kim added that voters felt "left behind by everyone."'
    quotes = find_quotes(text)
    clause = RawStatement("indirect", [at(text, "voters felt \"left behind by everyone")], at(text, "added"), at(text, "Kim"))
    (st,) = merge(text, quotes, [clause], [])
    assert st.kind == "mixed"
    assert text[st.content[0][0]:st.content[0][1]] == 'voters felt "left behind by everyone."'


def test_clause_reported_inside_a_quotation_is_dropped():
    text = '"My doctor told me I was fine," the runner said.'
    quotes = find_quotes(text)
    inner = RawStatement("indirect", [at(text, "I was fine")], at(text, "told"), at(text, "My doctor"))
    quoted = RawStatement("direct", [at(text, '"My doctor told me I was fine,"')], at(text, "said"), at(text, "the runner"))
    (st,) = merge(text, quotes, [inner], [quoted])
    assert st is not inner
    assert text[st.speaker[0]:st.speaker[1]] == "the runner"
    assert text[st.content[0][0]:st.content[0][1]] == '"My doctor told me I was fine,"'


def test_quotation_just_after_the_clause_of_its_cue_finishes_the_clause():
    text = 'She pointed to the final vote, which "showed we were right."'
    quotes = find_quotes(text)
    cue = at(text, "pointed to")
    clause = RawStatement("indirect", [at(text, "the final vote")], cue, at(text, "She"))
    quoted = RawStatement("direct", [at(text, '"showed we were right."')], cue, at(text, "She"))
    (st,) = merge(text, quotes, [clause], [quoted])
    assert st.kind == "mixed"
    assert text[st.content[0][0]:st.content[-1][1]] == 'the final vote, which "showed we were right."'


def test_indirect_statements_without_quotes_pass_through_and_duplicates_go():
    text = "The chief said the road is closed."
    clause = RawStatement("indirect", [at(text, "the road is closed")], at(text, "said"), at(text, "The chief"))
    twin = RawStatement("indirect", [at(text, "the road is closed")], at(text, "said"), at(text, "chief"), confidence=0.1)
    out = merge(text, [], [clause, twin], [])
    assert content_texts(text, out) == [("indirect", "the road is closed")]
    assert out[0].speaker == at(text, "The chief")


def test_split_quote_statement_keeps_its_parts():
    text = '"Part one," she said, "part two."'
    quotes = find_quotes(text)
    quoted = RawStatement("direct", [at(text, '"Part one,"'), at(text, '"part two."')], at(text, "said"), at(text, "she"))
    clause = RawStatement("indirect", [at(text, "Part one")], at(text, "said"), at(text, "she"))
    (st,) = merge(text, quotes, [clause], [quoted])
    assert [text[s:e] for s, e in st.content] == ['"Part one,"', '"part two."']


def test_inputs_are_left_unchanged():
    text = 'Lee said the plan was "dead on arrival" today.'
    clause = RawStatement("indirect", [at(text, 'the plan was "dead on arrival" today')], at(text, "said"), at(text, "Lee"))
    merge(text, find_quotes(text), [clause], [])
    assert clause.kind == "indirect"


def test_speech_reported_inside_another_statement_is_part_of_it():
    text = 'Ortiz added that he thinks the vote was "rigged from the start" by insiders.'
    outer = RawStatement("indirect", [at(text, 'he thinks the vote was "rigged from the start" by insiders')],
                         at(text, "added"), at(text, "Ortiz"))
    inner = RawStatement("indirect", [at(text, 'the vote was "rigged from the start" by insiders')],
                         at(text, "thinks"), at(text, "he"))
    (st,) = merge(text, find_quotes(text), [outer, inner], [])
    assert st.kind == "mixed" and text[st.cue[0]:st.cue[1]] == "added"


def test_a_cue_after_a_quotation_says_the_quotation_not_the_wider_clause():
    text = 'On the budget, she was blunt \u2014 "We have no money left," Reyes said.'
    cue, speaker = at(text, "said"), at(text, "Reyes")
    clause = RawStatement("indirect", [at(text, 'On the budget, she was blunt \u2014 "We have no money left')], cue, speaker)
    quoted = RawStatement("direct", [at(text, '"We have no money left,"')], cue, speaker)
    (st,) = merge(text, find_quotes(text), [clause], [quoted])
    assert st.kind == "direct"
    assert text[st.content[0][0]:st.content[0][1]] == '"We have no money left,"'


def test_attribute_merge_drops_the_second_half_of_a_split_quote_found_again():
    text = '"We kept it short," the editor said, "and nobody noticed the cut."'
    said, editor, second = text.index("said"), text.index("the editor"), text.index('"and')
    first, cue, speaker = (0, text.index(" the")), (said, said + 4), (editor, editor + 10)
    second = (second, len(text))
    assert text[cue[0]:cue[1]] == "said" and text[speaker[0]:speaker[1]] == "the editor"
    split = RawStatement("direct", [first, second], cue, speaker)
    again = RawStatement("direct", [second], cue, speaker)
    merged = merge(text, [], [], [split, again])
    assert [st.content for st in merged] == [[first, second]]
