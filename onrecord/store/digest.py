"""A speaker's digest: what they said, occasion by occasion, in time order, re-quotes collapsed."""
from __future__ import annotations

import re

from ..records import Venue
from .dates import date_range
from .models import Digest, Occasion, SpeakerSummary, StoredStatement


def _own_date(row: StoredStatement) -> str | None:
    return row.statement.when.date if row.statement.when and row.statement.when.date else None


def time_order(rows: list[StoredStatement]) -> list[StoredStatement]:
    """The statements in the order they were said, as far as the articles tell.

    A statement with its own date sorts by it; one with no time phrase at all, by its
    article's date (the date its occasion shows). One whose time phrase gives no date
    ("in the past", "more recently") sorts with the dated statement before it in the same
    article, else the one after it: articles tell their story in order, and a remark "in the
    past" reported before an interview of November 2024 is not from the day the article
    came out.
    """
    by_doc: dict[str, list[StoredStatement]] = {}
    for row in rows:
        by_doc.setdefault(row.statement.doc, []).append(row)
    key: dict[str, str] = {}
    for doc_rows in by_doc.values():
        doc_rows.sort(key=lambda r: r.statement.content.start)
        dated = [(i, _own_date(r)) for i, r in enumerate(doc_rows) if _own_date(r)]
        for i, row in enumerate(doc_rows):
            own = _own_date(row)
            before = [d for j, d in dated if j < i]
            after = [d for j, d in dated if j > i]
            relative = row.statement.when is not None and bool(row.statement.when.text)
            narrative = before[-1] if before else after[0] if after else None
            carried = own or (narrative if relative else None) or row.date
            key[row.statement.id] = date_range(carried)[0] or "9999"
    return sorted(rows, key=lambda r: (key[r.statement.id], r.published or "9999", r.statement.doc,
                                       r.statement.content.start))


def occasions_of(rows: list[StoredStatement]) -> list[Occasion]:
    """Statements grouped by venue and date in time order (`time_order`); each quote group shown once."""
    seen_groups: set[str] = set()
    occasions: dict[tuple, list[StoredStatement]] = {}
    for row in time_order(rows):
        if row.group_id is not None:
            if row.group_id in seen_groups:
                continue
            seen_groups.add(row.group_id)
        v = row.statement.venue
        venue_key = (v.kind, (v.name or "").casefold(), (v.interviewer or "").casefold()) if v else None
        occasions.setdefault((venue_key, row.date), []).append(row)
    return [Occasion(items[0].statement.venue, date, items) for (_v, date), items in occasions.items()]


def build_digest(speaker: SpeakerSummary, about: str | None, rows: list[StoredStatement],
                 articles: dict[str, int]) -> Digest:
    return Digest(speaker, about, occasions_of(rows), articles)


def venue_label(venue: Venue | None) -> str:
    if venue is None:
        return "Venue not given"
    label = venue.kind.replace("_", " ").capitalize()
    if venue.name:
        label += f" {'with' if venue.kind == 'interview' else '—'} {venue.name}"
    if venue.interviewer:
        label += f" (with {venue.interviewer})" if venue.name else f" with {venue.interviewer}"
    return label


QUOTE_MARK = re.compile("[\"'\u2018\u2019\u201c\u201d\u00ab\u00bb]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_text(text: str) -> str:
    """Article text made inert in Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def citation(row: StoredStatement) -> str:
    """Title, outlet, date and offsets: enough to find the words in the article."""
    st = row.statement
    parts = [f"*{markdown_text(row.title)}*" if row.title else f"document {markdown_text(st.doc)}"]
    if row.outlet:
        parts.append(markdown_text(row.outlet))
    parts.append(row.published or "undated")
    parts.append(f"chars {st.content.start}–{st.content.end}")
    return ", ".join(parts)


def quoted(st) -> str:
    """A statement's words as a reader should see them: a direct quote without its own marks gets
    curly ones; text that has marks (or is reported speech) is left as it is, never wrapped twice."""
    text = " ".join(st.content.text.split())
    return f"“{text}”" if st.kind == "direct" and not QUOTE_MARK.match(text) else text


def digest_markdown(digest: Digest) -> str:
    """The digest as Markdown: a heading per occasion, each statement quoted and cited."""
    title = f"# {markdown_text(digest.speaker.name)}"
    if digest.about:
        title += f" on {markdown_text(digest.about)}"
    lines = [title, ""]
    count = sum(len(o.statements) for o in digest.occasions)
    lines.append(f"{count} statement{'s' if count != 1 else ''} on {len(digest.occasions)} "
                 f"occasion{'s' if len(digest.occasions) != 1 else ''}, in time order.")
    for occasion in digest.occasions:
        dated = any(_own_date(row) for row in occasion.statements)
        when = occasion.date if dated else f"reported {occasion.date}" if occasion.date else "undated"
        lines += ["", f"## {markdown_text(venue_label(occasion.venue))}, {when}", ""]
        for row in occasion.statements:
            st = row.statement
            quote = markdown_text(quoted(st))
            when = f" ({markdown_text(st.when.text)})" if st.when and st.when.text else ""
            articles = digest.articles.get(row.group_id, 1) if row.group_id else 1
            repeats = f" Also in {articles - 1} other article{'s' if articles > 2 else ''}." if articles > 1 else ""
            lines.append(f"- {quote}{when} — {citation(row)}.{repeats}")
    return "\n".join(lines) + "\n"
