"""Occasions carry forward per speaker; on the seed, the IndieWire and Script Apart statements."""
from __future__ import annotations

import json

import pytest

from onrecord.attribute import RawStatement
from onrecord.enrich import enrich
from onrecord.enrich.occasions import _trigger_hashes, _triggers
from onrecord.records import Document
from resolve_enrich_helpers import resolved, statement

pytestmark = pytest.mark.model

ARTICLE = (
    "Director Rosa Vance spoke to Sight and Sound in June about her new film. "
    "In an interview with Cahiers in April of last year, Vance said the script came first. "
    "She added that the ending was rewritten twice. "
    "Producer Omar Haddad said the budget was small. "
    "Vance said the cast had improvised. "
    "On the Cinema Hour podcast with Dee Marsh, Vance said the edit took a year. "
    "She also said the festival run was a surprise."
)


def test_occasions_carry_per_speaker_until_the_text_moves_on(nlp):
    doc = nlp(ARTICLE)
    raws = [
        statement(ARTICLE, "Vance", "said the script", "the script came first"),
        statement(ARTICLE, "She", "added", "the ending was rewritten twice"),
        statement(ARTICLE, "Producer Omar Haddad", "said the budget", "the budget was small"),
        statement(ARTICLE, "Vance", "said the cast", "the cast had improvised"),
        statement(ARTICLE, "Vance", "said the edit", "the edit took a year"),
        statement(ARTICLE, "She", "also said", "the festival run was a surprise"),
    ]
    raws = resolved(doc, raws)
    found = enrich(doc, raws, "2025-01-20")
    assert [r.speaker_name for r in raws] == ["Rosa Vance", "Rosa Vance", "Omar Haddad"] + ["Rosa Vance"] * 3
    venues = [(v.kind, v.name, v.interviewer) if v else None for v, _w in found]
    assert venues[:2] == [("interview", "Cahiers", None)] * 2
    # the producer's words set no occasion: Vance, speaking again, is still in the Cahiers interview
    assert venues[2] is None and venues[3] == ("interview", "Cahiers", None)
    assert venues[4:] == [("podcast", "Cinema Hour", "Dee Marsh")] * 2
    assert found[0][1].date == found[1][1].date == "2024-04"
    assert found[4][1] is None


def test_seed_occasions(extractor, shared_dir):
    text = (shared_dir / "seed" / "anora-ending.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "seed" / "gold.json").read_text(encoding="utf-8"))["docs"][0]
    found = extractor.extract(Document("seed", text, published=gold["published"]))

    def predicted(gold_id):
        g = next(s for s in gold["statements"] if s["id"] == gold_id)
        gs, ge = g["content"][0]
        best = max(found, key=lambda st: min(ge, st.content.end) - max(gs, st.content.start))
        assert min(ge, best.content.end) > max(gs, best.content.start), f"{gold_id} not found"
        return best

    for gold_id in ("s03", "s05"):
        st = predicted(gold_id)
        assert st.venue is not None and st.venue.kind == "interview"
        assert st.venue.name == "IndieWire" and st.when.date == "2024-11"
    s06 = predicted("s06")
    assert (s06.venue.kind, s06.venue.name, s06.venue.interviewer) == ("podcast", "Script Apart", "Al Horner")
    assert s06.when.text == "In a more recent conversation" and s06.when.date is None


def test_a_venue_takes_the_time_of_the_sentence_before(nlp):
    text = "Ada Kerr changed her tone on Sunday. In a post on Instagram, the winger wrote that she was hurt."
    doc = nlp(text)
    raws = [statement(text, "the winger", "wrote", "she was hurt")]
    raws[0].speaker_name = "Ada Kerr"
    (venue, when), = enrich(doc, raws, "2025-11-04")
    assert (venue.kind, venue.name) == ("social", "Instagram")
    assert (when.text, when.date) == ("on Sunday", "2025-11-02")


def test_an_indirect_content_does_not_hide_the_venue(nlp):
    text = "Lena Wirth addressed the debate in an interview with Frame Weekly in April, saying it was over."
    doc = nlp(text)
    raws = [statement(text, "Lena Wirth", "addressed", "the debate in an interview with Frame Weekly in April"),
            statement(text, "Lena Wirth", "saying", "it was over")]
    for r in raws:
        r.speaker_name = "Lena Wirth"
    venue, when = enrich(doc, raws, "2025-06-18")[1]
    assert venue.name == "Frame Weekly" and when.date == "2025-04"


def test_a_time_in_a_relative_clause_is_not_the_occasion(nlp):
    text = "Nell Ashby, who formed the band with him in 2004, said she had cried."
    doc = nlp(text)
    raws = [statement(text, "Nell Ashby", "said", "she had cried")]
    raws[0].speaker_name = "Nell Ashby"
    assert enrich(doc, raws, "2024-10-30")[0][1] is None


SCENES = (
    "Speaking to Harbour Weekly last October, the architect Mira Solberg said the tower was finished. "
    "Her partner, Odd Lien, told the magazine that the budget had doubled.\n\n"
    "{later}, appearing on the Drawing Board podcast with host Tomas Iver{month}, Solberg sounded less sure. "
    "She admitted that the roof leaked. Solberg told Iver that the builders were to blame.\n\n"
    "“The roof was always going to leak” — Mira Solberg, on Drawing Board.\n\n"
    "“Buildings outlive us” — Mira Solberg\n"
)


def _scene_statements(text):
    raws = [
        statement(text, "the architect Mira Solberg", "said the tower", "the tower was finished"),
        statement(text, "Odd Lien", "told the magazine", "the budget had doubled"),
        statement(text, "She", "admitted", "the roof leaked"),
        statement(text, "Solberg", "told Iver", "the builders were to blame"),
    ]
    for words, name in (("The roof was always going to leak", "Mira Solberg"), ("Buildings outlive us", "Mira Solberg")):
        start = text.index(words)
        who = text.index(name, start)
        raws.append(RawStatement("direct", [(start - 1, start + len(words) + 1)], None, (who, who + len(name))))
    for r, name in zip(raws, ["Mira Solberg", "Odd Lien"] + ["Mira Solberg"] * 4):
        r.speaker_name = name
    return raws


def _occasions(nlp, text):
    raws = _scene_statements(text)
    return [((v.kind, v.name, v.interviewer) if v else None, w.date if w else None)
            for v, w in enrich(nlp(text), raws, "2025-04-08")]


WEEKLY = (("interview", "Harbour Weekly", None), "2024-10")
BOARD = (("podcast", "Drawing Board", "Tomas Iver"), "2025-03")


@pytest.mark.parametrize("later,month,date", [
    ("Five months later", " in March", "2025-03"),
    ("Five months later", "", "2025-03"),
    ("Later", "", None),
])
def test_a_scene_without_words_opens_the_next_occasion(nlp, later, month, date):
    occasions = _occasions(nlp, SCENES.format(later=later, month=month))
    assert occasions[0] == WEEKLY
    assert occasions[2] == (BOARD[0], date)


def test_the_magazine_and_the_host_refer_back_to_the_occasion(nlp):
    occasions = _occasions(nlp, SCENES.format(later="Five months later", month=" in March"))
    assert occasions[1] == WEEKLY
    assert occasions[3] == BOARD


def test_a_pull_quote_takes_only_the_venue_its_tag_names(nlp):
    occasions = _occasions(nlp, SCENES.format(later="Five months later", month=" in March"))
    assert occasions[4] == BOARD
    assert occasions[5] == (None, None)


def test_a_scene_may_share_its_sentence_with_someone_elses_words(nlp):
    text = ("Mira Solberg announced the plan on a call on Tuesday, after the board said it was ready. "
            "\"We are building again,\" Solberg said.")
    raws = [statement(text, "the board", "said it", "it was ready"),
            statement(text, "Solberg", "Solberg said", "We are building again")]
    raws[0].speaker_name, raws[1].speaker_name = "board", "Mira Solberg"
    venue, when = enrich(nlp(text), raws, "2025-09-12")[1]
    assert when.date == "2025-09-09" and (venue.kind, venue.name) == ("press_conference", None)


def test_a_time_in_a_relative_clause_the_parse_misses(nlp):
    text = "Bassist Ivo Brandt, who co-founded the label with Lind in 2009, said he had cried."
    raws = [statement(text, "Bassist Ivo Brandt", "said", "he had cried")]
    raws[0].speaker_name = "Ivo Brandt"
    assert enrich(nlp(text), raws, "2024-10-30")[0][1] is None


def _named(raws, *names):
    for r, name in zip(raws, names):
        r.speaker_name = name
    return raws


def test_a_time_inside_the_words_never_dates_them(nlp):
    text = "Coach Ana Ruiz said the winter had been hard on the squad. \"We lost four games in March,\" Ruiz said."
    raws = _named([statement(text, "Coach Ana Ruiz", "said", "the winter had been hard on the squad"),
                   statement(text, "Ruiz", "Ruiz said", "\"We lost four games in March,\"", after=60, kind="direct")],
                  "Ana Ruiz", "Ana Ruiz")
    assert [w for _v, w in enrich(nlp(text), raws, "2025-06-10")] == [None, None]


def test_a_year_on_the_occasion_dates_its_statements(nlp):
    text = "In a 2019 interview with the Coastal Review, novelist Ben Amari said the book took a decade."
    raws = _named([statement(text, "novelist Ben Amari", "said", "the book took a decade")], "Ben Amari")
    (venue, when), = enrich(nlp(text), raws, "2025-02-01")
    assert (venue.kind, venue.name, when.date) == ("interview", "Coastal Review", "2019")


def test_a_scene_sentence_sets_the_occasion_of_the_statements_after_it(nlp):
    text = ("The manager took questions at a press conference at the Kestrel Ground on Friday. "
            "Tom Adler said his side had been unlucky. He added that the referee had been fair.\n\n"
            "Adler later wrote on Instagram that he was proud.")
    raws = _named([statement(text, "Tom Adler", "said his", "his side had been unlucky"),
                   statement(text, "He", "added", "the referee had been fair"),
                   statement(text, "Adler", "wrote", "he was proud")], "Tom Adler", "Tom Adler", "Tom Adler")
    found = enrich(nlp(text), raws, "2025-10-04")
    assert [(v.kind, v.name) for v, _w in found] == [("press_conference", "Kestrel Ground")] * 2 + [("social", "Instagram")]
    assert [w.date if w else None for _v, w in found] == ["2025-10-03", "2025-10-03", None]


def test_told_a_host_is_the_show_they_host(nlp):
    text = ("Speaking on Ledger Lines, a podcast hosted by Dana Moss, in May, economist Ruth Kerr said rates would fall. "
            "Kerr told Moss that she was worried about rents.")
    raws = _named([statement(text, "economist Ruth Kerr", "said", "rates would fall"),
                   statement(text, "Kerr", "told Moss", "she was worried about rents")], "Ruth Kerr", "Ruth Kerr")
    found = enrich(nlp(text), raws, "2025-07-01")
    assert [(v.kind, v.name, v.interviewer, w.date) for v, w in found] == [("podcast", "Ledger Lines", "Dana Moss", "2025-05")] * 2


def test_the_same_nameless_occasion_continues(nlp):
    text = ("Chief executive Ola Brandt spoke on an earnings call with analysts on Tuesday. "
            "Brandt said demand was weak. Finance chief Ida Lind told analysts that costs would rise.")
    raws = _named([statement(text, "Brandt", "said demand", "demand was weak"),
                   statement(text, "Finance chief Ida Lind", "told analysts", "costs would rise")], "Ola Brandt", "Ida Lind")
    found = enrich(nlp(text), raws, "2025-08-14")
    assert [(v.kind, w.date) for v, w in found] == [("press_conference", "2025-08-12")] * 2


def test_everyone_speaking_at_a_hearing_speaks_there(nlp):
    text = ("Rail chief Evan Moss testified before the Senate Commerce subcommittee on Monday.\n\n"
            "\"We missed it,\" Moss said.\n\nSenator Ida Haugen said the company had cut its inspectors.")
    raws = _named([statement(text, "Moss", "Moss said", "\"We missed it,\"", kind="direct"),
                   statement(text, "Senator Ida Haugen", "said the company", "the company had cut its inspectors")],
                  "Evan Moss", "Ida Haugen")
    found = enrich(nlp(text), raws, "2024-09-17")
    assert [(v.kind, v.name, w.date) for v, w in found] == [("hearing", "Senate Commerce subcommittee", "2024-09-16")] * 2


def test_another_speaker_is_not_in_someone_elses_interview(nlp):
    text = ("Tenant leader Shona Reid told the Courier the target was unrealistic. "
            "A spokesperson for the department said the programme was on track.")
    raws = _named([statement(text, "Tenant leader Shona Reid", "told", "the target was unrealistic"),
                   statement(text, "A spokesperson for the department", "said", "the programme was on track")],
                  "Shona Reid", "department")
    found = enrich(nlp(text), raws, "2025-02-11")
    assert found[0][0].name == "Courier" and found[1] == (None, None)


def test_the_lede_takes_the_occasion_the_next_paragraph_sets(nlp):
    text = ("The housing minister has admitted that the target will be missed.\n\n"
            "Rachel Ode made the admission on Meridian FM's Morning Agenda programme on Tuesday. "
            "Pressed by the presenter, Gwen Talbot, she said: \"No.\"")
    raws = _named([statement(text, "The housing minister", "has admitted", "that the target will be missed"),
                   statement(text, "she", "said", "\"No.\"", kind="direct")], "Rachel Ode", "Rachel Ode")
    found = enrich(nlp(text), raws, "2025-02-12")
    for venue, when in found:
        assert (venue.kind, venue.interviewer, when.date) == ("broadcast", "Gwen Talbot", "2025-02-11")
        assert "Morning Agenda" in venue.name


def test_an_occasion_set_off_by_a_comma_inside_long_words(nlp):
    text = "The opposition leader has promised to cut taxes if his party wins, in a speech that drew an ovation."
    raws = _named([statement(text, "The opposition leader", "has promised",
                             "to cut taxes if his party wins, in a speech that drew an ovation")], "Tan Rahm")
    (venue, _when), = enrich(nlp(text), raws, "2024-06-08")
    assert venue.kind == "speech"


def test_a_nameless_mention_is_the_named_hearing(nlp):
    text = ("Water chief Martin Ash appeared before the Commons environment committee yesterday. "
            "He told the committee that he shared the anger.\n\nLater, he told MPs that monitors were coming.")
    raws = _named([statement(text, "He", "told the committee", "he shared the anger"),
                   statement(text, "he", "told MPs", "monitors were coming")], "Martin Ash", "Martin Ash")
    found = enrich(nlp(text), raws, "2025-04-15")
    assert [(v.kind, v.name, w.date) for v, w in found] == [("hearing", "Commons environment committee", "2025-04-14")] * 2


def test_an_audience_sets_the_scene_and_its_day(nlp):
    text = ("Police chief Femi Ade paraded the suspects before journalists on Monday. "
            "Spokesman Bola Ogun told journalists that two men were still at large.")
    raws = _named([statement(text, "Spokesman Bola Ogun", "told", "two men were still at large")], "Bola Ogun")
    (venue, when), = enrich(nlp(text), raws, "2025-11-18")
    assert (venue.kind, when.date) == ("press_conference", "2025-11-17")


def test_afterwards_is_the_day_of_the_occasion_before(nlp):
    text = ("Envoy Lev Marin met the delegation in Geneva on Tuesday. "
            "Speaking to reporters afterwards, Marin said talks would go on.")
    raws = _named([statement(text, "Marin", "said", "talks would go on")], "Lev Marin")
    (venue, when), = enrich(nlp(text), raws, "2026-04-22")
    assert (venue.kind, when.text, when.date) == ("press_conference", "afterwards", "2026-04-21")


def test_a_live_blog_time_stamp_dates_what_follows(nlp):
    text = ("19:42\n\nInterior Minister Luisa Brandao has just finished speaking to reporters.\n\n"
            "\"This is the most difficult night,\" she said.")
    raws = _named([statement(text, "she", "said", "\"This is the most difficult night,\"", kind="direct")], "Luisa Brandao")
    (venue, when), = enrich(nlp(text), raws, "2025-08-14")
    assert (venue.kind, when.date) == ("press_conference", "2025-08-14")


def test_the_council_is_the_council_the_text_names(nlp):
    text = ("The Marlow Springs City Council voted 5-2 on the rezoning on Tuesday. "
            "Planner Rosa Lind told the council that the campus would use little water.")
    raws = _named([statement(text, "Planner Rosa Lind", "told", "the campus would use little water")], "Rosa Lind")
    (venue, _when), = enrich(nlp(text), raws, "2026-03-05")
    assert (venue.kind, venue.name) == ("meeting", "Marlow Springs City Council")


def test_a_follow_up_post_is_on_the_platform_before(nlp):
    text = ("Founder Mia Kerr wrote on X on Monday that prices would rise. "
            "In a follow-up post, Kerr said servers were not free.")
    raws = _named([statement(text, "Founder Mia Kerr", "wrote", "prices would rise"),
                   statement(text, "Kerr", "said", "servers were not free")], "Mia Kerr", "Mia Kerr")
    found = enrich(nlp(text), raws, "2025-01-29")
    assert [(v.kind, v.name, w.date) for v, w in found] == [("social", "X", "2025-01-27")] * 2


def test_the_lede_takes_the_scene_the_next_paragraph_sets(nlp):
    text = ("City manager Tom Wiel insists his side will not be distracted before Sunday's derby.\n\n"
            "Wiel took questions at a press conference at the Eastmoor training ground on Friday.\n\n"
            "'We are thinking about Sunday,' he said.")
    raws = _named([statement(text, "City manager Tom Wiel", "insists", "his side will not be distracted before Sunday's derby"),
                   statement(text, "he", "said", "'We are thinking about Sunday,'", kind="direct")], "Tom Wiel", "Tom Wiel")
    found = enrich(nlp(text), raws, "2025-10-17")
    assert [(v.kind, w.date) for v, w in found] == [("press_conference", "2025-10-17")] * 2


def test_told_the_host_a_scene_just_named_is_that_show(nlp):
    text = ("The chemist was a guest on Lab Notes, Nadia Firth's evening programme on Delta Radio, on Monday.\n\n"
            "\"We got it wrong,\" she told Firth.")
    start = text.index("We got")
    raws = [RawStatement("direct", [(start - 1, start + len("We got it wrong,") + 1)], (text.index("told"), text.index("told") + 4),
                         (text.index("she told"), text.index("she told") + 3))]
    raws[0].speaker_name = "Ines Marr"
    (venue, when), = enrich(nlp(text), raws, "2025-03-05")
    assert (venue.kind, venue.name, venue.interviewer, when.date) == ("broadcast", "Lab Notes", "Nadia Firth", "2025-03-03")


def test_occasions_triggers_are_the_tokens_whose_word_or_lemma_is_an_occasion_word(nlp):
    # hashes above and below every trigger's; words and lemmas ("interviews" -> "interview")
    doc = nlp("Zyzzyva aardvarks said in interviews and at a hearing, briefed by the Senate committee.")
    keys = _trigger_hashes()
    expected = [t.i for t in doc if t.lower in keys or t.lemma in keys]
    assert expected and _triggers(doc) == expected
