"""Search: words (stemmed, all required, ranked), speaker, dates of any precision, kind, outlet, pages."""
import pytest

from onrecord.records import When
from onrecord.store import UnknownSpeaker, open_store


@pytest.fixture
def store(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("a", [
            ("Ann Lee", "The ending surprised everyone who watched the ending twice.", {}),
            ("Ann Lee", "Budgets were tight all year.", {"when": When("in 2019", "2019", "year")}),
        ], published="2024-11-20", outlet="Variety"))
        store.add(*make_article("b", [
            ("Bo Chen", "Endings are hard to write.", {"kind": "indirect"}),
            ("Ann Lee", "I loved the ending of that film.", {"when": When("last month", "2024-10", "month")}),
        ], published="2024-11-05", outlet="IndieWire"))
        yield store


def texts(page):
    return [i.statement.content.text for i in page.items]


def test_words_are_stemmed_and_ranked(store):
    found = texts(store.search("ending"))
    assert set(found) == {"The ending surprised everyone who watched the ending twice.",
                          "Endings are hard to write.", "I loved the ending of that film."}
    assert found[0] == "The ending surprised everyone who watched the ending twice."
    assert texts(store.search("ending film")) == ["I loved the ending of that film."]
    assert texts(store.search("nonexistentword")) == []


def test_punctuation_in_queries_is_harmless(store):
    assert texts(store.search('"ending" OR (film) -x*')) == []
    assert len(store.search('ending!!').items) == 3


def test_speaker_kind_outlet_filters(store):
    assert len(store.search("ending", speaker="Lee").items) == 2
    with pytest.raises(UnknownSpeaker, match="no speaker 'Nobody Here' in the store"):
        store.search(speaker="Nobody Here")
    assert texts(store.search(kind="indirect")) == ["Endings are hard to write."]
    assert len(store.search(outlet="variety").items) == 2


def test_dates_of_any_precision(store):
    # "2024-10" lasts the whole month: it is on or after 2024-10-15 and on or before 2024-10-01.
    assert "I loved the ending of that film." in texts(store.search(since="2024-10-15", until="2024-10-31"))
    assert texts(store.search(until="2019-12")) == ["Budgets were tight all year."]
    assert len(store.search(since="2024-11-06").items) == 1
    assert len(store.search(since="2024").items) == 3


def test_newest_first_without_query_and_cursor_pages(store):
    dates = [i.date for i in store.search().items]
    assert dates == sorted(dates, reverse=True)
    first = store.search(limit=3)
    assert len(first.items) == 3 and first.next_cursor
    rest = store.search(limit=3, cursor=first.next_cursor)
    assert len(rest.items) == 1 and rest.next_cursor is None
    assert not {i.statement.id for i in first.items} & {i.statement.id for i in rest.items}
    with pytest.raises(ValueError):
        store.search(cursor="bogus")
