"""`onrecord ingest | search | speakers | stats | digest | export`: the corpus store from the command line.

`ingest` creates the store; every other command only reads one, and on a URL with no
store behind it says so (exit 2) instead of creating an empty one.
"""
from __future__ import annotations

import json
import os
import sys
import time

import click

from .root import MIN_CONFIDENCE_HELP, db_option, main, pipeline_options, plural, selection_options, shown_url
SEARCH_FORMATS = ("table", "jsonl", "markdown")
EXPORT_FORMATS = ("jsonl", "parquet", "csv")


def _open(db_url: str | None, *, create: bool = False):
    """The store, or one line and exit 2: a missing store is never created by a reading command."""
    from ..store import StoreMissing, open_store

    try:
        return open_store(db_url, create=create)
    except StoreMissing as exc:
        click.echo(f"onrecord: {exc} (fill one with `onrecord ingest PATH --db URL`)", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001  (any driver error: one line, exit 2)
        click.echo(f"onrecord: cannot open the store {shown_url(db_url)}: {_first_line(exc)}", err=True)
        sys.exit(2)


def _unknown_speaker(exc: LookupError) -> None:
    click.echo(f"onrecord: {exc.args[0]} (see `onrecord speakers`)", err=True)
    sys.exit(2)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _progress():
    """A docs/s progress bar on a terminal; nothing when stderr is piped or redirected."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"),
                    TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]} docs/s"),
                    TextColumn("{task.fields[stored]} stored"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction worker processes.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="ONRECORD_MAX_BYTES",
              show_envvar=True, metavar="N",
              help="Refuse a document larger than N bytes (a text or HTML file, a JSONL record, "
                   "a WARC record)  [default: 5 MiB].")
@pipeline_options()
@selection_options(" Only what it keeps is stored.")
def ingest(paths: tuple[str, ...], db_url: str | None, jobs: int, max_bytes: int | None, fast: bool,
           tagger: bool, selection) -> None:
    """Extract and store the articles in PATHs (files, folders, Spark output folders).

    Files: .txt .html .jsonl .warc .warc.gz; folders are walked recursively; a folder
    with documents/ and statements/ Parquet (from `onrecord spark` or `export`) is
    loaded without re-extracting. Documents already stored with the same text are
    skipped, so a re-run after an interruption finishes the job; a stored document
    whose text changed is extracted again and replaces the old version ("updated").
    Exit 2 if any input failed.
    """
    from ..export import one_line
    from ..store.load import StoreLost, load

    store = _open(db_url, create=True)
    try:
        store.check_writable()
    except Exception as exc:  # noqa: BLE001  (any driver error: one line, exit 2)
        store.close()
        click.echo(f"onrecord: cannot write to the store {shown_url(db_url)}: "
                   f"{_first_line(getattr(exc, 'orig', None) or exc)}", err=True)
        sys.exit(2)
    progress = _progress()
    started = time.monotonic()
    counts = {"seen": 0, "stored": 0}

    def on_document(_document, outcome: str) -> None:
        counts["seen"] += 1
        counts["stored"] += outcome != "unchanged"
        if progress is not None:
            rate = counts["seen"] / max(time.monotonic() - started, 1e-9)
            progress.update(task, completed=counts["seen"], rate=f"{rate:.1f}", stored=counts["stored"])

    def on_error(message: str) -> None:
        if progress is not None:
            progress.console.print(f"onrecord: {one_line(message)}", markup=False, highlight=False)
        else:
            click.echo(f"onrecord: {one_line(message)}", err=True)

    lost = None
    try:
        if progress is not None:
            progress.start()
            task = progress.add_task("ingesting", total=None, rate="0.0", stored=0)
        report = load(store, paths, jobs=jobs, fast=fast, tagger=tagger, max_bytes=max_bytes, on_document=on_document,
                      on_error=on_error, selection=selection)
    except StoreLost as exc:
        lost, report = exc, exc.report
    finally:
        if progress is not None:
            progress.stop()
        store.close()
    if lost is not None:
        click.echo(f"onrecord: lost the store {shown_url(db_url)}: {one_line(str(lost))}; "
                   f"the documents stored so far are whole, run the same command again to finish", err=True)
    elapsed = time.monotonic() - started
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(report.skipped.items())) or "none"
    click.echo(f"read {plural(report.read, 'document')}, stored {report.stored}, skipped "
               f"{sum(report.skipped.values())} ({skipped}), updated {report.updated}, "
               f"{plural(report.statements, 'statement')}, {report.failed} failed; "
               f"{elapsed:.1f}s, {report.read / elapsed if elapsed else 0:.1f} docs/s", err=True)
    if report.failed or lost is not None:
        sys.exit(2)


@main.command()
@click.argument("query", required=False)
@click.option("--speaker", metavar="NAME", help="Only this speaker (any name or alias the store knows).")
@click.option("--since", metavar="DATE", help="Said on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Said on or before DATE.")
@click.option("--kind", type=click.Choice(("direct", "indirect", "mixed")), help="Only this kind of statement.")
@click.option("--outlet", metavar="NAME", help="Only articles from this outlet.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, metavar="P",
              help=MIN_CONFIDENCE_HELP)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most results to show.")
@db_option
@click.option("--format", "fmt", type=click.Choice(SEARCH_FORMATS), default="table", show_default=True,
              help="table: aligned columns under a header; jsonl: one stored statement a line; "
                   "markdown: a cited list.")
def search(query: str | None, speaker: str | None, since: str | None, until: str | None, kind: str | None,
           outlet: str | None, min_confidence: float, limit: int, db_url: str | None, fmt: str) -> None:
    """Statements matching every word of QUERY, best first (newest first without QUERY)."""
    from ..export import shorten
    from ..store import UnknownSpeaker
    from ..store.digest import citation, markdown_text

    for name, value in (("--since", since), ("--until", until)):
        if value and not _is_date(value):
            raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name)
    store = _open(db_url)
    try:
        page = store.search(query, speaker=speaker, since=since, until=until, kind=kind, outlet=outlet,
                            min_confidence=min_confidence, limit=limit)
    except UnknownSpeaker as exc:
        _unknown_speaker(exc)
    finally:
        store.close()
    if fmt == "table" and page.items:
        click.echo(f"{'date':10}  {'speaker':24}  {'kind':8}  {'statement':70}  source")
    for row in page.items:
        st = row.statement
        if fmt == "jsonl":
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
        elif fmt == "markdown":
            who = markdown_text(row.speaker or st.speaker_name or "unknown speaker")
            click.echo(f"- **{who}**: {markdown_text(st.content.text)} — {citation(row)}")
        else:
            click.echo(f"{row.date or '':10}  {(row.speaker or st.speaker_name or '?')[:24]:24}  {st.kind:8}  "
                       f"{shorten(' '.join(st.content.text.split()), 70):70}  {row.outlet or st.doc}")
    click.echo(plural(len(page.items), "statement") + (" (more: raise --limit)" if page.next_cursor else ""),
               err=True)


def _is_date(value: str) -> bool:
    from ..store.dates import date_range

    return date_range(value)[0] is not None


@main.command()
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Most speakers to list.")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True,
              help="table: aligned columns under a header; jsonl: one speaker a line.")
@db_option
def speakers(limit: int, fmt: str, db_url: str | None) -> None:
    """Speakers across documents, with distinct statements (re-quotes counted once) and documents."""
    store = _open(db_url)
    try:
        found = store.speakers(limit=limit)
    finally:
        store.close()
    if fmt == "table" and found:
        click.echo(f"{'id':>6}  {'speaker':30}  {'statements':>10}  {'documents':>9}  aliases and roles")
    for s in found:
        if fmt == "jsonl":
            click.echo(json.dumps(s.to_dict(), ensure_ascii=False))
        else:
            aliases = "; ".join(a for a in s.aliases if a != s.name)
            roles = "; ".join(s.roles)
            click.echo(f"{s.id:>6}  {s.name[:30]:30}  {s.statements:>10}  {s.documents:>9}  "
                       f"{'aka ' + aliases if aliases else ''}{'  ' if aliases and roles else ''}"
                       f"{'(' + roles + ')' if roles else ''}".rstrip())
    click.echo(plural(len(found), "speaker"), err=True)


@main.command()
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many speakers and outlets to name; the rest are summed as 'others'.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table: the counts as text; json: every figure the /stats page draws.")
@db_option
def stats(top: int, fmt: str, db_url: str | None) -> None:
    """The corpus in figures: who is quoted most, by outlet, by kind, and month by month."""
    store = _open(db_url)
    try:
        figures = store.stats(top=top)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{plural(figures.documents, 'document')}, {plural(figures.statements, 'statement')}, "
               f"{plural(figures.speakers, 'speaker')}, {plural(figures.outlets, 'outlet')}")
    sections = (("speaker", [(s.name, s.statements) for s in figures.top_speakers]),
                ("outlet", [(o.name or "(no outlet)", o.statements) for o in figures.by_outlet]),
                ("kind", [(k.name, k.statements) for k in figures.by_kind]),
                ("month", [(m.month, m.total) for m in figures.months]))
    for heading, rows in sections:
        click.echo(f"\n{heading:32}  {'statements':>10}  share")
        for name, count in rows:
            share = count / figures.statements if figures.statements else 0
            click.echo(f"{name[:32]:32}  {count:>10}  {share:6.1%}")


@main.command()
@click.argument("speaker")
@click.option("--about", metavar="TOPIC", help="Only statements whose own words hold any word of TOPIC.")
@db_option
def digest(speaker: str, about: str | None, db_url: str | None) -> None:
    """What SPEAKER said, as Markdown: by occasion in time order, re-quotes collapsed, each line cited."""
    from ..store import UnknownSpeaker, digest_markdown

    store = _open(db_url)
    try:
        result = store.digest(speaker, about=about)
    except UnknownSpeaker as exc:
        _unknown_speaker(exc)
    finally:
        store.close()
    click.echo(digest_markdown(result), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
              help="jsonl or csv (to stdout or PATH), parquet (needs -o PATH).")
@click.option("-o", "--output", metavar="PATH",
              help="Folder to write statements and documents into (without it: statements to stdout).")
@db_option
def export(fmt: str, output: str | None, db_url: str | None) -> None:
    """Every stored statement and document, as JSONL, Parquet or CSV.

    With -o PATH: PATH/statements.jsonl and PATH/documents.jsonl (or .csv); for Parquet
    PATH/statements/ and PATH/documents/, the layout `onrecord ingest PATH` reads back.
    """
    from ..store.exports import export_store, write_statements

    if output is None and fmt == "parquet":
        raise click.UsageError("Parquet needs -o PATH (a folder)")
    store = _open(db_url)
    try:
        if output is None:
            count = write_statements(store, fmt, sys.stdout)
            click.echo(plural(count, "statement"), err=True)
        else:
            counts = export_store(store, fmt, output)
            click.echo(f"{plural(counts['statements'], 'statement')} and {plural(counts['documents'], 'document')} "
                       f"to {os.path.abspath(output)}", err=True)
    finally:
        store.close()
