"""Score statements against hand annotation: the metrics of BENCHMARK.md, exactly.

Gold comes as a PolNeAR-style split folder (brat standoff) or as a gold JSON
file (the seed's format); predictions as onrecord statements or their JSONL.
Every span is a list of (start, end) pieces, so discontinuous spans score like
any other. Tokens are runs of word characters inside a span, identified by
where they start, so quote marks and punctuation never count.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Document, Span, Statement
from .select import EVERYTHING, Selection, select

ROLES = ("content", "cue", "source")
WORD = re.compile(r"\w+")
QUOTE_MARKS = "\"'“”‘’«»"
# What "exact" ignores at either end of a span: white space, quote marks, punctuation.
TRIMMED = frozenset(" \t\r\n" + QUOTE_MARKS + ",.;:!?—–-()[]")
OPENING_QUOTES = "\"“"
CLOSING_QUOTES = "\"”"
MIN_DICE = 0.5
VENUE_UNSTATED = "unstated"
# Who/where/when facts: (counter prefix, result key); venue names, interviewers and times pool
# into where_when_accuracy, venue kinds are reported on their own.
FACTS = (("venue", "venue_name_accuracy"), ("kind", "venue_kind_accuracy"),
         ("host", "interviewer_accuracy"), ("when", "time_accuracy"))
POOLED_FACTS = ("venue", "host", "when")

Pieces = tuple[tuple[int, int], ...]


class GoldError(Exception):
    """Gold or predictions that cannot be read; str() is the one-line reason."""

    def __init__(self, source: str | os.PathLike, reason: str):
        super().__init__(f"{source}: {reason}")


@dataclass(frozen=True, slots=True)
class Annotated:
    """One statement as scored: the pieces of each role, and the speaker's name if known."""

    content: Pieces
    cue: Pieces = ()
    source: Pieces = ()
    speaker_name: str | None = None
    # Gold: VENUE_UNSTATED when the annotation says nothing of the venue, None when it says there
    # is none, else a dict of name/kind/interviewer. Predictions: the venue dict or None.
    venue: Any = VENUE_UNSTATED
    when: dict | None = None

    def role(self, name: str) -> Pieces:
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    statements: tuple[Annotated, ...]
    published: str | None = None
    path: str | None = None

    def to_document(self) -> Document:
        """The text as the extractor reads it, named as the gold names it."""
        return Document(id=self.name, text=self.text, published=self.published, source=self.path)


@dataclass(frozen=True, slots=True)
class GoldSet:
    """The gold documents of one folder or file, and the files they were read from."""

    docs: dict[str, GoldDocument]
    files: tuple[Path, ...] = field(default=(), compare=False)
    has_names: bool = False


# ---- reading gold ---------------------------------------------------------------------------

def read_gold(path: str | os.PathLike) -> GoldSet:
    """A PolNeAR split folder or a gold JSON file; raises GoldError if it is neither."""
    p = Path(path)
    if p.is_dir():
        return read_polnear(p)
    if p.is_file() and p.suffix == ".json":
        return read_gold_json(p)
    if not p.exists():
        raise GoldError(path, "no such file or folder")
    raise GoldError(path, "gold must be a PolNeAR split folder or a .json gold file")


# A brat line that starts an annotation: T (span) or E (event) with its number and a tab.
ANNOTATION_ID = re.compile(r"[TE]\d+\t")


def read_brat(text: str, path: Path) -> tuple[Annotated, ...]:
    """The attributions of one brat standoff file: T lines are spans, E lines tie them."""
    spans: dict[str, Pieces] = {}
    events: list[list[tuple[str, str]]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, f"cannot be read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not ANNOTATION_ID.match(line):
            continue  # the rest of a span text that holds a line break, a note, a relation
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                _label, _, offsets = fields[1].partition(" ")
                spans[fields[0]] = tuple(
                    (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";")))
            elif line.startswith("E"):
                events.append([tuple(arg.split(":", 1)) for arg in fields[1].split()[1:]])
        except (IndexError, ValueError) as exc:
            raise GoldError(path, f"line {n} is not brat standoff") from exc
    statements = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
        for role, ref in args:
            role = role.rstrip("0123456789").lower()
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if roles["content"]:
            statements.append(Annotated(**{r: tuple(v) for r, v in roles.items()}))
    _check_offsets(text, statements, path)
    return tuple(statements)


def _publication_dates(split: Path) -> dict[str, str]:
    """filename -> publication_date from the corpus' metadata.tsv beside the split, if any."""
    meta = split.parent / "metadata.tsv"
    if not meta.is_file():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publication_date"]
                for row in csv.DictReader(fh, delimiter="\t")
                if row.get("filename") and row.get("publication_date")}


def read_polnear(folder: Path) -> GoldSet:
    """text/NAME.txt with attributions/NAME_ANNOTATOR.ann; the first file in sorted order is the gold."""
    texts = sorted((folder / "text").glob("*.txt"))
    if not texts:
        raise GoldError(folder, "no text/*.txt files: not a PolNeAR split folder")
    dates = _publication_dates(folder)
    docs, files = {}, []
    for tpath in texts:
        name = tpath.stem
        anns = sorted((folder / "attributions").glob(f"{_glob_escape(name)}_*.ann"))
        if not anns:
            continue
        text = _read_text(tpath)
        docs[name] = GoldDocument(name, text, read_brat(text, anns[0]), dates.get(name), str(tpath))
        files += [tpath, anns[0]]
    if not docs:
        raise GoldError(folder, "no text has an attributions/*.ann file")
    return GoldSet(docs, tuple(files))


def _glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def read_gold_json(path: Path) -> GoldSet:
    """{"docs": [{"doc", "text_file", "published"?, "statements": [{"content": [[s, e]], ...}]}]}"""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["docs"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise GoldError(path, f"not a gold JSON file ({exc.__class__.__name__}: {exc})") from exc
    docs, files, has_names = {}, [path], False
    for entry in entries:
        try:
            tpath = path.parent / entry["text_file"]
            text = _read_text(tpath)
            statements = tuple(
                Annotated(
                    content=_pieces(st["content"]),
                    cue=_pieces(st.get("cue")),
                    source=_pieces(st.get("source")),
                    speaker_name=st.get("speaker_name"),
                    venue=st.get("venue", VENUE_UNSTATED),
                    when=st.get("when"),
                )
                for st in entry["statements"]
            )
            name = str(entry["doc"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldError(path, f"malformed document entry ({exc.__class__.__name__}: {exc})") from exc
        _check_offsets(text, statements, path)
        has_names = has_names or any(st.speaker_name for st in statements)
        docs[name] = GoldDocument(name, text, statements, entry.get("published"), str(tpath))
        files.append(tpath)
    if not docs:
        raise GoldError(path, "no documents")
    return GoldSet(docs, tuple(files), has_names)


def _pieces(value: Any) -> Pieces:
    return tuple((int(a), int(b)) for a, b in value or ())


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, f"cannot be read ({exc})") from exc


def _check_offsets(text: str, statements: Iterable[Annotated], path: Path) -> None:
    for st in statements:
        for role in ROLES:
            for a, b in st.role(role):
                if not 0 <= a <= b <= len(text):
                    raise GoldError(path, f"{role} span {a}-{b} lies outside its text ({len(text)} chars)")


def fingerprint(gold: GoldSet) -> str:
    """SHA-256 over the gold's files (names and bytes): tells whether the evaluation data changed."""
    digest = hashlib.sha256()
    for path in sorted(gold.files, key=lambda p: p.name):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# ---- reading predictions ---------------------------------------------------------------------

def _span_pieces(span: Span | dict | None) -> Pieces:
    if not span:
        return ()
    if isinstance(span, dict):
        span = Span.from_dict(span)
    return span.parts or ((span.start, span.end),)


def annotated(st: Statement) -> Annotated:
    """A statement as the scorer sees it."""
    return Annotated(_span_pieces(st.content), _span_pieces(st.cue), _span_pieces(st.speaker),
                     st.speaker_name, st.venue.to_dict() if st.venue else None,
                     st.when.to_dict() if st.when else None)


def doc_name(doc: str) -> str:
    """A prediction's `doc` as the gold names documents: the file name without .txt."""
    name = os.path.basename(str(doc))
    return name[:-4] if name.endswith(".txt") else name


def group_predictions(statements: Iterable[Statement]) -> dict[str, list[Annotated]]:
    by_doc: dict[str, list[Annotated]] = {}
    for st in statements:
        by_doc.setdefault(doc_name(st.doc), []).append(annotated(st))
    return by_doc


def read_predictions(path: str | os.PathLike) -> dict[str, list[Annotated]]:
    """Statements JSONL (as `onrecord extract` writes it), grouped by document name."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, f"cannot be read ({exc.strerror if isinstance(exc, OSError) else exc})") from exc
    by_doc: dict[str, list[Annotated]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            st = Annotated(_span_pieces(d["content"]), _span_pieces(d.get("cue")),
                           _span_pieces(d.get("speaker")), d.get("speaker_name"),
                           d.get("venue"), d.get("when"))
            by_doc.setdefault(doc_name(d["doc"]), []).append(st)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise GoldError(path, f"line {n} is not a statement ({exc.__class__.__name__}: {exc})") from exc
    return by_doc


def predict(gold: GoldSet, extractor, selection: Selection = EVERYTHING) -> dict[str, list[Annotated]]:
    """Run `extractor` (a pipeline.Extractor) on the gold's texts, keeping what `selection` keeps."""
    docs = [g.to_document() for g in gold.docs.values()]
    return group_predictions(st for _doc, found in extractor.extract_many(docs) for st in select(found, selection))


# ---- scoring -------------------------------------------------------------------------------

def word_starts(text: str, pieces: Pieces) -> set[int]:
    """The tokens inside the pieces, each named by its first character's offset."""
    return {m.start() for a, b in pieces for m in WORD.finditer(text, a, b)}


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIMMED:
        start += 1
    while end > start and text[end - 1] in TRIMMED:
        end -= 1
    return start, end


def is_quotation(text: str, pieces: Pieces) -> bool:
    """Content that begins and ends with a quote mark (a closing comma or full stop aside)."""
    s = "".join(text[a:b] for a, b in pieces).strip()
    return len(s) > 2 and s[0] in OPENING_QUOTES and s.rstrip(" ,.")[-1:] in CLOSING_QUOTES


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match(gold_words: list[set[int]], pred_words: list[set[int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs, greedily by descending content Dice, Dice >= 0.5."""
    candidates = sorted(
        ((dice(g, p), i, j) for i, g in enumerate(gold_words) for j, p in enumerate(pred_words)),
        reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for d, i, j in candidates:
        if d < MIN_DICE:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def normal_name(name: str | None) -> str:
    name = (name or "").strip().lower()
    return name[4:] if name.startswith("the ") else name


def normal_label(label: Any) -> str:
    """A venue name, kind or interviewer as compared: no case, possessive 's, punctuation,
    "_" or leading "the"."""
    label = re.sub(r"['’]s\b", "", str(label or "").lower().replace("_", " "))
    label = " ".join(WORD.findall(label))
    return label[4:] if label.startswith("the ") else label


def count_where_when(gold: Annotated, pred: Annotated) -> Counter:
    """The venue and time facts of one matched pair. A gold venue of None, or with a null name,
    says the text gives none; a gold name or interviewer must appear within the predicted one;
    a predicted date must start with the gold date (as precise or more, and agreeing)."""
    c: Counter = Counter()
    predicted = pred.venue or {}
    if gold.venue != VENUE_UNSTATED:
        venue = gold.venue or {"name": None}
        if "name" in venue:
            c["venue_facts"] += 1
            if venue["name"] is None:
                c["venue_hits"] += not predicted.get("name")
            else:
                name = normal_label(venue["name"])
                c["venue_hits"] += bool(name) and name in normal_label(predicted.get("name"))
        if venue.get("kind"):
            c["kind_facts"] += 1
            c["kind_hits"] += normal_label(venue["kind"]) == normal_label(predicted.get("kind"))
        if venue.get("interviewer"):
            c["host_facts"] += 1
            c["host_hits"] += (bool(predicted.get("interviewer"))
                               and normal_label(venue["interviewer"]) in normal_label(predicted["interviewer"]))
    gold_date = (gold.when or {}).get("date")
    if gold_date:
        c["when_facts"] += 1
        c["when_hits"] += str((pred.when or {}).get("date") or "").startswith(str(gold_date))
    return c


def prf(hits: float, predicted: float, gold: float) -> dict[str, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def right_attributions(text: str, gold: Iterable[Annotated], pred: Iterable[Annotated]) -> list[bool]:
    """For each prediction, whether the scorer counts it a right attribution (matched, right speaker)."""
    gold, pred = list(gold), list(pred)
    g_words = [(word_starts(text, g.content), word_starts(text, g.source)) for g in gold]
    p_words = [(word_starts(text, p.content), word_starts(text, p.source)) for p in pred]
    right = [False] * len(pred)
    for i, j in match([g for g, _ in g_words], [p for p, _ in p_words]):
        g_src, p_src = g_words[i][1], p_words[j][1]
        right[j] = bool(g_src & p_src) or not (g_src or p_src)
    return right


def count_document(text: str, gold: Iterable[Annotated], pred: Iterable[Annotated]) -> Counter:
    """The raw counts of one document; `score` turns summed counts into figures."""
    gold, pred = list(gold), list(pred)
    c: Counter = Counter(gold=len(gold), pred=len(pred))
    g_words = [{r: word_starts(text, g.role(r)) for r in ROLES} for g in gold]
    p_words = [{r: word_starts(text, p.role(r)) for r in ROLES} for p in pred]
    direct = [is_quotation(text, g.content) for g in gold]
    c["direct_gold"] = sum(direct)
    for i, j in match([g["content"] for g in g_words], [p["content"] for p in p_words]):
        g_src, p_src = g_words[i]["source"], p_words[j]["source"]
        right_speaker = bool(g_src & p_src) or not (g_src or p_src)
        c["statement_hits"] += 1
        c["attribution_hits"] += right_speaker
        if gold[i].speaker_name:
            c["named"] += 1
            c["name_hits"] += normal_name(pred[j].speaker_name) == normal_name(gold[i].speaker_name)
        c.update(count_where_when(gold[i], pred[j]))
        if direct[i]:
            c["direct_hits"] += 1
            c["direct_attribution_hits"] += right_speaker
    for role in ROLES:
        g_all = set().union(*(g[role] for g in g_words))
        p_all = set().union(*(p[role] for p in p_words))
        c[f"{role}_overlap_hits"] += len(g_all & p_all)
        c[f"{role}_overlap_pred"] += len(p_all)
        c[f"{role}_overlap_gold"] += len(g_all)
        g_exact = {trimmed(text, a, b) for g in gold for a, b in g.role(role)} - {(0, 0)}
        p_exact = {trimmed(text, a, b) for p in pred for a, b in p.role(role)}
        c[f"{role}_exact_hits"] += len(g_exact & p_exact)
        c[f"{role}_exact_pred"] += len(p_exact)
        c[f"{role}_exact_gold"] += len(g_exact)
    return c


def score(gold: GoldSet, predictions: dict[str, list[Annotated]]) -> dict[str, Any]:
    """Every figure of BENCHMARK.md over the gold's documents; predictions for other documents are ignored."""
    c: Counter = Counter()
    for name, g in gold.docs.items():
        c.update(count_document(g.text, g.statements, predictions.get(name, ())))
    result: dict[str, Any] = {
        "docs": len(gold.docs),
        "gold_statements": c["gold"],
        "pred_statements": c["pred"],
        "statement": prf(c["statement_hits"], c["pred"], c["gold"]),
        "attribution": prf(c["attribution_hits"], c["pred"], c["gold"]),
        "gold_direct_statements": c["direct_gold"],
        "direct_recall": c["direct_hits"] / c["direct_gold"] if c["direct_gold"] else 0.0,
        "direct_attribution_recall":
            c["direct_attribution_hits"] / c["direct_gold"] if c["direct_gold"] else 0.0,
    }
    if gold.has_names:
        result["speaker_name_accuracy"] = c["name_hits"] / c["named"] if c["named"] else 0.0
    for prefix, key in FACTS:
        if c[f"{prefix}_facts"]:
            result[key] = c[f"{prefix}_hits"] / c[f"{prefix}_facts"]
            result[key.replace("accuracy", "facts")] = c[f"{prefix}_facts"]
    pooled = sum(c[f"{p}_facts"] for p in POOLED_FACTS)
    if pooled:
        result["where_when_accuracy"] = sum(c[f"{p}_hits"] for p in POOLED_FACTS) / pooled
    for role in ROLES:
        for kind in ("overlap", "exact"):
            result[f"{role}_{kind}"] = prf(c[f"{role}_{kind}_hits"], c[f"{role}_{kind}_pred"],
                                           c[f"{role}_{kind}_gold"])
    return rounded(result)


def rounded(value: Any, digits: int = 4) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    return value


def flat(result: dict[str, Any]) -> Iterator[tuple[str, float]]:
    """("attribution.f1", 0.41), ...: the numeric figures of a result, one name each."""
    for key, value in result.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                yield f"{key}.{sub}", v
        elif isinstance(value, (int, float)):
            yield key, value
