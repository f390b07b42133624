"""Fill the store from files, folders and Spark output: read, skip what is stored, extract, add.

Documents stored with the same text are skipped before extraction (the costly part), so a
re-run after an interruption only does the work that is left; a stored id whose text
changed is extracted again and replaces the old version (`Store.add_many`). Documents are added
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

from . import ADDED, UNCHANGED, UPDATED

from ..ingest import InputError, iter_documents
from ..parallel import ExtractionError, extract_documents
from ..records import Document, Statement, statement_from_row
from ..select import EVERYTHING, Selection, select
from .schema import text_hash

SPARK_PARTS = ("documents", "statements")
BATCH_DOCUMENTS = 32
BATCH_SECONDS = 2.0  # a batch waiting for slow extraction is stored by then, so progress keeps moving
DOCUMENT_COLUMNS = ("id", "text", "url", "title", "outlet", "published", "source")


@dataclass
class LoadReport:
    """What an ingest did; `stored` counts new documents, `updated` changed ones (both with their
    `statements`), `skipped` documents by reason, `failed` inputs and documents."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    statements: int = 0
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)


class StoreLost(Exception):
    """The database went away mid-ingest (not the fault of any document); `report` holds what
    was stored before. A re-run resumes."""

    def __init__(self, reason: str, report: LoadReport):
        super().__init__(reason)
        self.report = report


def is_spark_output(path: str) -> bool:
    """A folder with `documents/` and `statements/` Parquet, as `onrecord spark` and `export` write."""
    return all(os.path.isdir(os.path.join(path, part)) for part in SPARK_PARTS)


def load(store, paths: Iterable[str], *, jobs: int = 1, model: str | None = None, fast: bool = True,
         tagger: bool = False,
         max_bytes: int | None = None, on_document: Callable[[Document, str], None] | None = None,
         on_error: Callable[[str], None] | None = None, selection: Selection = EVERYTHING) -> LoadReport:
    """Ingest `paths` into `store`; bad inputs are reported through `on_error` and skipped.

    `on_document` hears each document's outcome (`store.ADDED`, `UPDATED` or `UNCHANGED`).
    The store is checked writable first (its own error is raised). StoreLost if the database
    goes away meanwhile. Only the statements `selection` keeps are stored (select.py).
    """
    store.check_writable()
    report = LoadReport()
    try:
        _load(store, list(paths), report, jobs, model, (fast, tagger), max_bytes, on_document or (lambda _d, _outcome: None),
              on_error or (lambda _message: None), selection)
    except DBAPIError as exc:
        if not exc.connection_invalidated and not _is_connection_error(exc):
            raise
        raise StoreLost(_first_line(exc.orig or exc), report) from exc
    return report


def _is_connection_error(exc: DBAPIError) -> bool:
    """A connection that could not be (re)made: the server is gone, not a document's fault."""
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError) and any(
        word in str(exc.orig).lower() for word in ("connection", "server closed", "terminat"))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _load(store, paths: list[str], report: LoadReport, jobs: int, model: str | None, mode: tuple[bool, bool],
          max_bytes: int | None, notify, complain, selection: Selection) -> None:
    for path in paths:
        if is_spark_output(path):
            _load_spark(store, path, report, notify, complain, selection)
    plain = [p for p in paths if not is_spark_output(p)]
    fresh = _fresh_documents(store, plain, report, notify, complain, max_bytes)
    first = next(fresh, None)
    if first is None:
        return
    batch = Batch(store, report, notify, complain)
    for document, result in extract_documents(chain([first], fresh), jobs, model, *mode):
        if isinstance(result, ExtractionError):
            report.failed += 1
            complain(str(result))
            continue
        batch.put(document, select(result, selection))
    batch.flush()


def _fresh_documents(store, paths: list[str], report: LoadReport, notify, complain,
                     max_bytes: int | None) -> Iterator[Document]:
    """The documents not stored with this text yet, asked of the store a batch at a time."""
    readable = _readable(iter_documents(paths, max_bytes=max_bytes), report, complain)
    while batch := list(islice(readable, BATCH_DOCUMENTS)):
        stored = store.stored_hashes([d.id for d in batch])
        for item in batch:
            if stored.get(item.id) == text_hash(item.text):
                report.skipped["already stored"] += 1
                notify(item, UNCHANGED)
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
            outcomes: list[str | None] = list(self.store.add_many(items))
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            _raise_if_disconnected(exc)
            outcomes = [self._add_one(document, statements) for document, statements in items]
        for (document, statements), outcome in zip(items, outcomes):
            if outcome is None:
                continue
            if outcome == UNCHANGED:
                self.report.skipped["already stored"] += 1
            else:
                self.report.stored += outcome == ADDED
                self.report.updated += outcome == UPDATED
                self.report.statements += len(statements)
            self.notify(document, outcome)

    def _add_one(self, document: Document, statements: list[Statement]) -> str | None:
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
    if isinstance(exc, DBAPIError) and (exc.connection_invalidated or _is_connection_error(exc)):
        raise exc


def _load_spark(store, path: str, report: LoadReport, notify, complain, selection: Selection) -> None:
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
                if store.stored_hashes([document.id]).get(document.id) == text_hash(document.text):
                    report.skipped["already stored"] += 1
                    notify(document, UNCHANGED)
                    by_doc.pop(document.id, None)
                    continue
                found = sorted(by_doc.pop(document.id, []), key=lambda s: (s.content.start, s.content.end))
                batch.put(document, select(found, selection))
        batch.flush()
    except (OSError, ValueError, KeyError, TypeError) as exc:  # pyarrow's errors derive from these
        report.failed += 1
        complain(f"{path}: not readable as onrecord Spark output ({type(exc).__name__}: {exc})")
        return
    orphans = sum(len(v) for v in by_doc.values())
    if orphans:
        report.failed += 1
        complain(f"{path}: {orphans} statements whose document is missing from documents/")
