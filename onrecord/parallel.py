"""Extraction over many documents: `--jobs N` worker processes, in input order, streaming.

Documents are read lazily and sent to the workers in small chunks, with only a few chunks
in flight per worker, so memory stays bounded however long the input is. Workers are forked
from a parent that has loaded the model where that is safe, else each loads it once
(`_start_method`). A document that fails (an exception, or even a worker process that dies on
it) yields an `ExtractionError` in its place; the rest of the batch goes on.
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from .records import Document, Statement

# Documents per task: big enough for nlp.pipe to batch, small enough to balance the workers.
CHUNK_SIZE = 8
# Chunks in flight per worker: one being worked on, one queued, so no worker waits.
CHUNKS_IN_FLIGHT_PER_JOB = 2
# Chunk size for the last documents of a run over workers, so that they all finish together.
TAIL_CHUNK_SIZE = 2


class ExtractionError(Exception):
    """Why one document yielded no statements; str() is the one-line reason."""

    def __init__(self, doc_id: str, reason: str):
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason

    def __reduce__(self):
        return ExtractionError, (self.doc_id, self.reason)


Result = tuple[Document, "list[Statement] | ExtractionError"]


def extract_chunk(extractor, documents: list[Document]) -> list[Result]:
    """One chunk, parsed as a batch; if the batch fails, each document alone, so one bad
    document costs only itself. The Spark job runs this inside each partition too."""
    try:
        return list(extractor.extract_many(documents))
    except Exception:  # noqa: BLE001 - which document failed is found below, one by one
        pass
    results: list[Result] = []
    for document in documents:
        try:
            results.append((document, extractor.extract(document)))
        except Exception as exc:  # noqa: BLE001 - reported as this document's error
            results.append((document, ExtractionError(_doc_id(document), _reason(exc))))
    return results


def _doc_id(document: Document) -> str:
    return str(getattr(document, "id", None) or "<document without id>")


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def chunked(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of up to `size` documents, taken lazily from `documents`."""
    it = iter(documents)
    while chunk := list(islice(it, size)):
        yield chunk


def chunked_with_small_tail(documents: Iterable[Document], size: int, tail: int,
                            tail_size: int) -> Iterator[list[Document]]:
    """Like `chunked`, but the last documents (at least `tail`) come in chunks of `tail_size`.

    Workers take chunks as they free up, so they end within one chunk of each other; small
    chunks at the end keep that gap short. Reads `tail` documents ahead to know where the end is.
    """
    it = iter(documents)
    ahead: deque[Document] = deque(islice(it, tail))
    for document in it:
        ahead.append(document)
        if len(ahead) == tail + size:
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        yield [ahead.popleft() for _ in range(min(tail_size, len(ahead)))]


_worker_extractor = None


def _init_worker(model: str, fast: bool, tagger: bool) -> None:
    """The worker's Extractor; a forked worker finds the model already in `nlp.load`'s cache.

    The tagger's onnxruntime session is made here, in the worker, with one thread: sessions
    and their thread pools do not survive a fork, and the workers already fill the cores.
    """
    global _worker_extractor
    from .pipeline import Extractor

    _worker_extractor = Extractor(model, fast=fast, tagger=tagger, tagger_threads=1)


def _start_method() -> str:
    """"fork" where it is safe, else "spawn".

    Forked workers inherit the model the parent loaded (copy-on-write), so none starts an
    interpreter or loads the model: on 2 cores that start-up is a good part of a run. Forking
    while another thread runs can copy a lock that thread holds into the child, where nothing
    ever releases it; so a parent with threads (a server, a test harness) spawns its workers,
    as do platforms without fork and macOS, whose system libraries are not fork-safe.
    """
    if sys.platform != "darwin" and "fork" in mp.get_all_start_methods() \
            and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _extract_in_worker(documents: list[Document]) -> list[Result]:
    return extract_chunk(_worker_extractor, documents)


def extract_documents(documents: Iterable[Document], jobs: int = 1, model: str | None = None,
                      fast: bool = True, tagger: bool = False) -> Iterator[Result]:
    """(document, statements) for each document, in input order, over `jobs` processes.

    Where a document fails, an `ExtractionError` stands in place of its statements.
    `fast` parses without spaCy's NER; `tagger` adds the learned tagger (see `pipeline.Extractor`).
    """
    from .nlp import DEFAULT_MODEL

    model = model or DEFAULT_MODEL
    if jobs <= 1:
        from .pipeline import Extractor

        extractor = Extractor(model, fast=fast, tagger=tagger)
        for chunk in chunked(documents, CHUNK_SIZE):
            yield from extract_chunk(extractor, chunk)
        return
    yield from _WorkerPool(jobs, model, fast, tagger).run(documents)


class _WorkerPool:
    """A process pool fed a bounded window of chunks, rebuilt if a worker process dies.

    After a worker dies, the chunks that were in flight are re-run one document at a time,
    so the document that kills a worker again is known and becomes that document's error.
    """

    def __init__(self, jobs: int, model: str, fast: bool = True, tagger: bool = False):
        self.jobs = jobs
        self.model = model
        self.fast = fast
        self.tagger = tagger
        self.executor: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self.executor is None:
            method = _start_method()
            if method == "fork":
                from .nlp import load

                load(self.model, self.fast)  # here, once, for every worker to inherit
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=mp.get_context(method),
                                                initializer=_init_worker, initargs=(self.model, self.fast, self.tagger))
        return self.executor

    def _restart(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def run(self, documents: Iterable[Document]) -> Iterator[Result]:
        window = self.jobs * CHUNKS_IN_FLIGHT_PER_JOB
        chunks = chunked_with_small_tail(documents, CHUNK_SIZE, tail=self.jobs * CHUNK_SIZE,
                                         tail_size=TAIL_CHUNK_SIZE)
        in_flight: deque[tuple[list[Document], Future]] = deque()
        try:
            while True:
                # A worker may die while the window is refilled: submit() then finds the pool
                # broken, and the chunk it was given joins those in flight to be re-run.
                refill: list[Document] | None = None
                try:
                    while len(in_flight) < window and (refill := next(chunks, None)) is not None:
                        in_flight.append((refill, self._start().submit(_extract_in_worker, refill)))
                        refill = None
                except BrokenProcessPool:
                    yield from self._after_a_death([c for c, _ in in_flight] + [refill or []])
                    in_flight.clear()
                    continue
                if not in_flight:
                    return
                chunk, future = in_flight.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    yield from self._after_a_death([chunk] + [c for c, _ in in_flight])
                    in_flight.clear()
                    continue
                except Exception as exc:  # noqa: BLE001 - a result that could not come back
                    results = [(d, ExtractionError(_doc_id(d), _reason(exc))) for d in chunk]
                yield from results
        finally:
            self._restart()

    def _after_a_death(self, unfinished: list[list[Document]]) -> Iterator[Result]:
        """The chunks that were in flight when a worker died, in order, one document at a time."""
        self._restart()
        for pending in unfinished:
            for document in pending:
                yield self._one_alone(document)

    def _one_alone(self, document: Document) -> Result:
        """One document with nothing else in flight: if the pool breaks, it is the cause."""
        try:
            return self._start().submit(_extract_in_worker, [document]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return document, ExtractionError(_doc_id(document), "the worker process died on it")
