"""What the routes share: the store and the extractor behind one object, and its route dependency.

A module of its own so that the app, the API and the pages all import it and none
imports another.
"""
from __future__ import annotations

import hmac
import threading

from fastapi import HTTPException, Request

from .cache import ResultCache


class Services:
    """What the routes share: the store and the extractor, each opened on first use."""

    def __init__(self, db_url: str | None, write_token: str | None, extractor=None, store=None,
                 cache_seconds: float = 0):
        self.db_url = db_url
        self.write_token = write_token
        self.searches = ResultCache(cache_seconds)
        self._store = store
        self._extractor = extractor
        self._open_lock = threading.Lock()
        # spaCy pipelines are not promised to be thread-safe: one extraction at a time.
        self.extract_lock = threading.Lock()

    @property
    def store(self):
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    from ..store import open_store

                    # Only a server that may write creates a missing store; a read-only one says so.
                    self._store = open_store(self.db_url, create=bool(self.write_token))
        return self._store

    @property
    def extractor(self):
        if self._extractor is None:
            with self._open_lock:
                if self._extractor is None:
                    from ..pipeline import Extractor

                    self._extractor = Extractor()
        return self._extractor

    def extract(self, document):
        extractor = self.extractor
        with self.extract_lock:
            return extractor.extract(document)

    def may_write(self, authorization: str | None) -> bool:
        """True only for `Bearer <token>` matching the configured token; never without one."""
        if not self.write_token or not authorization:
            return False
        scheme, _, given = authorization.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.write_token.encode())

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def services(request: Request) -> Services:
    """Route dependency: the app's shared services."""
    return request.app.state.services


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r}")
