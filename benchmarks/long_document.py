"""One long article extracted whole: time, peak memory, and every offset checked.

    /usr/bin/time -v .venv/bin/python benchmarks/long_document.py --data ../shared/polnear/train --mb 3

The article is the texts of a PolNeAR split, one after another, until it holds `--mb`
megabytes of UTF-8 (read from ../shared at run time, never copied in). A text over
`nlp.PIECE_CHARS` characters is extracted in pieces cut at line breaks outside quotations
(`pipeline.Extractor`), so memory stays near that of one piece however long the text.
Peak RSS is this process's own (`ru_maxrss`); `/usr/bin/time -v` reports the same.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import sys
import time


def long_text(folder: pathlib.Path, megabytes: float) -> str:
    parts, size = [], 0
    for path in sorted((folder / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        if size >= megabytes * 1_000_000:
            return "\n\n".join(parts)
    sys.exit(f"{folder} holds only {size} bytes of text")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared/polnear/train"))
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--ner", action="store_true", help="the full pipeline (default: fast mode)")
    args = parser.parse_args()

    from onrecord import nlp as nlp_stage
    from onrecord.pipeline import Extractor
    from onrecord.records import Document

    text = long_text(pathlib.Path(args.data), args.mb)
    started = time.monotonic()
    extractor = Extractor(fast=not args.ner)
    loaded = time.monotonic()
    found = extractor.extract(Document("long", text))
    done = time.monotonic()
    wrong = [st.id for st in found for span in (st.content, st.cue, st.speaker)
             if span is not None and text[span.start:span.end] != span.text]
    pieces = len(nlp_stage.pieces(text, extractor.piece_chars))
    print(f"text: {len(text):,} characters, {len(text.encode('utf-8')):,} bytes, about {pieces} pieces")
    print(f"statements: {len(found):,}; spans whose offsets do not give their text: {len(wrong)}")
    print(f"model load {loaded - started:.1f} s, extraction {done - loaded:.1f} s "
          f"({len(text) / (done - loaded):,.0f} characters/s)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if wrong:
        sys.exit(1)


if __name__ == "__main__":
    main()
