"""Scaling: one process vs `--jobs 2` vs Spark local[2], docs/s on the same PolNeAR texts.

    .venv/bin/python benchmarks/scaling.py --data ../shared/polnear/train [--limit N]

Each run is timed end to end from the documents in memory (or on disk, for Spark) to all
statements out, model loading included, because that is what a user waits for; the single
process's model load is also shown apart. The local runs each get a fresh process with the
libraries imported and no model loaded, so each pays its own load (`--jobs 2` once in the
parent when it forks its workers, once per worker when it spawns them). Spark's time includes
starting the session and writing all four Parquet folders. Texts are read from --data and
never copied into the project.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from onrecord.ingest import read_source
from onrecord.parallel import ExtractionError, extract_documents


def load_documents(data: pathlib.Path, limit: int | None):
    folder = data / "text" if (data / "text").is_dir() else data
    paths = sorted(folder.glob("*.txt"))[:limit]
    docs = [d for p in paths for d in read_source(str(p)) if not isinstance(d, Exception)]
    return paths, docs


def time_local(data: pathlib.Path, limit: int | None, jobs: int) -> dict:
    """`run_local` in a fresh process: {"seconds", "load", "statements"}."""
    cmd = [sys.executable, __file__, "--data", str(data), "--local-jobs", str(jobs)]
    if limit:
        cmd += ["--limit", str(limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_local(data: pathlib.Path, limit: int | None, jobs: int) -> dict:
    """One local run, model load included; with one job the load is also timed apart."""
    import onrecord.pipeline  # noqa: F401  (imports are not timed: Spark's workers have theirs done too)
    from onrecord.nlp import load

    _, docs = load_documents(data, limit)
    start = time.perf_counter()
    if jobs == 1:
        load()
    loaded = time.perf_counter()
    statements = 0
    for _, found in extract_documents(iter(docs), jobs=jobs):
        if not isinstance(found, ExtractionError):
            statements += len(found)
    end = time.perf_counter()
    return {"seconds": end - start, "load": loaded - start, "statements": statements}


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
    parser.add_argument("--local-jobs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.local_jobs:
        print(json.dumps(run_local(args.data, args.limit, args.local_jobs)))
        return

    paths, docs = load_documents(args.data, args.limit)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words from {args.data}")
    single = time_local(args.data, args.limit, 1)
    one, load = single["seconds"], single["load"]
    rows = [("1 process", one, single["statements"]),
            ("1 process, no load", one - load, single["statements"])]
    two = time_local(args.data, args.limit, 2)
    rows.append(("--jobs 2", two["seconds"], two["statements"]))
    if not args.skip_spark:
        spark_s, n_spark = time_spark(paths, args.master)
        rows.append((f"spark {args.master}", spark_s, n_spark))
    print(f"{'run':<18}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'statements':>12}{'speed-up':>10}")
    for name, seconds, n in rows:
        print(f"{name:<18}{seconds:>9.1f}{len(docs) / seconds:>9.2f}{words / seconds:>10.0f}{n:>12}"
              f"{one / seconds:>9.2f}x")
    print(f"model load {load:.1f}s, included above: --jobs 2 loads it once before forking its workers "
          f"(once per worker where it must spawn them), Spark once per Python worker")


if __name__ == "__main__":
    main()
