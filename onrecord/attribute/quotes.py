"""Quotations to statements: the cue and the speaker mention of each quote.

A quote is read by where it stands. Before a cue (`"…," said Smith`, `"…," Smith
said`), after one (`Smith said: "…"`), before a dash and a name (`"…" — Name,
title`), split by its cue (`"Part one," she said, "part two."`: one statement in two
parts), or alone: a quote that opens a paragraph after a line ending in a colon
takes the cue and speaker of that line (or the verb or name before the colon:
`Continued Stone:`, `- Carla Ruiz:`, or the verb a phrase before the colon belongs to:
`Moreau posted a photo … with the caption:`), and one that opens a paragraph or a
sentence without a cue takes the speaker of the statement before it. A quote
that sits inside a sentence (`called it "a disaster" and left`) is not a
statement of its own: the clause around it is (see the merge in `__init__`).
Short quotes (scare quotes, titles, nicknames) count only beside a cue or handed
over by a colon. A split quote's second half may follow a full attribution sentence
(`"…," she said in an interview. "…"`): nouns and describing participles there are
no second verb of saying.

Every lookup is a bisect or a walk over a few tokens near the quote, so the
cost grows with the number of quotes, not with their product with the tokens.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ..detect import Cue, Quote
from ..nlp import doc_text
from ..detect.quotes import FAMILY, paragraph_spans
from .raw import RawStatement

SUBJECTS = frozenset(("nsubj",))
# A participle or second verb takes the subject of the verb it hangs from ("…, saying …").
CLIMB_DEPS = frozenset(("advcl", "xcomp", "conj", "ccomp", "pcomp"))
# Where a speaker's noun phrase ends: a relative clause or a participle after the name.
MENTION_CUT_DEPS = frozenset(("relcl", "acl", "advcl"))
# A cue below another through these is reported within what that one reports.
NESTING_DEPS = frozenset(("ccomp", "xcomp", "pcomp", "pobj", "dobj", "relcl", "acl"))
# What the parse sometimes makes the subject of "said" but never says anything ("said Monday").
NOT_SPEAKER_ENTS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))
NEARBY_TOKENS = 3
EXPLETIVES = frozenset(("it", "there", "this", "that"))
# A common noun right before a colon names the source only in these roles.
SOURCE_NOUN_DEPS = frozenset(("nsubj", "pobj", "ROOT", "appos"))
WH_TAGS = frozenset(("WP", "WDT"))
SPEAKER_POS = frozenset(("PROPN", "PRON", "NOUN"))
DASHES = "\u2015\u2014\u2013-"
SENTENCE_END = ".?!"
# A verb in these relations describes a noun; it says nothing of its own.
DESCRIBING_DEPS = frozenset(("acl", "relcl", "amod"))
# How many words a quote needs to stand as a statement without a cue right beside it.
SHORT_QUOTE_WORDS = 3
# A Title Case quote this short is a name or a title, not speech.
TITLE_MAX_WORDS = 8
# Tokens searched after a quote for its cue, and the gap allowed before a short quote's cue.
TRAILING_TOKENS = 40
ADJACENT_TOKENS = 3
WORD = re.compile(r"\w+")

CONFIDENCE = {"trailing": 0.9, "leading": 0.85, "dash": 0.8, "intro": 0.8, "colon": 0.75, "previous": 0.6}


@dataclass(slots=True)
class _Context:
    """What one document's quotes are looked up in, built once."""

    doc: Doc
    text: str
    tok_starts: list[int]
    paragraphs: list[tuple[int, int]]
    para_starts: list[int]
    cues: list[Cue]  # outside every quote, in text order
    cue_starts: list[int]
    quote_spans: list[tuple[int, int]]
    quote_starts: list[int]

    def inside_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, char) - 1
        return k >= 0 and char < self.quote_spans[k][1]

    def token_at(self, char: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self.tok_starts, char) - 1)]

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def cues_between(self, start: int, end: int) -> list[Cue]:
        lo = bisect.bisect_left(self.cue_starts, start)
        hi = bisect.bisect_left(self.cue_starts, end)
        return [c for c in self.cues[lo:hi] if c.end <= end]


def _context(doc: Doc, quotes: list[Quote], cues: list[Cue]) -> _Context:
    text = doc_text(doc)
    starts = [q.start for q in quotes]
    outside = []
    for c in sorted(cues, key=lambda c: c.start):
        k = bisect.bisect_right(starts, c.start) - 1
        if k < 0 or c.start >= quotes[k].end:
            outside.append(c)
    paragraphs = paragraph_spans(text)
    return _Context(doc, text, doc.to_array(IDX).tolist(), paragraphs, [p[0] for p in paragraphs],
                    outside, [c.start for c in outside], [(q.start, q.end) for q in quotes], starts)


def _prev_char(text: str, i: int, lo: int) -> tuple[str, int]:
    """The first non-space character before i (and its index), or '' at the paragraph start."""
    i -= 1
    while i >= lo and text[i].isspace():
        i -= 1
    return (text[i], i) if i >= lo else ("", lo)


def _next_char(text: str, i: int, hi: int) -> str:
    while i < hi and text[i].isspace():
        i += 1
    return text[i] if i < hi else ""


def _left_kind(text: str, q: Quote, lo: int) -> str:
    """What the quote follows: 'start' of a sentence, 'colon', 'comma', 'dash' or a 'word'."""
    ch, i = _prev_char(text, q.start, lo)
    if ch in FAMILY:
        before, _ = _prev_char(text, i, lo)
        return "start" if before in SENTENCE_END + "," or before == "" else "word"
    if ch == "" or ch in SENTENCE_END or ch == ")":
        return "start"
    if ch == ":":
        return "colon"
    if ch == ",":
        return "comma"
    if ch in DASHES:
        return "dash"
    return "word"


def _right_kind(text: str, q: Quote, hi: int) -> str:
    """What follows the quote: the 'end' of a sentence, a 'comma', a 'dash' or a 'word'."""
    ch = _next_char(text, q.end, hi)
    if ch == "" or ch in SENTENCE_END + ");":
        return "end"
    if ch == ",":
        return "comma"
    if ch in DASHES:
        return "dash"
    return "word"


def _looks_like_title(words: list[str], inner: str) -> bool:
    """A short Title Case stretch: a name, a title, a slogan, a headline.

    Every longer word is capitalised, and so is some word after the first (which is
    capitalised anyway); with a full stop at the end ("All Bets Are Off.") two must be,
    so that a short sentence ("We're America.") stays speech.
    """
    if len(words) < 2 or len(words) > TITLE_MAX_WORDS:
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3):
        return False
    capitalised = sum(w[0].isupper() for w in words[1:])
    return capitalised >= (2 if inner.rstrip()[-1:] in SENTENCE_END else 1)


def _mention(doc: Doc, head: Token) -> tuple[int, int]:
    """The noun phrase of a speaker: its subtree up to a relative clause or participle after it."""
    lo, hi = head.left_edge.i, head.right_edge.i
    for child in head.rights:
        if child.dep_ in MENTION_CUT_DEPS:
            hi = min(hi, child.left_edge.i - 1)
    while hi > head.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _speaker_of(ctx: _Context, cue: Cue) -> tuple[int, int] | None:
    """The subject of the cue, climbing from a participle to its verb; the object of 'according to'.

    Words inside quotation marks are never the speaker, whatever the parse hung on the cue.
    """
    doc = ctx.doc
    tok = doc[cue.token]
    if cue.kind == "according_to":
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        return _mention(doc, obj) if obj is not None else _nearby_speaker(ctx, cue)
    if cue.kind == "noun":
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        return _mention(doc, owner) if owner is not None else None
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS and not ctx.inside_quote(c.idx)
                    and c.ent_type_ not in NOT_SPEAKER_ENTS]
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - tok.i))
            if subject.tag_ in WH_TAGS and tok.dep_ == "relcl":
                subject = tok.head  # "Smith, who said …": the noun the clause describes
            return _mention(doc, subject)
        if tok.dep_ not in CLIMB_DEPS or tok.head is tok:
            break
        tok = tok.head
    return _nearby_speaker(ctx, cue)


def _nested(doc: Doc, cue: Cue, cue_tokens: set[int]) -> bool:
    """Said within what another cue reports ("Baker added that he sees …": sees is nested)."""
    tok, through_clause = doc[cue.token], False
    for _ in range(12):
        if tok.head is tok:
            return False
        through_clause = through_clause or tok.dep_ in NESTING_DEPS
        tok = tok.head
        if through_clause and tok.i in cue_tokens:
            return True
    return False


def _outermost(ctx: _Context, cues: list[Cue]) -> tuple[Cue, tuple[int, int] | None]:
    """The last cue that names a speaker and that no other such cue reports, with its speaker.

    A cue whose subject is an expletive ("it seems that …") names nobody and is passed over.
    """
    doc = ctx.doc
    named = []
    for cue in cues:
        speaker = _speaker_of(ctx, cue)
        if speaker is not None and ctx.text[speaker[0]:speaker[1]].lower() not in EXPLETIVES:
            named.append((cue, speaker))
    if not named:
        return cues[-1], None
    tokens = {c.token for c, _ in named}
    free = [pair for pair in named if not _nested(doc, pair[0], tokens)]
    return (free or named)[-1]


def _nearby_speaker(ctx: _Context, cue: Cue) -> tuple[int, int] | None:
    """A name or pronoun right beside a cue the parse left without a subject ("said Smith",
    "Smith said" with the subject misread), never across punctuation or into a quote."""
    doc = ctx.doc
    for step in (-1, 1):
        i = cue.token + step
        while 0 <= i < len(doc) and abs(i - cue.token) <= NEARBY_TOKENS:
            tok = doc[i]
            if step == -1 and tok.text == "," and i == cue.token - 1:
                i += step  # "…, Jake Sullivan, said": the name before an apposition's comma
                continue
            if tok.is_punct or tok.is_space or ctx.inside_quote(tok.idx):
                break
            if tok.pos_ in ("PROPN", "PRON") and tok.ent_type_ not in NOT_SPEAKER_ENTS:
                head = tok
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                return _mention(doc, head)
            i += step
    return None


def _trailing_end(ctx: _Context, q: Quote, hi: int, next_quote: int) -> int:
    """Where the text after a quote stops counting as its attribution: the end of its
    sentence, its paragraph, or the next quote."""
    doc = ctx.doc
    first = ctx.token_at(q.end)
    if first.idx < q.end:
        first = doc[first.i + 1] if first.i + 1 < len(doc) else first
    limit = min(hi, next_quote)
    end = q.end
    for tok in doc[first.i:min(len(doc), first.i + TRAILING_TOKENS)]:
        if tok.idx >= limit or tok.idx < q.end:
            break
        end = tok.idx + len(tok.text)
        if tok.text in SENTENCE_END:
            break
    return end


def _previous_speaker(ctx: _Context, q: Quote, para: int, made: list[RawStatement]) -> tuple[int, int] | None:
    """The speaker of the last statement before the quote, in its paragraph or the one before."""
    lo = ctx.paragraphs[max(0, para - 1)][0]
    best: tuple[int, tuple[int, int]] | None = None
    for cue in reversed(ctx.cues_between(lo, q.start)):
        speaker = _speaker_of(ctx, cue)
        if speaker is not None:
            best = (cue.start, speaker)
            break
    if made and made[-1].speaker and made[-1].content[0][0] >= lo:
        if best is None or made[-1].content[0][0] > best[0]:
            best = (made[-1].content[0][0], made[-1].speaker)
    return best[1] if best else None


def _intro(ctx: _Context, para: int) -> tuple[Cue | None, tuple[int, int] | None]:
    """The cue and speaker of the line that introduces a block quote (the previous paragraph's last sentence)."""
    if para == 0:
        return None, None
    lo, hi = ctx.paragraphs[para - 1]
    sent = ctx.token_at(max(lo, hi - 1)).sent
    start = max(lo, sent.start_char)
    cues = ctx.cues_between(start, hi)
    if cues:
        cue, speaker = _outermost(ctx, cues)
        if speaker is not None:
            return cue, speaker
    colon = ctx.text.rfind(":", start, hi)
    return _before_colon(ctx, colon) if colon >= 0 else (None, None)


def _before_colon(ctx: _Context, colon: int) -> tuple[Cue | None, tuple[int, int] | None]:
    """A line that hands over to a quote without a listed cue: `Continued Stone:`, `He wrote
    on Facebook:`, `- Carla Ruiz:`, `From the report:`. The verb or the name before the colon."""
    doc = ctx.doc
    tok = ctx.token_at(colon - 1)
    while tok.i > 0 and (tok.is_punct or tok.is_space):
        tok = doc[tok.i - 1]
    if tok.ent_type_ in NOT_SPEAKER_ENTS or ctx.inside_quote(tok.idx):
        return None, None
    if tok.pos_ == "VERB":
        cue = Cue(tok.idx, tok.idx + len(tok.text), tok.i, tok.lemma_.lower(), "verb")
        speaker = _speaker_of(ctx, cue)
        return (cue, speaker) if speaker is not None else (None, None)
    if tok.pos_ == "PROPN":
        first = tok
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and not doc[first.i - 1].is_punct:
            first = doc[first.i - 1]
        return None, (first.idx, tok.idx + len(tok.text))  # the name alone, not a headline before it
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        # `Moreau posted a photograph … with the caption:`: the verb the phrase belongs to, if it
        # has a speaker, hands over the quote.
        verb = tok.head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("pobj", "prep", "dobj", "appos") and verb.head is not verb:
            verb = verb.head
        if verb.pos_ == "VERB" and not ctx.inside_quote(verb.idx):
            cue = Cue(verb.idx, verb.idx + len(verb.text), verb.i, verb.lemma_.lower(), "verb")
            speaker = _speaker_of(ctx, cue)
            if speaker is not None and ctx.text[speaker[0]:speaker[1]].lower() not in EXPLETIVES:
                return cue, speaker
    if tok.pos_ == "NOUN" and tok.dep_ in SOURCE_NOUN_DEPS:
        return None, _mention(doc, tok)  # `From the report:`, `The statement:`
    return None, None  # a noun as object is the topic ("a new campaign message:"), not a source


def quote_statements(doc: Doc, quotes: list[Quote], cues: list[Cue]) -> list[RawStatement]:
    """One direct statement per quotation that stands as speech, with its cue and speaker mention."""
    quotes = sorted(quotes, key=lambda q: q.start)
    ctx = _context(doc, quotes, cues)
    text = ctx.text
    out: list[RawStatement] = []
    absorbed: set[int] = set()  # second halves of split quotes
    for n, q in enumerate(quotes):
        if n in absorbed:
            continue
        para = ctx.paragraph_of(q.start)
        lo = ctx.paragraphs[para][0]
        hi = ctx.paragraphs[ctx.paragraph_of(q.end - 1)][1]  # a long quote ends in a later paragraph
        inner = text[q.inner_start:q.inner_end]
        words = WORD.findall(inner)
        if not words:
            continue
        left, right = _left_kind(text, q, lo), _right_kind(text, q, hi)
        short = len(words) <= SHORT_QUOTE_WORDS
        if _looks_like_title(words, inner):
            continue
        next_start = quotes[n + 1].start if n + 1 < len(quotes) else len(text)
        trail_end = _trailing_end(ctx, q, hi, next_start)
        trailing = ctx.cues_between(q.end, trail_end)
        sent_start = max(lo, ctx.token_at(_prev_char(text, q.start, lo)[1]).sent.start_char)
        leading = ctx.cues_between(sent_start, q.start) if left != "start" else []
        # Does the sentence go on after the quote, to its attribution? After a full stop and a
        # capital it may still ("…." Espinoza said.), unless that cue hands over to the next
        # quote ("…." He added, "…").
        last, after = inner.rstrip()[-1:], _next_char(text, q.end, hi)
        if last in SENTENCE_END and not (right == "comma" or after.islower()):
            continues = False
            if next_start - trail_end <= 2 and text[:next_start].rstrip()[-1:] in ",:":
                trailing = []
        else:
            continues = last in ",\u2014\u2013" or right in ("comma", "word")

        how, cue, speaker = "", None, None
        if trailing and (continues or not leading) and left in ("start", "comma", "colon", "dash"):
            cue = trailing[0]
            speaker = _speaker_of(ctx, cue)
            if short and ctx.token_at(cue.start).i - ctx.token_at(q.end).i > ADJACENT_TOKENS \
                    and not (continues and _only_speaker_between(ctx, q.end, cue.start, speaker)):
                cue, speaker = None, None
            else:
                how = "trailing"
        if cue is None and leading and not (left == "word" and right == "word"):
            cue, speaker = _outermost(ctx, leading)
            gap = ctx.token_at(q.start).i - ctx.token_at(cue.end - 1).i
            if short and gap > ADJACENT_TOKENS and left != "colon":  # a colon hands over even a short quote
                cue, speaker = None, None
            else:
                how = "leading"
        if cue is None and right == "dash" and not short:
            speaker = _dash_speaker(ctx, q, hi)
            how = "dash" if speaker else ""
        if cue is None and speaker is None and left == "colon":
            cue, speaker = _before_colon(ctx, _prev_char(text, q.start, lo)[1])
            if short and cue is None:
                speaker = None  # a short quote needs a verb to hand it over
            how = "colon"
        if cue is None and speaker is None and left == "start" and not short:
            if q.start == lo and (q.block or _ends_with_colon(ctx, para)):
                cue, speaker = _intro(ctx, para)
                how = "intro"
            if speaker is None:
                speaker = _previous_speaker(ctx, q, para, out)
                cue, how = None, "previous"
        if speaker is None and cue is None:
            continue

        parts = [(q.start, q.end)]
        if how == "trailing" and n + 1 < len(quotes):
            second = _split_second_half(ctx, q, quotes[n + 1], trail_end, inner, hi)
            if second is not None:
                parts.append((second.start, second.end))
                absorbed.add(n + 1)
        out.append(RawStatement(
            "direct", parts,
            (cue.start, cue.end) if cue else None,
            speaker,
            confidence=CONFIDENCE[how] if speaker else CONFIDENCE[how] / 2,
            extra={"quote_rule": how},
        ))
    return out


def _ends_with_colon(ctx: _Context, para: int) -> bool:
    """The paragraph before ends in a colon, perhaps inside a quote (`… "crossing a line:"`)."""
    if para == 0:
        return False
    lo, hi = ctx.paragraphs[para - 1]
    tail = ctx.text[max(lo, hi - 4):hi].rstrip().rstrip("".join(FAMILY)).rstrip()
    return tail.endswith(":")


def _dash_speaker(ctx: _Context, q: Quote, hi: int) -> tuple[int, int] | None:
    """`"…" — Name, title`: the name after the dash, up to a comma or the end of the sentence."""
    doc = ctx.doc
    tok = ctx.token_at(q.end)
    if tok.idx < q.end:
        tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else tok
    while tok.idx < hi and (tok.is_space or tok.text[:1] in DASHES) and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]
    if tok.idx >= hi or tok.pos_ not in SPEAKER_POS or not tok.text[0].isupper():
        return None
    last = tok
    for t in doc[tok.i + 1:min(len(doc), tok.i + 6)]:
        if t.idx >= hi or t.is_punct or t.pos_ != "PROPN":
            break
        last = t
    return tok.idx, last.idx + len(last.text)


def _only_speaker_between(ctx: _Context, start: int, end: int, speaker: tuple[int, int] | None) -> bool:
    """Only the speaker stands between a short quote and its cue: `‘No,’ the chief executive said`."""
    if speaker is None:
        return False
    gap = ctx.text[start:speaker[0]] + ctx.text[speaker[1]:end]
    return speaker[0] >= start and speaker[1] <= end and not WORD.search(gap)


def _saying_between(ctx: _Context, start: int, end: int) -> list[Cue]:
    """The verbs of saying between two quotes, leaving out what only describes the occasion:
    a noun ("said in her on-court interview"), "according to a translation", a participle
    inside a noun phrase ("a translation shared by the platform")."""
    return [c for c in ctx.cues_between(start, end)
            if c.kind == "verb" and ctx.doc[c.token].dep_ not in DESCRIBING_DEPS]


def _split_second_half(ctx: _Context, first: Quote, second: Quote, trail_end: int, inner: str, hi: int) -> Quote | None:
    """`"Part one," she said, "part two."`: the second quote carries on the first when only the
    attribution stands between them and the first breaks off mid-sentence."""
    if second.start >= hi or second.start > trail_end + 2:
        return None
    gap = ctx.text[trail_end:second.start]
    if gap.strip() not in ("", ",", ":") or len(_saying_between(ctx, first.end, second.start)) != 1:
        return None  # something else, or a second verb of saying ("…, adding, "…"") stands between
    own_end = _trailing_end(ctx, second, hi, hi)
    if ctx.cues_between(second.end, own_end):
        return None  # the second quote has its own attribution
    before = ctx.text[first.end:second.start].rstrip()
    if before[-1:] == "," or (before[-1:] == "." and inner.rstrip()[-1:] == ","):
        return second
    return None
