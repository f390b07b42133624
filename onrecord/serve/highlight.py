"""Statements drawn over article text as HTML, from character offsets.

Article text is untrusted: every piece of it is escaped on its own and the
markup is put between the escaped pieces, never into text that is escaped
afterwards. Marks may overlap (a quote inside a quote); where one crosses
another's edge it is closed and reopened, so the HTML always nests.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..records import Statement

ROLES = ("content", "cue", "speaker")


@dataclass(frozen=True)
class Mark:
    """One stretch to highlight: `role` picks the colour, `attrs` become data-* attributes."""

    start: int
    end: int
    role: str
    attrs: tuple[tuple[str, str], ...] = field(default=())
    title: str | None = None

    def open_tag(self) -> str:
        parts = [f'<mark class="hl hl-{self.role}"']
        for name, value in self.attrs:
            parts.append(f' data-{name}="{html.escape(value, quote=True)}"')
        if self.title:
            parts.append(f' title="{html.escape(self.title, quote=True)}"')
        return "".join(parts) + ">"


def statement_marks(st: Statement, *, roles: Sequence[str] = ROLES) -> list[Mark]:
    """The content (each part, when split), cue and speaker mention of one statement."""
    who = st.speaker_name or (st.speaker.text if st.speaker else "unknown speaker")
    attrs = (("statement", st.id), ("kind", st.kind), ("who", who))
    marks: list[Mark] = []
    if "content" in roles:
        for start, end in st.content.parts or ((st.content.start, st.content.end),):
            marks.append(Mark(start, end, "content", attrs, f"{who} ({st.kind})"))
    if "cue" in roles and st.cue:
        marks.append(Mark(st.cue.start, st.cue.end, "cue", attrs, f"cue: {st.cue.text}"))
    if "speaker" in roles and st.speaker:
        marks.append(Mark(st.speaker.start, st.speaker.end, "speaker", attrs, who))
    return marks


def render(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` as escaped HTML with every mark wrapped in a <mark> element."""
    end = len(text) if end is None else end
    clipped = [(max(m.start, start), min(m.end, end), i, m) for i, m in enumerate(marks)
               if m.start < end and m.end > start and m.start < m.end]
    # Outer marks first: earlier start, then longer, then given order.
    clipped.sort(key=lambda c: (c[0], -c[1], c[2]))
    bounds = sorted({start, end, *(c[0] for c in clipped), *(c[1] for c in clipped)})
    out: list[str] = []
    open_stack: list[tuple[int, int, int, Mark]] = []
    for a, b in zip(bounds, bounds[1:]):
        wanted = [c for c in clipped if c[0] <= a and c[1] >= b]
        keep = 0
        while keep < min(len(open_stack), len(wanted)) and open_stack[keep] is wanted[keep]:
            keep += 1
        out.append("</mark>" * (len(open_stack) - keep))
        out.extend(c[3].open_tag() for c in wanted[keep:])
        open_stack = wanted
        out.append(html.escape(text[a:b], quote=True))
    out.append("</mark>" * len(open_stack))
    return Markup("".join(out))
