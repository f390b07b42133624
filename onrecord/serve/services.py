"""What the routes share: the store and the extractor behind one object, and its route dependency.

A module of its own so that the app, the API and the pages all import it and none
imports another.
"""
from __future__ import annotations

import hmac
import logging
import threading

from fastapi import HTTPException, Request

from ..ingest import max_bytes_from_env
from .cache import ResultCache
from .workers import Busy, TooSlow, WorkerFailed

log = logging.getLogger(__name__)


class Services:
    """What the routes share: the store (opened on first use) and the extraction workers."""

    def __init__(self, db_url: str | None, write_token: str | None, extraction, store=None,
                 cache_seconds: float = 0, max_document_bytes: int | None = None):
        self.db_url = db_url
        self.write_token = write_token
        self.searches = ResultCache(cache_seconds)
        self.max_document_bytes = max_document_bytes or max_bytes_from_env()
        self._store = store
        self.extraction = extraction
        self._open_lock = threading.Lock()

    @property
    def store(self):
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    from ..store import open_store

                    self._store = open_store(self.db_url)
        return self._store

    def extract(self, document):
        """The document's statements from a worker, or the HTTP error saying why not: 413 over the
        size limit, 503 with Retry-After when every worker and queue place is taken, 422 past
        the time limit. Blocking: call it from a thread, never the event loop."""
        size = len(document.text.encode("utf-8"))
        if size > self.max_document_bytes:
            raise HTTPException(413, detail=f"text too large: {size} bytes; the limit is "
                                            f"{self.max_document_bytes} bytes")
        try:
            return self.extraction.extract(document)
        except Busy as exc:
            raise HTTPException(503, detail=str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
        except TooSlow as exc:
            raise HTTPException(422, detail=f"{exc}; send a shorter text") from None
        except WorkerFailed as exc:
            log.error("extraction failed on document %r: %s", document.id, exc)
            raise

    def may_write(self, authorization: str | None) -> bool:
        """True only for `Bearer <token>` matching the configured token; never without one."""
        if not self.write_token or not authorization:
            return False
        scheme, _, given = authorization.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.write_token.encode())

    def close(self) -> None:
        self.extraction.close()
        if self._store is not None:
            self._store.close()
            self._store = None


def services(request: Request) -> Services:
    """Route dependency: the app's shared services."""
    return request.app.state.services


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r}")
