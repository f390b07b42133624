"""Speakers across documents: one entity per person, never one per surname."""
from test_cli_store import second_store_url  # noqa: F401 - a fixture: another empty store on the same engine

from onrecord.store import open_store
from onrecord.store.speakers import name_parts


def test_name_parts_drop_titles_and_descriptions():
    assert name_parts("director Sean Baker") == ["Sean", "Baker"]
    assert name_parts("Director Sean Baker") == ["Sean", "Baker"]
    assert name_parts("the filmmaker Sean Baker's") == ["Sean", "Baker"]
    assert name_parts("sean baker") == ["sean", "baker"]
    assert name_parts("the director") == []
    assert name_parts("he") == ["he"]


def test_one_speaker_across_documents_with_aliases_and_roles(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Sean Baker", "The ending had to be quiet.", {"speaker_role": "director"})]))
        store.add(*make_article("b", [("Baker", "I wrote it for Mikey.", {"speaker_name": "Baker"})]))
        store.add(*make_article("c", [("director Sean Baker", "We shot on film.",
                                       {"speaker_name": "Sean Baker", "speaker_role": "filmmaker"})]))
        found = store.speakers()
        assert len(found) == 1
        s = found[0]
        assert s.name == "Sean Baker" and s.statements == 3 and s.documents == 3
        assert {"Sean Baker", "Baker", "director Sean Baker"} <= set(s.aliases)
        assert set(s.roles) == {"director", "filmmaker"}
        for name in ("Baker", "sean baker", "Director Sean Baker", "SEAN BAKER"):
            assert store.find_speaker(name).id == s.id
        assert store.find_speaker("Tom Baker") is None
        assert store.search(speaker="Baker").items.__len__() == 3


def test_shared_surname_is_not_merged(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Sean Baker", "The ending had to be quiet.", {})]))
        store.add(*make_article("b", [("Simon Baker", "I never saw the film.", {})]))
        store.add(*make_article("c", [("Baker", "Who knows which Baker this is.", {"speaker_name": "Baker"})]))
        names = sorted(s.name for s in store.speakers())
        assert names == ["Baker", "Sean Baker", "Simon Baker"]
        assert store.find_speaker("Baker").name == "Baker"
        sean = store.find_speaker("Sean Baker")
        assert sean.statements == 1 and "Baker" not in sean.aliases


def test_surname_first_then_full_name(store_url, make_article):
    """A surname seen before any full name stays its own entity; later ones join the one full name."""
    with open_store(store_url) as store:
        store.add(*make_article("a", [("Lee", "First words here.", {"speaker_name": "Lee"})]))
        store.add(*make_article("b", [("Ann Lee", "Second words here.", {})]))
        store.add(*make_article("c", [("Lee", "Third words here.", {"speaker_name": "Lee"})]))
        by_name = {s.name: s for s in store.speakers()}
        assert by_name["Ann Lee"].statements == 2 and by_name["Lee"].statements == 1


def test_unnamed_speakers_get_no_entity(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("the director", "Something unattributed.", {"speaker_name": None})]))
        assert store.speakers() == []
        assert store.search().items[0].speaker_id is None


def test_speaker_detail_has_a_timeline(store_url, make_article):
    from onrecord.records import When

    with open_store(store_url) as store:
        store.add(*make_article("a", [("Ann Lee", "Later words, said in May.", {"when": When("in May", "2024-05", "month")}),
                                      ("Ann Lee", "Earlier words, said in 2020.", {"when": When("in 2020", "2020", "year")})],
                                published="2024-06-01"))
        detail = store.speaker(store.find_speaker("Ann Lee").id)
        assert [o.date for o in detail.timeline] == ["2020", "2024-05"]
        assert detail.to_dict()["timeline"][0]["statements"][0]["content"]["text"] == "Earlier words, said in 2020."
        assert store.speaker(99999) is None


def test_pronouns_and_descriptions_are_not_aliases(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [("He", "The ending had to be quiet.", {"speaker_name": "Sean Baker"}),
                                      ("The Director", "It was hopeful.", {"speaker_name": "Sean Baker"})]))
        assert store.find_speaker("Sean Baker").aliases == ["Sean Baker"]


def test_a_failed_add_leaves_nothing_behind(store_url, make_article):
    import pytest
    import sqlalchemy

    doc, sts = make_article("bad", [("Zoe Park", "Words that are said twice.", {"speaker_role": "mayor"})])
    with open_store(store_url) as store:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            store.add(doc, sts + sts)  # the same statement id twice: the transaction fails
        assert store.speakers() == [] and store.document("bad") is None
        assert store.add(*make_article("good", [("Zoe Park", "Other words.", {"speaker_role": "mayor"})])) == "added"
        assert store.add(*make_article("more", [("Zoe Park", "More words.", {"speaker_role": "mayor"})])) == "added"
        zoe = store.find_speaker("Zoe Park")
        assert zoe.statements == 2 and zoe.roles == ["mayor"] and zoe.aliases == ["Zoe Park"]


def _linked(store):
    """Speakers, their aliases and roles, and each statement's speaker and quote group, by value."""
    speakers = sorted((s.name, s.statements, s.documents, tuple(s.aliases), tuple(s.roles))
                      for s in store.speakers(limit=1000))
    rows = sorted((r.statement.id, r.speaker, r.group_id, r.group_size) for r in store.iter_statements())
    return speakers, rows


def test_a_batch_links_speakers_and_groups_as_one_document_at_a_time(store_url, second_store_url, make_article):
    """Within one transaction each document still resolves its names afresh: "Lee" before "Ann Lee"
    is its own entity, "Lee" after joins her, and a re-quote joins the group an earlier document started."""
    articles = [
        make_article("a", [("Lee", "First words here.", {"speaker_name": "Lee"})]),
        make_article("b", [("Ann Lee", "We will never close the harbour, whatever it costs.", {"speaker_role": "mayor"}),
                           ("Lee", "Second words here.", {"speaker_name": "Lee"})]),
        make_article("c", [("Lee", "Third words here.", {"speaker_name": "Lee"}),
                           ("mayor Ann Lee", "We will never close the harbour, whatever it cost!",
                            {"speaker_name": "Ann Lee"})]),
        make_article("d", [("Sean Baker", "The ending had to be quiet.", {}),
                           ("Simon Baker", "I never saw the film.", {}),
                           ("Baker", "Who knows which Baker this is.", {"speaker_name": "Baker"}),
                           ("Bo Chen", "We will never close the harbour, whatever it costs.", {})]),
        make_article("e", [("Sean Patrick Baker", "Film is patience.", {"speaker_name": "Sean Baker"})]),
        make_article("f", [("Sean Patrick Baker", "Film is luck.", {})]),  # an alias "e" gave Sean Baker
    ]
    with open_store(store_url) as one_by_one, open_store(second_store_url) as batched:
        assert [one_by_one.add(*a) for a in articles] == ["added"] * 6
        assert batched.add_many(articles) == ["added"] * 6
        expected = _linked(one_by_one)
        assert _linked(batched) == expected
    by_name = {name: n for name, n, *_ in expected[0]}
    assert by_name == {"Lee": 1, "Ann Lee": 3, "Sean Baker": 3, "Simon Baker": 1, "Baker": 1, "Bo Chen": 1}
    groups = {sid: (group, size) for sid, _speaker, group, size in expected[1]}
    assert sorted(size for _group, size in groups.values()).count(2) == 2  # Ann Lee's re-quote, not Bo Chen's
