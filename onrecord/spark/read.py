"""Corpus input for the Spark job: Parquet tables and files (text, HTML, JSONL, WARC) as Documents.

Files are read by `onrecord.ingest` itself, on the executors, so a corpus read by Spark gives
the same documents (ids, text, dates) as `onrecord extract` on the same files, under the same
size limit (`max_bytes`: a text or HTML file over it is refused from its listed size, before
Spark reads it). Every bad file or record becomes an error row ("read", source, doc, reason)
instead of stopping the job.
"""
from __future__ import annotations

import dataclasses
import os
import posixpath
import tempfile
from collections.abc import Iterator
from urllib.parse import urlparse

from onrecord.ingest import (HTML_SUFFIXES, SUFFIXES, TEXT_SUFFIXES, InputError, check_id, document_from_text,
                             parse_published, read_source, text_problem)
from onrecord.records import Document

PARQUET_SUFFIX = ".parquet"
PARQUET_COLUMNS = ("id", "text", "published", "url", "title", "outlet")
"""A Parquet corpus has these columns; only `text` is required."""

# An item of the document stream: ("doc", Document) or ("error", (stage, source, doc, reason)).
Item = tuple[str, object]


def list_inputs(spark, path: str) -> tuple[list[str], list[tuple[str, int]]]:
    """(Parquet files, other readable files with their sizes) at or under `path`, on any Hadoop
    file system."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(hadoop_path):
        raise InputError(path, "no such file or directory")
    parquet, files = [], []
    listing = fs.listFiles(hadoop_path, True)
    while listing.hasNext():
        status = listing.next()
        uri = status.getPath().toString()
        name = status.getPath().getName()
        if name.startswith((".", "_")) or _hidden_folder(uri, path):
            continue
        lower = name.lower()
        if lower.endswith(PARQUET_SUFFIX):
            parquet.append(uri)
        elif lower.endswith(SUFFIXES):
            files.append((uri, status.getLen()))
    if not parquet and not files:
        raise InputError(path, f"no {PARQUET_SUFFIX}, {', '.join(SUFFIXES)} files here")
    return sorted(parquet), sorted(files)


def _hidden_folder(uri: str, root: str) -> bool:
    """Inside a folder named .x or _x below the input (Spark's _temporary, .ipynb_checkpoints)."""
    below = urlparse(uri).path[len(urlparse(root).path):]
    return any(part.startswith((".", "_")) for part in below.split("/")[:-1])


def items_of_file(uri: str, data: bytes, max_bytes: int | None = None) -> Iterator[Item]:
    """One file's documents and errors, read by `ingest.read_source` from a private copy.

    The copy keeps the file's name, so ids come out as for the file itself; sources are
    reported as the original URI.
    """
    name = posixpath.basename(urlparse(uri).path)
    with tempfile.TemporaryDirectory(prefix="onrecord-") as folder:
        local = os.path.join(folder, name)
        with open(local, "wb") as fh:
            fh.write(data)
        for item in read_source(local, max_bytes=max_bytes):
            if isinstance(item, InputError):
                yield "error", ("read", item.source.replace(local, uri), None, item.reason)
            else:
                yield "doc", dataclasses.replace(item, source=(item.source or local).replace(local, uri))


def too_large(uri: str, max_bytes: int) -> Item:
    """The error row for a text or HTML file over the limit, known from its size alone."""
    return "error", ("read", uri, None, f"too large (over {max_bytes} bytes; raise the limit with --max-bytes)")


def item_of_row(row: dict, max_bytes: int | None = None) -> Item:
    """One Parquet row (PARQUET_COLUMNS plus `source`) as a Document, checked like a JSONL record."""
    source = row.get("source") or "parquet"
    doc_id = str(row["id"]) if row.get("id") is not None else None
    where = f"{source} id {doc_id}" if doc_id else source
    if doc_id is not None:
        try:
            check_id(doc_id)
        except ValueError as exc:
            return "error", ("read", source, None, f'"id": {exc}')
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return "error", ("read", where, doc_id, 'no "text" string')
    problem = text_problem(text, max_bytes)
    if problem:
        return "error", ("read", where, doc_id, problem)
    row_date = row.get("published")
    if row_date is not None:
        try:
            row_date = parse_published(str(row_date))
        except ValueError as exc:
            return "error", ("read", where, doc_id, f'"published": {exc}')
    meta = {key: str(row[key]) if row.get(key) is not None else None for key in ("url", "title", "outlet")}
    return "doc", document_from_text(text, doc_id=doc_id, published=row_date or None,
                                     source=source, **meta)


def read_items(spark, path: str, max_bytes: int):
    """An RDD of Items for everything at `path`: Parquet rows and files, in one stream."""
    from pyspark.sql import functions as F

    parquet, listed = list_inputs(spark, path)
    whole_documents = TEXT_SUFFIXES + HTML_SUFFIXES  # one document a file: its size is the document's
    oversized = sorted(uri for uri, size in listed if size > max_bytes and uri.lower().endswith(whole_documents))
    files = [uri for uri, _size in listed if uri not in oversized]
    parts = []
    if oversized:
        parts.append(spark.sparkContext.parallelize([too_large(uri, max_bytes) for uri in oversized]))
    if files:
        parts.append(spark.sparkContext.binaryFiles(",".join(files))
                     .flatMap(lambda pair: items_of_file(pair[0], pair[1], max_bytes)))
    if parquet:
        frame = spark.read.parquet(*parquet)
        if "text" not in frame.columns:
            raise InputError(path, 'Parquet input without a "text" column')
        columns = [(F.col(c) if c in frame.columns else F.lit(None)).cast("string").alias(c)
                   for c in PARQUET_COLUMNS]
        frame = frame.select(*columns, F.input_file_name().alias("source"))
        parts.append(frame.rdd.map(lambda row: item_of_row(row.asDict(), max_bytes)))
    return parts[0] if len(parts) == 1 else spark.sparkContext.union(parts)

