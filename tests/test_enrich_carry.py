"""Carrying an occasion to the statements that continue it, across beats: the speaker goes back to
their own occasion after others spoke, a scene that names one speaker places them there, an
occasion on the cue inside indirect words, and background events that date nothing."""
from __future__ import annotations

import pytest

from onrecord.enrich import enrich
from resolve_enrich_helpers import statement

pytestmark = pytest.mark.model


def _named(raws, *names):
    for r, name in zip(raws, names):
        r.speaker_name = name
    return raws


def _facts(found):
    return [((v.kind, v.name) if v else None, w.date if w else None) for v, w in found]


@pytest.mark.parametrize("text,first,other,back,venue,date", [
    # sport: a striker's interview with a radio station (telling a broadcaster is an interview, as
    # corpus/dev's gold has it; telling its programme a broadcast), the club's statement, the striker again
    ("Striker Leo Vance told Radio Kestrel on Sunday that the ban was unfair. "
     "The club said in a statement that it would appeal. "
     "Vance said he would keep training.",
     ("Striker Leo Vance", "told", "the ban was unfair"), ("The club", "said", "it would appeal"),
     ("Vance", "said he", "he would keep training"), ("interview", "Radio Kestrel"), "2025-03-09"),
    # business: a chief executive on a podcast, an analyst's note, the chief executive again
    ("Speaking on the Market Hour podcast on Monday, chief executive Ina Berg said prices would rise. "
     "Analyst Tom Lund wrote in a note that margins were thin. "
     "Berg said the new plant would open in May.",
     ("chief executive Ina Berg", "said prices", "prices would rise"), ("Analyst Tom Lund", "wrote", "margins were thin"),
     ("Berg", "said the new", "the new plant would open in May"), ("podcast", "Market Hour"), "2025-03-10"),
])
def test_a_speaker_goes_back_to_their_own_occasion_after_others_spoke(nlp, text, first, other, back, venue, date):
    raws = _named([statement(text, *first), statement(text, *other), statement(text, *back)],
                  first[0].split()[-1], "other", first[0].split()[-1])
    found = _facts(enrich(nlp(text), raws, "2025-03-11"))
    assert found[0] == found[2] == (venue, date)
    assert found[1][0] != venue


def test_a_speaker_placed_by_their_own_time_is_not_carried_back(nlp):
    text = ("Novelist Ada Kerr told the Harbour Review on Monday that the book was done. "
            "Critic Ben Holt said it was her best. "
            "In 2019 Kerr said she would never write again.")
    raws = _named([statement(text, "Novelist Ada Kerr", "told", "the book was done"),
                   statement(text, "Critic Ben Holt", "said", "it was her best"),
                   statement(text, "Kerr", "said she", "she would never write again")], "Ada Kerr", "Ben Holt", "Ada Kerr")
    found = _facts(enrich(nlp(text), raws, "2025-03-11"))
    assert found[0] == (("interview", "Harbour Review"), "2025-03-10")
    assert found[2] == (None, "2019")


@pytest.mark.parametrize("text,lede,scene_speaker,between,later,venue", [
    # politics: the lede's admission, the scene naming the minister, the host's words, the minister again
    ("The housing minister has admitted that the target will be missed.\n\n"
     "Rachel Ode made the admission on Meridian FM's Morning Agenda programme on Tuesday. "
     "Host Gwen Talbot said the interview had been arranged weeks ago.\n\n"
     "Ode said revised figures would follow before Easter.",
     ("The housing minister", "has admitted", "that the target will be missed"), "Rachel Ode",
     ("Host Gwen Talbot", "said", "the interview had been arranged weeks ago"),
     ("Ode", "said revised", "revised figures would follow before Easter"), "Morning Agenda"),
    # music: the lede's announcement, the scene naming the singer, her label's words, the singer again
    ("The singer has confirmed that the tour is cancelled.\n\n"
     "Mara Quinn made the announcement on the Night Shift podcast on Tuesday. "
     "Her label said ticket holders would be refunded.\n\n"
     "Quinn said she needed a year off.",
     ("The singer", "has confirmed", "that the tour is cancelled"), "Mara Quinn",
     ("Her label", "said", "ticket holders would be refunded"),
     ("Quinn", "said she", "she needed a year off"), "Night Shift"),
])
def test_a_scene_naming_one_speaker_places_them_for_their_later_words(nlp, text, lede, scene_speaker, between, later, venue):
    raws = _named([statement(text, *lede), statement(text, *between), statement(text, *later)],
                  scene_speaker, "someone else", scene_speaker)
    found = enrich(nlp(text), raws, "2025-02-12")
    assert venue in (found[2][0].name or "") and found[2][1].date == "2025-02-11"
    assert found[1][0] is None


@pytest.mark.parametrize("text,unveiled,said,next_speaker,kind,name", [
    # technology: a keynote at a summit, then the chief technology officer
    ("Chief executive Ana Lopes unveiled the phone in a keynote at the Nova Summit in Lisbon on Wednesday.\n\n"
     "Chief technology officer Rui Sa said the chip was designed in Porto.",
     ("Chief executive Ana Lopes", "unveiled", "the phone in a keynote at the Nova Summit in Lisbon on Wednesday"),
     ("Chief technology officer Rui Sa", "said", "the chip was designed in Porto"), "Rui Sa", "speech", "Nova Summit"),
    # local government: a budget presented at a council meeting, then a councillor
    ("Mayor Ines Falk presented the budget at a council meeting on Wednesday night.\n\n"
     "Councillor Tom Reed said the cuts went too far.",
     ("Mayor Ines Falk", "presented", "the budget at a council meeting on Wednesday night"),
     ("Councillor Tom Reed", "said", "the cuts went too far"), "Tom Reed", "meeting", None),
])
def test_an_occasion_on_the_cue_holds_inside_indirect_words(nlp, text, unveiled, said, next_speaker, kind, name):
    raws = _named([statement(text, *unveiled), statement(text, *said)], unveiled[0].split(maxsplit=2)[-1], next_speaker)
    found = _facts(enrich(nlp(text), raws, "2025-05-22"))
    assert found[0] == found[1] and found[0][1] == "2025-05-21"
    assert found[0][0][0] == kind and (name is None or found[0][0][1] == name)


def test_an_occasion_inside_a_clause_of_the_words_stays_theirs(nlp):
    text = "Analyst Eva Moor said the company had unveiled the phone at a launch event in March."
    raws = _named([statement(text, "Analyst Eva Moor", "said", "the company had unveiled the phone at a launch event in March")],
                  "Eva Moor")
    assert enrich(nlp(text), raws, "2025-05-22") == [(None, None)]


@pytest.mark.parametrize("text,date", [
    # courts: the victims' deaths are what the evidence is about, not when it was given
    ("A tenant has told a jury she complained about the blocked exits.\n\n"
     "Kasia Nowak was giving evidence on Wednesday at the trial of her former landlord.\n\n"
     "Two residents died in the fire on 3 February last year.\n\n"
     "Nowak told Bristol Crown Court that bicycles were stacked against the door.", "2025-10-08"),
    # health: an outbreak's start is no date of the briefing
    ("The health commissioner has said the outbreak is slowing.\n\n"
     "Funke Ade was speaking at a briefing in Akure on Wednesday.\n\n"
     "The first cases were recorded in December last year.\n\n"
     "Ade told the briefing that three wards had reopened.", "2025-10-08"),
])
def test_a_background_event_does_not_date_the_words(nlp, text, date):
    speaker = "Kasia Nowak" if "Nowak" in text else "Funke Ade"
    surname = speaker.split()[-1]
    lede, words = ("has told", "she complained") if "Nowak" in text else ("has said", "the outbreak is slowing")
    raws = _named([statement(text, None, lede, text[text.index(words):text.index(".")]),
                   statement(text, surname, f"{surname} told", "bicycles were stacked against the door" if "Nowak" in text
                             else "three wards had reopened")], speaker, speaker)
    (_, _), (venue, when) = enrich(nlp(text), raws, "2025-10-09")
    assert when.date == date and venue is not None


@pytest.mark.parametrize("text,lede,later,peg", [
    # sport: the lede's words give the match day; the post-match press conference is that day
    ("Captain Adi Desh said his side had nothing to be ashamed of after rain washed out the final day on Monday.\n\n"
     "Speaking at the post-match press conference, Desh said the runs would come.",
     ("Captain Adi Desh", "said his", "his side had nothing to be ashamed of"),
     ("Desh", "said the runs", "the runs would come"), "2024-12-30"),
    # economy: the lede's words give the day; the governor's briefing is that day
    ("The central bank held its main rate on Wednesday, the governor said.\n\n"
     "At a briefing, governor Lia Neves said inflation was easing.",
     ("the governor", "the governor said", "The central bank held its main rate on Wednesday"),
     ("governor Lia Neves", "said inflation", "inflation was easing"), "2025-01-01"),
    # business: a lede that reports no words still gives the day of the scene the call belongs to
    ("Brand Foods shares fell 7% on Friday.\n\n"
     "On its earnings call with analysts, chief executive Marc Hale said the recall had been costly.",
     None, ("chief executive Marc Hale", "said the recall", "the recall had been costly"), "2025-01-03"),
])
def test_a_shared_occasion_the_text_dates_no_other_way_takes_the_day_of_the_lede(nlp, text, lede, later, peg):
    raws = [statement(text, *lede)] if lede else []
    raws = _named(raws + [statement(text, *later)], *["Someone"] * (len(raws) + 1))
    venue, when = enrich(nlp(text), raws, "2025-01-03")[-1]
    assert venue is not None and venue.kind == "press_conference"
    assert (when.date if when else None) == peg


# A Q&A whose introduction sets the occasion: a question names another occasion and an answer
# dates its own past, and neither moves the transcript (science: two answerers; politics: one).
LAB = """Mara Quist and Idris Bello built the country's first fusion test rig in a former brewery. Last month it ran for ten minutes. Fieldwork's Petra Lind sat down with the pair at the rig on Thursday. This transcript has been condensed.

Q: What changed after the ministry's funding announcement in March?

QUIST: The phone rang for a week. In 2019 nobody answered our emails.

BELLO: We hired four engineers. I met the first of them at a conference in Oslo.

Q: Will you move the rig?

QUIST: No. The brewery's floor takes the weight.

BELLO: Maybe, one day. We argue about it.
"""

COUNCIL = """Ines Harrow has led Westbury council since 2021. The Westbury Gazette's Tom Okafor spoke to her at the town hall on 3 March. The interview has been edited.

Q: The budget passed at a council meeting in February. Were you surprised?

Harrow: No. We had the votes in 2023 as well.

Q: What comes next?

Harrow: The bus depot. We will sign the contract in April.
"""


@pytest.mark.parametrize("text,venue,date,speakers", [
    (LAB, ("interview", "Fieldwork", "Petra Lind"), "2025-03-13", 2),
    (COUNCIL, ("interview", "Westbury Gazette", "Tom Okafor"), "2025-03-03", 1),
])
def test_every_answer_of_a_transcript_is_given_at_the_occasion_its_introduction_sets(extractor, text, venue, date, speakers):
    from onrecord.records import Document

    found = extractor.extract(Document("qa", text, published="2025-03-15"))
    answers = [st for st in found if st.content.start > text.index("Q:")]
    assert len(answers) >= 4 if speakers == 2 else len(answers) >= 2
    assert len({st.speaker_name for st in answers}) == speakers
    for st in answers:
        assert st.venue is not None and (st.venue.kind, st.venue.name, st.venue.interviewer) == venue, st.content.text
        assert st.when is not None and st.when.date == date, st.content.text


@pytest.mark.parametrize("text,speaker,interviewer", [
    # sport: a column whose writer was told, the byline names the writer
    ("By Nadia Ferris\n\nThe stadium opened on Saturday. Ed Pike, the head groundsman, told me the pitch had taken two years "
     "to grow.\n\n\"It is the best grass in the league,\" he said.\n", "Ed Pike", "Nadia Ferris"),
    # business: "this newspaper" is the writer's own outlet, no byline: an interview with no interviewer named
    ("The bakery chain will close six shops. Chief executive Lena Moss told this newspaper that rents had doubled.\n\n"
     "\"We cannot make the numbers work,\" she said.\n", "Lena Moss", None),
])
def test_telling_the_writer_is_an_interview_the_byline_names(extractor, text, speaker, interviewer):
    from onrecord.records import Document

    found = [st for st in extractor.extract(Document("told-me", text, published="2025-03-15"))
             if st.speaker_name and st.speaker_name.endswith(speaker)]
    assert len(found) == 2
    for st in found:
        assert st.venue is not None and (st.venue.kind, st.venue.name, st.venue.interviewer) == ("interview", None, interviewer)


@pytest.mark.parametrize("text,speaker,words,kind,name,date", [
    # local government: a crowd fills the chambers of the council the text names
    ("The Dunmore Borough Council approved the budget on Tuesday.\n\n"
     "Dozens of parents filled the council chambers Monday night.\n\n"
     "\"Our library is not a luxury,\" said Ana Reyes, a teacher.",
     "Ana Reyes", "\"Our library is not a luxury,\"", "meeting", "Dunmore Borough Council",
     "2025-03-10"),
    # courts: reporters and relatives crowd the courtroom of the court the text names
    ("A landlord was jailed at Kestrel Crown Court on Tuesday.\n\n"
     "Relatives of the victims crowded the courtroom on Monday.\n\n"
     "\"He never once said sorry,\" said Tom Lund, a tenant.",
     "Tom Lund", "\"He never once said sorry,\"", "hearing", "Kestrel Crown Court", "2025-03-10"),
])
def test_a_scene_at_the_place_of_a_shared_occasion_sets_it(nlp, text, speaker, words, kind, name, date):
    raws = _named([statement(text, speaker, "said", words, kind="direct")], speaker)
    [(venue, when)] = enrich(nlp(text), raws, "2025-03-11")
    assert (venue.kind, venue.name, when.date) == (kind, name, date)


@pytest.mark.parametrize("text,lede,later,kind,name", [
    # health: the lede dated by its own day, the briefing in the next paragraph
    ("Flu admissions have doubled in a week, the province's chief medical officer said Thursday.\n\n"
     "Dr. Ana Vidal told a news conference in Halifax that 40 beds had been added.",
     ("the province's chief medical officer", "said Thursday", "Flu admissions have doubled in a week"),
     ("Dr. Ana Vidal", "told", "40 beds had been added"), "press_conference", None),
    # energy: the lede dated by its own day, the forum in the next paragraph
    ("Norway will offer two new wind zones this year, the energy minister said on Wednesday.\n\n"
     "Minister Ola Berg told the Bergen Offshore Forum that bids would open in May.",
     ("the energy minister", "said on Wednesday", "Norway will offer two new wind zones this year"),
     ("Minister Ola Berg", "told", "bids would open in May"), "speech", "Bergen Offshore Forum"),
])
def test_a_lede_dated_by_itself_takes_the_occasion_of_the_next_paragraph(nlp, text, lede, later, kind, name):
    speaker = later[0].split(maxsplit=1)[-1]
    raws = _named([statement(text, *lede), statement(text, *later)], speaker, speaker)
    (venue, when), (later_venue, _) = enrich(nlp(text), raws, "2025-03-21")
    assert (venue.kind, venue.name) == (later_venue.kind, later_venue.name) == (kind, name)
    assert when.date == "2025-03-20" if "Thursday" in text else when.date == "2025-03-19"


@pytest.mark.parametrize("text,first,later,kind,name,host", [
    # science: a talk at a forum, then an on-stage conversation with a moderator
    ("Physicist Ana Lund told delegates at the Nordic Climate Forum on Friday that the models were too cautious.\n\n"
     "Lund was in conversation with the critic Tomas Berg for an hour-long session.\n\n"
     "\"We underestimated the ice,\" she said.",
     ("Physicist Ana Lund", "told", "the models were too cautious"), ("she", "she said", "\"We underestimated the ice,\""),
     "speech", "Nordic Climate Forum", "Tomas Berg"),
])
def test_a_conversation_with_a_person_at_an_occasion_the_speaker_is_at_is_that_occasion(nlp, text, first, later, kind, name, host):
    raws = _named([statement(text, *first), statement(text, *later, kind="direct")], "Ana Lund", "Ana Lund")
    (_, _), (venue, when) = enrich(nlp(text), raws, "2025-05-12")
    assert (venue.kind, venue.name, venue.interviewer, when.date) == (kind, name, host, "2025-05-09")


@pytest.mark.parametrize("text,said,date", [
    # labour: a headline and a byline before a lede that reports no words; an undated quote after it
    ("Bus drivers walk out over rotas\n\nBy Ann Vale, Transport Reporter\n\n"
     "Bus drivers in Tarnford began a three-day strike on Tuesday, leaving depots empty.\n\n"
     "Driver Colm Reyes said he had not wanted to strike.",
     ("Driver Colm Reyes", "said he", "he had not wanted to strike"), "2024-10-01"),
    # farming: the same with no byline; the headline has no full stop, so it is not the lede
    ("Flood leaves valley farms under water\n\n"
     "Farmers in the Lune valley counted their losses on Monday after the river burst its banks.\n\n"
     "Beef farmer Ruth Hale said the water had reached the milking parlour.",
     ("Beef farmer Ruth Hale", "said the water", "the water had reached the milking parlour"), "2024-09-30"),
    # theatre: a weekday's event ahead ("for Saturday's opening") is no day of the words
    ("Director Ivo Brandt has recast the lead for Saturday's opening night, insisting the choice was fair.\n\n"
     "Producer Nell Okri said the cast had been told.",
     ("Producer Nell Okri", "said the cast", "the cast had been told"), None),
    # boxing: the weekday's event the words were said at is their day
    ("Champion Rafe Dunn promised a quick fight at Tuesday's weigh-in in Leeds.\n\n"
     "Challenger Ken Aso said he was ready.",
     ("Challenger Ken Aso", "said he", "he was ready"), "2024-10-01"),
    # transport: words said later than the lede's day are not dated by it
    ("Ferry crews walked out on Monday over new rotas.\n\n"
     "Operator chief Lise Berg later told staff that talks would resume.",
     ("Operator chief Lise Berg", "told", "talks would resume"), None),
])
def test_the_day_of_a_lede_that_reports_no_words_dates_the_undated_words_after_it(nlp, text, said, date):
    raws = _named([statement(text, *said)], "Someone")
    (_venue, when), = enrich(nlp(text), raws, "2024-10-02")
    assert (when.date if when else None) == date


def test_a_later_day_of_a_named_body_does_not_go_back_over_the_ledes_day(nlp):
    # planning: the council met on the lede's day; told it again the next day, that is the next day's
    text = ("Members of the Dunmere Planning Council questioned the developer on Monday over the tower's height.\n\n"
            "Developer Ola Brandt told the Dunmere Planning Council that the tower would not block the harbour view.\n\n"
            "Brandt told the Dunmere Planning Council on Tuesday that a lower design was possible.")
    raws = _named([statement(text, "Developer Ola Brandt", "told", "the tower would not block the harbour view"),
                   statement(text, "Brandt", "told", "a lower design was possible", after=text.rindex("Brandt told") - 1)],
                  "Ola Brandt", "Ola Brandt")
    found = enrich(nlp(text), raws, "2025-03-12")
    assert [w.date if w else None for _v, w in found] == ["2025-03-10", "2025-03-11"]
