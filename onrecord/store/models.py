"""What the store hands back: frozen records with one JSON form (`to_dict`).

They wrap the pipeline's `Statement` with what only the corpus knows: the
document's metadata, the speaker entity and the quote group.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Statement, Venue


@dataclass(frozen=True)
class StoredStatement:
    """A statement as stored: the record, its article, its speaker entity and its quote group."""

    statement: Statement
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    speaker_id: int | None = None
    group_id: str | None = None
    group_size: int = 1
    date: str | None = None  # the statement's own date, else its article's
    speaker: str | None = None  # the speaker entity's name across documents

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.statement.to_dict(),
            "title": self.title, "outlet": self.outlet, "published": self.published, "url": self.url,
            "speaker_id": self.speaker_id, "group_id": self.group_id, "group_size": self.group_size,
            "date": self.date, "speaker_entity": self.speaker,
        }


@dataclass(frozen=True)
class SearchPage:
    items: list[StoredStatement]
    next_cursor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"items": [s.to_dict() for s in self.items], "next_cursor": self.next_cursor}


@dataclass(frozen=True)
class SpeakerSummary:
    """A speaker entity across documents; `statements` counts distinct quotes (groups), not re-quotes."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    statements: int = 0
    documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases), "roles": list(self.roles),
                "statements": self.statements, "documents": self.documents}


@dataclass(frozen=True)
class Occasion:
    """One time the speaker spoke: a venue and a date, and what was said there."""

    venue: Venue | None
    date: str | None
    statements: list[StoredStatement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"venue": self.venue.to_dict() if self.venue else None, "date": self.date,
                "statements": [s.to_dict() for s in self.statements]}


@dataclass(frozen=True)
class SpeakerDetail(SpeakerSummary):
    """A speaker with the occasions they spoke on, in time order."""

    timeline: list[Occasion] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "timeline": [o.to_dict() for o in self.timeline]}


@dataclass(frozen=True)
class QuoteMember:
    """One appearance of a quote: which article carried it, when, and where it says it was said."""

    statement_id: str
    doc: str
    title: str | None
    outlet: str | None
    published: str | None
    date: str | None
    venue: Venue | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"statement_id": self.statement_id, "doc": self.doc, "title": self.title,
                "outlet": self.outlet, "published": self.published, "date": self.date,
                "venue": self.venue.to_dict() if self.venue else None, "text": self.text}


@dataclass(frozen=True)
class QuoteGroup:
    """The same quote across articles, traced to its earliest appearance and its original venue."""

    id: str
    size: int
    members: list[QuoteMember]
    earliest: QuoteMember
    origin_venue: Venue | None = None
    origin_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "size": self.size, "members": [m.to_dict() for m in self.members],
                "earliest": self.earliest.to_dict(),
                "origin_venue": self.origin_venue.to_dict() if self.origin_venue else None,
                "origin_date": self.origin_date}


@dataclass(frozen=True)
class Digest:
    """What a speaker said (optionally about a topic), by occasion in time order, re-quotes collapsed."""

    speaker: SpeakerSummary
    about: str | None
    occasions: list[Occasion] = field(default_factory=list)
    articles: dict[str, int] = field(default_factory=dict)  # quote group -> articles carrying it, where > 1

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker.to_dict(), "about": self.about,
                "occasions": [o.to_dict() for o in self.occasions], "articles": dict(self.articles)}


__all__ = ["Digest", "Occasion", "QuoteGroup", "QuoteMember", "SearchPage",
           "SpeakerDetail", "SpeakerSummary", "StoredStatement"]
