"""What storing costs on top of extraction: ingest of PolNeAR train (840 articles).

    .venv/bin/python benchmarks/store_ingest.py [--folder ../shared/polnear/train/text]
        [--engines sqlite,postgresql] [--batch N]

Extracts every article once (single process, model loaded before the clock starts),
then runs `onrecord ingest`'s own loop (`onrecord.store.load.load`: read, skip the stored,
add in batches) into a fresh store per engine, with extraction replaced by those results,
so the time is what storing adds. Reading the files is timed apart and counted in neither.
Prints docs/s for each step and storage time as a share of extraction time (the target is
<= 10%). `--batch 1` stores one document per transaction, as before batching.
The machine's load is printed: figures are only comparable from an idle machine.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

import onrecord.store.load as store_load
from onrecord.ingest import InputError, iter_documents
from onrecord.pipeline import Extractor
from onrecord.store import open_store
from scratch import scratch_store_url

DEFAULT_FOLDER = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "polnear" / "train" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default=str(DEFAULT_FOLDER))
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--batch", type=int, default=store_load.BATCH_DOCUMENTS,
                        help="documents per transaction (default: ingest's own)")
    args = parser.parse_args()
    store_load.BATCH_DOCUMENTS = args.batch
    print(f"command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
    print(f"load average at start {_load()}, {os.cpu_count()} cores; batch {args.batch} documents")

    t = time.perf_counter()
    documents = [d for d in iter_documents([args.folder]) if not isinstance(d, InputError)]
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    extracted = {d.id: statements for d, statements in extractor.extract_many(documents)}
    extract_s = time.perf_counter() - t
    print(f"{len(documents)} documents, {sum(map(len, extracted.values()))} statements; "
          f"model load {load_s:.1f}s, reading the files {read_s:.2f}s")
    print(f"{'extraction':22} {extract_s:7.1f}s  {len(documents) / extract_s:7.1f} docs/s")

    def precomputed(docs, _jobs, _model, _fast=False):
        return ((d, extracted[d.id]) for d in docs)

    store_load.extract_documents = precomputed
    for engine in args.engines.split(","):
        with scratch_store_url(engine, "bench_ingest") as url, open_store(url) as store:
            t = time.perf_counter()
            report = store_load.load(store, [args.folder])
            store_s = time.perf_counter() - t - read_s
            speakers = len(store.speakers(limit=100_000))
        assert report.stored == len(documents) and not report.failed, report
        print(f"{'store (' + engine + ')':22} {store_s:7.1f}s  {len(documents) / store_s:7.1f} docs/s  "
              f"= {100 * store_s / extract_s:4.1f}% of extraction; end to end "
              f"{len(documents) / (extract_s + store_s):.1f} docs/s; {speakers} speakers")
    print(f"load average at end {_load()} (an idle machine reads below 0.5)")


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
