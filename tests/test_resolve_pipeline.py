"""resolve and enrich end to end, on held-out articles of our own (other films, outlets, people)."""
from __future__ import annotations

import pytest

from onrecord.records import Document

pytestmark = pytest.mark.model

DUNE = 'date 2024-09-18\nThe star of Dune: Part Two has opened up about the sequel\'s ending.\n\nActress Zendaya Coleman said in the past that the role "changed everything" for her.\n\nHowever, the actress did explain in an interview with Empire in March of this year why Chani walks away, saying that "she has to choose herself."\n\nColeman added that she sees the final scene as a warning:\n\n"It\'s a warning about heroes. Chani sees what Paul is becoming, and she refuses to follow him into that."\n\nIn a later conversation on Happy Sad Confused with Josh Horowitz, Coleman said she hoped audiences would "sit with the discomfort."\n\nShe also revealed that director Denis Villeneuve had shot an alternate version of the scene:\n\n"Denis shot it both ways. We watched both and knew right away which one was honest."\n\nVilleneuve told Variety last week that the third film would pick up years later. The director added that he was "not in a hurry."\n\nThe actress said she was ready to return.\n'

ACME = 'date 2025-06-04\nBrightline Energy will close two plants, its chief executive said on Monday.\n\nKaren Mills, the chief executive of Brightline Energy, said at a press conference that the closures were "painful but necessary."\n\n"We did everything we could to keep them open," she said.\n\nUnion leader Paul Ortega criticised the decision. Ortega told Reuters that workers had been "kept in the dark for months."\n\nHe said the union would fight the closures in court.\n\nMills wrote on LinkedIn on Tuesday that the company would help workers find new jobs. The CEO said the plants had lost money for three years.\n\nIn a statement, the company said it remained committed to the region.\n'

SENATE = 'date 2023-10-05\nTwo senators clashed over the farm bill on Wednesday.\n\nSen. Laura Whitfield, a Democrat from Oregon, said the bill "abandons small farmers." She told NPR on Tuesday that she would offer an amendment.\n\nHer colleague, Sen. Marcus Bell, disagreed. Mr. Bell said at a news conference that the bill was "the best deal we will get."\n\n"Nobody gets everything they want," he said.\n\nWhitfield wrote on X that the vote would be close. "I have the votes," she wrote.\n\nThe senator from Oregon added that farmers had been ignored for years.\n'

# speaker mention as written -> the name it must resolve to
EXPECTED = {
    "dune": {"Actress Zendaya Coleman": "Zendaya Coleman", "the actress": "Zendaya Coleman",
             "Coleman": "Zendaya Coleman", "She": "Zendaya Coleman", "Villeneuve": "Denis Villeneuve",
             "The director": "Denis Villeneuve", "The actress": "Zendaya Coleman"},
    "acme": {"Karen Mills, the chief executive of Brightline Energy": "Karen Mills", "she": "Karen Mills",
             "Ortega": "Paul Ortega", "He": "Paul Ortega", "Mills": "Karen Mills", "The CEO": "Karen Mills",
             "the company": "Brightline Energy"},
    "senate": {"She": "Laura Whitfield", "Mr. Bell": "Marcus Bell", "he": "Marcus Bell",
               "Whitfield": "Laura Whitfield", "she": "Laura Whitfield",
               "The senator from Oregon": "Laura Whitfield"},
}
TEXTS = {"dune": DUNE, "acme": ACME, "senate": SENATE}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_speakers_named(extractor, name):
    text = TEXTS[name]
    found = extractor.extract(Document(name, text, published=text[5:15]))
    named = {st.speaker.text: st.speaker_name for st in found if st.speaker and st.speaker.text in EXPECTED[name]}
    assert len(named) >= 0.8 * len(EXPECTED[name]), sorted(named)
    assert named == {m: EXPECTED[name][m] for m in named}


def test_two_interviews_and_a_podcast(extractor):
    found = extractor.extract(Document("dune", DUNE, published="2024-09-18"))
    venues = {(st.venue.kind, st.venue.name, st.venue.interviewer) for st in found if st.venue}
    assert ("interview", "Empire", None) in venues
    assert ("podcast", "Happy Sad Confused", "Josh Horowitz") in venues
    assert ("interview", "Variety", None) in venues
    empire = [st for st in found if st.venue and st.venue.name == "Empire"]
    assert len(empire) >= 2 and all(st.when and st.when.date == "2024-03" for st in empire)
    last = max(found, key=lambda st: st.content.start)
    # her words after the director's go back to the occasion she was last placed in (docs/enrich.md)
    assert last.speaker_name == "Zendaya Coleman" and last.venue.name == "Happy Sad Confused"


def test_social_post_and_news_conference(extractor):
    found = extractor.extract(Document("senate", SENATE, published="2023-10-05"))
    kinds = {st.speaker.text: st.venue.kind for st in found if st.speaker and st.venue}
    assert kinds.get("Whitfield") == "social" and kinds.get("Mr. Bell") == "press_conference"
    npr = next(st for st in found if st.venue and st.venue.name == "NPR")
    assert npr.when.date == "2023-10-03" and npr.when.precision == "day"
