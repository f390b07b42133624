"""Time phrases in a sentence, and their date cut to the precision the phrase gives.

Absolute phrases ("on March 3, 2024", "in 2019") need no anchor; relative ones ("last year",
"in November of last year", "on Tuesday") are resolved against the publication date and keep a
null date without one. Relative phrases are data (data/when_relative.tsv).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..records import When

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH = r"(?P<month>" + "|".join(sorted((m for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR_REL = r"(?P<yearrel>last|this|next)\s+year"
_COUNT = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
# "Five months later", "the next day": counted from the occasion before, not from publication.
LATER = (r"(?P<n>" + _COUNT + r")\s+(?P<unit>year|month|week|day)s?\s+later"
         r"|the\s+(?:next|following)\s+(?P<nextunit>year|month|week|day)")


# A time after these bounds a span or sets a deadline; it never dates what was said.
BOUND = re.compile(r"(?<![\w-])(?:since|until|till|by|before|from)\s+$", re.I)
# ...but an event's day is its own: "before Wednesday's game", "from Monday's meeting" are that day.
EVENT_DAY = re.compile(r"(?<![\w-])(?:before|from)\s+$", re.I)
POSSESSIVE = re.compile(r"['’]s\b")
# A bare weekday before a capitalised word other than a part of the day is a name's word: "the
# Sunday Chronicle", "Channel Nine's Sunday Politics" ("Tuesday Morning" in a headline is a time).
NAMED_AFTER = re.compile(r"\s+(?!(?:Morning|Afternoon|Evening|Night)\b)[A-Z][a-z]")
# "every Tuesday", "each Friday": a habit, no day.
HABIT = re.compile(r"(?<![\w-])(?:every|each)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled phrase: `kind` says how its groups become a date."""

    kind: str
    pattern: re.Pattern
    unit: str = ""
    offset: int = 0
    choices: tuple[tuple[str, int], ...] = ()  # (unit, offset) of each alternative "rel<i>"


WORD_EDGE = r"(?<![\w-])"  # every rule starts where a word does


def _rx(body: str) -> re.Pattern:
    return re.compile(WORD_EDGE + r"(?:" + body + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Most specific first: a longer phrase wins over one it contains."""
    out = [
        Rule("day", _rx(r"(?:on\s+)?(?:\w+day,\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?")),
        Rule("day", _rx(r"(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?")),
        Rule("month", _rx(r"(?:(?:in|during)\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?P<monthrel>last|this|next)\s+)?" + _MONTH
                          + r"(?:\s+of)?(?:\s+(?P<year>\d{4})|\s+" + _YEAR_REL + r")?")),
        # "on the October afternoon", "one March morning": a month's part of a day
        Rule("month", _rx(r"(?:on\s+)?(?:the|an?|one)\s+" + _MONTH + r"\s+(?:morning|afternoon|evening|night|day|weekend)")),
        # a season needs a word that makes it a time: "in the spring", "last winter", "summer 2023"
        Rule("season", _rx(r"(?:(?:(?:in|during|over)\s+(?:the\s+)?(?:(?:early|late)\s+)?(?:(?P<seasonrel>last|this|past)\s+)?"
                           r"|(?P<seasonrel2>last|this|past)\s+)(?P<season>spring|summer|fall|autumn|winter)"
                           r"|(?P<season2>spring|summer|fall|autumn|winter))(?:\s+of)?(?:\s+(?P<year>\d{4}))?")),
        Rule("weekday", _rx(r"(?:on\s+|last\s+|this\s+(?:past\s+)?)?" + _WEEKDAY)),
        Rule("decade", _rx(r"(?:in\s+)?the\s+(?:early\s+|late\s+|mid-)?(?P<decade>1[5-9]\d0|20\d0)s")),
        Rule("year", _rx(r"(?:(?:in|during)\s+)(?:(?:early|late|mid-?)\s*)?(?P<year>1[5-9]\d\d|20\d\d)")),
        Rule("ago", _rx(r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>year|month|week|day)s?\s+ago")),
        Rule("later", _rx(LATER)),
    ]
    # the data's phrases as one alternation, tried in their order: one pass over the text, not one each
    lines = _relative_lines()
    combined = "|".join(f"(?P<rel{i}>{body})" for i, (body, _unit, _offset) in enumerate(lines))
    out.append(Rule("relative", _rx(combined), choices=tuple((unit, offset) for _body, unit, offset in lines)))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_rule() -> re.Pattern:
    """A zero-width match wherever some rule matches: a position no rule matches at is tried
    once for all the rules, not once for each (the rules, without their group names, in one
    lookahead)."""
    bodies = [re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern.removeprefix(WORD_EDGE)) for rule in rules()]
    return re.compile(WORD_EDGE + "(?=" + "|".join(bodies) + ")", re.I)


def _rule_matches(pattern: re.Pattern, text: str, starts: list[int], end: int) -> list[re.Match]:
    """`pattern.finditer(text, start, end)`, with `starts` every position in text[start:end]
    where some rule matches: the same matches, each tried where it can begin."""
    found: list[re.Match] = []
    for at in starts:
        if found and at < found[-1].end():
            continue
        m = pattern.match(text, at, end)
        if m:
            found.append(m)
    return found


@lru_cache(maxsize=1)
def _relative_lines() -> tuple[tuple[str, str, int], ...]:
    raw = resources.files("onrecord.data").joinpath("when_relative.tsv").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            body, unit, offset = line.split("\t")[:3]
            out.append((body, unit, int(offset)))
    return tuple(out)


@lru_cache(maxsize=1)
def _occasion_phrases() -> tuple[re.Pattern, ...]:
    """The phrases that mean the occasion's own day ("that afternoon", "after the hearing")."""
    return tuple(_rx(body) for body, unit, _offset in _relative_lines() if unit == "occasion")


def find_times(text: str, start: int, end: int, published: str | None) -> list[tuple[int, int, When]]:
    """Time phrases in text[start:end] as (start, end, When); a longer phrase wins over one inside it."""
    starts = [m.start() for m in _any_rule().finditer(text, start, end)]
    if not starts:
        return []  # most sentences: no rule to try
    found: list[tuple[int, int, Rule, re.Match]] = []
    for rule in rules():
        for m in _rule_matches(rule.pattern, text, starts, end):
            if (rule.kind == "month" and not _is_month_phrase(m)) or (m.group(0).isupper() and len(m.group(0)) > 2) \
                    or (rule.kind == "season" and m.group("season2") and not m.group("year")) \
                    or BOUND.search(text, max(start, m.start() - 8), m.start()) \
                    and not (rule.kind == "weekday" and POSSESSIVE.match(text, m.end())
                             and EVENT_DAY.search(text, max(start, m.start() - 8), m.start())):
                continue  # "USA TODAY" names a paper, not a day; "since Feb. 9" is a span, not a day
            if rule.kind == "weekday" and (HABIT.search(text, max(start, m.start() - 6), m.start())
                                           or m.group(0) == m.group("weekday") and NAMED_AFTER.match(text, m.end())):
                continue  # "every Tuesday" is a habit; "the Sunday Chronicle" a name
            if rule.choices:
                unit, offset = rule.choices[int(m.lastgroup[3:])]
                found.append((m.start(), m.end(), Rule("relative", rule.pattern, unit, offset), m))
            else:
                found.append((m.start(), m.end(), rule, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, Rule, re.Match]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    anchor = _parse_published(published)
    return [(s, e, When(text[s:e], *_date(r, m, anchor))) for s, e, r, m in sorted(kept, key=lambda k: k[0])]


def dated(when: When, published: str | None) -> When:
    """A phrase read without the publication date ("Friday's briefing"), dated against it."""
    if when.date or not published or not when.text:
        return when
    found = find_times(when.text, 0, len(when.text), published)
    return When(when.text, found[0][2].date, found[0][2].precision) if found and found[0][2].date else when


def _is_month_phrase(m: re.Match) -> bool:
    """ "may" and "march" are words too: a month is capitalised and has a preposition or a year."""
    word = m.group("month")
    return word[0].isupper() and m.group(0).strip().rstrip(".") != word


def _parse_published(published: str | None) -> dt.date | None:
    """The anchor for relative phrases; none near the ends of the calendar, where "last year"
    or "in three days" would leave it (year 1, year 9999)."""
    if not published:
        return None
    try:
        anchor = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    return anchor if 1000 <= anchor.year <= 9000 else None


def _date(rule: Rule, m: re.Match, anchor: dt.date | None) -> tuple[str | None, str]:
    groups = m.groupdict()
    if rule.kind in ("day", "month"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        year = _year(groups, anchor, month)
        if rule.kind == "day":
            try:
                day = dt.date(year, month, int(groups["day"])) if year else None
            except ValueError:
                return None, "day"
            return (day.isoformat() if day else None), "day"
        return (f"{year:04d}-{month:02d}" if year else None), "month"
    if rule.kind == "season":
        if groups.get("season2") and not groups.get("year"):
            return None, "season"  # filtered out by find_times: "fall" alone is a verb as often
        month = SEASONS[(groups["season"] or groups["season2"]).lower()]
        groups["seasonrel"] = groups.get("seasonrel") or groups.get("seasonrel2")
        if groups.get("year"):
            return groups["year"], "season"
        if anchor is None:
            return None, "season"
        year = anchor.year - (1 if groups.get("seasonrel") in ("last", "past") or month > anchor.month else 0)
        return f"{year:04d}", "season"
    if rule.kind == "weekday":
        if anchor is None:
            return None, "day"
        # the latest such day on or before publication: "on Monday" in Monday's paper is that day
        back = (anchor.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        if back == 0 and re.match(r"last\s", m.group(0), re.I):
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat(), "day"
    if rule.kind == "decade":
        return groups["decade"], "decade"
    if rule.kind == "year":
        return groups["year"], "year"
    if rule.kind == "later":
        return None, "relative"
    if rule.kind == "ago":
        n = int(groups["n"]) if groups["n"].isdigit() else NUMBERS[groups["n"].lower()]
        return _shift(anchor, groups["unit"].lower(), -n)
    return _shift(anchor, rule.unit, rule.offset)


def _year(groups: dict, anchor: dt.date | None, month: int) -> int | None:
    """The year written, or the one "last/this year" or the publication date implies."""
    if groups.get("year"):
        return int(groups["year"])
    if anchor is None:
        return None
    monthrel = (groups.get("monthrel") or "").lower()
    if monthrel == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if monthrel == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    rel = (groups.get("yearrel") or "").lower()
    if rel:
        return anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    return anchor.year if month <= anchor.month else anchor.year - 1


def after(phrase: str, base: str | None) -> When | None:
    """The date of a "later" phrase counted from `base` (an ISO date of any precision), or of a
    phrase meaning the occasion's own day ("that afternoon", "after the hearing"); None when
    the phrase is not one; a null date when the base is unknown or coarser than the step."""
    m = re.fullmatch(LATER, phrase.strip(), re.I)
    if m is None:
        if base and any(p.fullmatch(phrase.strip()) for p in _occasion_phrases()):
            return When(phrase, base, {4: "year", 7: "month"}.get(len(base), "day"))  # "that afternoon"
        return None
    unit = (m.group("unit") or m.group("nextunit")).lower()
    n = 1 if m.group("nextunit") else (int(m.group("n")) if m.group("n").isdigit() else NUMBERS[m.group("n").lower()])
    if unit == "week":
        unit, n = "day", 7 * n
    precision = {4: "year", 7: "month", 10: "day"}.get(len(base or ""))
    order = ["year", "month", "day"]
    if precision is None or order.index(unit) > order.index(precision):
        return When(phrase, None, unit)
    start = dt.date.fromisoformat(base + {"year": "-01-01", "month": "-01", "day": ""}[precision])
    return When(phrase, *_shift(start, unit, n))


def _shift(anchor: dt.date | None, unit: str, offset: int) -> tuple[str | None, str]:
    if unit in ("relative", "occasion"):
        return None, "relative"
    if unit == "week":
        # "last week": the month that week mostly fell in, the finest date a week gives
        if anchor is None:
            return None, "month"
        return (anchor + dt.timedelta(days=7 * offset)).strftime("%Y-%m"), "month"
    if anchor is None:
        return None, unit
    if unit == "year":
        return f"{anchor.year + offset:04d}", "year"
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 + offset
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "month"
    return (anchor + dt.timedelta(days=offset)).isoformat(), "day"
