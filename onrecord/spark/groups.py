"""Quote groups across a corpus: the store's definition (`onrecord.provenance`), computed in Spark.

The store groups as it ingests: a statement joins the group whose first member it is a near
duplicate of (`is_near_duplicate`), else it starts a group, and the group is named by that
first member's statement id. Here "first" is the earliest appearance (article date, then
document id, then offset), so a corpus ingested in date order gets the same groups either way.

At scale: identical normalised quotes collapse to one node (`quote_key`); nodes that share an
LSH band (`minhash_bands`, an equi-join standing in for MinHashLSH with the store's own
hashes) and pass `is_near_duplicate` are linked; linked nodes form components (min-label
propagation), and inside each small component the store's first-member rule runs in order.
"""
from __future__ import annotations

from collections.abc import Iterable

from onrecord.provenance import is_near_duplicate, minhash_bands, normalise, quote_key

GROUP_FIELDS = ("statement_id", "group_id", "group_size", "earliest_doc", "earliest_published")
"""One row per statement; `group_id` is the statement id of the group's earliest appearance."""


def appearance_order(published: str | None, doc: str, start: int, statement_id: str) -> tuple:
    """Earliest first: dated articles by date (undated last), then document id, then offset."""
    return (published is None, published or "", doc, start, statement_id)


def first_member_groups(nodes: Iterable[tuple[str, tuple, str]]) -> dict[str, str]:
    """The store's rule over (key, order, text) nodes: each joins the earliest group whose
    first member it nearly duplicates, else starts its own. Returns key -> first member's key."""
    leaders: list[tuple[str, str]] = []
    leader_of: dict[str, str] = {}
    for key, _order, text in sorted(nodes, key=lambda node: node[1]):
        for leader_key, leader_text in leaders:
            if is_near_duplicate(leader_text, text):
                leader_of[key] = leader_key
                break
        else:
            leaders.append((key, text))
            leader_of[key] = key
    return leader_of


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
    """Group rows for an RDD of (statement_id, doc, published, start, text) tuples.

    Every shuffle keeps the input's partition count: unions would otherwise add up and
    leave thousands of near-empty tasks.
    """
    n = members.getNumPartitions()
    keyed = members.map(lambda m: (m, quote_key(m[4]) if normalise(m[4]) else None)).cache()
    # node: key -> (order of its earliest member, that member's id, doc, published, text, size)
    nodes = (keyed.filter(lambda mk: mk[1] is not None)
             .map(lambda mk: (mk[1], (appearance_order(mk[0][2], mk[0][1], mk[0][3], mk[0][0]),
                                      mk[0][0], mk[0][1], mk[0][2], mk[0][4], 1)))
             .reduceByKey(lambda a, b: (*min(a, b)[:5], a[5] + b[5]), n)
             .cache())
    candidates = (nodes.flatMap(lambda kv: [(band, kv[0]) for band in minhash_bands(kv[1][4])])
                  .groupByKey(n).flatMap(lambda kv: _band_pairs(list(kv[1]))).distinct(n))
    texts = nodes.mapValues(lambda n: (n[0], n[4]))
    edges = (candidates.join(texts, n).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
             .join(texts, n).filter(lambda kv: is_near_duplicate(kv[1][0][1][1], kv[1][1][1]))
             .map(lambda kv: (kv[1][0][0], kv[0])))
    components = _components(edges, n)
    leader_of = (components.join(texts, n).map(lambda kv: (kv[1][0], (kv[0], kv[1][1][0], kv[1][1][1])))
                 .groupByKey(n).flatMap(lambda kv: first_member_groups(kv[1]).items()))
    leaders = nodes.leftOuterJoin(leader_of, n).map(lambda kv: (kv[0], kv[1][1] or kv[0])).cache()
    # leader key -> (earliest id, doc, published, group size)
    groups = (leaders.join(nodes, n).map(lambda kv: (kv[1][0], kv[1][1][5]))
              .reduceByKey(lambda a, b: a + b, n)
              .join(nodes, n).mapValues(lambda v: (v[1][1], v[1][2], v[1][3], v[0])))
    node_group = leaders.map(lambda kv: (kv[1], kv[0])).join(groups, n).map(lambda kv: (kv[1][0], kv[1][1]))
    grouped = (keyed.filter(lambda mk: mk[1] is not None).map(lambda mk: (mk[1], mk[0][0]))
               .join(node_group, n).map(lambda kv: (kv[1][0], *kv[1][1])))
    alone = keyed.filter(lambda mk: mk[1] is None).map(lambda mk: (mk[0][0], mk[0][0], mk[0][1], mk[0][2], 1))
    return grouped.union(alone).map(lambda r: (r[0], r[1], r[4], r[2], r[3]))
