"""Quotation spans found on characters, before and independent of the parse.

Marks are read by their neighbours, not only their shape: a straight `"` opens
before a word and closes after one, and `'`/`’` between letters or before a
year (it's, ’90s) is an apostrophe. Quotes nest on a stack; only the outermost
quotation of each nest is returned, so a ‘…’ inside “…” belongs to its host.
A quote left open at the end of a paragraph continues when the next paragraph
opens with the same kind of mark (the news convention for a long quote);
otherwise it ends with its paragraph. A malformed quote never costs the
document: an unmatched closing mark is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Each mark's family: a closing mark only closes an opening mark of its family.
FAMILY = {
    '"': "double", "''": "double", "\u201c": "double", "\u201d": "double", "\u201e": "double",
    "\u00ab": "guillemet", "\u00bb": "guillemet",
    "'": "single", "\u2018": "single", "\u2019": "single",
    "\u2039": "single_guillemet", "\u203a": "single_guillemet",
}
STRAIGHT = frozenset(('"', "'", "''"))
ALWAYS_OPEN = "\u201e\u00ab\u2039"
ALWAYS_CLOSE = "\u00bb\u203a"
# Characters after which a mark starts a quotation rather than ends one.
OPEN_CONTEXT = " \t\n([{\u2015\u2014\u2013-/:"
# Characters before which a mark ends a quotation.
CLOSE_CONTEXT = ",.;:!?)]}\u2015\u2014\u2013-\u2026"
MARK_RE = re.compile("''|[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a]")
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")
# A text whose lines are all this short, over at least this many lines, is hard-wrapped.
WRAPPED_MAX_WIDTH = 100
WRAPPED_MIN_LINES = 4
# ’90s, '08: a year cut short, not a quotation.
YEAR_ELISION = re.compile(r"\d\d(s\b|\b)")
COLON_END = re.compile("[:][\\s\"'\u201d\u2019\u00bb]*$")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    block: bool = False  # one or more whole paragraphs, introduced by a line ending in a colon


@dataclass(slots=True)
class _Open:
    pos: int
    length: int
    family: str
    straight: bool


def _breaks(text: str) -> re.Pattern[str]:
    """Every line is a paragraph (news text, HTML extracts), unless the text is hard-wrapped
    (every line short), where only blank lines are."""
    lines = text.split("\n")
    wrapped = len(lines) >= WRAPPED_MIN_LINES and max(map(len, lines)) <= WRAPPED_MAX_WIDTH
    return BLANK_LINE if wrapped else LINE_BREAK


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph with its surrounding white space cut off."""
    out = []
    pos = 0
    for m in _breaks(text).finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return non_blank(text, out)


def non_blank(text: str, spans) -> list[tuple[int, int]]:
    """The spans with white space cut off both ends, those left empty dropped."""
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _neighbours(text: str, i: int, j: int, lo: int, hi: int) -> tuple[str, str]:
    """The characters either side of the mark text[i:j], looking past adjacent marks (“‘No, .’”)."""
    b = i - 1
    while b >= lo and text[b] in FAMILY:
        b -= 1
    a = j
    while a < hi and text[a] in FAMILY:
        a += 1
    return (text[b] if b >= lo else " "), (text[a] if a < hi else " ")


def _role(text: str, i: int, j: int, lo: int, hi: int) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the mark text[i:j]."""
    mark = text[i:j]
    if mark in ALWAYS_OPEN:
        return "open"
    if mark in ALWAYS_CLOSE:
        return "close"
    prev, nxt = _neighbours(text, i, j, lo, hi)
    prev_open = prev.isspace() or prev in OPEN_CONTEXT
    next_space = nxt.isspace() or nxt in CLOSE_CONTEXT
    if FAMILY[mark] == "single":
        if text[i - 1:i].isalnum() and text[j:j + 1].isalnum():
            return "none"  # it's, rock'n'roll
        if YEAR_ELISION.match(text, j, hi):
            return "none"  # ’90s
        if prev_open and not next_space:
            return "open"
        if not prev_open and next_space:
            return "close"
        return "none"
    if prev_open and not next_space:
        return "open" if mark != "\u201d" else "either"
    if not prev_open and next_space:
        return "close" if mark != "\u201c" else "either"
    if mark == "\u201c":
        return "open"
    if mark == "\u201d":
        return "close"
    return "either"


def _later_single_closer(text: str, j: int, hi: int) -> bool:
    """A closing single mark follows before any other quotation starts or ends.

    Then a `students’` just before j is a possessive, and a `'` opening there has its closer.
    """
    for m in MARK_RE.finditer(text, j, hi):
        role = _role(text, m.start(), m.end(), 0, hi)
        if role == "none":
            continue
        return FAMILY[m.group()] == "single" and role == "close"
    return False


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations of the text, in order."""
    paragraphs = paragraph_spans(text)
    quotes: list[Quote] = []
    carried: _Open | None = None  # a quote left open at the end of the previous paragraph
    for n, (lo, hi) in enumerate(paragraphs):
        stack: list[_Open] = []
        skip_to = lo
        if carried is not None:
            first = MARK_RE.match(text, lo, hi)
            if first and FAMILY[first.group()] == carried.family \
                    and _role(text, lo, first.end(), lo, hi) in ("open", "either"):
                stack.append(carried)
                skip_to = first.end()  # the opening mark that continues the quote
            else:
                quotes.append(_quote(text, paragraphs, carried, paragraphs[n - 1][1], 0))
            carried = None
        for m in MARK_RE.finditer(text, skip_to, hi):
            i, j, mark = m.start(), m.end(), m.group()
            family = FAMILY[mark]
            role = _role(text, i, j, lo, hi)
            if role == "none":
                continue
            straight = mark in STRAIGHT
            same = [k for k in range(len(stack)) if stack[k].family == family]
            # A closing mark takes the opening of its own shape first: "… “…” …" nests, as printed.
            open_at = next((k for k in reversed(same) if stack[k].straight == straight), same[-1] if same else None)
            if role == "close" and family == "single" and open_at is not None and text[i - 1] == "s" \
                    and _later_single_closer(text, j, hi):
                continue  # the players’ union: a possessive inside an open single quote
            if role == "close" or (role == "either" and open_at is not None):
                if open_at is None:
                    continue  # a stray closing mark
                opener = stack[open_at]
                del stack[open_at:]
                if not stack:
                    quotes.append(_quote(text, paragraphs, opener, j, j - i))
            elif family != "single" or stack or _later_single_closer(text, j, hi):
                if open_at is not None and family != "single" and stack[open_at].straight == straight:
                    del stack[open_at:]  # the same mark cannot nest in itself: the first one was never closed
                stack.append(_Open(i, j - i, family, straight))
        if stack:
            carried = stack[0]
    if carried is not None:
        quotes.append(_quote(text, paragraphs, carried, paragraphs[-1][1], 0))
    return quotes


def _quote(text: str, paragraphs: list[tuple[int, int]], opener: _Open, end: int, closer_len: int) -> Quote:
    """`closer_len` 0: no closing mark, the quote ends with its paragraph."""
    start = opener.pos
    return Quote(start, end, start + opener.length, end - closer_len, _is_block(text, paragraphs, start, end))


def _is_block(text: str, paragraphs: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whole paragraphs, after a paragraph that ends in a colon."""
    for k, (lo, hi) in enumerate(paragraphs):
        if lo == start:
            if k == 0 or not COLON_END.search(text, paragraphs[k - 1][0], paragraphs[k - 1][1]):
                return False
            return any(h == end for _, h in paragraphs[k:])
    return False
