"""Where onrecord's time goes: cProfile over extraction end to end, split by stage.

    .venv/bin/python benchmarks/profile_extract.py --data ../shared/polnear/dev [--top 15] [--ner]

The model is loaded before profiling starts. The split follows the call graph:
what `Extractor.extract_many` spends in spaCy's `pipe` (our own pipeline
component shown apart) and in `statements_from_doc`, and within that, each
function the latter calls (the stages). cProfile slows Python code more than
spaCy's compiled code, so our share here is an upper bound. First, without the
profiler, each spaCy component's own wall time over the same texts (each component
run over all of them in turn, at onrecord's batch size), which is what fast mode's
choice of leaving out NER rests on.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pathlib
import pstats
import sys
import time

from throughput import text_paths

ONRECORD = str(pathlib.Path(__file__).resolve().parent.parent / "onrecord")


def label(func: tuple[str, int, str]) -> str:
    path, line, name = func
    if path.startswith(ONRECORD):
        path = "onrecord" + path[len(ONRECORD):]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    return f"{name} ({path}:{line})"


def called_from(stats: dict, caller_name: str) -> list[tuple[float, tuple]]:
    """(cumulative seconds, function) for each function called by the function named `caller_name`."""
    out = []
    for func, (_cc, _nc, _tt, _ct, callers) in stats.items():
        for caller, (_c, _n, _t, cum) in callers.items():
            if caller[2] == caller_name and caller[0].startswith(ONRECORD):
                out.append((cum, func))
    return sorted(out, reverse=True)


def called_by_ours(stats: dict) -> list[tuple[float, int, tuple]]:
    """Functions outside onrecord, with the time and calls they took when onrecord code called them."""
    out = []
    for func, (_cc, _nc, _tt, _ct, callers) in stats.items():
        if func[0].startswith(ONRECORD):
            continue
        ours = [v for caller, v in callers.items() if caller[0].startswith(ONRECORD)]
        if ours:
            out.append((sum(v[3] for v in ours), sum(v[1] for v in ours), func))
    return sorted(out, key=lambda t: t[0], reverse=True)


def component_seconds(nlp, texts: list[str], batch_size: int = 8) -> dict[str, float]:
    """Wall seconds per pipeline step (the tokenizer first) over `texts`, one step at a time."""
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds = {"tokenizer": time.perf_counter() - started}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=batch_size)) if hasattr(component, "pipe") \
            else [component(d) for d in docs]
        seconds[name] = time.perf_counter() - started
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--ner", action="store_true", help="profile the full pipeline, spaCy's NER included")
    args = ap.parse_args()
    from onrecord.export import write_jsonl
    from onrecord.ingest import read_path
    from onrecord.pipeline import Extractor

    documents = [d for p in text_paths(pathlib.Path(args.data)) for d in read_path(str(p))]
    extractor = Extractor(fast=not args.ner)
    parts = component_seconds(extractor.nlp, [d.text for d in documents])
    whole = sum(parts.values())
    print(f"spaCy pipeline, component by component ({whole:.2f} s):")
    for name, seconds in parts.items():
        print(f"  {seconds:8.2f} s {100 * seconds / whole:5.1f}%  {name}")
    print()
    sink = io.StringIO()
    profiler = cProfile.Profile()
    profiler.enable()
    for _doc, found in extractor.extract_many(documents):
        write_jsonl(found, sink)
    profiler.disable()

    ps = pstats.Stats(profiler)
    stats = ps.stats  # type: ignore[attr-defined]
    total = ps.total_tt  # type: ignore[attr-defined]
    print(f"{len(documents)} documents, {total:.2f} s profiled\n")
    print("extract_many ->")
    for cum, func in called_from(stats, "extract_many"):
        print(f"  {cum:8.2f} s {100 * cum / total:5.1f}%  {label(func)}")
    ours_in_spacy = [(v[3], f) for f, v in stats.items() if f[0].startswith(ONRECORD)
                     and any(c[0].find("spacy/language.py") >= 0 for c in v[4])]
    for cum, func in ours_in_spacy:
        print(f"    of which ours {cum:6.2f} s {100 * cum / total:5.1f}%  {label(func)}")
    print("statements_from_doc ->")
    for cum, func in called_from(stats, "statements_from_doc"):
        print(f"  {cum:8.2f} s {100 * cum / total:5.1f}%  {label(func)}")
    print(f"\ntop {args.top} library functions called from onrecord code, by cumulative time:")
    for rank, (seconds, calls, func) in enumerate(called_by_ours(stats)[:args.top]):
        print(f"  {seconds:8.2f} s {100 * seconds / total:5.1f}% {calls:>9} calls  {label(func)}")
        if rank < 5:  # where the costliest are called from
            sites = sorted(((v[3], v[1], c) for c, v in stats[func][4].items() if c[0].startswith(ONRECORD)),
                           reverse=True)
            for cum, n, caller in sites[:4]:
                print(f"  {'':>16}from {label(caller)}: {cum:.2f} s, {n} calls")
    for title, key in (("self time", 2), ("cumulative time", 3)):
        print(f"\ntop {args.top} onrecord functions by {title}:")
        ours = sorted(((v[key], v[1], f) for f, v in stats.items() if f[0].startswith(ONRECORD)), reverse=True)
        for seconds, calls, func in ours[:args.top]:
            print(f"  {seconds:8.2f} s {100 * seconds / total:5.1f}% {calls:>9} calls  {label(func)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
