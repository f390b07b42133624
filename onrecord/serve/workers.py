"""Extraction for the server, outside its process: a bounded pool of worker processes.

Parsing holds the interpreter for seconds per article; run in the server's own process it
would stall every other request (the GIL), and one huge or slow text would hold the server.
So each extraction goes to a worker process with its own pipeline, at most `workers` at a
time; at most `queue` more wait, and past that a request is refused at once (`Busy`, a 503
with Retry-After) rather than queued without end. An extraction that outlasts `seconds` has
its worker killed and replaced (`TooSlow`), so no text can hold a worker for longer.
"""
from __future__ import annotations

import multiprocessing as mp
import queue as queues
import threading

from ..records import Document, Statement

DEFAULT_WORKERS = 1
DEFAULT_QUEUE = 4
DEFAULT_SECONDS = 60.0
# Workers run at a lower CPU priority than the server: a search waiting behind a parse is what
# users feel, an extraction taking a little longer is not.
WORKER_NICENESS = 10


class Busy(Exception):
    """Every worker is busy and the queue is full: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the server is extracting as many texts as it can; try again in {retry_after} s")
        self.retry_after = retry_after


class TooSlow(Exception):
    """The extraction took longer than the limit; its worker was stopped."""


class WorkerFailed(Exception):
    """The worker raised or died on this text (a fault of ours, not of the request)."""


def _serve_extractions(conn, model: str | None, fast: bool, tagger: bool = False) -> None:
    """A worker process: load the pipeline once, then extract each Document sent, until EOF."""
    import os

    from ..pipeline import Extractor

    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)

    extractor = Extractor(model, fast=fast, tagger=tagger) if model else Extractor(fast=fast, tagger=tagger)
    conn.send(("ready", None))
    while True:
        try:
            document = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", extractor.extract(document)))
        except Exception as exc:  # noqa: BLE001 - reported to the server as this text's failure
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context, model: str | None, fast: bool, tagger: bool = False):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve_extractions, args=(child, model, fast, tagger), daemon=True,
                                       name="onrecord-extract")
        self.process.start()
        child.close()
        self.ready = False

    def run(self, document: Document, seconds: float) -> list[Statement]:
        if not self.ready:  # the model loads once per worker, not against any request's limit
            self._receive(None)
            self.ready = True
        self.conn.send(document)
        kind, value = self._receive(seconds)
        if kind == "error":
            raise WorkerFailed(value)
        return value

    def _receive(self, seconds: float | None):
        if seconds is not None and not self.conn.poll(seconds):
            self.stop()
            raise TooSlow(f"the extraction took longer than the server's limit of {seconds:g} s")
        try:
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise WorkerFailed("the worker process died on this text") from exc

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class ExtractionPool:
    """`extract(document)` in a worker process, blocking its caller (a thread, never the event loop)."""

    def __init__(self, workers: int = DEFAULT_WORKERS, queue: int = DEFAULT_QUEUE,
                 seconds: float = DEFAULT_SECONDS, model: str | None = None, fast: bool = True,
                 tagger: bool = False):
        self.workers = workers
        self.seconds = seconds
        self.model = model
        self.fast = fast
        self.tagger = tagger
        self._admitted = threading.BoundedSemaphore(workers + queue)
        self._idle: queues.Queue[_Worker | None] = queues.Queue()
        for _ in range(workers):
            self._idle.put(None)  # a slot whose worker starts on first use
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        # Spawned, not forked: the server has threads, and a fork copies locks they hold.
        self._context = mp.get_context("spawn")

    def extract(self, document: Document) -> list[Statement]:
        if not self._admitted.acquire(blocking=False):
            raise Busy(max(1, round(self.seconds / 4)))
        try:
            worker = self._idle.get()
            try:
                if worker is None or not worker.alive:
                    worker = self._start()
                return worker.run(document, self.seconds)
            finally:
                self._idle.put(worker if worker is not None and worker.alive else None)
        finally:
            self._admitted.release()

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.model, self.fast, self.tagger)
        with self._lock:
            self._all = [w for w in self._all if w.alive] + [worker]
        return worker

    def close(self) -> None:
        with self._lock:
            for worker in self._all:
                worker.stop()
            self._all = []


class InProcessExtraction:
    """An extractor given to the app (tests, embedding), behind the same admission limit; it runs
    in the caller's thread, so there is no time limit (a thread cannot be stopped)."""

    def __init__(self, extractor, workers: int = DEFAULT_WORKERS, queue: int = DEFAULT_QUEUE):
        self.extractor = extractor
        self._admitted = threading.BoundedSemaphore(workers + queue)
        self._one_at_a_time = threading.Lock()  # spaCy pipelines are not promised thread-safe

    def extract(self, document: Document) -> list[Statement]:
        if not self._admitted.acquire(blocking=False):
            raise Busy(5)
        try:
            with self._one_at_a_time:
                return self.extractor.extract(document)
        finally:
            self._admitted.release()

    def close(self) -> None:
        pass
