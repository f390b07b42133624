"""Read sources into Documents: plain text, HTML, JSONL records, WARC crawls, stdin.

The text of a Document is never altered after it is read (bytes decoded as
UTF-8, no newline translation), because every offset downstream points into it.
Every failure is an `InputError` naming the input and the reason, so a caller
can report one line and go on with the rest of a batch: `iter_documents` and
`read_source` yield errors in the stream instead of raising them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .records import Document, content_hash

DATE_LINE = re.compile(r"\A\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b")
ISO_DATE = re.compile(r"\A(\d{4}-\d{2}-\d{2})(?:[T ].*)?\Z")

# Above this a single document is refused: no article is that long, and a runaway
# file would hold the parser for minutes. ONRECORD_MAX_BYTES (or --max-bytes) overrides it;
# extract, ingest, the API and the Spark job all check this one limit.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A document id is a key in the store (and in URLs): the store's column holds this many characters.
MAX_ID_CHARS = 200
# Byte order marks, longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
HTML_TYPES = ("text/html", "application/xhtml+xml")
STDIN = "-"

__all__ = [
    "DEFAULT_MAX_BYTES", "InputError", "MAX_ID_CHARS", "SUFFIXES", "check_id", "document_from_text",
    "iter_documents", "leading_date", "max_bytes_from_env", "parse_published", "read_path", "read_source",
    "text_problem",
]


class InputError(Exception):
    """An input that cannot be read as an article; str() is the one-line reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{printable(source)}: {reason}")
        self.source = source
        self.reason = reason


def printable(name: str) -> str:
    """A file name or URI as one printable line: control characters escaped (a newline as \\n)."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


def leading_date(text: str) -> str | None:
    """The publication date of a leading `date YYYY-MM-DD` line; the text is left as it is."""
    m = DATE_LINE.match(text)
    if m and _valid_date(m.group(1)):
        return m.group(1)
    return None


def parse_published(value: str) -> str:
    """`value` as YYYY-MM-DD (an ISO timestamp is cut to its day); ValueError otherwise."""
    m = ISO_DATE.match(value.strip())
    if not m or not _valid_date(m.group(1)):
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD")
    return m.group(1)


def _valid_date(value: str) -> bool:
    """A real day (no 2024-02-30) in a year a news article can carry (no year 1, no 9999)."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return 1000 <= day.year <= 9000


def check_id(value: object) -> str:
    """`value` as a document id; ValueError saying why it cannot be one.

    A string or an integer (0 included), not blank, at most MAX_ID_CHARS characters, without
    control characters or lone surrogates: an id is a primary key on both engines and a URL.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"id must be a string or an integer, not {_json_kind(value)}")
    doc_id = str(value)
    if not doc_id.strip():
        raise ValueError("id is blank")
    if len(doc_id) > MAX_ID_CHARS:
        raise ValueError(f"id is {len(doc_id)} characters long (at most {MAX_ID_CHARS})")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in doc_id):
        raise ValueError("id holds control characters or invalid Unicode")
    return doc_id


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", float: "a number with a fraction", bool: "true or false"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def text_problem(text: str, limit: int | None = None) -> str | None:
    """Why `text` cannot be a document's text, or None: NUL characters, lone surrogates (which no
    encoding can write), or more than `limit` bytes as UTF-8."""
    if "\x00" in text:
        return "binary data (NUL characters) in text"
    bad = next((i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"), None) \
        if not text.isascii() else None
    if bad is not None:
        return f"invalid Unicode (a lone surrogate) at character {bad}"
    if limit is not None and len(text) > limit // 4 and len(text.encode("utf-8")) > limit:
        return f"too large (over {limit} bytes; raise the limit with --max-bytes)"
    return None


def max_bytes_from_env() -> int:
    """The size limit: ONRECORD_MAX_BYTES if set (a positive integer), else the default."""
    raw = os.environ.get("ONRECORD_MAX_BYTES")
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"ONRECORD_MAX_BYTES={raw!r} is not a positive number of bytes")
    return int(raw)


def document_from_text(text: str, *, doc_id: str | None = None, published: str | None = None,
                       **meta) -> Document:
    """A Document of `text` as given; `published` wins over a leading date line."""
    return Document(id=doc_id or content_hash(text), text=text,
                    published=published or leading_date(text), **meta)


def doc_id_of(path: str) -> str:
    """A file's name without its extension (both parts of `.warc.gz`)."""
    name = os.path.basename(path)
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return os.path.splitext(name)[0] or name


def url_id(url: str) -> str:
    """A readable, stable id for a crawled page: its address as a slug, plus a short hash."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", re.sub(r"\A[a-z]+://(www\.)?", "", url)).strip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:60].rstrip('-')}-{digest}" if slug else digest


def iter_documents(paths: Iterable[str], *, published: str | None = None, recursive: bool = True,
                   max_bytes: int | None = None, stdin: BinaryIO | None = None,
                   ) -> Iterator[Document | InputError]:
    """Every document under `paths`, in order, with an InputError in place of each bad input.

    A directory is walked for files with a known suffix when `recursive`, and is
    an error otherwise; a folder inside it that cannot be read is an error. `-` reads
    `stdin` (default: the process's standard input). A second document with an id already
    read is an error: one of the two would otherwise be lost without a word.
    """
    yield from _first_of_each_id(_all_documents(paths, published, recursive, max_bytes, stdin))


def _first_of_each_id(items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
    """The items, a document whose id came earlier replaced by an error saying so."""
    first_source: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            if item.id in first_source:
                item = InputError(item.source or item.id, f"id {item.id!r} was already read from "
                                                          f"{printable(first_source[item.id])}; this one is left out")
            else:
                first_source[item.id] = item.source or item.id
        yield item


def _all_documents(paths: Iterable[str], published: str | None, recursive: bool, max_bytes: int | None,
                   stdin: BinaryIO | None) -> Iterator[Document | InputError]:
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            if not recursive:
                yield InputError(path, "is a directory")
                continue
            found, unreadable = _files_under(path)
            yield from unreadable
            if not found and not unreadable:
                yield InputError(path, f"no {', '.join(SUFFIXES)} files in this directory")
            for file in found:
                yield from read_source(file, published=published, max_bytes=max_bytes)
            continue
        yield from read_source(path, published=published, max_bytes=max_bytes, stdin=stdin)


def _files_under(folder: str) -> tuple[list[str], list[InputError]]:
    """The readable files with a known suffix under `folder`, sorted, and an error for each
    folder that could not be listed (os.walk would pass over it in silence)."""
    unreadable: list[InputError] = []

    def refused(exc: OSError) -> None:
        unreadable.append(InputError(exc.filename or folder, f"folder not readable: "
                                                             f"{(exc.strerror or str(exc)).lower()}"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(os.path.join(root, name))
    return sorted(found), unreadable


def read_source(path: str, *, published: str | None = None, max_bytes: int | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """The documents of one file (or `-`), with an InputError for the file or for each bad record
    (a record whose id an earlier one of the file had, too)."""
    yield from _first_of_each_id(_read_source(path, published, max_bytes, stdin))


def _read_source(path: str, published: str | None, max_bytes: int | None,
                 stdin: BinaryIO | None) -> Iterator[Document | InputError]:
    limit = max_bytes or max_bytes_from_env()
    lower = path.lower()
    try:
        if path == STDIN:
            stream = stdin if stdin is not None else _stdin_bytes()
            yield _from_bytes("stdin", "stdin", _read_limited(stream, "stdin", limit), published)
        elif lower.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl(path, published, limit)
        elif lower.endswith(WARC_SUFFIXES):
            yield from _read_warc(path, published, limit)
        else:
            doc_id = _file_id(path)
            with _open(path) as fh:
                data = _read_limited(fh, path, limit)
            if lower.endswith(HTML_SUFFIXES):
                yield _from_html(path, doc_id, data, published)
            else:
                yield _from_text(path, doc_id, data, published)
    except InputError as exc:
        yield exc


def read_path(path: str, published: str | None = None, *, max_bytes: int | None = None,
              ) -> Iterator[Document]:
    """The documents of one file, raising the first InputError (`read_source` goes on past it)."""
    for item in read_source(path, published=published, max_bytes=max_bytes):
        if isinstance(item, InputError):
            raise item
        yield item


def _file_id(path: str) -> str:
    """The id of a file's document: its name without the suffix, control characters escaped."""
    try:
        return check_id(printable(doc_id_of(path)))
    except ValueError as exc:
        raise InputError(path, f"its name cannot be a document id: {exc}") from exc


def _stdin_bytes() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory") from exc
    except OSError as exc:
        raise InputError(path, (exc.strerror or str(exc)).lower()) from exc


def _read_limited(fh: BinaryIO, source: str, limit: int) -> bytes:
    """At most `limit` bytes; more is an error, found without reading a huge file whole."""
    try:
        data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(source, (exc.strerror or str(exc)).lower()) from exc
    if len(data) > limit:
        raise InputError(source, f"too large (over {limit} bytes; raise the limit with --max-bytes)")
    return data


def _decode(source: str, data: bytes) -> str:
    """UTF-8 text exactly as stored (UTF-16 or UTF-32 where a byte order mark says so, the mark
    kept as U+FEFF as UTF-8's is), refusing empty, binary and undecodable input."""
    if not data:
        raise InputError(source, "empty")
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise InputError(source, "binary data (NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        what = encoding.upper().replace("-LE", "").replace("-BE", "")
        raise InputError(source, f"not {what} text (undecodable byte at offset {exc.start})") from exc
    if "\x00" in text:
        raise InputError(source, "binary data (NUL characters), not text")
    if not text.lstrip("\ufeff").strip():
        raise InputError(source, "no text (only whitespace)")
    return text


def _from_bytes(source: str, doc_id: str, data: bytes, published: str | None) -> Document:
    """Standard input: HTML when it looks like a page, plain text otherwise."""
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return _from_html(source, doc_id, data, published)
    return _from_text(source, doc_id, data, published)


def _from_text(source: str, doc_id: str, data: bytes, published: str | None) -> Document:
    return document_from_text(_decode(source, data), doc_id=doc_id, published=published, source=source)


def _from_html(source: str, doc_id: str, data: bytes, published: str | None, *,
               url: str | None = None) -> Document:
    """The page's main text (trafilatura) is the Document text; offsets refer to it."""
    import trafilatura

    if not data.strip():
        raise InputError(source, "empty")
    if b"\x00" in data:
        raise InputError(source, "binary data (NUL bytes), not HTML")
    extracted = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in the HTML")
    page_date = extracted.date if extracted.date and ISO_DATE.match(extracted.date) else None
    return Document(
        id=doc_id, text=text, url=extracted.url or url, title=extracted.title,
        outlet=extracted.sitename, published=published or (page_date[:10] if page_date else None),
        source=source,
    )


def _read_jsonl(path: str, published: str | None, limit: int) -> Iterator[Document | InputError]:
    """One record a line; a bad line is reported with its number and the rest are read."""
    name = doc_id_of(path)
    with _open(path) as fh:
        empty = True
        for n, raw in enumerate(_bounded_lines(fh, limit), 1):
            if raw is not None and not raw.strip():
                continue
            empty = False
            try:
                if raw is None:
                    raise InputError(f"line {n}", f"record too large (over {limit} bytes)")
                yield _jsonl_record(raw, path, name, n, published, limit)
            except InputError as exc:
                yield InputError(path, f"line {n}: {exc.reason}")
    if empty:
        yield InputError(path, "empty")


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, with None for a line over `limit` bytes: that line is skipped through
    in pieces, never held whole (a runaway line may be larger than memory)."""
    while raw := fh.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def _jsonl_record(raw: bytes, path: str, name: str, n: int, published: str | None, limit: int) -> Document:
    source = f"line {n}"
    try:
        rec = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (undecodable byte at offset {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(rec, dict):
        raise InputError(source, "not a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, 'no "text" string')
    problem = text_problem(text)
    if problem:
        raise InputError(source, problem)
    try:
        doc_id = check_id(rec["id"]) if rec.get("id") is not None else f"{name}-{n}"
    except ValueError as exc:
        raise InputError(source, f'"id": {exc}') from exc
    record_date = rec.get("published")
    if record_date and not published:
        try:
            record_date = parse_published(str(record_date))
        except ValueError as exc:
            raise InputError(source, f'"published": {exc}') from exc
    meta = {key: str(rec[key]) if rec.get(key) is not None else None for key in ("url", "title", "outlet")}
    if any(value is not None and text_problem(value) for value in meta.values()):
        raise InputError(source, "NUL characters or invalid Unicode in url, title or outlet")
    return document_from_text(text, doc_id=doc_id,
                              published=published or record_date or None,
                              source=f"{path}:{n}", **meta)


def _read_warc(path: str, published: str | None, limit: int) -> Iterator[Document | InputError]:
    """HTML response records through trafilatura; the target URI is the url and names the id.

    A record shorter than its Content-Length (a crawl cut off mid-record) or one warcio cannot
    parse is reported with its byte offset and never stored in part: a part stored under the
    page's id would be skipped as "already stored" when the whole crawl came again.
    """
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    with _open(path) as fh:
        if not _starts_like_warc(fh):
            yield InputError(path, "not a readable WARC file (it does not start with a WARC record)")
            return
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                if not _is_html(record):
                    continue
                found += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path} record {uri or '(no target URI)'}"
                try:
                    data = _read_limited(record.content_stream(), source, limit)
                    missing = _bytes_missing(record)
                    if missing:
                        raise InputError(source, f"the record at offset {records.get_record_offset()} is cut off "
                                                 f"({missing} of its {record.length} bytes missing); not stored")
                    doc_id = url_id(uri) if uri else f"{doc_id_of(path)}-{found}"
                    yield _from_html(source, doc_id, data, published, url=uri or None)
                except InputError as exc:
                    yield exc
        except Exception as exc:  # noqa: BLE001 - warcio raises anything on a corrupt file
            yield InputError(path, f"a corrupt or cut-off record at offset {records.offset}, the rest of the "
                                   f"file not read ({_first_line(exc)})")
            return
        if records.offset < os.fstat(fh.fileno()).st_size:  # warcio stops in silence at a cut-off header
            yield InputError(path, f"a corrupt or cut-off record at offset {records.offset}, the rest of the "
                                   f"file not read")
            return
    if not found:
        yield InputError(path, "no HTML response records in the WARC file")


def _bytes_missing(record) -> int:
    """How many bytes of the record's declared length the file does not hold."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0)


def _starts_like_warc(fh: BinaryIO) -> bool:
    """warcio reads any five-word line as an old ARC header, so check the magic first."""
    import gzip
    import zlib

    head = fh.read(2)
    fh.seek(0)
    try:
        if head == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=fh) as unzipped:
                magic = unzipped.read(5)
        else:
            magic = fh.read(5)
    except (OSError, EOFError, zlib.error):
        return False
    finally:
        fh.seek(0)
    return magic == b"WARC/"


def _is_html(record) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return False
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower() in HTML_TYPES


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

