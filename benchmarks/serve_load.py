"""Load on the REST API's statement search, over loopback, against a real `onrecord serve`.

    .venv/bin/python benchmarks/serve_load.py --db sqlite:///train.db [--requests 6000]
        [--concurrency 16] [--time-limit 60] [--cache-seconds 10] [--extract 2 --extract-from DIR]

Starts `onrecord serve` in its own process on 127.0.0.1 (a free port), draws
search words (five letters or more) from the store's own quotes, as often as
they occur there, and sends a bounded number of
GET /api/statements requests from a pool of concurrent connections, stopping
at the request count or the time limit, whichever comes first. The mix: 80%
one word, 10% one word with a speaker filter, 10% no words (the latest page).
Prints requests/s, latency percentiles and errors, and writes a JSON record to
benchmarks/results/. Never listens or connects anywhere but 127.0.0.1.

With `--extract N`, N more connections POST articles to /api/extract back to back all the
while (texts from `--extract-from`, a folder of .txt files), so searches are measured while
the server's extraction workers are busy; their answers (200, or 503 when the queue is full)
and latencies are reported apart.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

import httpx

HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
ONRECORD = Path(sys.executable).with_name("onrecord")
WORD = re.compile(r"[^\W\d_]{5,}")
VOCABULARY = 3000


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, cache_seconds: float, extract_workers: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_WRITE_TOKEN"}
    command = [str(ONRECORD)] if ONRECORD.exists() else [sys.executable, "-c", "from onrecord.cli import main; main()"]
    return subprocess.Popen([*command, "serve", "--db", db, "--host", HOST, "--port", str(port),
                             "--cache-seconds", str(cache_seconds), "--extract-workers", str(extract_workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"serve_load: the server exited: {server.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"{base}/api/statements?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("serve_load: the server did not answer within the time limit")


def query_mix(base: str, n: int, rng: random.Random) -> list[dict[str, str]]:
    """Search parameters drawn from the store: words of 1000 of its quotes, as often as they occur
    there (so common, costly words come up most, as in real searches), and its speakers' names."""
    sample, cursor = [], None
    while len(sample) < 1000:
        page = httpx.get(f"{base}/api/statements", params={"limit": 200, **({"cursor": cursor} if cursor else {})},
                         timeout=30).json()
        sample += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    counts = collections.Counter(w.lower() for s in sample for w in WORD.findall(s["content"]["text"]))
    vocabulary = counts.most_common(VOCABULARY) or [("said", 1)]
    words, weights = [w for w, _ in vocabulary], [c for _, c in vocabulary]
    speakers = [s["name"] for s in httpx.get(f"{base}/api/speakers", params={"limit": 50}, timeout=30).json()["items"]]
    mix = []
    for _ in range(n):
        roll, word = rng.random(), rng.choices(words, weights)[0]
        if roll < 0.8 or not speakers:
            mix.append({"q": word, "limit": "20"})
        elif roll < 0.9:
            mix.append({"q": word, "speaker": rng.choice(speakers), "limit": "20"})
        else:
            mix.append({"limit": "20"})
    return mix


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str,
               body: bytes | None = None) -> int:
    """One keep-alive HTTP/1.1 GET (or POST of a JSON `body`) on an open connection; the status. A
    few lines of client code instead of a full HTTP library, so the load generator takes little
    of the CPU it shares."""
    if body is None:
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n\r\n".encode())
    else:
        writer.write(f"POST {target} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def run_load(port: int, queries: list[dict[str, str]], concurrency: int, time_limit: float,
                   articles: list[bytes] = (), extractors: int = 0) -> dict:
    latencies: list[float] = []
    statuses: collections.Counter = collections.Counter()
    pending = collections.deque(f"/api/statements?{urlencode(q)}" for q in queries)
    deadline = time.perf_counter() + time_limit
    extract_latencies: list[float] = []
    extract_statuses: collections.Counter = collections.Counter()

    async def extractor(n: int) -> None:
        """POSTs articles back to back until the searches are done."""
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            k = n
            while pending and time.perf_counter() < deadline:
                t0 = time.perf_counter()
                status: int | str
                try:
                    status = await _get(reader, writer, "/api/extract", articles[k % len(articles)])
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    status = type(exc).__name__
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                extract_statuses[status] += 1
                extract_latencies.append(time.perf_counter() - t0)
                k += extractors
                if status == 503:  # the queue is full: a pause before the next, as Retry-After asks
                    await asyncio.sleep(0.5)
        finally:
            writer.close()

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while pending and time.perf_counter() < deadline:
                target = pending.popleft()
                t0 = time.perf_counter()
                try:
                    statuses[await _get(reader, writer, target)] += 1
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    statuses[type(exc).__name__] += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                latencies.append(time.perf_counter() - t0)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)), *(extractor(n) for n in range(extractors)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    extract_latencies.sort()

    def pct(values: list[float], p: float) -> float:
        return round(1000 * values[min(len(values) - 1, int(p * len(values)))], 1) if values else 0.0

    ok = statuses.get(200, 0)
    result = {"requests": len(latencies), "ok": ok, "errors": len(latencies) - ok, "statuses": dict(statuses),
              "seconds": round(elapsed, 2), "requests_per_s": round(len(latencies) / elapsed, 1),
              "p50_ms": pct(latencies, 0.50), "p90_ms": pct(latencies, 0.90), "p99_ms": pct(latencies, 0.99),
              "max_ms": round(1000 * latencies[-1], 1),
              "stopped_by": "time limit" if len(latencies) < len(queries) else "request count"}
    if extractors:
        result["extract"] = {"connections": extractors, "requests": len(extract_latencies),
                             "statuses": {str(k): v for k, v in extract_statuses.items()},
                             "p50_ms": pct(extract_latencies, 0.50), "p99_ms": pct(extract_latencies, 0.99)}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="The store to serve (it is only read).")
    ap.add_argument("--requests", type=int, default=6000, help="Requests to send (a bound).")
    ap.add_argument("--concurrency", type=int, default=16, help="Connections in flight.")
    ap.add_argument("--time-limit", type=float, default=60, help="Seconds after which the load stops anyway.")
    ap.add_argument("--warmup", type=int, default=200, help="Requests sent first and not counted.")
    ap.add_argument("--cache-seconds", type=float, default=10,
                    help="The server's --cache-seconds (10, its default; 0 measures every search in the store).")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--label", default="", help="What the store holds, recorded with the figures.")
    ap.add_argument("--extract", type=int, default=0, metavar="N",
                    help="Connections posting articles to /api/extract meanwhile (0: searches only).")
    ap.add_argument("--extract-from", metavar="DIR", help="A folder of .txt articles for --extract.")
    ap.add_argument("--extract-workers", type=int, default=1, help="The server's --extract-workers.")
    args = ap.parse_args()
    articles = [json.dumps({"text": p.read_text(encoding="utf-8")}).encode()
                for p in sorted(Path(args.extract_from).glob("*.txt"))] if args.extract else []
    if args.extract and not articles:
        raise SystemExit("serve_load: --extract needs --extract-from, a folder of .txt articles")

    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(args.db, port, args.cache_seconds, args.extract_workers)
    try:
        wait_ready(base, server)
        rng = random.Random(args.seed)
        asyncio.run(run_load(port, query_mix(base, args.warmup, rng), args.concurrency, args.time_limit))
        if articles:  # the workers load the model on their first text: not part of the measurement
            httpx.post(f"{base}/api/extract", content=articles[0], timeout=300,
                       headers={"Content-Type": "application/json"})
        queries = query_mix(base, args.requests, rng)
        result = asyncio.run(run_load(port, queries, args.concurrency, args.time_limit, articles, args.extract))
        result["distinct_queries"] = len({tuple(sorted(q.items())) for q in queries})
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    record = {"benchmark": "serve_load", "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "db": args.db, "label": args.label, "concurrency": args.concurrency,
              "load_average": os.getloadavg()[0],
              "cache_seconds": args.cache_seconds,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
              **result}
    out = HERE / "results" / f"serve_load-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"{result['requests']} requests in {result['seconds']} s ({result['stopped_by']}), "
          f"concurrency {args.concurrency}, cache {args.cache_seconds} s, "
          f"{result['distinct_queries']} distinct queries: {result['requests_per_s']} requests/s; "
          f"latency p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, "
          f"max {result['max_ms']} ms; errors {result['errors']} {result['statuses']}")
    if "extract" in result:
        e = result["extract"]
        print(f"alongside: {e['requests']} extractions over {e['connections']} connections "
              f"({args.extract_workers} worker), answers {e['statuses']}, latency p50 {e['p50_ms']} ms, "
              f"p99 {e['p99_ms']} ms")
    print(f"written {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
