"""Scaling: one process vs `--jobs 2` vs Spark local[2], docs/s on the same PolNeAR texts.

    .venv/bin/python benchmarks/scaling.py --data ../shared/polnear/train [--limit N]

Each run is timed end to end from the documents in memory (or on disk, for Spark) to all
statements out, model loading included, because that is what a user waits for; the single
process's model load is also shown apart. Spark's time includes starting the session and
writing all four Parquet folders. Texts are read from --data and never copied into the project.
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import tempfile
import time

from onrecord.ingest import read_source
from onrecord.parallel import ExtractionError, extract_documents


def load_documents(data: pathlib.Path, limit: int | None):
    folder = data / "text" if (data / "text").is_dir() else data
    paths = sorted(folder.glob("*.txt"))[:limit]
    docs = [d for p in paths for d in read_source(str(p)) if not isinstance(d, Exception)]
    return paths, docs


def time_local(docs, jobs: int) -> tuple[float, int]:
    start = time.perf_counter()
    statements = 0
    for _, found in extract_documents(iter(docs), jobs=jobs):
        if not isinstance(found, ExtractionError):
            statements += len(found)
    return time.perf_counter() - start, statements


def time_model_load() -> float:
    from onrecord.nlp import load

    start = time.perf_counter()
    load()
    return time.perf_counter() - start


def time_spark(paths, master: str) -> tuple[float, int]:
    from onrecord.spark.job import run, session

    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as tmp:
        corpus = pathlib.Path(tmp) / "corpus"
        corpus.mkdir()
        for p in paths:  # a scratch copy of the subsample, deleted after the run
            shutil.copy(p, corpus / p.name)
        start = time.perf_counter()
        spark = session(master, app_name="onrecord-bench")
        spark.sparkContext.setLogLevel("ERROR")
        try:
            summary = run(spark, str(corpus), str(pathlib.Path(tmp) / "out"))
        finally:
            spark.stop()
        return time.perf_counter() - start, summary.statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=pathlib.Path("../shared/polnear/train"))
    parser.add_argument("--limit", type=int, help="only the first N texts (sorted by name)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--skip-spark", action="store_true")
    args = parser.parse_args()

    paths, docs = load_documents(args.data, args.limit)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words from {args.data}")
    load = time_model_load()
    run_one, n_one = time_local(docs, 1)  # the model is loaded by now: this is extraction alone
    one = load + run_one
    rows = [("1 process", one, n_one), ("1 process, no load", run_one, n_one)]
    two, n_two = time_local(docs, 2)
    rows.append(("--jobs 2", two, n_two))
    if not args.skip_spark:
        spark_s, n_spark = time_spark(paths, args.master)
        rows.append((f"spark {args.master}", spark_s, n_spark))
    print(f"{'run':<18}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'statements':>12}{'speed-up':>10}")
    for name, seconds, n in rows:
        print(f"{name:<18}{seconds:>9.1f}{len(docs) / seconds:>9.2f}{words / seconds:>10.0f}{n:>12}"
              f"{one / seconds:>9.2f}x")
    print(f"model load {load:.1f}s; --jobs and Spark load it once per worker, included above")


if __name__ == "__main__":
    main()
