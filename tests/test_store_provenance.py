"""Quote groups: the same quote across articles, its earliest appearance and original venue."""
from onrecord.records import Venue, When
from onrecord.store import open_store

QUOTE = "I always knew the film would end in that car, in silence"


def test_requotes_form_one_group_traced_to_the_earliest(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("late", [("Sean Baker", f"{QUOTE}.", {})], published="2025-03-12", outlet="Late"))
        store.add(*make_article("orig", [("Sean Baker", QUOTE, {
            "venue": Venue("interview", "IndieWire", None, "told IndieWire"),
            "when": When("in November", "2024-11", "month")})], published="2025-01-05", outlet="Mid"))
        store.add(*make_article("edit", [("Baker", QUOTE.replace("always ", "").upper(),
                                          {"speaker_name": "Baker"})], published="2025-02-01", outlet="Edit"))
        items = store.search().items
        assert len({i.group_id for i in items}) == 1 and all(i.group_size == 3 for i in items)
        group = store.quote_group(items[0].group_id)
        assert group.size == 3
        assert [m.doc for m in group.members] == ["orig", "edit", "late"]
        assert group.earliest.doc == "orig" and group.earliest.date == "2024-11"
        assert group.origin_venue.name == "IndieWire" and group.origin_date == "2024-11"
        speaker = store.find_speaker("Sean Baker")
        assert speaker.statements == 1 and speaker.documents == 3
        assert store.quote_group("missing") is None


def test_earliest_by_publication_when_no_statement_date(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("b", [("Ann Lee", QUOTE, {})], published="2024-02-01"))
        store.add(*make_article("a", [("Ann Lee", QUOTE, {})], published="2023-12-31"))
        group = store.quote_group(store.search().items[0].group_id)
        assert group.earliest.doc == "a" and group.origin_venue is None and group.origin_date is None


def test_different_speakers_or_quotes_are_not_grouped(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Ann Lee", QUOTE, {})]))
        store.add(*make_article("b", [("Bo Chen", QUOTE, {})]))
        store.add(*make_article("c", [("Ann Lee", "Something else entirely, about the budget.", {})]))
        store.add(*make_article("d", [("Cy Diaz", "Yes.", {}), ("Ann Lee", "Yes.", {})]))
        items = store.search().items
        assert len({i.group_id for i in items}) == 5
        assert store.find_speaker("Ann Lee").statements == 3


def test_unattributed_copy_joins_the_group(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Ann Lee", QUOTE, {})]))
        store.add(*make_article("b", [("someone", QUOTE, {"speaker_name": None})]))
        assert {i.group_size for i in store.search().items} == {2}


def test_within_one_article_speakers_are_kept_apart_too(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Ann Lee", QUOTE, {}), ("Bo Chen", QUOTE, {}), ("Ann Lee", QUOTE, {})]))
        items = store.search().items
        by_speaker = {}
        for i in items:
            by_speaker.setdefault(i.speaker, set()).add(i.group_id)
        assert len(by_speaker["Ann Lee"]) == 1 and len(by_speaker["Bo Chen"]) == 1
        assert by_speaker["Ann Lee"] != by_speaker["Bo Chen"]
        assert store.find_speaker("Ann Lee").statements == 1


def test_a_long_article_with_many_distinct_quotes(store_url, make_article):
    import random

    rng = random.Random(5)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "do", "gu", "ban"]
    parts = [("Ann Lee", " ".join("".join(rng.choices(syllables, k=3)) for _ in range(9)), {}) for _ in range(400)]
    with open_store(store_url) as store:
        assert store.add(*make_article("long", parts))
        assert store.find_speaker("Ann Lee").statements == 400
