"""Read sources into Documents: plain text, HTML, JSONL records, WARC crawls.

Every failure is an `InputError` naming the input and the reason, so the CLI
can report one line and go on with the rest of a batch.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from .records import Document, content_hash

DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b")


class InputError(Exception):
    """An input that cannot be read as an article; str() is the one-line reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def leading_date(text: str) -> str | None:
    """The publication date of a leading `date YYYY-MM-DD` line; the text is left as it is."""
    m = DATE_LINE.match(text)
    return m.group(1) if m else None


def document_from_text(text: str, *, doc_id: str | None = None, published: str | None = None,
                       **meta) -> Document:
    return Document(id=doc_id or content_hash(text), text=text,
                    published=published or leading_date(text), **meta)


def read_path(path: str, published: str | None = None) -> Iterator[Document]:
    """The documents in one file; raises InputError if it cannot be read."""
    name = os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from exc
    if path.endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                yield document_from_text(rec["text"], doc_id=str(rec.get("id") or f"{name}-{n}"),
                                         published=published or rec.get("published"), source=path)
        return
    yield document_from_text(text, doc_id=name, published=published, source=path)
