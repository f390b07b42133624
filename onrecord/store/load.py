"""Fill the store from files, folders and Spark output: read, skip what is stored, extract, add.

Already stored documents are skipped before extraction (the costly part), so a
re-run after an interruption only does the work that is left. Documents are added
in batches, one transaction each (`Store.add_many`): a transaction per document cost
more than the documents' rows. A batch that fails is added again one document at a
time, so only the document at fault is reported and left out.
"""
from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..ingest import InputError, iter_documents
from ..parallel import ExtractionError, extract_documents
from ..records import Document, Statement, statement_from_row

SPARK_PARTS = ("documents", "statements")
BATCH_DOCUMENTS = 32
BATCH_SECONDS = 2.0  # a batch waiting for slow extraction is stored by then, so progress keeps moving
DOCUMENT_COLUMNS = ("id", "text", "url", "title", "outlet", "published", "source")


@dataclass
class LoadReport:
    """What an ingest did; `skipped` counts documents by reason, `failed` inputs and documents."""

    read: int = 0
    stored: int = 0
    statements: int = 0
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)


def is_spark_output(path: str) -> bool:
    """A folder with `documents/` and `statements/` Parquet, as `onrecord spark` and `export` write."""
    return all(os.path.isdir(os.path.join(path, part)) for part in SPARK_PARTS)


def load(store, paths: Iterable[str], *, jobs: int = 1, model: str | None = None, fast: bool = True,
         on_document: Callable[[Document, bool], None] | None = None,
         on_error: Callable[[str], None] | None = None) -> LoadReport:
    """Ingest `paths` into `store`; bad inputs are reported through `on_error` and skipped."""
    report = LoadReport()
    notify = on_document or (lambda _d, _stored: None)
    complain = on_error or (lambda _message: None)
    paths = list(paths)
    for path in paths:
        if is_spark_output(path):
            _load_spark(store, path, report, notify, complain)
    plain = [p for p in paths if not is_spark_output(p)]
    fresh = _fresh_documents(store, plain, report, notify, complain)
    first = next(fresh, None)
    if first is None:
        return report
    batch = Batch(store, report, notify, complain)
    for document, result in extract_documents(chain([first], fresh), jobs, model, fast):
        if isinstance(result, ExtractionError):
            report.failed += 1
            complain(str(result))
            continue
        batch.put(document, result)
    batch.flush()
    return report


def _fresh_documents(store, paths: list[str], report: LoadReport, notify, complain) -> Iterator[Document]:
    """The documents not stored yet, asked of the store a batch at a time (one round trip each)."""
    readable = _readable(iter_documents(paths), report, complain)
    while batch := list(islice(readable, BATCH_DOCUMENTS)):
        stored = store.stored_ids([d.id for d in batch])
        for item in batch:
            if item.id in stored:
                report.skipped["already stored"] += 1
                notify(item, False)
            else:
                yield item


def _readable(items, report: LoadReport, complain) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            report.failed += 1
            complain(str(item))
            continue
        report.read += 1
        yield item


class Batch:
    """Documents extracted and waiting to be stored together (see the module's docstring)."""

    def __init__(self, store, report: LoadReport, notify, complain) -> None:
        self.store, self.report, self.notify, self.complain = store, report, notify, complain
        self.items: list[tuple[Document, list[Statement]]] = []
        self.since = 0.0

    def put(self, document: Document, statements: list[Statement]) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append((document, statements))
        if len(self.items) >= BATCH_DOCUMENTS or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        items, self.items = self.items, []
        if not items:
            return
        try:
            added: list[bool | None] = list(self.store.add_many(items))
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            _raise_if_disconnected(exc)
            added = [self._add_one(document, statements) for document, statements in items]
        for (document, statements), stored in zip(items, added):
            if stored is None:
                continue
            if stored:
                self.report.stored += 1
                self.report.statements += len(statements)
            else:
                self.report.skipped["already stored"] += 1
            self.notify(document, stored)

    def _add_one(self, document: Document, statements: list[Statement]) -> bool | None:
        """`Store.add`, or None with the document reported as failed when the store refuses it."""
        try:
            return self.store.add(document, statements)
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            _raise_if_disconnected(exc)
            self.report.failed += 1
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            self.complain(f"{document.source or document.id}: document {document.id!r} not stored "
                          f"({type(exc).__name__}: {reason})")
            return None


def _raise_if_disconnected(exc: Exception) -> None:
    """A lost database is no fault of a document: the ingest stops (a re-run resumes it)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        raise exc


def _load_spark(store, path: str, report: LoadReport, notify, complain) -> None:
    """Documents and their already extracted statements from Parquet: nothing is re-extracted."""
    import pyarrow.dataset as ds

    try:
        statement_rows = ds.dataset(os.path.join(path, "statements"), format="parquet").to_table().to_pylist()
        documents = ds.dataset(os.path.join(path, "documents"), format="parquet")
        by_doc: dict[str, list[Statement]] = defaultdict(list)
        for row in statement_rows:
            by_doc[row["doc"]].append(statement_from_row(row))
        batch = Batch(store, report, notify, complain)
        for record_batch in documents.to_batches():
            for row in record_batch.to_pylist():
                report.read += 1
                document = Document(**{k: row.get(k) for k in DOCUMENT_COLUMNS})
                if store.has_document(document.id):
                    report.skipped["already stored"] += 1
                    notify(document, False)
                    by_doc.pop(document.id, None)
                    continue
                found = sorted(by_doc.pop(document.id, []), key=lambda s: (s.content.start, s.content.end))
                batch.put(document, found)
        batch.flush()
    except (OSError, ValueError, KeyError, TypeError) as exc:  # pyarrow's errors derive from these
        report.failed += 1
        complain(f"{path}: not readable as onrecord Spark output ({type(exc).__name__}: {exc})")
        return
    orphans = sum(len(v) for v in by_doc.values())
    if orphans:
        report.failed += 1
        complain(f"{path}: {orphans} statements whose document is missing from documents/")
