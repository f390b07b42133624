"""Worker processes for `--jobs N`: each loads the model once, output keeps input order."""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from .records import Document, Statement

_worker_extractor = None


def _init_worker(model: str) -> None:
    global _worker_extractor
    from .pipeline import Extractor

    _worker_extractor = Extractor(model)


def _extract_one(document: Document) -> tuple[Document, list[Statement]]:
    assert _worker_extractor is not None
    return document, _worker_extractor.extract(document)


def extract_documents(documents: Iterable[Document], jobs: int = 1, model: str | None = None,
                      ) -> Iterator[tuple[Document, list[Statement]]]:
    """(document, statements) for each document, in input order, over `jobs` processes."""
    from .nlp import DEFAULT_MODEL
    from .pipeline import Extractor

    model = model or DEFAULT_MODEL
    if jobs <= 1:
        yield from Extractor(model).extract_many(documents)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        yield from pool.imap(_extract_one, documents, chunksize=4)
