"""Speakers across documents: one entity for "Sean Baker", "Baker" and "director Sean Baker".

Within a document the resolver has already named the speaker; here that name is
matched against the entities the store knows. A full name matches its own key or
an alias; a single word (a surname) joins an entity only when exactly one known
full name ends with it, so two people who share a surname are never merged.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from sqlalchemy import Connection, bindparam, func, select

from .schema import NAME_KEY_CHARS, SURNAME_KEY_CHARS, insert_ignore, speaker_aliases, speaker_roles, speakers

_TOKEN = re.compile(r"[^\s]+")
_EDGE = re.compile(r"^[^\w]+|[^\w.]+$|'s$|\u2019s$")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    text = resources.files("onrecord.data").joinpath("name_titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def name_parts(name: str | None) -> list[str]:
    """The words of a person's name, without titles and descriptions before it.

    Where the text has capitals, lower-case words before the name ("the", "director")
    go too; a query typed all in lower case loses only titles and "the".
    """
    if not name:
        return []
    words = [_EDGE.sub("", w) for w in _TOKEN.findall(name)]
    words = [w for w in words if w]
    has_capital = any(w[0].isupper() for w in words)
    titles = title_words()
    while words:
        bare = words[0].rstrip(".").casefold()
        if bare in titles or bare == "the" or (has_capital and not words[0][0].isupper()):
            words.pop(0)
        else:
            break
    return words


def name_key(parts: list[str]) -> str:
    return " ".join(p.rstrip(".").casefold() for p in parts)


def alias_key(alias: str) -> str:
    """An alias as written, compared without case or extra spaces ("director Sean Baker")."""
    return " ".join(alias.casefold().split())


def _is_name(parts: list[str]) -> bool:
    """A name has a capital somewhere: "someone" or "the director" names nobody."""
    return any(w[0].isupper() for w in parts)


_BY_NAME = select(speakers.c.id).where(speakers.c.name_key == bindparam("key"))
_FULL_NAMES_WITH_SURNAME = select(speakers.c.id).where(
    speakers.c.surname_key == bindparam("key"), speakers.c.full == 1).limit(2)
_BY_ALIAS = select(speaker_aliases.c.speaker_id).distinct().where(
    speaker_aliases.c.alias_key.in_(bindparam("keys", expanding=True))).limit(2)


class Lookups:
    """The questions `find_speaker_id` asks, put to the database."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def by_name(self, key: str) -> int | None:
        return self.conn.scalar(_BY_NAME, {"key": key})

    def full_names_with_surname(self, key: str) -> list[int]:
        """Two at most: enough to tell one from several."""
        return list(self.conn.scalars(_FULL_NAMES_WITH_SURNAME, {"key": key}))

    def by_alias(self, keys: list[str]) -> set[int]:
        """Two at most: enough to tell one from several."""
        return set(self.conn.scalars(_BY_ALIAS, {"keys": keys}))


class BatchLookups(Lookups):
    """The same answers for a batch's speakers, read in two queries at its start, not three per name.

    Kept current by `added` as the batch creates entities (aliases wait in the transaction's
    pending facts, see `_Pending`); a key not read ahead is still asked of the database.
    """

    def __init__(self, conn: Connection, who: list[tuple[str | None, str | None]]) -> None:
        super().__init__(conn)
        self.names: dict[str, int] = {}
        self.surnames: dict[str, list[int]] = defaultdict(list)
        self.aliases: dict[str, set[int]] = defaultdict(set)
        self.read_names: set[str] = set()
        self.read_surnames: set[str] = set()
        self.read_aliases: set[str] = set()
        for name, mention in who:
            parts = _speaker_parts(name, mention)
            if not parts:
                continue
            self.read_names.add(name_key(parts))
            joined = " ".join(parts)
            again = name_parts(joined)  # what find_speaker_id makes of it
            if not again:
                continue
            self.read_names.add(name_key(again))
            if len(again) == 1:
                self.read_surnames.add(name_key(again))
            else:
                self.read_aliases.update((name_key(again), alias_key(joined)))
        if self.read_names or self.read_surnames:
            for sid, key, surname, full in conn.execute(
                    select(speakers.c.id, speakers.c.name_key, speakers.c.surname_key, speakers.c.full).where(
                        speakers.c.name_key.in_(sorted(self.read_names))
                        | (speakers.c.surname_key.in_(sorted(self.read_surnames)) & (speakers.c.full == 1)))):
                self._remember(sid, key, surname, full)
        if self.read_aliases:
            for sid, key in conn.execute(select(speaker_aliases.c.speaker_id, speaker_aliases.c.alias_key)
                                         .where(speaker_aliases.c.alias_key.in_(sorted(self.read_aliases)))):
                self.aliases[key].add(sid)

    def _remember(self, speaker_id: int, key: str, surname: str, full: int) -> None:
        if key in self.read_names:
            self.names[key] = speaker_id
        if full and surname in self.read_surnames:
            self.surnames[surname].append(speaker_id)

    def added(self, speaker_id: int, key: str, surname: str, full: int) -> None:
        """An entity the batch created, so later names in it find it."""
        self._remember(speaker_id, key, surname, full)

    def by_name(self, key: str) -> int | None:
        return self.names.get(key) if key in self.read_names else super().by_name(key)

    def full_names_with_surname(self, key: str) -> list[int]:
        if key in self.read_surnames:
            return self.surnames.get(key, [])[:2]
        return super().full_names_with_surname(key)

    def by_alias(self, keys: list[str]) -> set[int]:
        if all(k in self.read_aliases for k in keys):
            return {i for k in keys for i in self.aliases.get(k, ())}
        return super().by_alias(keys)


def find_speaker_id(conn: Connection, name: str, *, name_checked: bool = False,
                    unwritten: dict[str, set[int]] | None = None, lookups: Lookups | None = None) -> int | None:
    """The entity a name refers to, by the rules in this module's docstring, or None.

    `name_checked`: the caller already looked the full name up as a name (not as an alias).
    `unwritten`: aliases of the transaction under way not yet written, by alias key.
    `lookups`: where to ask (by default the database through `conn`).
    """
    lookups = lookups or Lookups(conn)
    parts = name_parts(name)
    if not parts:
        return None
    key = name_key(parts)
    if len(parts) == 1:
        full = lookups.full_names_with_surname(key)
        if len(full) == 1:
            return full[0]
        return lookups.by_name(key)
    found = None if name_checked else lookups.by_name(key)
    if found is not None:
        return found
    keys = sorted({key, alias_key(name)})
    ids = lookups.by_alias(keys)
    ids.update(i for k in keys for i in (unwritten or {}).get(k, ()))
    return ids.pop() if len(ids) == 1 else None


class KnownSpeakers:
    """What this process has seen committed, so ingest does not ask again for every article.

    Only facts that cannot change are kept: a full name's own entity (name keys are unique
    and entities are never merged), and aliases and roles that exist (never removed). Facts
    learnt in a transaction count only once it commits (`commit`; `rollback` drops them);
    each thread has its own pending facts, as the web server adds from several threads.
    """

    def __init__(self) -> None:
        self.full: dict[str, int] = {}
        self.facts: set[tuple] = set()
        self._local = threading.local()

    @property
    def pending(self) -> "_Pending":
        if not hasattr(self._local, "pending"):
            self._local.pending = _Pending()
        return self._local.pending

    def commit(self) -> None:
        pending = self.pending
        self.full.update(pending.full)
        self.facts |= pending.facts
        self.rollback()

    def rollback(self) -> None:
        self._local.pending = _Pending()

    def start_document(self) -> None:
        """Names resolve afresh in each document: a surname may join a full name an earlier one added."""
        self.pending.names.clear()

    def has(self, fact: tuple) -> bool:
        return fact in self.facts or fact in self.pending.facts

    def write(self, conn: Connection) -> None:
        """The aliases and roles the transaction learnt, in one statement each, before it commits."""
        pending = self.pending
        for table, rows, conflict in ((speaker_aliases, pending.aliases, ["speaker_id", "alias_key"]),
                                      (speaker_roles, pending.roles, ["speaker_id", "role_key"])):
            if rows:
                insert_ignore(conn, table, rows, conflict)
        pending.aliases, pending.roles = [], []
        pending.unwritten_aliases.clear()


class _Pending:
    """Facts of the transaction under way, and every name its current document resolved.

    New aliases and roles wait in `aliases` and `roles` for `KnownSpeakers.write`: a statement per
    row was most of what linking speakers cost. Until written, `unwritten_aliases` answers for them.
    """

    def __init__(self) -> None:
        self.full: dict[str, int] = {}
        self.facts: set[tuple] = set()
        self.names: dict[str, int] = {}
        self.aliases: list[dict] = []
        self.roles: list[dict] = []
        self.unwritten_aliases: dict[str, set[int]] = defaultdict(set)


def _speaker_parts(name: str | None, mention: str | None) -> list[str] | None:
    return next((p for p in (name_parts(name), name_parts(mention)) if _is_name(p)), None)


def link_speaker(conn: Connection, name: str | None, mention: str | None, role: str | None,
                 known: KnownSpeakers, lookups: BatchLookups) -> int | None:
    """The entity for a statement's speaker, created if new; aliases and roles accumulate.

    `lookups` was read for the batch this statement is in. New aliases and roles are written
    by `known.write`, which the caller runs before committing.
    """
    parts = _speaker_parts(name, mention)
    if not parts:
        return None
    key = name_key(parts)
    if len(key) > NAME_KEY_CHARS or len(name_key(parts[-1:])) > SURNAME_KEY_CHARS:
        return None  # no one's name is that long: an extraction gone astray names nobody
    speaker_id = known.pending.names.get(key)
    if speaker_id is None:
        own = None  # the entity named exactly this, when it is a full name
        if len(parts) > 1:
            own = known.full.get(key) or lookups.by_name(key)
        if own is None:
            speaker_id = find_speaker_id(conn, " ".join(parts), name_checked=len(parts) > 1,
                                         unwritten=known.pending.unwritten_aliases, lookups=lookups)
        else:
            speaker_id = own
        if speaker_id is None:
            row = {"name": " ".join(parts), "name_key": key, "surname_key": name_key(parts[-1:]),
                   "full": int(len(parts) > 1)}
            speaker_id = insert_ignore(conn, speakers, row, ["name_key"], returning=speakers.c.id)
            if speaker_id is None:  # another writer created it a moment ago
                speaker_id = conn.scalar(_BY_NAME, {"key": key})
            lookups.added(speaker_id, key, row["surname_key"], row["full"])
            own = speaker_id if len(parts) > 1 else None
        if own is not None:
            known.pending.full[key] = own
        known.pending.names[key] = speaker_id
    own_words = {name_key([w]) for w in parts}
    for alias in {a for a in (name, mention) if a}:
        # An alias shares a word with the name: "Baker", "director Sean Baker", never "He".
        alias_parts = name_parts(alias)
        fact = ("alias", speaker_id, alias_key(alias))
        if not known.has(fact) and len(fact[2]) <= NAME_KEY_CHARS and _is_name(alias_parts) \
                and own_words & {name_key([w]) for w in alias_parts}:
            known.pending.aliases.append({"speaker_id": speaker_id, "alias": " ".join(alias.split()),
                                          "alias_key": fact[2]})
            known.pending.unwritten_aliases[fact[2]].add(speaker_id)
            known.pending.facts.add(fact)
    if role and role.strip():
        fact = ("role", speaker_id, role.strip().casefold())
        if not known.has(fact) and len(fact[2]) <= NAME_KEY_CHARS:
            known.pending.roles.append({"speaker_id": speaker_id, "role": role.strip(), "role_key": fact[2]})
            known.pending.facts.add(fact)
    return speaker_id


def aliases_and_roles(conn: Connection, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    roles: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for sid, alias in conn.execute(select(speaker_aliases.c.speaker_id, speaker_aliases.c.alias)
                                       .where(speaker_aliases.c.speaker_id.in_(ids))
                                       .order_by(func.length(speaker_aliases.c.alias), speaker_aliases.c.alias)):
            aliases[sid].append(alias)
        for sid, role in conn.execute(select(speaker_roles.c.speaker_id, speaker_roles.c.role)
                                      .where(speaker_roles.c.speaker_id.in_(ids)).order_by(speaker_roles.c.role)):
            roles[sid].append(role)
    return aliases, roles
