"""The store written out with `onrecord.export`'s writers: statements and documents, three formats."""
from __future__ import annotations

import json
import os
from typing import IO

from .. import export


def write_statements(store, fmt: str, out: IO[str]) -> int:
    """Statements to a text stream as JSONL or CSV; the number written."""
    statements = (row.statement for row in store.iter_statements())
    if fmt == "csv":
        return export.write_statements_csv(statements, out)
    count = 0
    for st in statements:
        out.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def export_store(store, fmt: str, folder: str) -> dict[str, int]:
    """Statements and documents into `folder`; Parquet in the layout Spark writes (and ingest reads)."""
    os.makedirs(folder, exist_ok=True)
    if fmt == "parquet":
        for part in ("statements", "documents"):
            os.makedirs(os.path.join(folder, part), exist_ok=True)
        return {
            "statements": export.write_statements_parquet(
                (row.statement for row in store.iter_statements()),
                os.path.join(folder, "statements", "part-00000.parquet")),
            "documents": export.write_documents_parquet(
                store.iter_documents(), os.path.join(folder, "documents", "part-00000.parquet")),
        }
    newline = "" if fmt == "csv" else None
    with open(os.path.join(folder, f"statements.{fmt}"), "w", encoding="utf-8", newline=newline) as out:
        statements = write_statements(store, fmt, out)
    with open(os.path.join(folder, f"documents.{fmt}"), "w", encoding="utf-8", newline=newline) as out:
        if fmt == "csv":
            documents = export.write_documents_csv(store.iter_documents(), out)
        else:
            documents = 0
            for document in store.iter_documents():
                out.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
                documents += 1
    return {"statements": statements, "documents": documents}
