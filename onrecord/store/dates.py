"""Dates of any precision ("2024", "2024-11", "2024-11-05", "2020s") as a range of days.

A statement dated "2024-11" is on or after 2024-11-01 and on or before 2024-11-30,
so `--since 2024-11-15` keeps it: the store filters and orders on these bounds.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECADE = re.compile(r"^(\d{3})0s$")


def date_range(date: str | None) -> tuple[str | None, str | None]:
    """The first and last day of `date`; (None, None) when it is no date (2024-13, 2024-02-30)."""
    if not date:
        return None, None
    decade = _DECADE.match(date)
    if decade:
        return f"{decade.group(1)}0-01-01", f"{decade.group(1)}9-12-31"
    m = _DATE.match(date)
    if not m:
        return None, None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return None, None
    if day:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return None, None
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"
