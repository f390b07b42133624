"""Quote groups across a corpus: the store's definition (`onrecord.provenance`), computed in Spark.

The store groups as it ingests: a statement joins the first group whose first member it is a
near duplicate of (`is_near_duplicate`) and whose named speakers are none but its own, else it
starts a group named by its statement id. Here statements are taken in order of appearance
(article date, then document id, then offset), so a corpus ingested in date order gets the
same groups either way. Speakers are compared by `speaker_name` (case-folded), where the store
compares its speaker entities.

At scale: identical normalised quotes collapse to one node (`quote_key`); nodes that share an
LSH band (`minhash_bands`, an equi-join standing in for MinHashLSH with the store's own
hashes) and pass `is_near_duplicate` are linked; linked nodes form components (min-label
propagation), and inside each component the store's rule runs over the statements in order.
"""
from __future__ import annotations

from collections.abc import Iterable

from onrecord.provenance import is_near_duplicate, minhash_bands, normalise, quote_key

GROUP_FIELDS = ("statement_id", "group_id", "group_size", "earliest_doc", "earliest_published")
"""One row per statement; `group_id` is the statement id of the group's earliest appearance."""

# A member: (statement_id, doc, published, content_start, content_text, speaker_name)
Member = tuple


def appearance_order(member: Member) -> tuple:
    """Earliest first: dated articles by date (undated last), then document id, then offset."""
    statement_id, doc, published, start = member[:4]
    return (published is None, published or "", doc, start, statement_id)


def store_groups(members: Iterable[Member]) -> list[tuple]:
    """The store's rule over statements that may be one quote: GROUP_FIELDS rows for each."""
    groups: list[tuple[str, str, set[str], list[Member]]] = []
    for member in sorted(members, key=appearance_order):
        text, speaker = member[4], (member[5] or "").strip().casefold() or None
        for group_id, first_text, speakers, joined in groups:
            if is_near_duplicate(text, first_text) and (speaker is None or speakers <= {speaker}):
                joined.append(member)
                if speaker:
                    speakers.add(speaker)
                break
        else:
            groups.append((member[0], text, {speaker} if speaker else set(), [member]))
    return [(m[0], group_id, len(joined), joined[0][1], joined[0][2])
            for group_id, _, _, joined in groups for m in joined]


def _components(edges, n: int, max_rounds: int = 100):
    """(node, component label) for every node on an edge: labels spread as minima until stable."""
    both = edges.flatMap(lambda e: [e, (e[1], e[0])]).cache()
    labels = both.map(lambda e: (e[0], e[0])).reduceByKey(min, n).cache()
    for _ in range(max_rounds):
        offered = both.join(labels, n).map(lambda kv: (kv[1][0], kv[1][1]))
        updated = labels.union(offered).reduceByKey(min, n)
        updated.localCheckpoint()
        changed = updated.join(labels, n).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = updated
        if not changed:
            break
    both.unpersist()
    return labels


def _band_pairs(bucket: list[str]) -> list[tuple[str, str]]:
    keys = sorted(set(bucket))
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]


def group_rows(members):
    """GROUP_FIELDS rows for an RDD of Members.

    Every shuffle keeps the input's partition count: unions would otherwise add up and
    leave thousands of near-empty tasks.
    """
    n = max(members.getNumPartitions(), 1)
    keyed = members.map(lambda m: (quote_key(m[4]) if normalise(m[4]) else None, m)).cache()
    # node: key -> (order of its earliest member, that member's text)
    texts = (keyed.filter(lambda km: km[0] is not None)
             .mapValues(lambda m: (appearance_order(m), m[4]))
             .reduceByKey(min, n).cache())
    candidates = (texts.flatMap(lambda kv: [(band, kv[0]) for band in minhash_bands(kv[1][1])])
                  .groupByKey(n).flatMap(lambda kv: _band_pairs(list(kv[1]))).distinct(n))
    edges = (candidates.join(texts, n).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
             .join(texts, n).filter(lambda kv: is_near_duplicate(kv[1][0][1][1], kv[1][1][1]))
             .map(lambda kv: (kv[1][0][0], kv[0])))
    components = _components(edges, n)
    grouped = (keyed.filter(lambda km: km[0] is not None).leftOuterJoin(components, n)
               .map(lambda kv: (kv[1][1] or kv[0], kv[1][0]))
               .groupByKey(n).flatMap(lambda kv: store_groups(kv[1])))
    alone = keyed.filter(lambda km: km[0] is None).map(lambda km: store_groups([km[1]])[0])
    return grouped.union(alone)
