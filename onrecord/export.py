"""Write statements out: JSONL, JSON, a readable table, Markdown; CSV and Parquet for corpora.

The stream writers (`open_writer`) take one document's statements at a time, so
a batch is printed as it is extracted and never held whole. CSV and Parquet use
the flat row form of `records.statement_to_row`, the same columns as the store.
"""
from __future__ import annotations

import csv
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import IO, Any

from .records import ROW_FIELDS, Document, Statement, statement_to_row

FORMATS = ("jsonl", "json", "table", "markdown")
DOCUMENT_FIELDS = ("id", "url", "title", "outlet", "published", "source", "text")
# The quote column is cut to this many characters in the table and Markdown views.
QUOTE_WIDTH = 90

__all__ = [
    "DOCUMENT_FIELDS", "FORMATS", "StatementWriter", "open_writer", "write_documents_csv",
    "write_documents_parquet", "write_json", "write_jsonl", "write_statements_csv",
    "write_statements_parquet",
]


def write_jsonl(statements: Iterable[Statement], out: IO[str]) -> None:
    for st in statements:
        out.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")


def write_json(statements: Iterable[Statement], out: IO[str]) -> None:
    json.dump([st.to_dict() for st in statements], out, ensure_ascii=False, indent=1)
    out.write("\n")


class StatementWriter(ABC):
    """Writes the statements of one document after another; `close()` ends the output."""

    def __init__(self, out: IO[str]):
        self.out = out

    @abstractmethod
    def write(self, document: Document, statements: list[Statement]) -> None:
        """Write one document's statements (possibly none)."""

    def close(self) -> None:
        self.out.flush()


class JsonlWriter(StatementWriter):
    def write(self, document: Document, statements: list[Statement]) -> None:
        write_jsonl(statements, self.out)
        self.out.flush()


class JsonWriter(StatementWriter):
    """One JSON array, written element by element."""

    def __init__(self, out: IO[str]):
        super().__init__(out)
        self.count = 0
        out.write("[")

    def write(self, document: Document, statements: list[Statement]) -> None:
        for st in statements:
            self.out.write(",\n" if self.count else "\n")
            self.out.write(json.dumps(st.to_dict(), ensure_ascii=False))
            self.count += 1
        self.out.flush()

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "]\n")
        super().close()


# Control characters and bidirectional overrides from an article must not reach a terminal.
_UNPRINTABLE = {c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0),
                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def one_line(text: str) -> str:
    """For display: whitespace runs become one space, control characters are dropped."""
    return " ".join(text.split()).translate(_UNPRINTABLE)


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """One line, at most `width` characters, cut at a word with an ellipsis."""
    flat = one_line(text)
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0] if " " in flat[: width - 1] else flat[: width - 1]
    return cut.rstrip(",;:") + "…"


def quote_text(st: Statement) -> str:
    """The statement's words; a split quote's parts joined by an ellipsis, without the cue between."""
    if st.content.parts:
        base = st.content.start
        return " … ".join(st.content.text[s - base:e - base] for s, e in st.content.parts)
    return st.content.text


def speaker_label(st: Statement) -> str:
    if st.speaker_name and st.speaker and st.speaker.text != st.speaker_name:
        return f"{st.speaker_name} ({st.speaker.text})"
    return st.speaker_name or (st.speaker.text if st.speaker else "—")


def venue_label(st: Statement) -> str:
    v = st.venue
    if v is None:
        return "—"
    label = f"{v.name} ({v.kind})" if v.name else v.kind
    return f"{label}, with {v.interviewer}" if v.interviewer else label


def when_label(st: Statement) -> str:
    w = st.when
    if w is None:
        return "—"
    if w.date and w.text:
        return f"{w.date} ({w.text})"
    return w.date or w.text or "—"


def document_heading(document: Document) -> str:
    parts = [document.id]
    if document.title:
        parts.append(document.title)
    if document.published:
        parts.append(document.published)
    return " — ".join(parts)


class TableWriter(StatementWriter):
    """A rich table per document: speaker, kind, quote (shortened), venue, when."""

    def __init__(self, out: IO[str]):
        from rich.console import Console

        super().__init__(out)
        terminal = hasattr(out, "isatty") and out.isatty()
        self.console = Console(file=out, width=None if terminal else 140, soft_wrap=False,
                               highlight=False, emoji=False, markup=False)

    def write(self, document: Document, statements: list[Statement]) -> None:
        from rich.table import Table

        title = one_line(document_heading(document))
        if not statements:
            self.console.print(f"{title}: no statements found")
            return
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("speaker", overflow="fold", max_width=28)
        table.add_column("kind")
        table.add_column("quote", overflow="fold", min_width=30)
        table.add_column("venue", overflow="fold", max_width=36)
        table.add_column("when", overflow="fold", max_width=24)
        for st in statements:
            table.add_row(*map(one_line, (speaker_label(st), st.kind, shorten(quote_text(st)),
                                          venue_label(st), when_label(st))))
        self.console.print(table)
        self.out.flush()


def _md_cell(text: str) -> str:
    """Safe in one Markdown table cell: one line, pipes and markup escaped."""
    flat = one_line(text)
    for ch in "\\|*_`[]<>":
        flat = flat.replace(ch, "\\" + ch)
    return flat


class MarkdownWriter(StatementWriter):
    """A heading and a table per document."""

    def write(self, document: Document, statements: list[Statement]) -> None:
        self.out.write(f"## {_md_cell(document_heading(document))}\n\n")
        if not statements:
            self.out.write("No statements found.\n\n")
            return
        self.out.write("| speaker | kind | quote | venue | when |\n| --- | --- | --- | --- | --- |\n")
        for st in statements:
            cells = (speaker_label(st), st.kind, shorten(quote_text(st)), venue_label(st), when_label(st))
            self.out.write("| " + " | ".join(_md_cell(c) for c in cells) + " |\n")
        self.out.write("\n")
        self.out.flush()


_WRITERS: dict[str, type[StatementWriter]] = {
    "jsonl": JsonlWriter, "json": JsonWriter, "table": TableWriter, "markdown": MarkdownWriter,
}


def open_writer(fmt: str, out: IO[str]) -> StatementWriter:
    """The stream writer for one of FORMATS."""
    try:
        return _WRITERS[fmt](out)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}") from None


def _document_row(document: Document) -> dict[str, Any]:
    d = document.to_dict()
    return {key: d.get(key) for key in DOCUMENT_FIELDS}


def write_statements_csv(statements: Iterable[Statement], out: IO[str]) -> int:
    """CSV with a header of ROW_FIELDS; returns the number of rows. Open `out` with newline=''."""
    return _write_csv((statement_to_row(st) for st in statements), ROW_FIELDS, out)


def write_documents_csv(documents: Iterable[Document], out: IO[str]) -> int:
    """CSV of DOCUMENT_FIELDS; returns the number of rows. Open `out` with newline=''."""
    return _write_csv((_document_row(d) for d in documents), DOCUMENT_FIELDS, out)


def _write_csv(rows: Iterable[dict[str, Any]], fields: Iterable[str], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(fields))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _statement_schema():
    import pyarrow as pa

    ints = {"content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end"}
    return pa.schema([
        (name, pa.int64() if name in ints else pa.float64() if name == "confidence" else pa.string())
        for name in ROW_FIELDS
    ])


def _document_schema():
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in DOCUMENT_FIELDS])


def _write_parquet(rows: Iterable[dict[str, Any]], schema, path: str, batch_size: int) -> int:
    """Rows to Parquet in batches, so a corpus is never held in memory whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def write_statements_parquet(statements: Iterable[Statement], path: str, *,
                             batch_size: int = 10_000) -> int:
    """Parquet with the ROW_FIELDS columns (offsets int64, confidence float64); returns rows written."""
    return _write_parquet((statement_to_row(st) for st in statements), _statement_schema(), path,
                          batch_size)


def write_documents_parquet(documents: Iterable[Document], path: str, *,
                            batch_size: int = 1_000) -> int:
    """Parquet with the DOCUMENT_FIELDS columns; returns rows written."""
    return _write_parquet((_document_row(d) for d in documents), _document_schema(), path, batch_size)
