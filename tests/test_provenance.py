from hypothesis import given
from hypothesis import strategies as st

from onrecord.provenance import (MIN_NEAR_CHARS, NEAR_DUPLICATE_JACCARD, is_near_duplicate, jaccard,
                                 minhash_bands, normalise, quote_key, shingles)

QUOTE = "I wanted the ending to be about Ani finally letting her guard down"


def test_normalise_quote_marks_case_and_spacing():
    assert normalise("\u201cIt\u2019s  a TRAGEDY,\u201d\n") == "it's a tragedy"
    assert normalise("\u00abIt's a tragedy\u00bb") == normalise('"it\'s a tragedy."')


def test_identical_after_normalising_is_a_duplicate():
    assert is_near_duplicate(f"\u201c{QUOTE}.\u201d", QUOTE.upper())
    assert quote_key(f"\u201c{QUOTE}.\u201d") == quote_key(QUOTE.upper())


def test_small_edit_is_a_near_duplicate():
    edited = QUOTE.replace("finally ", "")
    assert jaccard(shingles(QUOTE), shingles(edited)) >= NEAR_DUPLICATE_JACCARD
    assert is_near_duplicate(QUOTE, edited)
    assert is_near_duplicate(QUOTE, QUOTE.replace("wanted", "want"))


def test_different_quotes_are_not_duplicates():
    assert not is_near_duplicate(QUOTE, "We shot the whole film on 35mm in Brighton Beach")
    assert not is_near_duplicate(QUOTE, QUOTE + " and then everything in her life changed completely")


def test_short_quotes_group_only_when_identical():
    assert is_near_duplicate("Yes.", "yes")
    assert not is_near_duplicate("I agree.", "I agreed.")
    assert len(normalise("I agree.")) < MIN_NEAR_CHARS
    assert not is_near_duplicate("", "")


def test_near_duplicates_share_a_minhash_band_and_strangers_do_not():
    edited = QUOTE.replace("finally ", "")
    assert set(minhash_bands(QUOTE)) & set(minhash_bands(edited))
    assert not set(minhash_bands(QUOTE)) & set(minhash_bands("We shot the whole film on 35mm in Brighton Beach"))
    assert minhash_bands("Yes.") == []


@given(st.text())
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


@given(st.text(min_size=1))
def test_a_quote_is_its_own_duplicate_when_it_has_words(text):
    assert is_near_duplicate(text, text) == bool(normalise(text))
