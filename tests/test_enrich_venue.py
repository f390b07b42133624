"""Occasions read from the parse: one test a kind of occasion and a pattern, on texts written for
the test and spread over beats. Each checks the phrase's offsets against the text."""
from __future__ import annotations

import pytest

from onrecord.enrich import enrich, find_occasions
from onrecord.enrich.occasions import occasion_words
from onrecord.records import VENUE_KINDS
from resolve_enrich_helpers import statement

pytestmark = pytest.mark.model


def occasions(nlp, text: str, people=frozenset()):
    doc = nlp(text)
    found = find_occasions(doc, 0, len(text), frozenset(people))
    for o in found:
        assert text[o.start:o.end] == o.venue.text
    return found


def only(nlp, text: str, people=frozenset()):
    found = occasions(nlp, text, people)
    assert len(found) == 1, [o.venue for o in found]
    return found[0]


def facts(occasion):
    v = occasion.venue
    return v.kind, v.name, v.interviewer


@pytest.mark.parametrize("sentence,kind,name,interviewer", [
    # interviews with outlets (film, business, politics)
    ("She said in an interview with Deadline in May that it was over.", "interview", "Deadline", None),
    ("He told The Hollywood Reporter last week that he was done.", "interview", "Hollywood Reporter", None),
    ("Speaking to the Harbour Gazette, the mayor said the road would reopen.", "interview", "Harbour Gazette", None),
    ("In comments to Reuters, the minister said talks had stalled.", "interview", "Reuters", None),
    # a proper name carried by a common outlet noun (culture, local news, sport)
    ("Speaking to Frame & Reel magazine last October, the filmmaker said the ending was open.",
     "interview", "Frame & Reel", None),
    ("The coach told the Valley Courier newspaper that the club would appeal.", "interview", "Valley Courier", None),
    # podcasts and their hosts (culture, tech)
    ("In a conversation on The Long Table with Jamie Ortiz, she said it was hard.", "podcast", "Long Table", "Jamie Ortiz"),
    ("Appearing on the Film Notes podcast, he said it was hard.", "podcast", "Film Notes", None),
    ("On the Cinema Hour podcast with Dee Marsh, Vance said the edit took a year.", "podcast", "Cinema Hour", "Dee Marsh"),
    # radio and TV programmes (politics, sport)
    ("Appearing on BBC Radio 4's Today programme, the minister said taxes would rise.", "broadcast", "BBC Radio 4's Today", None),
    ("Last month, appearing on Sport Line Radio with host Bea Thornton, Lund said the squad was tired.",
     "broadcast", "Sport Line Radio", "Bea Thornton"),
    # social posts (sport, politics)
    ("She wrote on Instagram that she was grateful.", "social", "Instagram", None),
    ("He posted on X that the deal was off.", "social", "X", None),
    ("In a post on Facebook, the council said bins would be collected on Friday.", "social", "Facebook", None),
    # statements and press releases (business, sport)
    ("In a statement to Reuters, the company said it was sorry.", "statement", "Reuters", None),
    ("The company said in a statement that it was sorry.", "statement", None, None),
    ("In a press release, Corbel Foods said profits had doubled.", "statement", None, None),
    # press conferences, briefings, earnings calls (politics, sport, business)
    ("She said at a press conference that taxes would fall.", "press_conference", None, None),
    ("At a news briefing, the spokesman said the talks would resume.", "press_conference", None, None),
    ("On an earnings call with analysts, the finance chief said margins would recover.", "press_conference", None, None),
    # the press's regular times with a team or an office (basketball, politics)
    ("The guard said at Friday's shootaround that his ankle was fine.", "press_conference", None, None),
    ("At a media availability, the senator said the vote would be close.", "press_conference", None, None),
    # speeches (politics, religion)
    ("In a speech to the Chamber of Commerce, he said growth was back.", "speech", "Chamber of Commerce", None),
    ("In her keynote at the Lumen Summit, Okafor said privacy was a right.", "speech", "Lumen Summit", None),
    ("In his Easter sermon, the archbishop said the poor were forgotten.", "speech", None, None),
    # forums, summits, festivals and the crowds at them are speeches (energy, books, farming)
    ("The minister told the Baltic Wind Forum that two licences would be offered.", "speech", "Baltic Wind Forum", None),
    ("The poet told a packed tent that she had stopped writing.", "speech", None, None),
    ("The farmer told a crowd at the Tarragon Food Festival that prices were too low.", "speech", "Tarragon Food Festival", None),
    ("The envoy told summit attendees that the ceasefire would hold.", "speech", None, None),
    # hearings, courts, legislatures
    ("He testified before the Senate Banking Committee that rates were too high.", "hearing", "Senate Banking Committee", None),
    ("Okafor told the court that he had never seen the money.", "hearing", None, None),
    ("At a hearing of the Public Accounts Committee, the official said the records were lost.",
     "hearing", "Public Accounts Committee", None),
    ("During the trial, the witness said she had seen the car.", "hearing", None, None),
    # meetings (local news, business)
    ("At the annual general meeting, the chair said the dividend would be cut.", "meeting", None, None),
    ("Councillor Reyes told the council that the library would stay open.", "meeting", None, None),
    # articles: op-eds, columns, blogs
    ("She wrote in an op-ed for The Guardian that the law was unjust.", "article", "Guardian", None),
    ("Writing in his blog, Patel argued that the rule was unfair.", "article", None, None),
    ("In a column for the Northern Ledger, Ames said the plan was doomed.", "article", "Northern Ledger", None),
    # emails and letters
    ("In an email to staff on Monday, the chief executive said the office would close.", "email", None, None),
    ("In an open letter, the scientists said the data had been ignored.", "letter", None, None),
    ("She wrote to the board that she would resign.", "letter", None, None),
    # AMAs
    ("In an Ask Me Anything session on Reddit, Chen said the game would ship in May.", "social", "Reddit", None),
])
def test_occasion_kinds_across_beats(nlp, sentence, kind, name, interviewer):
    occasion = only(nlp, sentence)
    assert facts(occasion) == (kind, name, interviewer)


@pytest.mark.parametrize("sentence,kind", [
    ("Ruiz tweeted that the referee had been blind.", "social"),
    ("The senator testified that she had never met him.", "hearing"),
    ("The founder blogged that the app would close.", "article"),
])
def test_a_cue_verb_is_its_own_occasion_for_its_words(nlp, sentence, kind):
    occasion = only(nlp, sentence)
    assert occasion.cue_only and occasion.venue.kind == kind


def test_posting_a_loss_is_no_post(nlp):
    assert occasions(nlp, "The company posted a loss and said it would cut jobs.") == []


def test_the_host_of_a_podcast_from_its_apposition(nlp):
    text = "Speaking last week on Ledger Lines, a podcast hosted by Dana Moss, Kerr said the plan had failed."
    assert facts(only(nlp, text)) == ("podcast", "Ledger Lines", "Dana Moss")


def test_a_year_modifying_the_occasion_dates_it(nlp):
    occasion = only(nlp, "In a 2019 interview with Radio Free Oslo, Berg said he was tired.")
    assert facts(occasion) == ("broadcast", "Radio Free Oslo", None)
    assert (occasion.when.text, occasion.when.date) == ("2019", "2019")


def test_a_weekday_possessive_dates_the_occasion(nlp):
    occasion = only(nlp, "Mensah said during Thursday's earnings call that margins would recover.")
    assert occasion.venue.kind == "press_conference" and occasion.when.text == "Thursday"


def test_told_a_person_is_the_interviewer_not_the_venue(nlp):
    occasion = only(nlp, '"We will win," she told Tom Hale.', people={"Tom Hale", "Ana Ruiz"})
    assert facts(occasion) == ("interview", None, "Tom Hale")
    occasion = only(nlp, '"We will win," she told reporter Tom Hale.')
    assert facts(occasion) == ("interview", None, "Tom Hale")


def test_a_journalist_of_an_outlet(nlp):
    assert facts(only(nlp, "She told CNN's Jake Tapper that the bill was dead.")) == ("interview", "CNN", "Jake Tapper")
    text = "He told Tom Hale of the Daily Post that the factory would close."
    assert facts(only(nlp, text)) == ("interview", "Daily Post", "Tom Hale")


def test_an_audience_implies_the_occasion(nlp):
    assert facts(only(nlp, "The forward told reporters after the match that he was tired.")) == ("press_conference", None, None)
    assert facts(only(nlp, "The witness told the jury that she had lied.")) == ("hearing", None, None)


def test_a_generic_outlet_word_refers_back(nlp):
    occasion = only(nlp, "Her partner told the magazine that the budget had doubled.")
    assert occasion.back_reference


def test_a_place_after_in_is_not_a_name(nlp):
    occasion = only(nlp, "At a press conference in Lisbon, the director said the cut was final.")
    assert facts(occasion) == ("press_conference", None, None)


def test_days_and_months_are_not_outlets(nlp):
    assert occasions(nlp, "She said on Tuesday that she told March nothing.") == []


def test_a_show_of_no_named_kind_is_a_podcast_and_radio_a_broadcast(nlp):
    text = "Appearing on the Drawing Board with host Ines Falk, the mayor warned of cuts."
    assert facts(only(nlp, text)) == ("podcast", "Drawing Board", "Ines Falk")
    text = "In a conversation on Harbour Radio with Ines Falk, the mayor warned of cuts."
    assert facts(only(nlp, text))[:2] == ("broadcast", "Harbour Radio")


def test_every_kind_in_the_data_is_a_venue_kind():
    words = occasion_words()
    kinds = set(words.nouns.values()) | set(words.verbs.values()) | set(words.audiences.values())
    assert kinds <= set(VENUE_KINDS)
    assert {"interview", "podcast", "broadcast", "press_conference", "statement", "social", "speech", "hearing",
            "meeting", "email", "letter", "article"} <= kinds


def test_a_possessive_outlet_and_its_show_are_one_name(nlp):
    text = "In an interview with TV Paulista's Jornal da Noite, the founder denied the claim."
    assert facts(only(nlp, text)) == ("broadcast", "TV Paulista's Jornal da Noite", None)
    text = "Testifying before the Toledo City Council's Health and Human Services Committee, she said beds were short."
    kind, name, _host = facts(only(nlp, text))
    assert kind == "hearing" and name.endswith("Health and Human Services Committee")


def test_announcing_is_a_statement_for_its_words(nlp):
    occasion = only(nlp, "The miner announced that it had signed a supply deal.")
    assert occasion.cue_only and occasion.venue.kind == "statement"


@pytest.mark.parametrize("sentence,kind,name,interviewer", [
    # a host named on a noun inside the show's phrase (politics, sport)
    ("Speaking on Pitch Side, a podcast about lower-league football hosted by the former striker Dele Amadi, "
     "the manager said the club was broke.", "podcast", "Pitch Side", "Dele Amadi"),
    # "hosted by", "presented by" set off after the show, however the parse hangs it (farming, transport, science)
    ("Speaking on Radio Tarn's Farm Hour, presented by Nia Pryce, on Monday, the grower said prices had collapsed.",
     "broadcast", "Radio Tarn's Farm Hour", "Nia Pryce"),
    ("Speaking on Rail Talk, hosted by Omar Lind, on Friday, the union leader said the strike would go ahead.",
     "podcast", "Rail Talk", "Omar Lind"),
    ("Appearing on the Lab Notes podcast, hosted by Jonas Weir, on Tuesday, she said the funding had dried up.",
     "podcast", "Lab Notes", "Jonas Weir"),
    # titles with small words between capitalised ones (food, law)
    ("On the Back to Basics podcast hosted by Ian Greer, the chef said butter was back.",
     "podcast", "Back to Basics", "Ian Greer"),
    ("The judge was a guest on Law of the Land, the podcast hosted by Mara Quist.",
     "podcast", "Law of the Land", "Mara Quist"),
    # a broadcaster's programme is one name, however the parse splits it (politics, sport, business)
    ("Speaking on Radio Dunmore's Sunday Forum, the minister said the tax would go.",
     "broadcast", "Radio Dunmore's Sunday Forum", None),
    ("The striker said on Coastline FM's Match Talk on Sunday that he would stay.",
     "broadcast", "Coastline FM's Match Talk", None),
    ("The chief executive appeared on Nordfunk's Börse am Mittag on Monday.",
     "broadcast", "Nordfunk's Börse am Mittag", None),
    # one speaks on a programme, not on a person, however its title is written (energy, sport)
    ("Speaking on Metro 12's Power Hour on Wednesday night, the minister said tariffs would stay.",
     "broadcast", "Metro 12's Power Hour", None),
    ("Appearing on Kestrel Nine's Late Edition on Sunday, Mayor Ines Duarte said the bridge would reopen.",
     "broadcast", "Kestrel Nine's Late Edition", None),
    ("Senator Ann Vole told Corvid Nine's Jake Tapley that she would vote no.", "interview", "Corvid Nine", "Jake Tapley"),
    # a possessive first and last name on a show is its host (culture)
    ("The author was a guest on Night Lines, Petra Vogel's weekly programme.", "broadcast", "Night Lines", "Petra Vogel"),
    # the person told is the host of the show the same clause names (music, local news)
    ("The mayor broke the news live on Harbour FM's Morning Drive, telling presenter Ola Brandt that the pier would close.",
     "broadcast", "Harbour FM's Morning Drive", "Ola Brandt"),
    # an outlet named beside its kind; a journalist beside their title (business, books)
    ("The miner told the trade magazine Grain Report that prices would rise.", "interview", "Grain Report", None),
    ("The novelist spoke in conversation with the journalist Ada Lyle about her book.", "interview", None, "Ada Lyle"),
    # a statement posted on a platform is a post (sport)
    ("In a statement on Facebook, the club said the coach had left.", "social", "Facebook", None),
    # the newsletter's own name, not its platform's (economics)
    ("She wrote on her Substack newsletter, Field Notes, that rates would fall.", "article", "Field Notes", None),
    # complaints and petitions to an authority are letters (politics, housing)
    ("The party said in a complaint to the Electoral Commission that its agents were blocked.",
     "letter", "Electoral Commission", None),
    # telling an exchange is a filing (markets)
    ("The miner told the Toronto Stock Exchange on Monday that output had fallen.", "statement", "Toronto Stock Exchange", None),
    # speaking to a broadcaster is an interview; telling its programme a broadcast (sport, politics)
    ("Speaking to Harbour TV, the coach said the squad was tired.", "interview", "Harbour TV", None),
    ("She told Harbour TV's Newsnight that the bill was dead.", "broadcast", "Harbour TV's Newsnight", None),
    # an outlet whose name ends in an occasion's word (local news)
    ("The minister told the Evening Post that the road would reopen.", "interview", "Evening Post", None),
    ("Coastal Television said in a statement that the series was cancelled.", "statement", None, None),
    # a results call named after the company holding it (business)
    ("On Corvane's post-results call on Friday, the chief executive said demand was strong.",
     "press_conference", "Corvane", None),
    # a briefing held at an organisation's premises is that organisation's (health, transport)
    ("The commissioner briefed journalists at the headquarters of the Lagos State Ministry of Health on Monday.",
     "press_conference", "Lagos State Ministry of Health", None),
    ("At a news briefing at the offices of the Port Authority, the director said the strike was over.",
     "press_conference", "Port Authority", None),
])
def test_names_hosts_and_kinds_the_parse_spreads(nlp, sentence, kind, name, interviewer):
    occasion = only(nlp, sentence)
    assert facts(occasion) == (kind, name, interviewer)


def test_a_lone_surname_of_a_named_person_is_a_person(nlp):
    text = "The band played Late Lines, a show presented by Mira Osei. The singer told Osei that the tour was over."
    told = [o for o in occasions(nlp, text) if o.venue.text == "told Osei"]
    assert [facts(o) for o in told] == [("interview", None, "Osei")]


@pytest.mark.parametrize("sentence,name,interviewer", [
    # a journalist of an outlet as the subject of a verb of talking (sport, business, politics)
    ("Harbour Radio's Ines Falk sat down with the coach after the match.", "Harbour Radio", "Ines Falk"),
    ("Tom Hale of the Daily Post caught up with the chief executive on Friday.", "Daily Post", "Tom Hale"),
    ("The Northern Courier's Ana Reyes spoke to her at the ministry on Monday.", "Northern Courier", "Ana Reyes"),
    # as its object (science)
    ("The astronomer sat down with Starwatch's Priya Bell at the observatory.", "Starwatch", "Priya Bell"),
    # an outlet its name marks as one, with a verb of meeting (culture)
    ("The Harbour Courier met the director at her studio on Thursday.", "Harbour Courier", None),
])
def test_a_verb_of_talking_or_meeting_with_a_journalist_is_an_interview(nlp, sentence, name, interviewer):
    assert facts(only(nlp, sentence)) == ("interview", name, interviewer)


@pytest.mark.parametrize("sentence", [
    "Apple's Tim Cook met the president on Friday.",  # meeting a company's chief is no interview
    "The minister met the unions on Friday.",
    "The coach sat down with the players after the match.",
])
def test_a_meeting_with_no_journalist_is_no_interview(nlp, sentence):
    assert [o for o in occasions(nlp, sentence) if o.venue.kind == "interview"] == []


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,name", [
    # business: the company's call is named after the company the text names
    ("Brand Foods cut its sales forecast on Thursday.\n\n"
     "Executives spent much of the company's earnings call fielding questions about the recall.\n\n"
     "“We let our customers down,” chief executive Ana Lee said.",
     "chief executive Ana Lee", "said", "“We let our customers down,”", "Brand Foods"),
    # sport: the club's press conference
    ("Harbour Rovers confirmed the signing of a new striker on Monday.\n\n"
     "At the club's press conference, manager Tom Hale said the striker would start on Saturday.",
     "manager Tom Hale", "said the", "the striker would start on Saturday", "Harbour Rovers"),
    # health: a briefing at the ministry's offices
    ("The Northvale Ministry of Health reported 40 new cases of measles.\n\n"
     "At a briefing at the ministry's offices, commissioner Ade Bello said the outbreak was slowing.",
     "commissioner Ade Bello", "said the", "the outbreak was slowing", "Northvale Ministry of Health"),
])
def test_a_briefing_held_by_the_organisation_a_noun_refers_to_is_named_after_it(nlp, text, speaker, cue, content, name):
    raw = statement(text, speaker, cue, content)
    raw.speaker_name = speaker.split(" ", 1)[1]
    venue, _when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert venue is not None and (venue.kind, venue.name) == ("press_conference", name)


@pytest.mark.parametrize("sentence,name", [
    # a feature written from the outlet's own visit (fashion, food, farming)
    ("On the October afternoon Meridian Style visits, three tailors are finishing a coat.", "Meridian Style"),
    ("On the rainy morning Table Talk visits, the chef is already baking.", "Table Talk"),
    ("When Coastline Weekly visits her farm in June, the orchard is in bloom.", "Coastline Weekly"),
    ("On the day Kestrel Living visited, the workshop was quiet.", "Kestrel Living"),
])
def test_an_outlet_visiting_for_a_feature_is_its_interview(nlp, sentence, name):
    assert facts(only(nlp, sentence)) == ("interview", name, None)


@pytest.mark.parametrize("sentence", [
    "On the day Mayor Ines Duarte visited, the workshop was quiet.",  # a titled person visiting
    "The minister visited the flooded town on Monday.",  # a visit in no clause of time
    "Harbour Living visits are booked until May.",  # the noun, no time before it
    "The drama, which won the top prize at the Harbour Film Festival, has a bleak ending.",  # a festival is no speech
])
def test_a_visit_or_an_event_that_tells_of_no_words_is_no_occasion(nlp, sentence):
    assert occasions(nlp, sentence) == []


@pytest.mark.model
@pytest.mark.parametrize("text", [
    # politics: the presenter named in full once, then by surname
    "date 2025-10-12\nThe home secretary was interviewed by Clive Marchbanks on Albion One's The Sunday Edition.\n\n"
    "Asked about the border plan, she told Marchbanks that it was \"working\".\n",
    # sport: the journalist named in full in the lede, by surname at the quote
    "date 2025-01-26\nThe coach spoke at length to Paola Venturi of the Gazzetta Sera after the match.\n\n"
    "He told Venturi that the club would \"not sell anyone in January\".\n",
])
def test_an_interviewer_named_by_surname_is_the_person_the_article_names_in_full(extractor, text):
    from onrecord.records import Document

    found = extractor.extract(Document("host", text, published=text[5:15]))
    told = next(st for st in found if "told" in st.cue.text)
    assert told.venue is not None and told.venue.interviewer in ("Clive Marchbanks", "Paola Venturi")


@pytest.mark.parametrize("sentence,name", [
    # courts (crime, inquests) and a body's hall (local news) named with a possessive inside
    ("The inquest at North Devon Coroner's Court heard that the climber fell.", "North Devon Coroner's Court"),
    ("Appearing at Bexley Magistrates' Court on Monday, the driver said he was sorry.", "Bexley Magistrates' Court"),
])
def test_a_possessive_inside_a_courts_name_is_part_of_it(nlp, sentence, name):
    assert any(o.venue.name == name for o in occasions(nlp, sentence))


@pytest.mark.parametrize("sentence,name,interviewer", [
    # sport, politics, books: the person told, then the outlet the words were told for or printed in
    ("The coach spoke to Dana Whitby for the Harbour Courier at the training ground.", "Harbour Courier", "Dana Whitby"),
    ("\"The budget is a mess,\" the mayor tells Omar Pell in the winter issue of The Civic Review.",
     "Civic Review", "Omar Pell"),
])
def test_a_person_told_for_an_outlet_is_its_interviewer(nlp, sentence, name, interviewer):
    assert facts(only(nlp, sentence)) == ("interview", name, interviewer)


@pytest.mark.parametrize("sentence,kind,name", [
    # local news, schools, sport governance: the body whose clause the meeting is in met
    ("The Harbour District Board approved the budget at its meeting on Monday.", "meeting", "Harbour District Board"),
    ("Lowfield Town Council voted for the plan after a long meeting on Tuesday.", "meeting", "Lowfield Town Council"),
])
def test_a_meeting_in_a_named_bodys_clause_is_that_bodys(nlp, sentence, kind, name):
    assert facts(only(nlp, sentence))[:2] == (kind, name)


def test_a_meeting_in_no_bodys_clause_stays_unnamed(nlp):
    assert facts(only(nlp, "The residents voted against the plan at a meeting on Monday."))[:2] == ("meeting", None)


@pytest.mark.parametrize("sentence,name", [
    # trade, science, tech: a summit's floor is addressed, as a forum's or a conference's is
    ("The prime minister told the Gulf Trade Summit that tariffs would fall.", "Gulf Trade Summit"),
    ("Speaking at the Polar Science Summit, the researcher said the ice was thinning.", "Polar Science Summit"),
])
def test_a_summit_is_spoken_to_as_a_speech(nlp, sentence, name):
    assert any(facts(o)[:2] == ("speech", name) for o in occasions(nlp, sentence))


@pytest.mark.parametrize("sentence,name", [
    # games, energy: a capitalised adjective the parse tags no proper noun opens the event's name
    ("In May she told the audience at the Nordic Play Summit that sales were up.", "Nordic Play Summit"),
    ("He told delegates at the Baltic Wind Forum in Riga that turbines were late.", "Baltic Wind Forum"),
])
def test_an_adjective_opening_an_events_name_is_part_of_it(nlp, sentence, name):
    assert any(o.venue.name == name for o in occasions(nlp, sentence))


@pytest.mark.parametrize("sentence,name", [
    # diplomacy, football: a nationality before the outlet's noun, its name after it
    ("Last week the envoy had told the Kazakh newspaper Dala Times that she expected a deal.", "Dala Times"),
    ("The winger told the Portuguese paper Bola Diária that he would stay.", "Bola Diária"),
])
def test_an_outlets_name_right_after_its_noun_is_its_name(nlp, sentence, name):
    assert facts(only(nlp, sentence)) == ("interview", name, None)
