"""`onrecord spark`: the corpus job, on a local Spark or a cluster's master."""
from __future__ import annotations

import os
import sys

import click

from .root import main, pipeline_options, plural


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", metavar="URL",
              help="Spark master, e.g. local[4] or spark://host:7077 (default: spark-submit's, else local[*]).")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Extraction partitions (default: 4 per core).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="ONRECORD_MAX_BYTES",
              show_envvar=True, metavar="N",
              help="Refuse a document larger than N bytes (a text or HTML file, a JSONL record or "
                   "Parquet row, a WARC record)  [default: 5 MiB].")
@pipeline_options()
def spark(input_path: str, output: str, master: str | None, partitions: int | None, max_bytes: int | None,
          fast: bool, tagger: bool) -> None:
    """Extract a corpus (JSONL, Parquet, text/HTML folders, WARC) into OUTPUT as Parquet:
    statements/, documents/, errors/ and quote groups/."""
    try:
        from ..spark.job import run, session
    except ImportError as exc:
        click.echo(f"onrecord: spark needs PySpark (pip install 'onrecord[spark]'): {exc}", err=True)
        sys.exit(2)
    from ..ingest import InputError

    if ":" not in input_path and not os.path.exists(input_path):  # a local path: no Spark start needed
        click.echo(f"onrecord: {input_path}: no such file or directory", err=True)
        sys.exit(2)
    spark_session = session(master)
    spark_session.sparkContext.setLogLevel("ERROR")
    try:
        summary = run(spark_session, input_path, output, partitions, fast=fast, max_bytes=max_bytes, tagger=tagger)
    except InputError as exc:
        click.echo(f"onrecord: {exc}", err=True)
        sys.exit(2)
    finally:
        spark_session.stop()
    click.echo(f"{plural(summary.documents, 'document')}, {plural(summary.statements, 'statement')}, "
               f"{plural(summary.groups, 'quote group')}, {plural(summary.errors, 'error')} -> {summary.output}",
               err=True)
    for stage, source, doc, reason in summary.first_errors:
        click.echo(f"onrecord: {source or doc}: {reason} ({stage})", err=True)
    if summary.errors > len(summary.first_errors):
        click.echo(f"onrecord: ... and {summary.errors - len(summary.first_errors)} more in "
                   f"{output.rstrip('/')}/errors/", err=True)
    if summary.errors:
        sys.exit(2)
