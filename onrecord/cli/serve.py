"""`onrecord serve`: the REST API and web pages over a store, with uvicorn."""
from __future__ import annotations

import os
import sys

import click

from ..serve.workers import DEFAULT_QUEUE, DEFAULT_SECONDS, DEFAULT_WORKERS
from .root import TAGGER_HELP, db_option, main, shown_url

WRITE_TOKEN_ENV = "ONRECORD_WRITE_TOKEN"


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--cache-seconds", type=float, default=10, show_default=True,
              help="Keep search answers this long (0: never); a store filled meanwhile shows up after it.")
@click.option("--extract-workers", type=click.IntRange(min=1), default=DEFAULT_WORKERS, show_default=True,
              help="Worker processes for POST /api/extract, /api/documents and the paste page (each loads the model).")
@click.option("--extract-queue", type=click.IntRange(min=0), default=DEFAULT_QUEUE, show_default=True,
              help="Extractions that may wait for a worker; past that, 503 with Retry-After.")
@click.option("--extract-seconds", type=click.FloatRange(min=0.1), default=DEFAULT_SECONDS, show_default=True,
              help="Time limit per extraction; past it the worker is stopped and the request gets 422.")
@click.option("--tagger", is_flag=True, default=False,
              help=TAGGER_HELP + " For what the extraction workers find.")
def serve(db_url: str | None, host: str, port: int, cache_seconds: float, extract_workers: int,
          extract_queue: int, extract_seconds: float, tagger: bool) -> None:
    """Serve the REST API (/api, docs at /docs) and the web pages over a store.

    Read-only unless ONRECORD_WRITE_TOKEN is set: then POST /api/documents ingests
    with `Authorization: Bearer <token>` (an environment variable, so the token
    never shows in the process list).
    """
    import uvicorn

    from ..serve import create_app
    from ..store import StoreMissing, open_store

    write_token = os.environ.get(WRITE_TOKEN_ENV) or None
    app = create_app(db_url, write_token=write_token, cache_seconds=cache_seconds, extract_workers=extract_workers,
                     extract_queue=extract_queue, extract_seconds=extract_seconds, tagger=tagger)
    try:
        if not write_token:  # a read-only server has nothing to fill a new store with: never create one
            open_store(db_url, create=False).close()
        app.state.services.store  # open now, so a bad URL fails here and not on the first request
    except StoreMissing as exc:
        click.echo(f"onrecord: {exc} (fill one with `onrecord ingest PATH --db URL`, or set "
                   f"{WRITE_TOKEN_ENV} to serve an empty one that accepts documents)", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001  (any driver error: one line, exit 2)
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        click.echo(f"onrecord: cannot open the store {shown_url(db_url)}: {reason}", err=True)
        sys.exit(2)
    mode = "read-write with token" if app.state.services.write_token else "read-only"
    click.echo(f"onrecord: serving on http://{host}:{port}/ ({mode}); API docs at /docs", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
