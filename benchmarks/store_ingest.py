"""What storing costs on top of extraction: ingest of PolNeAR train (840 articles).

    .venv/bin/python benchmarks/store_ingest.py [--folder ../shared/polnear/train/text] [--engines sqlite,postgresql]

Extracts every article once (single process, model loaded before the clock starts),
then adds the documents and their statements to a fresh store per engine, one
transaction per document as `onrecord ingest` does, and prints docs/s for each
step and storage time as a share of extraction time (the target is <= 10%).
"""
from __future__ import annotations

import argparse
import pathlib
import time

from onrecord.ingest import InputError, iter_documents
from onrecord.pipeline import Extractor
from onrecord.store import open_store
from scratch import scratch_store_url

DEFAULT_FOLDER = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "polnear" / "train" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default=str(DEFAULT_FOLDER))
    parser.add_argument("--engines", default="sqlite,postgresql")
    args = parser.parse_args()

    documents = [d for d in iter_documents([args.folder]) if not isinstance(d, InputError)]
    t = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    extracted = list(extractor.extract_many(documents))
    extract_s = time.perf_counter() - t
    n_statements = sum(len(s) for _d, s in extracted)
    print(f"{len(documents)} documents, {n_statements} statements; model load {load_s:.1f}s")
    print(f"{'extraction':22} {extract_s:7.1f}s  {len(documents) / extract_s:7.1f} docs/s")
    for engine in args.engines.split(","):
        with scratch_store_url(engine, "bench_ingest") as url, open_store(url) as store:
            t = time.perf_counter()
            for document, statements in extracted:
                store.add(document, statements)
            store_s = time.perf_counter() - t
            speakers = len(store.speakers(limit=100_000))
        print(f"{'store (' + engine + ')':22} {store_s:7.1f}s  {len(documents) / store_s:7.1f} docs/s  "
              f"= {100 * store_s / extract_s:4.1f}% of extraction; end to end "
              f"{len(documents) / (extract_s + store_s):.1f} docs/s; {speakers} speakers")

if __name__ == "__main__":
    main()
