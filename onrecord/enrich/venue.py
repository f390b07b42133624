"""Venue phrases: "in an interview with X", "on Y with Host", "told Z", "wrote on Instagram".

The patterns are data (data/venues.tsv); outlets and shows are found by capitalisation, never by
a list of names. The small model tags outlets as people too often ("Film Ledger") to tell an
outlet from a journalist by its label, so "an interview with X" names X as the venue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..records import VENUE_KINDS, Venue
from .when import MONTHS, WEEKDAYS

_WORD = r"[A-Z0-9][\w'’.&!+-]*"
NAME = r"(?P<name>(?-i:" + _WORD + r"(?:\s+(?:of|the|and|&|for|de)?\s*" + _WORD + r"){0,5}))"
HOST = r"(?P<host>(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))"
# Capitalised words that end a name rather than belong to it ("IndieWire Tuesday").
# What makes a show a podcast: the word, or an episode-like "conversation on X with Host".
PODCAST = re.compile(r"(?<![\w-])(?:podcast|episode)|^in\s+an?\s+(?:[\w-]+\s+){0,2}(?:conversation|chat|appearance)\s", re.I)
_NOT_NAME = {w.lower() for w in list(MONTHS) + list(WEEKDAYS)} | {"the", "a", "an", "in", "last", "this", "on", "i"}


@dataclass(frozen=True, slots=True)
class VenueRule:
    kind: str
    pattern: re.Pattern


def _lines(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def venue_rules() -> tuple[VenueRule, ...]:
    platforms = sorted((p.strip() for p in _lines("platforms.txt")), key=len, reverse=True)
    platform = r"(?P<platform>(?-i:" + "|".join(re.escape(p) for p in platforms) + r"))(?![\w'’])"
    out = []
    for line in _lines("venues.tsv"):
        kind, body = line.split("\t", 1)
        if kind not in VENUE_KINDS:
            raise ValueError(f"venues.tsv: unknown venue kind {kind!r}")
        body = body.replace("{NAME}", NAME).replace("{HOST}", HOST).replace("{PLATFORM}", platform)
        out.append(VenueRule(kind, re.compile(r"(?<![\w-])" + body, re.I)))
    return tuple(out)


def _trim_name(name: str | None) -> str | None:
    """Drop words that end a name: months, weekdays, "In", "Last"."""
    if not name:
        return None
    words = name.split()
    while words and words[-1].lower().strip(".,") in _NOT_NAME | {"of", "and", "&", "for", "de"}:
        words.pop()
    while words and words[0].lower() in _NOT_NAME - {"the"}:
        words.pop(0)
    return re.sub(r"['’]s$", "", " ".join(words)).rstrip(".,;:'’") or None


@lru_cache(maxsize=1)
def broadcast_words() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in _lines("broadcast.txt"))


def _says_podcast(phrase: str, name: str | None) -> bool:
    """ "appearing on Harbour Radio with host …" is a broadcast interview; a podcast says so."""
    if name and any(w.lower() in broadcast_words() for w in name.split()):
        return False
    return bool(PODCAST.search(phrase))


def find_venues(text: str, start: int, end: int) -> list[tuple[int, int, Venue]]:
    """Venue phrases in text[start:end] as (start, end, Venue), by rule order then position."""
    found = []
    for rule in venue_rules():
        for m in rule.pattern.finditer(text, start, end):
            groups = m.groupdict()
            name = _trim_name(groups.get("name")) or groups.get("platform")
            host = _trim_name(groups.get("host"))
            if "name" in groups and groups.get("name") and name is None and host is None and rule.kind != "statement":
                continue
            cut = m.end()
            if groups.get("name") and name and "host" not in groups:
                cut = m.start("name") + groups["name"].find(name) + len(name)
            kind = "interview" if rule.kind == "podcast" and not _says_podcast(m.group(0), name) else rule.kind
            found.append((m.start(), cut, Venue(kind, name, host, text[m.start():cut])))
        if found:
            break
    return found
