"""The sentence boundaries the stages rely on: line breaks and the leading date line."""
import pytest

pytestmark = pytest.mark.model


def test_nlp_line_break_is_a_hard_sentence_boundary(nlp):
    text = 'She put it plainly, crossing a line:\n"It was never about the money. It was about the work."'
    sentences = [s.text for s in nlp(text).sents]
    assert sentences[0].strip() == "She put it plainly, crossing a line:"
    assert all("crossing" not in s for s in sentences[1:])


@pytest.mark.parametrize("text", [
    " date 2025-03-12 The chief executive of Corva said on Monday that hiring would resume.",
    "date 2024-10-30\n\nDario Vance, the singer, said the tour was over.",
])
def test_nlp_leading_date_line_is_its_own_sentence(nlp, text):
    first, *rest = [s for s in nlp(text).sents if s.text.strip()]
    assert first.text.strip().startswith("date ") and first.text.strip()[5:].count("-") == 2
    assert len(first.text.split()) == 2
    assert rest and "said" in rest[0].text


def test_nlp_per_doc_facts_follow_the_doc_asked_of(nlp):
    """A whole-document fact computed once per Doc is never another Doc's."""
    from onrecord.detect.cues import quoted_tokens
    from onrecord.nlp import doc_text

    first = nlp('The mayor said: "We will build it."')
    second = nlp("The council voted on Tuesday.\n\nNo one spoke.")
    for doc in (first, second, first, second):
        assert doc_text(doc) == doc.text
        assert quoted_tokens(doc) == quoted_tokens.__wrapped__(doc)
    assert quoted_tokens(first)[4:10] == [True] * 6 and not any(quoted_tokens(second))


def test_nlp_lemmas_equal_the_unchanged_models(nlp):
    """load() gives the lemmatizer's word index as sets: every lemma stays what the model gives."""
    import spacy

    from onrecord.nlp import DEFAULT_MODEL

    plain = spacy.load(DEFAULT_MODEL, exclude=["senter", "ner"])
    texts = ["The ministers were told that the mines had closed, she said, and that the strikers "
             "would be meeting the governors' lawyers on Fridays.",
             "Shares in the carmakers fell sharply after the regulators' findings were leaked; analysts "
             "reckoned the fines could run into billions.",
             "The goalkeeper's saves kept them in the match, their coach, who has managed three clubs, argued."]
    for text in texts:
        ours = [(t.text, t.lemma_) for t in nlp(text)]
        theirs = [(t.text, t.lemma_) for t in plain(text)]
        assert ours == theirs
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) and words for words in index.values())
