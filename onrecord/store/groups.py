"""Quote groups for a batch of documents: looked up in a few queries, written in batches.

A statement joins the first group (by id) whose text is the same quote
(`provenance.is_near_duplicate`) and which no other known speaker is in; else it starts a
group named after itself. Candidates are the groups with the same exact key or a shared
MinHash band. Groups the batch itself starts are candidates for its later statements, so
statements assigned in order get the groups they would get one document at a time.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain

from sqlalchemy import Connection, bindparam, or_, select, text

from .. import provenance
from ..records import Statement
from .schema import quote_bands, quote_groups, statements

# Band keys are hex digits and group ids statement ids, so a batch's thousands of them travel to
# PostgreSQL as one space-separated string each: building array parameters element by element
# in Python cost more than the server's work.
_INSERT_BANDS_PG = ("INSERT INTO quote_bands (band, group_id) SELECT * FROM "
                    "unnest(string_to_array(%(bands)s, ' '), string_to_array(%(groups)s, ' '))")
_SQLITE_CHUNK = 5000
_BANDS = select(quote_bands.c.band, quote_bands.c.group_id).where(
    quote_bands.c.band.in_(bindparam("bands", expanding=True)))
# One probe of the band index per band. A plain `band = ANY(...)` or `IN (...)` is planned, while
# the table has no statistics (autovacuum off or not yet due), as a scan of every band stored:
# a cost growing with the store. OFFSET 0 keeps the planner from turning this into that scan.
_BANDS_PG = text("SELECT wanted.band, found.group_id FROM unnest(string_to_array(:bands, ' ')) AS wanted(band) "
                 "CROSS JOIN LATERAL (SELECT group_id FROM quote_bands WHERE band = wanted.band OFFSET 0) AS found")
_GROUP_GROWS = quote_groups.update().where(quote_groups.c.id == bindparam("group")).values(
    size=quote_groups.c.size + bindparam("added"))


class BatchGroups:
    """The quote groups the statements of a batch of documents join or start."""

    def __init__(self, conn: Connection, items: list[Statement]):
        self.keys = {st.id: provenance.quote_key(st.content.text) for st in items}
        self.bands = {st.id: sorted(set(provenance.minhash_bands(st.content.text))) for st in items}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.by_band: dict[str, list[str]] = defaultdict(list)
        self.norm: dict[str, str] = {}
        self.speakers: dict[str, set[int]] = defaultdict(set)
        self.added: Counter = Counter()
        self.new_groups: list[dict] = []
        all_bands = sorted({b for bands in self.bands.values() for b in bands})
        group_ids: set[str] = set()
        if conn.dialect.name == "postgresql":
            found = conn.execute(_BANDS_PG, {"bands": " ".join(all_bands)}) if all_bands else []
        else:  # within SQLite's limit on parameters per statement
            found = chain.from_iterable(conn.execute(_BANDS, {"bands": all_bands[i:i + _SQLITE_CHUNK]})
                                        for i in range(0, len(all_bands), _SQLITE_CHUNK))
        for band, group_id in found:
            self.by_band[band].append(group_id)
            group_ids.add(group_id)
        keys = sorted(set(self.keys.values()))
        if not keys:
            return
        condition = quote_groups.c.quote_key.in_(keys)
        if group_ids:
            condition = or_(condition, quote_groups.c.id.in_(sorted(group_ids)))
        for group_id, norm, key in conn.execute(select(quote_groups.c.id, quote_groups.c.norm,
                                                       quote_groups.c.quote_key).where(condition)):
            self.norm[group_id] = norm
            self.by_key[key].append(group_id)
        if self.norm:
            for group_id, speaker_id in conn.execute(
                    select(statements.c.group_id, statements.c.speaker_id).distinct()
                    .where(statements.c.group_id.in_(sorted(self.norm)), statements.c.speaker_id.is_not(None))):
                self.speakers[group_id].add(speaker_id)

    def assign(self, st: Statement, speaker_id: int | None) -> str:
        """The group `st` belongs to, started here if it is the first of its quote."""
        key, bands = self.keys[st.id], self.bands[st.id]
        candidates = set(self.by_key.get(key, ())) | {g for b in bands for g in self.by_band.get(b, ())}
        for group_id in sorted(candidates):
            if not provenance.is_near_duplicate(st.content.text, self.norm[group_id]):
                continue
            if speaker_id is None or self.speakers[group_id] <= {speaker_id}:
                self.added[group_id] += 1
                if speaker_id is not None:
                    self.speakers[group_id].add(speaker_id)
                return group_id
        self.norm[st.id] = provenance.normalise(st.content.text)
        self.by_key[key].append(st.id)
        for band in bands:
            self.by_band[band].append(st.id)
        if speaker_id is not None:
            self.speakers[st.id].add(speaker_id)
        self.new_groups.append({"id": st.id, "norm": self.norm[st.id], "quote_key": key})
        return st.id

    def write(self, conn: Connection) -> None:
        """New groups, their bands and the grown sizes: before the statements that refer to them."""
        new = {g["id"] for g in self.new_groups}
        if self.new_groups:
            conn.execute(quote_groups.insert(), [{**g, "size": 1 + self.added[g["id"]]} for g in self.new_groups])
            owned = [(g, self.bands[g]) for g in sorted(new) if self.bands[g]]
            if owned and conn.dialect.name == "postgresql":
                # One statement for all the bands: a round trip per band is what made PostgreSQL slow.
                conn.exec_driver_sql(_INSERT_BANDS_PG, {
                    "bands": " ".join(b for _g, bands in owned for b in bands),
                    "groups": " ".join(" ".join([g] * len(bands)) for g, bands in owned)})
            elif owned:
                conn.execute(quote_bands.insert(), [{"band": b, "group_id": g} for g, bands in owned for b in bands])
        grown = [{"group": g, "added": n} for g, n in sorted(self.added.items()) if g not in new]
        if grown:
            conn.execute(_GROUP_GROWS, grown)
