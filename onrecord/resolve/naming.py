"""naming: the words of a person's name to its canonical form, and the word lists that say so.

A canonical name is the name as the text writes it in full, without what addresses or ranks the
person: honorifics ("Ms", "Dr", "Sir"), titles and roles before it ("Premier", "Justice",
"Director"), post-nominals after it ("KC", "MP", "Jr."), possessives. Gender marked by an
honorific, a gendered noun or a relation noun is agreement evidence within one article only: it
is never guessed from first names and never stored.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

POSSESSIVE = re.compile(r"['’]s$")
NICKNAME_MARKS = "\"“”‘’'«»"  # a word in these inside a name is a nickname: Omar "Falcon" Al-Harbi
INITIAL = re.compile(r"[A-Z]\.|[A-Z][a-z]?\.")  # "J." keeps its point in a name


def data_lines(name: str) -> list[str]:
    raw = resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _gender_table(name: str) -> dict[str, str]:
    return {w.lower(): g for w, g in (ln.split("\t")[:2] for ln in data_lines(name))}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists resolve reads, loaded once from onrecord/data."""

    titles: dict[str, str]  # role noun (lower case) -> role key
    title_re: re.Pattern
    title_end_re: re.Pattern  # a title ending the text: the words before a name
    title_chars: int  # the longest title's length: how far from the end `title_ending` looks
    honorifics: dict[str, str]  # "mr" -> "m", "dr" -> "-"
    post_nominals: frozenset[str]
    relations: dict[str, str]  # "sister" -> "f", "manager" -> "-"
    gendered: dict[str, str]  # every word that marks a gender: honorifics, gendered nouns, relations
    pronouns: dict[str, tuple[str, str]]  # word -> (gender or "-", number)
    groups: frozenset[str]  # organisation nouns: "the club", "the company"
    spokespeople: frozenset[str]  # who speaks for another: "a spokesperson for X"
    anonymous: frozenset[str]
    broad_roles: frozenset[str]  # role keys that may describe a person the text gave a narrower one
    interviewers: frozenset[str]  # role keys of who asks the questions of a transcript
    particles: frozenset[str]  # "bin", "van", "do": lower-case words inside a name
    org_suffixes: frozenset[str]  # "Corp.", "Inc.": abbreviations that keep their point in a name
    org_nouns: frozenset[str]  # "start-up", "rival", "company": what an organisation's name may follow
    documents: frozenset[str]  # "report", "filing": a document that speaks for its author
    org_kinds: dict[str, str]  # last words of an organisation's name -> its kind: "workers" -> "union"
    nationalities: dict[str, str]  # "polish", "poland", "pole" -> "polish": what says a nationality
    nationals: dict[str, str]  # "pole" -> "polish": a noun for a person of one ("the Pole")

    def title_ending(self, text: str) -> re.Match | None:
        """`title_end_re.search(text)`, tried only where a match can start: a title (at most
        `title_chars` long) right before the text's trailing white space. The words before a name
        run from the start of its sentence, and trying each of their positions was resolve's
        largest cost."""
        return self.title_end_re.search(text, max(0, len(text.rstrip()) - self.title_chars))

    def honorific(self, word: str) -> str | None:
        """The gender mark ("m", "f" or "-") of an honorific, with or without its full stop."""
        return self.honorifics.get(word.lower().rstrip("."))

    def gender_of(self, word: str) -> str | None:
        """ "m" or "f" where the word itself says it ("Ms", "actress", "sister"), else None."""
        low = word.lower()
        g = self.gendered.get(low) or self.honorifics.get(low.rstrip("."))
        return g if g in ("m", "f") else None

    def is_title(self, word: str) -> bool:
        low = word.lower()
        return low in self.titles or low + "." in self.titles or self.honorific(low) is not None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles: dict[str, str] = {}
    for line in data_lines("titles.txt"):
        key, _, alts = line.partition("=")
        key = key.strip().lower()
        titles[key] = key
        for alt in alts.split("|"):
            if alt.strip():
                titles[alt.strip().lower()] = key
    forms = sorted(titles, key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    title_re = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", re.I)
    title_end_re = re.compile(r"(?<![\w-])(" + alternatives + r")\s+$", re.I)
    honorifics = _gender_table("honorifics.tsv")
    relations = _gender_table("relations.tsv")
    gendered = {**{w: g for w, g in relations.items() if g != "-"}, **_gender_table("gendered.tsv")}
    pronouns = {w: (g, n) for w, g, n in (ln.split("\t")[:3] for ln in data_lines("pronouns.tsv"))}
    return Lexicon(titles, title_re, title_end_re, max(map(len, forms)), honorifics,
                   frozenset(w.rstrip(".") for w in data_lines("post_nominals.txt")), relations, gendered,
                   pronouns, frozenset(data_lines("groups.txt")), frozenset(data_lines("spokespeople.txt")), frozenset(data_lines("anonymous.txt")),
                   frozenset(titles.get(w.lower(), w.lower()) for w in data_lines("broad_roles.txt")),
                   frozenset(titles.get(w.lower(), w.lower()) for w in data_lines("interviewers.txt")),
                   frozenset(data_lines("name_particles.txt")), frozenset(data_lines("org_suffixes.txt")),
                   frozenset(data_lines("org_nouns.txt")) | frozenset(data_lines("groups.txt")),
                   frozenset(data_lines("documents.txt")),
                   {w.lower(): k for w, k in (ln.split("\t")[:2] for ln in data_lines("org_kinds.tsv"))},
                   *_nationalities())


def _nationalities() -> tuple[dict[str, str], dict[str, str]]:
    """Every word of `demonyms.tsv` to its adjective, and the nouns for a person among them."""
    forms: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for line in data_lines("demonyms.tsv"):
        adjective, people, countries = (line.split("\t") + ["", ""])[:3]
        key = adjective.lower()
        for noun in people.split("|"):
            nouns[noun.lower()] = key
        for word in [adjective, *people.split("|"), *countries.split("|")]:
            if word:
                forms[word.lower()] = key
    return forms, nouns


def _by_words(compute: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[str]]:
    """`compute(words)` remembered for the same words (a fresh list each call): the registry asks
    for the name parts of the same runs of words many times over."""
    remembered = lru_cache(maxsize=8192)(lambda words: tuple(compute(list(words))))

    @functools.wraps(compute)
    def by_words(words: list[str]) -> list[str]:
        return list(remembered(tuple(words)))
    return by_words


@_by_words
def name_parts(words: list[str]) -> list[str]:
    """Name parts: the capitalised run after the last title or lower-case word, possessives and
    post-nominals and what stands in parentheses off, a nickname in quotation marks left out
    (Omar "Falcon" Al-Harbi); an "&" between capitalised words ("Halden & Mistry") and a
    company's "Corp." stay.

    "Director Sean Baker" and "Union leader Paul Ortega" both end in the name; a title word that
    ends the run is the name itself ("Larry King"). Initials keep their point ("Donald J. Trump").
    """
    lex = lexicon()
    words = [POSSESSIVE.sub("", w).strip(",;:()") for w in _outside_brackets(words) if not _nickname(w)]
    words = [w if INITIAL.fullmatch(w) or w in lex.org_suffixes else w.rstrip(".") for w in words if w.strip(".")]
    while len(words) > 1 and words[-1].rstrip(".") in lex.post_nominals and words[-2][:1].isupper():
        words = words[:-1]
    out: list[str] = []
    for i, w in enumerate(words):
        titled = lex.is_title(w)
        inside = (w == "&" and out and i < len(words) - 1 and words[i + 1][:1].isupper()) \
            or (_particles_before_name(words, i, lex.particles) and (out or (i and lex.is_title(words[i - 1]))))
        if not (w[0].isupper() or w[0].isdigit() or inside) or (titled and i < len(words) - 1):
            out = []
        else:
            out.append(w)
    if len(out) == 1 and lex.is_title(out[0]):
        return []
    return out


def _particles_before_name(words: list[str], i: int, particles: frozenset[str]) -> bool:
    """Whether `words[i]` opens a run of particles that a capitalised part ends: "van" and "der"
    in "Lieke van der Berg", "de" and "la" in "María de la Cruz"."""
    j = i
    while j < len(words) and words[j] in particles:
        j += 1
    return i < j < len(words) and words[j][:1].isupper()


def _nickname(word: str) -> bool:
    return len(word) > 2 and word[0] in NICKNAME_MARKS and word[-1] in NICKNAME_MARKS


def _outside_brackets(words: list[str]) -> list[str]:
    """The words outside parentheses: "United Transport Workers (UTW)" is United Transport Workers."""
    out, depth = [], 0
    for w in words:
        depth += w.startswith("(")
        if not depth:
            out.append(w)
        depth = max(0, depth - w.endswith(")"))
    return out


def words_of(tokens) -> list[str]:
    """The words of a run of tokens as the text writes them: tokens with no space between are one
    word ("Ndlovu-Pryce", "Seo-yeon", "O'Rourke"), so a hyphenated name stays whole."""
    words: list[str] = []
    previous = None
    for tok in tokens:
        if previous is not None and words and tok.i == previous.i + 1 and not previous.whitespace_:
            words[-1] += tok.text
        else:
            words.append(tok.text)
        previous = tok
    return words


def proper_words(tokens) -> list[str]:
    """The words of the proper name among `tokens`: its proper nouns and the hyphens, "&" and
    plural apostrophes between them ("Ndlovu-Pryce", "Halden & Mistry", "Power Workers' Federation"),
    not what stands in parentheses ("United Transport Workers (UTW)")."""
    kept, depth = [], 0
    for tok in tokens:
        depth = max(0, depth + (tok.text == "(") - (tok.text == ")"))
        if not depth and (tok.pos_ == "PROPN" or tok.text in ("-", "&", "'", "’")):
            kept.append(tok)
    return words_of(kept)


def role_text(word: str) -> str:
    """Titles read as the text wrote them, lower case unless an acronym ("CEO")."""
    return word if word.isupper() and len(word) > 1 else word.lower()
