"""One route, three answers (Datasette's way): a list page as HTML, `?format=json` as the same page's
data, `?format=csv` as every matching row for a spreadsheet, streamed a batch at a time."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, StreamingResponse

FORMATS = ("html", "json", "csv")
CSV_BATCH = 500

STATEMENT_COLUMNS = ("id", "doc", "date", "speaker", "speaker_name", "speaker_role", "speaker_mention", "kind",
                     "content", "content_start", "content_end", "cue", "venue_kind", "venue_name",
                     "venue_interviewer", "when_text", "when_date", "title", "outlet", "published", "url",
                     "quote_group", "confidence")


def wanted(request: Request) -> str:
    """The answer's format from `?format=`; anything else is the client's mistake (400)."""
    fmt = request.query_params.get("format") or "html"
    if fmt not in FORMATS:
        raise HTTPException(status_code=400, detail=f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def json_page(total: int, items: list[dict[str, Any]], **more: Any) -> JSONResponse:
    return JSONResponse({"total": total, "items": items, **more})


def csv_download(name: str, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> StreamingResponse:
    """`rows` as CSV with a header, streamed; a spreadsheet opens it as `name`.csv."""
    columns = tuple(columns)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        for n, row in enumerate(rows, 1):
            writer.writerow(row)
            if n % CSV_BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{name}.csv"'})


def all_pages(fetch: Callable[[int, int], list[Any]], batch: int = CSV_BATCH) -> Iterator[Any]:
    """Every item of an offset-paged list, `batch` at a time: a download never holds the whole list."""
    offset = 0
    while True:
        items = fetch(batch, offset)
        yield from items
        if len(items) < batch:
            return
        offset += batch


def statement_row(stored) -> dict[str, Any]:
    """A stored statement as one flat CSV row (columns `STATEMENT_COLUMNS`)."""
    st = stored.statement
    venue, when = st.venue, st.when
    return {"id": st.id, "doc": st.doc, "date": stored.date, "speaker": stored.speaker,
            "speaker_name": st.speaker_name, "speaker_role": st.speaker_role,
            "speaker_mention": st.speaker.text if st.speaker else None, "kind": st.kind,
            "content": st.content.text, "content_start": st.content.start, "content_end": st.content.end,
            "cue": st.cue.text if st.cue else None, "venue_kind": venue.kind if venue else None,
            "venue_name": venue.name if venue else None, "venue_interviewer": venue.interviewer if venue else None,
            "when_text": when.text if when else None, "when_date": when.date if when else None,
            "title": stored.title, "outlet": stored.outlet, "published": stored.published, "url": stored.url,
            "quote_group": stored.group_id, "confidence": st.confidence}
