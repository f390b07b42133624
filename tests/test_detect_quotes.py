"""Quotation spans on characters: marks, apostrophes, nesting, long and block quotes, bad input."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.detect.quotes import find_quotes, paragraph_spans


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_straight_and_curly_double_quotes():
    text = 'She said "we won" and then “we left” early.'
    assert spans(text) == ['"we won"', "“we left”"]


def test_inner_span_excludes_the_marks():
    text = "He said «bonjour» twice."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "«bonjour»"
    assert text[q.inner_start:q.inner_end] == "bonjour"


def test_apostrophes_are_not_quotes():
    text = "It's the ’90s, the students’ union said it won't rock 'n' roll."
    assert spans(text) == ["'n'"]
    text = 'Nobody\'s quoting: he was 6\'2" tall in the \'80s.'
    assert spans(text) == []


def test_single_quotes_with_a_possessive_inside():
    text = "The coach called it ‘the players’ moment of truth’ on Sunday."
    assert spans(text) == ["‘the players’ moment of truth’"]


def test_straight_single_quotes_as_top_level_marks():
    text = "'We're ready,' the captain said."
    assert spans(text) == ["'We're ready,'"]


def test_nested_quote_belongs_to_its_host():
    text = "“My mother told me, ‘Never give up,’ and I didn't,” Ruiz said."
    assert spans(text) == ["“My mother told me, ‘Never give up,’ and I didn't,”"]


def test_straight_quotes_around_curly_ones_nest():
    text = '"I read the question: “Do you trust her?” Most said no."\n\nNext.'
    assert spans(text) == ['"I read the question: “Do you trust her?” Most said no."']


def test_two_apostrophes_as_a_double_mark():
    text = "''It is over,'' the senator said. ''We lost.''"
    assert spans(text) == ["''It is over,''", "''We lost.''"]
    (first, _) = find_quotes(text)
    assert text[first.inner_start:first.inner_end] == "It is over,"


def test_quote_over_several_paragraphs_is_one_quotation():
    text = (
        'The coach said: "We trained for months.\n\n'
        '"Nobody expected the storm.\n\n'
        '"But we finished," he added.\n\nThe end.'
    )
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == text[text.index('"We'):text.index('," he') + 2]
    assert not q.block  # it opens mid-paragraph


def test_block_quote_after_a_colon():
    text = (
        "The minister explained the delay in a letter:\n\n"
        '"The bridge was not safe. We closed it to protect families."\n\n'
        "Work resumes in May."
    )
    (q,) = find_quotes(text)
    assert q.block
    assert text[q.start:q.end] == '"The bridge was not safe. We closed it to protect families."'


def test_block_quote_after_a_colon_inside_a_quote_with_a_spaced_closing_mark():
    text = (
        'She called the vote "a turning point:"\n\n'
        "\"It's the moment we stopped waiting. As my father said, ‘Now or never.' \"\n\n"
        "Later."
    )
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == [
        '"a turning point:"',
        "\"It's the moment we stopped waiting. As my father said, ‘Now or never.' \"",
    ]
    assert [q.block for q in quotes] == [False, True]


def test_block_quote_over_two_paragraphs():
    text = 'He wrote:\n\n"First part.\n\n"Second part."\n\nAfter.'
    (q,) = find_quotes(text)
    assert q.block and text[q.start:q.end] == '"First part.\n\n"Second part."'


def test_unclosed_quote_ends_with_its_paragraph_and_the_rest_is_kept():
    text = 'He said "this never closes.\n\nThen she said "fine" and left.'
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ['"this never closes.', '"fine"']
    assert quotes[0].inner_end == quotes[0].end


def test_stray_closing_marks_are_skipped():
    assert spans('A stray ” mark and a "real" one.') == ['"real"']


def test_every_line_is_a_paragraph():
    text = 'First line "open\nSecond line "closed" here.'
    assert paragraph_spans(text) == [(0, 16), (17, len(text))]
    assert spans(text) == ['"open', '"closed"']


def test_hard_wrapped_text_keeps_a_quote_across_its_lines():
    text = (
        "The treasurer spoke briefly after\n"
        'the vote. "We did what we\n'
        "promised and the budget is\n"
        'balanced," she said, and left\n'
        "the chamber.\n\nNext item."
    )
    assert spans(text) == ['"We did what we\npromised and the budget is\nbalanced,"']


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n'\"“”‘’«»‹›„")), max_size=80))
def test_any_text_gives_ordered_disjoint_quotes_and_never_fails(text):
    quotes = find_quotes(text)
    last_end = 0
    for q in quotes:
        assert last_end <= q.start < q.inner_start <= q.inner_end <= q.end <= len(text)
        last_end = q.end
