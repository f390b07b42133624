"""Search latency on a synthetic store of a million statements, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/store_search.py [--statements 1000000] [--engines sqlite,postgresql]

Generates the store with bulk inserts straight into the schema `open_store` creates
(word frequencies follow Zipf's law, as in text), then times `Store.search(word,
speaker=...)`, the REST API's and CLI's call, for random speakers and words, and
prints p50/p95/max. Words are drawn from two bands: mid-frequency (ranks 200-5000,
what people search for) and the most common 100 (the worst case).
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np

from onrecord.store import open_store
from scratch import scratch_store_url

VOCABULARY = 50_000
WORDS_PER_STATEMENT = (8, 30)
STATEMENTS_PER_DOCUMENT = 10
STATEMENTS_PER_SPEAKER = 100
QUERIES = 200

SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "do", "gu", "ban", "tor", "lem", "sin", "var"]


def vocabulary(rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def generate(n: int, seed: int = 7):
    """Rows for documents, speakers and statements (tuples in column order)."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    words = vocabulary(rng)
    ranks = np.arange(1, VOCABULARY + 1)
    p = 1.0 / ranks
    p /= p.sum()
    lengths = nprng.integers(*WORDS_PER_STATEMENT, size=n)
    picks = nprng.choice(VOCABULARY, size=int(lengths.sum()), p=p)
    n_docs = max(1, n // STATEMENTS_PER_DOCUMENT)
    n_speakers = max(1, n // STATEMENTS_PER_SPEAKER)
    speakers = [(i + 1, f"Speaker {words[i]} {words[-i - 1]}".title(), f"speaker {words[i]} {words[-i - 1]}",
                 words[-i - 1], 1) for i in range(n_speakers)]
    documents = [(f"d{i:07d}", "synthetic", f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}") for i in range(n_docs)]
    speaker_of = nprng.integers(1, n_speakers + 1, size=n)
    statements = []
    at = 0
    for i in range(n):
        text = " ".join(words[w] for w in picks[at:at + lengths[i]])
        at += lengths[i]
        doc = documents[i // STATEMENTS_PER_DOCUMENT]
        sid = int(speaker_of[i])
        statements.append((f"s{i:09d}", doc[0], "direct", 0, len(text), text, speakers[sid - 1][1], 0.9, sid,
                           doc[2], doc[2], doc[2]))
    return words, speakers, documents, statements


STATEMENT_COLUMNS = ("id", "doc", "kind", "content_start", "content_end", "content_text", "speaker_name",
                     "confidence", "speaker_id", "date", "date_start", "date_end")


def load(store, speakers, documents, statements, batch: int = 50_000) -> None:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        if store.dialect == "sqlite":
            ph = lambda n: ",".join("?" * n)  # noqa: E731
            cur.execute("BEGIN")  # the store's connections run in autocommit; one transaction for the load
            cur.executemany(f"INSERT INTO speakers (id, name, name_key, surname_key, full) VALUES ({ph(5)})", speakers)
            cur.executemany(f"INSERT INTO documents (id, text, published, statements) VALUES ({ph(3)}, 10)", documents)
            for i in range(0, len(statements), batch):
                cur.executemany(f"INSERT INTO statements ({', '.join(STATEMENT_COLUMNS)}) "
                                f"VALUES ({ph(len(STATEMENT_COLUMNS))})", statements[i:i + batch])
            raw.commit()
            cur.execute("ANALYZE")
        else:
            # Load without the GIN index, then build it once: how a bulk load into PostgreSQL is done.
            cur.execute("DROP INDEX ix_statements_tsv")
            with cur.copy('COPY speakers (id, name, name_key, surname_key, "full") FROM STDIN') as copy:
                for row in speakers:
                    copy.write_row(row)
            with cur.copy("COPY documents (id, text, published, statements) FROM STDIN") as copy:
                for row in documents:
                    copy.write_row((*row, 10))
            with cur.copy(f"COPY statements ({', '.join(STATEMENT_COLUMNS)}) FROM STDIN") as copy:
                for row in statements:
                    copy.write_row(row)
            cur.execute("CREATE INDEX ix_statements_tsv ON statements USING GIN (tsv)")
            cur.execute("SELECT setval(pg_get_serial_sequence('speakers', 'id'), (SELECT max(id) FROM speakers))")
            raw.commit()
            cur.execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()


def time_queries(store, words, speakers, band: range, seed: int = 11) -> list[float]:
    rng = random.Random(seed)
    times = []
    for _ in range(QUERIES):
        word = words[rng.choice(band)]
        speaker = rng.choice(speakers)[0]
        t = time.perf_counter()
        store.search(word, speaker=speaker, limit=20)
        times.append((time.perf_counter() - t) * 1000)
    return times


def summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return f"p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    args = parser.parse_args()
    t = time.perf_counter()
    words, speakers, documents, statements = generate(args.statements)
    print(f"generated {len(statements):,} statements, {len(documents):,} documents, {len(speakers):,} speakers "
          f"in {time.perf_counter() - t:.1f}s")
    for engine in args.engines.split(","):
        with scratch_store_url(engine) as url, open_store(url) as store:
            t = time.perf_counter()
            load(store, speakers, documents, statements)
            print(f"{engine:10}  loaded in {time.perf_counter() - t:.1f}s")
            time_queries(store, words, speakers, range(200, 5000), seed=1)  # warm the cache
            for label, band in (("mid-frequency word", range(200, 5000)), ("top-100 word", range(0, 100))):
                print(f"{engine:10}  {label:20} + speaker  {summary(time_queries(store, words, speakers, band))}")

if __name__ == "__main__":
    main()
