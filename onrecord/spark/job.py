"""The corpus job: documents in, statements, documents, errors and quote groups out, as Parquet.

    onrecord spark INPUT OUTPUT [--master URL]
    spark-submit onrecord/cli/spark_submit.py INPUT OUTPUT

Each executor's Python worker loads the spaCy model once (`nlp.load` caches it per process,
and Spark reuses its Python workers) and runs the same per-document function as the CLI
(`parallel.extract_chunk` over `Extractor`), so ids and offsets equal a local run's. A record
that fails to read or extract lands in OUTPUT/errors/ with its reason; the job goes on.

OUTPUT/statements/  one row per Statement, columns `records.ROW_FIELDS`
OUTPUT/documents/   one row per document extracted, columns `DOCUMENT_FIELDS`
OUTPUT/errors/      one row per failure, columns `ERROR_FIELDS`
OUTPUT/groups/      one row per statement, columns `groups.GROUP_FIELDS`
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from onrecord.nlp import DEFAULT_MODEL
from onrecord.parallel import CHUNK_SIZE, ExtractionError, chunked, extract_chunk
from onrecord.records import ROW_FIELDS, Document, statement_to_row
from onrecord.spark.groups import GROUP_FIELDS, group_rows
from onrecord.spark.read import Item, read_items

DOCUMENT_FIELDS = ("id", "text", "url", "title", "outlet", "published", "source")
ERROR_FIELDS = ("stage", "source", "doc", "reason")
"""`stage` is "read" (the file or record could not be read) or "extract"."""
PARTITIONS_PER_CORE = 4
"""Extraction partitions per core: small enough that one slow partition does not idle the rest."""


@dataclass(frozen=True)
class Summary:
    """What a run wrote, for the CLI to report."""

    output: str
    documents: int
    statements: int
    errors: int
    groups: int  # quote groups of two or more statements
    first_errors: list[tuple[str | None, str | None, str | None, str | None]]


def session(master: str | None = None, app_name: str = "onrecord"):
    """The active SparkSession, or a new one on `master` (spark-submit's own when not given).

    On a local master the workers run this very interpreter, so they see the same venv.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        # PySpark starts its workers with PYSPARK_PYTHON (python3 on PATH when unset).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.sql.shuffle.partitions", "8")
    return builder.getOrCreate()


def _schema(fields: Iterable[str]):
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    def kind(name: str):
        if name.endswith(("_start", "_end")) or name == "group_size":
            return LongType()
        return DoubleType() if name == "confidence" else StringType()

    return StructType([StructField(name, kind(name), True) for name in fields])


def extract_partition(items: Iterable[Item], model: str, fast: bool = True,
                      tagger: bool = False) -> Iterator[tuple[str, tuple]]:
    """Tagged output rows for one partition; the model is loaded once per worker process."""
    from onrecord.pipeline import Extractor

    extractor = None
    pending: list[Document] = []

    def flush() -> Iterator[tuple[str, tuple]]:
        nonlocal extractor
        if extractor is None:
            extractor = Extractor(model, fast=fast, tagger=tagger, tagger_threads=1)
        for document, found in extract_chunk(extractor, pending):
            if isinstance(found, ExtractionError):
                yield "error", ("extract", document.source, found.doc_id, found.reason)
                continue
            doc = document.to_dict()
            yield "document", tuple(doc[f] for f in DOCUMENT_FIELDS)
            for statement in found:
                row = statement_to_row(statement)
                yield "statement", tuple(row[f] for f in ROW_FIELDS)
        pending.clear()

    for tag, value in items:
        if tag == "error":
            yield "error", value
            continue
        pending.append(value)
        if len(pending) >= CHUNK_SIZE:
            yield from flush()
    if pending:
        yield from flush()


def run(spark, input_path: str, output: str, partitions: int | None = None,
        model: str = DEFAULT_MODEL, fast: bool = True, max_bytes: int | None = None,
        tagger: bool = False) -> Summary:
    """Extract everything at `input_path` into OUTPUT's four Parquet folders (each replaced);
    a document over `max_bytes` (default: ONRECORD_MAX_BYTES, else 5 MiB) is an error row."""
    from pyspark import StorageLevel

    from onrecord.ingest import max_bytes_from_env

    partitions = partitions or spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
    items = read_items(spark, input_path, max_bytes or max_bytes_from_env()).repartition(partitions)
    tagged = items.mapPartitions(lambda part: extract_partition(part, model, fast, tagger))
    tagged.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        frames = {}
        for tag, folder, fields in (("statement", "statements", ROW_FIELDS),
                                    ("document", "documents", DOCUMENT_FIELDS),
                                    ("error", "errors", ERROR_FIELDS)):
            rows = tagged.filter(lambda kv, tag=tag: kv[0] == tag).map(lambda kv: kv[1])
            frames[folder] = spark.createDataFrame(rows, _schema(fields))
            frames[folder].write.mode("overwrite").parquet(_join(output, folder))
    finally:
        tagged.unpersist()
    statements = spark.read.parquet(_join(output, "statements"))
    documents = spark.read.parquet(_join(output, "documents"))
    members = (statements.select("id", "doc", "content_start", "content_text", "speaker_name")
               .join(documents.select("published", documents["id"].alias("doc")), "doc", "left")
               .select("id", "doc", "published", "content_start", "content_text", "speaker_name")
               .rdd.map(tuple))
    spark.createDataFrame(group_rows(members), _schema(GROUP_FIELDS)) \
        .write.mode("overwrite").parquet(_join(output, "groups"))
    errors = spark.read.parquet(_join(output, "errors"))
    groups = spark.read.parquet(_join(output, "groups"))
    return Summary(
        output=output, documents=documents.count(), statements=statements.count(),
        errors=errors.count(), groups=groups.filter("group_size > 1").select("group_id").distinct().count(),
        first_errors=[tuple(r) for r in errors.orderBy("source", "doc").limit(10).collect()],
    )


def _join(output: str, folder: str) -> str:
    return output.rstrip("/") + "/" + folder

