"""`--jobs N`: the same statements in the same order as one process, and one bad document
costs only itself (an exception, or a worker process that dies on it)."""
from __future__ import annotations

import os
import threading

import pytest

from onrecord import parallel
from onrecord.parallel import ExtractionError, chunked, chunked_with_small_tail, extract_documents
from onrecord.records import Document

TEXTS = [
    '"We will not raise taxes," the governor said on Monday.\n\nShe added that the budget was balanced.',
    'The mayor told reporters that the bridge would reopen in May. "It is safe," he said.',
    'Nothing was said here at all.',
    '"I loved making it," the director said. "Every day was a gift."',
    'According to the senator, the bill "will pass easily" next week.',
    '"We are ready," said Maria Lopez, the coach. The team agreed.',
    'The company said in a statement that profits rose.',
    '"Never again," the minister told the BBC in an interview last year.',
    '"Too early to say," an official said.',
    'He said he would run again. "Count on it," he added.',
]


def corpus(n: int = 20) -> list[Document]:
    """More documents than one chunk per worker, so chunks interleave across workers."""
    return [Document(id=f"doc-{i:02d}", text=TEXTS[i % len(TEXTS)], published="2024-03-01")
            for i in range(n)]


class _KillsTheWorker:
    """Unpickled in the worker, it ends that process at once, as a crash in native code would."""

    def __reduce__(self):
        return os._exit, (3,)


def test_chunked_is_lazy_and_complete():
    taken = []

    def source():
        for i in range(10):
            taken.append(i)
            yield i

    chunks = chunked(source(), 4)
    assert next(chunks) == [0, 1, 2, 3]
    assert taken == [0, 1, 2, 3]
    assert list(chunks) == [[4, 5, 6, 7], [8, 9]]


def test_the_last_documents_come_in_small_chunks_read_a_bounded_way_ahead():
    taken = []

    def source():
        for i in range(30):
            taken.append(i)
            yield i

    chunks = chunked_with_small_tail(source(), 8, tail=12, tail_size=2)
    assert next(chunks) == list(range(8))
    assert len(taken) == 20  # the chunk and the 12 documents after it
    rest = list(chunks)
    assert [len(c) for c in rest] == [8] + [2] * 7  # the last 14: at least 12, fewer than 12 + 8
    assert [i for c in rest for i in c] == list(range(8, 30))
    assert [len(c) for c in chunked_with_small_tail(range(5), 8, tail=12, tail_size=2)] == [2, 2, 1]


def test_workers_are_spawned_while_another_thread_runs():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert parallel._start_method() == "spawn"
    finally:
        release.set()
        thread.join()


@pytest.fixture(params=["fork", "spawn"])
def start_method(request, monkeypatch):
    """Both ways of starting workers; fork only where the platform has it."""
    if request.param == "fork" and parallel._start_method() != "fork":
        pytest.skip("workers cannot be forked here")
    monkeypatch.setattr(parallel, "_start_method", lambda: request.param)
    return request.param


@pytest.mark.model
def test_jobs_two_equals_jobs_one(start_method):
    docs = corpus(40)  # past the read-ahead, so both full chunks and the small tail are used
    one = list(extract_documents(docs, jobs=1))
    two = list(extract_documents(iter(docs), jobs=2))
    assert [d.id for d, _ in two] == [d.id for d in docs]
    assert [(d.id, [s.to_dict() for s in found]) for d, found in two] == \
        [(d.id, [s.to_dict() for s in found]) for d, found in one]
    assert sum(len(found) for _, found in one) > len(docs) // 2
    for document, found in two:
        for st in found:
            assert document.text[st.content.start:st.content.end] == st.content.text


@pytest.mark.model
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_document_is_an_error_for_it_alone(jobs):
    docs = corpus(12)
    docs[5] = Document(id="broken", text=None)  # type: ignore[arg-type]
    results = list(extract_documents(docs, jobs=jobs))
    assert [d.id for d, _ in results] == [d.id for d in docs]
    error = results[5][1]
    assert isinstance(error, ExtractionError) and error.doc_id == "broken"
    assert all(isinstance(found, list) for i, (_, found) in enumerate(results) if i != 5)
    assert sum(len(found) for i, (_, found) in enumerate(results) if i != 5) > 0


@pytest.mark.model
def test_a_worker_that_dies_costs_only_its_document(monkeypatch, start_method):
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 3)
    docs = corpus(10)
    docs[4] = Document(id="crasher", text=TEXTS[0], meta={"poison": _KillsTheWorker()})
    results = list(extract_documents(docs, jobs=2))
    assert [d.id for d, _ in results] == [d.id for d in docs]
    assert isinstance(results[4][1], ExtractionError)
    assert "died" in results[4][1].reason
    clean = list(extract_documents([d for i, d in enumerate(docs) if i != 4], jobs=1))
    assert [[s.to_dict() for s in f] for i, (_, f) in enumerate(results) if i != 4] == \
        [[s.to_dict() for s in f] for _, f in clean]


@pytest.mark.model
def test_a_worker_that_dies_while_the_window_is_refilled_costs_nothing(monkeypatch, start_method):
    """The race `submit()` used to lose: the pool breaks between taking a result and sending the
    next chunk. Here a worker is killed at exactly that moment, at the first refill."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(parallel, "CHUNK_SIZE", 2)
    window = 2 * parallel.CHUNKS_IN_FLIGHT_PER_JOB
    submits = []

    class DiesAtTheRefill(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            submits.append(len(submits))
            if len(submits) == window + 1:
                victim = next(iter(self._processes.values()))
                victim.kill()
                victim.join()
                while not self._broken:  # the pool's own thread notices the death
                    time.sleep(0.01)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", DiesAtTheRefill)
    docs = corpus(16)
    results = list(extract_documents(docs, jobs=2))
    assert len(submits) > window + 1, "the refill was reached"
    assert [d.id for d, _ in results] == [d.id for d in docs]
    assert not any(isinstance(found, ExtractionError) for _, found in results)
    clean = list(extract_documents(docs, jobs=1))
    assert [[s.to_dict() for s in f] for _, f in results] == [[s.to_dict() for s in f] for _, f in clean]
