"""The records every interface speaks: one frozen form, one JSON form.

A `Statement` is what DESIGN.md calls the one record; `Document` is what ingest
hands to the pipeline. Offsets are Python string indices into `Document.text`
exactly as read, so `text[span.start:span.end] == span.text` always holds.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

KINDS = ("direct", "indirect", "mixed")
# A statement's `scope`: the kind of its cue (attribute/scope.py, data/cue_kinds.tsv).
SCOPE_KINDS = ("speech", "stance", "belief", "perception", "other")
VENUE_KINDS = (
    "interview", "podcast", "broadcast", "press_conference", "statement", "social",
    "speech", "hearing", "meeting", "email", "letter", "article", "other",
)
PRECISIONS = ("day", "month", "year", "season", "decade", "relative")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document; `parts` only when the stretch is split."""

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...] | None = None

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    @classmethod
    def of_parts(cls, text: str, parts: list[tuple[int, int]]) -> "Span":
        """One span over several pieces (a quote split by its cue)."""
        parts = sorted(parts)
        if len(parts) == 1:
            return cls.of(text, *parts[0])
        start, end = parts[0][0], parts[-1][1]
        return cls(start, end, text[start:end], tuple(parts))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.parts:
            d["parts"] = [list(p) for p in self.parts]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Span | None":
        if not d:
            return None
        parts = tuple(tuple(p) for p in d["parts"]) if d.get("parts") else None
        return cls(int(d["start"]), int(d["end"]), d.get("text", ""), parts)


@dataclass(frozen=True, slots=True)
class Venue:
    """Where the words were first said: an interview with X, a podcast and its host."""

    kind: str
    name: str | None = None
    interviewer: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "interviewer": self.interviewer, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Venue | None":
        if not d:
            return None
        return cls(d.get("kind") or "other", d.get("name"), d.get("interviewer"), d.get("text"))


@dataclass(frozen=True, slots=True)
class When:
    """When the words were said: the phrase, and an ISO date cut to its precision."""

    text: str | None = None
    date: str | None = None
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "precision": self.precision}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "When | None":
        if not d:
            return None
        return cls(d.get("text"), d.get("date"), d.get("precision"))


def statement_id(doc: str, content_start: int, content_end: int) -> str:
    """Deterministic, so a re-run, another process or a Spark executor names it alike."""
    raw = f"{doc}\x1f{content_start}\x1f{content_end}".encode("utf-8")
    return hashlib.sha1(raw).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what (content), how (cue), and where and when, in one document.

    `scope` says what kind of attribution it is (words said, or a stance, a belief, a
    perception); None on records written before onrecord recorded it.
    """

    id: str
    doc: str
    kind: str
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    venue: Venue | None = None
    when: When | None = None
    confidence: float = 0.5
    scope: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_role": self.speaker_role,
            "venue": self.venue.to_dict() if self.venue else None,
            "when": self.when.to_dict() if self.when else None,
            "confidence": round(self.confidence, 4),
            "scope": self.scope,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Statement":
        content = Span.from_dict(d["content"])
        assert content is not None
        return cls(
            id=d.get("id") or statement_id(d["doc"], content.start, content.end),
            doc=d["doc"],
            kind=d["kind"],
            content=content,
            cue=Span.from_dict(d.get("cue")),
            speaker=Span.from_dict(d.get("speaker")),
            speaker_name=d.get("speaker_name"),
            speaker_role=d.get("speaker_role"),
            venue=Venue.from_dict(d.get("venue")),
            when=When.from_dict(d.get("when")),
            confidence=float(d.get("confidence", 0.5)),
            scope=d.get("scope"),
        )


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read: the text is never altered, metadata sits beside it."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None  # where it was read from (a path, a WARC record)
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "url": self.url, "title": self.title,
            "outlet": self.outlet, "published": self.published, "source": self.source,
        }


def content_hash(text: str) -> str:
    """A document's id when none is given: stable across runs and machines."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


ROW_FIELDS = (
    "id", "doc", "kind",
    "content_start", "content_end", "content_text", "content_parts",
    "cue_start", "cue_end", "cue_text",
    "speaker_start", "speaker_end", "speaker_text",
    "speaker_name", "speaker_role",
    "venue_kind", "venue_name", "venue_interviewer", "venue_text",
    "when_text", "when_date", "when_precision",
    "confidence", "scope",
)


def statement_to_row(st: Statement) -> dict[str, Any]:
    """The Statement flattened to scalars: one form for Parquet, CSV and SQL rows."""
    import json

    def span(prefix: str, sp: Span | None) -> dict[str, Any]:
        return {f"{prefix}_start": sp.start if sp else None, f"{prefix}_end": sp.end if sp else None,
                f"{prefix}_text": sp.text if sp else None}

    v, w = st.venue, st.when
    return {
        "id": st.id, "doc": st.doc, "kind": st.kind,
        **span("content", st.content),
        "content_parts": json.dumps([list(p) for p in st.content.parts]) if st.content.parts else None,
        **span("cue", st.cue), **span("speaker", st.speaker),
        "speaker_name": st.speaker_name, "speaker_role": st.speaker_role,
        "venue_kind": v.kind if v else None, "venue_name": v.name if v else None,
        "venue_interviewer": v.interviewer if v else None, "venue_text": v.text if v else None,
        "when_text": w.text if w else None, "when_date": w.date if w else None,
        "when_precision": w.precision if w else None,
        "confidence": st.confidence, "scope": st.scope,
    }


def statement_from_row(row: dict[str, Any]) -> Statement:
    """The inverse of `statement_to_row`."""
    import json

    def span(prefix: str) -> Span | None:
        if row.get(f"{prefix}_start") is None:
            return None
        return Span(int(row[f"{prefix}_start"]), int(row[f"{prefix}_end"]), row.get(f"{prefix}_text") or "")

    content = span("content")
    assert content is not None
    if row.get("content_parts"):
        parts = tuple(tuple(p) for p in json.loads(row["content_parts"]))
        content = Span(content.start, content.end, content.text, parts)
    venue = Venue(row["venue_kind"], row.get("venue_name"), row.get("venue_interviewer"),
                  row.get("venue_text")) if row.get("venue_kind") else None
    when = When(row.get("when_text"), row.get("when_date"), row.get("when_precision")) \
        if (row.get("when_text") or row.get("when_date")) else None
    return Statement(
        id=row["id"], doc=row["doc"], kind=row["kind"], content=content,
        cue=span("cue"), speaker=span("speaker"),
        speaker_name=row.get("speaker_name"), speaker_role=row.get("speaker_role"),
        venue=venue, when=when, confidence=float(row.get("confidence") or 0.0),
        scope=row.get("scope"),
    )
