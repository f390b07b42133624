"""Write statements out: JSONL (one a line), JSON, a readable table, Markdown."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from .records import Statement

FORMATS = ("jsonl", "json", "table", "markdown")


def write_jsonl(statements: Iterable[Statement], out: IO[str]) -> None:
    for st in statements:
        out.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")


def write_json(statements: Iterable[Statement], out: IO[str]) -> None:
    json.dump([st.to_dict() for st in statements], out, ensure_ascii=False, indent=1)
    out.write("\n")
