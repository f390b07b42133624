"""A small hand-made corpus for the serve tests: three articles, two speakers, one quote repeated.

Statements are built by hand with exact offsets, so the API and page tests need
no model. One article carries markup and a <script> inside a quote, to prove
the pages escape what articles contain.
"""
from __future__ import annotations

from onrecord.records import Document, Span, Statement, Venue, When, statement_id

HARBOR = ("date 2024-11-05\n\n"
          'Director Mara Quint said the final scene was "meant to stay open." In an interview with Harbor Daily, '
          'she added that the ending "belongs to the audience."\n\n'
          'Quint told the paper she had cut "<script>alert(\'x\')</script> and <b>three</b> endings" before choosing one.\n')
VALLEY = ("date 2025-02-10\n\n"
          'The director has said the ending "belongs to the audience," a line fans keep repeating.\n\n'
          'Actor Theo Brand said working with Quint was "a long rehearsal for one take."\n')
COAST = ("date 2025-03-01\n\n"
         'Speaking on the Reel Talk podcast hosted by Ana Ruiz, Quint said the ending was "never about the money."\n\n'
         "Brand said the shoot ran long.\n")

HARBOR_VENUE = Venue("interview", "Harbor Daily", None, "In an interview with Harbor Daily")
PODCAST = Venue("podcast", "Reel Talk", "Ana Ruiz", "on the Reel Talk podcast hosted by Ana Ruiz")


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span.of(text, start, start + len(piece))


def _statement(doc: str, text: str, content: str, cue: str, speaker: str, name: str, *, kind: str = "direct",
               venue: Venue | None = None, when: When | None = None, role: str | None = None) -> Statement:
    c = _span(text, content)
    return Statement(id=statement_id(doc, c.start, c.end), doc=doc, kind=kind, content=c,
                     cue=_span(text, cue, max(0, c.start - 60)), speaker=_span(text, speaker, max(0, c.start - 120)),
                     speaker_name=name, speaker_role=role, venue=venue, when=when, confidence=0.9)


def corpus() -> list[tuple[Document, list[Statement]]]:
    harbor = Document("harbor-interview", HARBOR, url="https://harbor.example/quint", title="Quint on her ending",
                      outlet="Harbor Daily", published="2024-11-05")
    valley = Document("valley-review", VALLEY, url="javascript:alert(1)", title="Why the ending works",
                      outlet="Valley Review", published="2025-02-10")
    coast = Document("coast-post", COAST, title="Quint, months later", outlet="Coast Post", published="2025-03-01")
    return [
        (harbor, [
            _statement("harbor-interview", HARBOR, '"meant to stay open."', "said", "Director Mara Quint",
                       "Mara Quint", role="director"),
            _statement("harbor-interview", HARBOR, '"belongs to the audience."', "added", "she", "Mara Quint",
                       venue=HARBOR_VENUE, when=When(None, "2024-11", "month")),
            _statement("harbor-interview", HARBOR,
                       '"<script>alert(\'x\')</script> and <b>three</b> endings"', "told", "Quint", "Mara Quint",
                       venue=HARBOR_VENUE),
        ]),
        (valley, [
            _statement("valley-review", VALLEY, '"belongs to the audience,"', "said", "The director", "Mara Quint"),
            _statement("valley-review", VALLEY, '"a long rehearsal for one take."', "said", "Actor Theo Brand",
                       "Theo Brand", role="actor"),
        ]),
        (coast, [
            _statement("coast-post", COAST, '"never about the money."', "said", "Quint", "Mara Quint",
                       venue=PODCAST, when=When(None, "2025-02", "month")),
            _statement("coast-post", COAST, "the shoot ran long", "said", "Brand", "Theo Brand", kind="indirect"),
        ]),
    ]


def fill(store) -> None:
    for document, statements in corpus():
        store.add(document, statements)
