"""Name the speaker: a mention ("he", "Baker", "the director") to its canonical name in the document."""
from __future__ import annotations

from spacy.tokens import Doc

from .attribute import RawStatement


def resolve(doc: Doc, statements: list[RawStatement]) -> None:
    """Fill `speaker_name` (and `speaker_role` where the text gives it) in place."""
    for st in statements:
        if st.speaker and st.speaker_name is None:
            st.speaker_name = doc.text[st.speaker[0]:st.speaker[1]]
