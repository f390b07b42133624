"""`onrecord extract`: statements of files (or stdin) to stdout."""
from __future__ import annotations

import sys

import click

from . import main
from ..export import FORMATS, write_json, write_jsonl
from ..ingest import InputError, document_from_text, read_path


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, overriding what the input says.")
@click.option("--jobs", type=int, default=1, show_default=True, help="Worker processes.")
def extract(paths: tuple[str, ...], fmt: str, published: str | None, jobs: int) -> None:
    """Extract attributed statements from PATHs ('-' or nothing: stdin)."""
    from ..pipeline import Extractor

    extractor = Extractor()
    failed = 0
    statements = []
    for path in paths or ("-",):
        try:
            if path == "-":
                docs = [document_from_text(sys.stdin.read(), doc_id="stdin", published=published)]
            else:
                docs = list(read_path(path, published))
        except InputError as exc:
            click.echo(f"onrecord: {exc}", err=True)
            failed += 1
            continue
        for _doc, found in extractor.extract_many(docs):
            statements.extend(found)
    (write_json if fmt == "json" else write_jsonl)(statements, sys.stdout)
    if failed:
        sys.exit(2)
