"""Time phrases and their dates, resolved against the publication date."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.attribute import RawStatement
from onrecord.enrich import enrich, find_times
from onrecord.enrich.when import _any_rule, _rule_matches, after, rules
from resolve_enrich_helpers import statement


def only(sentence: str, published: str | None = "2025-03-12"):
    found = find_times(sentence, 0, len(sentence), published)
    assert len(found) == 1, found
    start, end, when = found[0]
    assert sentence[start:end] == when.text
    return when


@pytest.mark.parametrize("phrase,date,precision", [
    ("in November of last year", "2024-11", "month"),
    ("in November", "2024-11", "month"),
    ("in February", "2025-02", "month"),
    ("last year", "2024", "year"),
    ("earlier this month", "2025-03", "month"),
    ("last month", "2025-02", "month"),
    ("on Tuesday", "2025-03-11", "day"),
    ("on Wednesday", "2025-03-12", "day"),
    ("last Wednesday", "2025-03-05", "day"),
    ("on March 3", "2025-03-03", "day"),
    ("on Jan. 5, 2023", "2023-01-05", "day"),
    ("in 2019", "2019", "year"),
    ("in the 1990s", "1990", "decade"),
    ("two years ago", "2023", "year"),
    ("yesterday", "2025-03-11", "day"),
    ("last week", "2025-03", "month"),
    ("earlier this week", "2025-03", "month"),
    ("in the past", None, "relative"),
    ("In a more recent conversation", None, "relative"),
])
def test_phrase_and_date(phrase, date, precision):
    when = only(f"She said {phrase} that the plan had worked.")
    assert (when.text, when.date, when.precision) == (phrase, date, precision)


def test_relative_phrases_keep_no_date_without_publication():
    assert only("He said last year that it worked.", None).date is None
    assert only("He said in November that it worked.", None).date is None
    assert only("He said in 2019 that it worked.", None).date == "2019"


def test_month_words_that_are_not_months():
    sentence = "They may march on, she said."
    assert find_times(sentence, 0, len(sentence), "2025-03-12") == []


def test_longest_phrase_wins():
    when = only("He told the paper in November of last year that it worked.")
    assert when.text == "in November of last year"


def test_capitals_name_things_not_days():
    sentence = "He told USA TODAY that he was running."
    assert find_times(sentence, 0, len(sentence), "2025-03-12") == []


@pytest.mark.parametrize("phrase,date", [
    ("last October", "2024-10"),
    ("last March", "2024-03"),
    ("last February", "2025-02"),
    ("this March", "2025-03"),
    ("in March", "2025-03"),
    ("in June", "2024-06"),
    ("on Monday", "2025-03-10"),
    ("this past week", "2025-03"),
])
def test_month_and_weekday_phrases_before_publication(phrase, date):
    assert only(f"She said {phrase} that the plan had worked.").date == date


@pytest.mark.parametrize("phrase,base,date,precision", [
    ("Five months later", "2024-10", "2025-03", "month"),
    ("Five months later", None, None, "month"),
    ("the next day", "2025-02-27", "2025-02-28", "day"),
    ("a day later", "2024-12-31", "2025-01-01", "day"),
    ("two days later", "2025-02", None, "day"),
])
def test_later_counts_from_the_occasion_before(phrase, base, date, precision):
    assert only(f"She said {phrase} that the plan had worked.").date is None
    when = after(phrase, base)
    assert (when.text, when.date, when.precision) == (phrase, date, precision)


def test_a_season_word_alone_is_no_time():
    sentence = "She said rates would fall and the spring rain would help."
    assert find_times(sentence, 0, len(sentence), "2025-03-12") == []


@pytest.mark.parametrize("phrase,date", [("last winter", "2024"), ("in the summer", "2024"), ("summer 2023", "2023")])
def test_seasons_with_a_word_that_makes_them_times(phrase, date):
    assert only(f"She said {phrase} that the plan had worked.").date == date


@pytest.mark.parametrize("sentence", [
    "Cases have risen since Feb. 9, she said.",
    "The plant has lost money since 2021, he said.",
    "Talks must end by March 3, the envoy said.",
])
def test_a_span_or_a_deadline_dates_nothing(sentence):
    assert find_times(sentence, 0, len(sentence), "2025-03-12") == []


def _date_of(nlp, text: str, speaker: str, cue: str, content: str) -> str | None:
    raw = statement(text, speaker, cue, content)
    raw.speaker_name = speaker.split()[-1]
    _venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    return when.date if when else None


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,date", [
    # council: a weekday possessive on the occasion noun is the latest such day before publication
    ("Councillor Rosa Dunne told Tuesday's meeting of the planning committee that the plan was flawed.",
     "Councillor Rosa Dunne", "told", "the plan was flawed", "2025-03-11"),
    # sport, with a curly apostrophe
    ("Coach Ian Barr said at Friday’s press conference that the squad was fit.",
     "Coach Ian Barr", "said", "the squad was fit", "2025-03-07"),
    # business
    ("Chief executive Ola Ren said during Thursday's earnings call that margins would recover.",
     "Chief executive Ola Ren", "said", "margins would recover", "2025-03-06"),
])
def test_a_weekday_possessive_dates_its_occasion(nlp, text, speaker, cue, content, date):
    assert _date_of(nlp, text, speaker, cue, content) == date


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,date", [
    # sport: a participle modifying the occasion noun carries its day
    ("In a statement issued on Monday, Rovers chairman Ken Ault said the club would appeal.",
     "Rovers chairman Ken Ault", "said", "the club would appeal", "2025-03-10"),
    # schools: a date on a participle of the noun's object ("a letter to parents dated 3 March")
    ("In a letter to parents dated 3 March, head teacher Ann Cole wrote that the school would close.",
     "head teacher Ann Cole", "wrote", "the school would close", "2025-03-03"),
    # crime: a month and its year, read whole though the parse splits them
    ("In a police interview in March last year, the driver Tom Eke said he had never been told.",
     "the driver Tom Eke", "said", "he had never been told", "2024-03"),
    # business: a memo sent on a weekday
    ("In a memo sent to staff on Friday, chief executive Dev Rao wrote that the office would move.",
     "chief executive Dev Rao", "wrote", "the office would move", "2025-03-07"),
    # health: a message sent to all staff is the words' email, its day theirs
    ("In a message sent to all nurses on Monday, hospital director Eva Lund wrote that wards would reopen.",
     "hospital director Eva Lund", "wrote", "wards would reopen", "2025-03-10"),
    # schools: the same from a head teacher
    ("In a message sent to parents on Tuesday, head teacher Ian Ross said the school would stay open.",
     "head teacher Ian Ross", "said", "the school would stay open", "2025-03-11"),
    # health research: a study published on a weekday is the findings' article, its day theirs
    ("Doctors at the Lakeside Clinic reported in a study published on Monday in the journal Heart Notes that the drug cut strokes.",
     "Doctors at the Lakeside Clinic", "reported", "the drug cut strokes", "2025-03-10"),
    # astronomy: the same
    ("Astronomers at the Tarn Observatory said in a study published on Friday that the comet had split.",
     "Astronomers at the Tarn Observatory", "said", "the comet had split", "2025-03-07"),
])
def test_a_time_modifying_the_occasion_noun_dates_it(nlp, text, speaker, cue, content, date):
    assert _date_of(nlp, text, speaker, cue, content) == date


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,kind,date", [
    # business: a scene spent at part of the call dates and places the words after it
    ("Executives spent much of the earnings call on Thursday evening fielding questions about the recall.\n\n"
     "“We let our customers down,” chief executive Ana Lee said.",
     "chief executive Ana Lee", "said", "“We let our customers down,”", "press_conference", "2025-03-06"),
    # courts
    ("Lawyers argued for most of the hearing on Monday about the evidence.\n\n"
     "Defence counsel Raj Patel said the search had been unlawful.",
     "Defence counsel Raj Patel", "said", "the search had been unlawful", "hearing", "2025-03-10"),
])
def test_a_scene_spent_at_part_of_an_occasion_sets_it(nlp, text, speaker, cue, content, kind, date):
    raw = statement(text, speaker, cue, content)
    raw.speaker_name = speaker.split()[-1]
    venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert (venue.kind if venue else None, when.date if when else None) == (kind, date)


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,date", [
    # entertainment: a "which" clause on the podcast's phrase dates the episode
    ("Singer Mia Holt was the guest on Long Table, the podcast hosted by Ed Vine, which was released on Monday.\n\n"
     "Holt said she had never wanted fame.",
     "Holt", "said", "she had never wanted fame", "2025-03-10"),
    # politics: an interview published on a day
    ("Minister Lena Ortiz gave an interview to the Harbour Post, which was published on Sunday.\n\n"
     "Ortiz said the budget would be balanced.",
     "Ortiz", "said", "the budget would be balanced", "2025-03-09"),
])
def test_a_which_clause_on_the_occasion_dates_it(nlp, text, speaker, cue, content, date):
    raw = statement(text, speaker, cue, content)
    raw.speaker_name = speaker
    _venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert (when.date if when else None) == date


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content", [
    # politics: the sentence before names the speaker, but its time is her biography's
    ("Councillor Ann Roe, who was elected in 2019, said the plan was flawed. "
     "In a post on Facebook, Roe wrote that she would vote against it.",
     "Roe", "wrote", "she would vote against it"),
    # music: the same across a paragraph break
    ("Drummer Leo Park, who joined the band in 2015, said he had argued for one more record.\n\n"
     "In a post on Instagram, Park wrote that the split was right.",
     "Park", "wrote", "the split was right"),
])
def test_a_time_in_a_relative_clause_before_dates_no_later_occasion(nlp, text, speaker, cue, content):
    first = statement(text, None, "said", text[text.index("said") + 5:text.index(".")])
    later = statement(text, speaker, cue, content)
    first.speaker_name = later.speaker_name = speaker
    _venue, when = enrich(nlp(text), [first, later], "2025-03-12")[1]
    assert when is None or when.date is None


def _answer(text: str, label: str, words: str, after: int = 0) -> RawStatement:
    """A transcript's answer: its label as speaker, its words unquoted, no cue."""
    at = text.index(label + ":", after)
    start = text.index(words, at)
    return RawStatement("direct", [(start, start + len(words))], None, (at, at + len(label)), label)


@pytest.mark.model
@pytest.mark.parametrize("text,first,second,date", [
    # sport: a year inside one answer dates neither it nor the next
    ("Runner Lena Marsh spoke to the Daily Post on Monday.\n\n"
     "Q: Why the switch?\n\nMarsh: I kept getting hurt. In 2021 I broke a toe and sat at home.\n\n"
     "Q: And now?\n\nMarsh: Now I train at dawn.",
     "I kept getting hurt. In 2021 I broke a toe and sat at home.", "Now I train at dawn.", "2025-03-10"),
    # food: the same in a chef's interview
    ("Chef Ana Roque sat down with the Weekend Table on Sunday.\n\n"
     "Q: How did it start?\n\nRoque: By accident. Last year we had leftovers.\n\n"
     "Q: Any plans?\n\nRoque: None at all.",
     "By accident. Last year we had leftovers.", "None at all.", "2025-03-09"),
])
def test_a_time_inside_unquoted_words_sets_no_scene(nlp, text, first, second, date):
    label = text.split("\n\n")[2].split(":")[0]
    raws = [_answer(text, label, first), _answer(text, label, second, text.index(first) + len(first))]
    found = enrich(nlp(text), raws, "2025-03-12")
    assert found[1][1] is None or found[1][1].date in (None, date)


@pytest.mark.model
def test_a_time_on_the_cue_dates_words_read_over_it(nlp):
    text = "Chief executive Ana Lee unveiled the phone in a keynote at the Lumen Summit, the firm's annual event, in Lisbon on Wednesday."
    raw = statement(text, "Chief executive Ana Lee", "unveiled", text[text.index("the phone"):-1])
    raw.speaker_name = "Ana Lee"
    _venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert when is not None and when.date == "2025-03-12"


@pytest.mark.model
@pytest.mark.parametrize("text,lede,later,date", [
    # diplomacy: "afterwards" at a press conference is the day the lede's event gives
    ("Negotiators agreed on Tuesday to swap 300 prisoners, officials said.\n\n"
     "Speaking to reporters afterwards, envoy Ivan Roe said the deal was a result.",
     ("officials", "officials said", "Negotiators agreed on Tuesday to swap 300 prisoners"),
     ("envoy Ivan Roe", "said the deal", "the deal was a result"), "2025-03-11"),
    # sport: "after the match" at a press conference
    ("Rovers beat City 2-0 on Saturday, their manager said.\n\n"
     "At a press conference after the match, manager Tom Hale said the side had been brave.",
     ("their manager", "their manager said", "Rovers beat City 2-0 on Saturday"),
     ("manager Tom Hale", "said the side", "the side had been brave"), "2025-03-08"),
])
def test_an_undated_relative_time_at_a_shared_occasion_takes_the_ledes_day(nlp, text, lede, later, date):
    raws = [statement(text, *lede), statement(text, *later)]
    raws[0].speaker_name, raws[1].speaker_name = "Someone", later[0].split(" ", 1)[1]
    _venue, when = enrich(nlp(text), raws, "2025-03-12")[1]
    assert when is not None and when.date == date


@pytest.mark.model
@pytest.mark.parametrize("text,lede,later,date", [
    # sport: "moments after the final whistle" is the day of the match the lede reports
    ("Coach Ian Barr said the win was for the fans after Rovers beat City 4-0 on Sunday.\n\n"
     "Rovers are top of the table.\n\n"
     "Striker Leo Vance told Radio Kestrel moments after the final whistle that he was still shaking.",
     ("Coach Ian Barr", "said the win", "the win was for the fans after Rovers beat City 4-0 on Sunday"),
     ("Striker Leo Vance", "told", "he was still shaking"), "2025-03-09"),
    # tennis: a post-match interview
    ("Mia Holt won her first title on Saturday, her coach said.\n\n"
     "She rises to 58th in the rankings.\n\n"
     "In a post-match interview with Sky Arena, the runner-up Eva Stone said she had no regrets.",
     ("her coach", "her coach said", "Mia Holt won her first title on Saturday"),
     ("the runner-up Eva Stone", "said she", "she had no regrets"), "2025-03-08"),
    # diplomacy: after the talks
    ("Envoy Ana Lind said progress was slow after the talks ended on Tuesday.\n\n"
     "The two sides have met three times.\n\n"
     "Shortly after the talks, minister Ivo Berg told the Harbour Post that a deal was close.",
     ("Envoy Ana Lind", "said progress", "progress was slow after the talks ended on Tuesday"),
     ("minister Ivo Berg", "told", "a deal was close"), "2025-03-11"),
])
def test_after_the_event_is_the_day_the_lede_gives_it(nlp, text, lede, later, date):
    raws = [statement(text, *lede), statement(text, *later)]
    raws[0].speaker_name, raws[1].speaker_name = lede[0].split(" ", 1)[1], later[0].split(" ", 1)[1]
    _venue, when = enrich(nlp(text), raws, "2025-03-12")[1]
    assert when is not None and when.date == date


@pytest.mark.parametrize("sentence,date", [
    # sport, council, business: an event's weekday possessive after "before"/"from" is that day
    ("Coach Ana Ruiz met reporters before Wednesday's game against Portland.", "2025-03-12"),
    ("Minutes from Monday’s meeting show the mayor said no.", "2025-03-10"),
    ("The chief executive spoke before Thursday's vote by shareholders.", "2025-03-06"),
])
def test_an_events_day_is_its_own_after_before(sentence, date):
    assert only(sentence).date == date


@pytest.mark.parametrize("sentence", [
    "Talks must end before Wednesday, the envoy said.",
    "The mayor has said nothing since Monday's meeting.",
])
def test_before_a_bare_day_or_since_an_event_still_bounds(sentence):
    assert find_times(sentence, 0, len(sentence), "2025-03-12") == []


@pytest.mark.parametrize("sentence,date", [
    ("On the October afternoon we visit, the studio is busy.", "2024-10"),
    ("One February morning she packed a bag.", "2025-02"),
])
def test_a_months_part_of_a_day(sentence, date):
    when = only(sentence)
    assert when.date == date and when.precision == "month"


# Phrases that run into each other, and windows that cut them (mid-word, mid-phrase): the matches
# of a rule tried only where some rule matches are the matches the rule finds by itself.
PACKED = ("On Tuesday, March 3, 2024 at 9am, Mondays-only talks began two weeks ago; in the 1990s "
          "and last year. Later that day in 2019 the same day, spring 2023 or in the spring of last "
          "year; 12:30pm. Yesterday afterwards post-match, USA TODAY said since Feb. 9 March 3rd")


@given(st.integers(0, len(PACKED)), st.integers(0, len(PACKED)))
def test_when_rules_tried_where_any_matches_find_what_each_finds_alone(a, b):
    start, end = min(a, b), max(a, b)
    starts = [m.start() for m in _any_rule().finditer(PACKED, start, end)]
    for rule in rules():
        assert [m.span() for m in _rule_matches(rule.pattern, PACKED, starts, end)] \
            == [m.span() for m in rule.pattern.finditer(PACKED, start, end)]


@pytest.mark.model
@pytest.mark.parametrize("text,said,stamps", [
    # transport: each entry of a live blog is dated by its own time stamp, the blog's day
    ("Rail strike live: talks to resume\n\n"
     "18:05\nTransport minister Ana Berg said in a post on X that talks would resume on Friday.\n\n"
     "\"We are close,\" she wrote.\n\n"
     "14:20\nThe drivers' union said in a statement that its members would walk out.\n",
     [("Transport minister Ana Berg", "said in", "talks would resume on Friday", "Ana Berg"),
      ("she", "she wrote", "We are close,", "Ana Berg"),
      ("The drivers' union", "said in", "its members would walk out", "drivers' union")],
     ["18:05", "18:05", "14:20"]),
    # weather: a storm blog, an agency's warning under an earlier stamp
    ("Storm Elin live\n\n"
     "21:40\nThe coastguard said on its website that two boats had been towed in.\n\n"
     "09:15\nForecaster Ivo Lund told reporters at the weather office that winds would ease.\n",
     [("The coastguard", "said on", "two boats had been towed in", "coastguard"),
      ("Forecaster Ivo Lund", "told", "winds would ease", "Ivo Lund")],
     ["21:40", "09:15"]),
])
def test_a_live_blogs_time_stamp_dates_its_entry(nlp, text, said, stamps):
    raws = []
    for speaker, cue, content, name in said:
        raw = statement(text, speaker, cue, content, after=raws[-1].cue[1] if raws else 0)
        raw.speaker_name = name
        raws.append(raw)
    found = enrich(nlp(text), raws, "2025-03-12")
    assert [(w.text, w.date) if w else None for _v, w in found] == [(s, "2025-03-12") for s in stamps]


@pytest.mark.model
@pytest.mark.parametrize("text,said,dates", [
    # sport: a night's blog published the next morning; each entry under the heading of its day
    ("Cup final live\n\nSaturday 8 March\n\n"
     "22:40\nCoach Rui Sol told reporters that his side had earned it.\n\n"
     "Sunday 9 March\n\n"
     "00:15\nThe league said in a statement that the trophy would be presented again.\n",
     [("Coach Rui Sol", "told", "his side had earned it", "Rui Sol"),
      ("The league", "said in", "the trophy would be presented again", "league")],
     ["2025-03-08", "2025-03-09"]),
    # science: a launch blog, its heading written with the month first
    ("Rocket launch live\n\nMarch 10\n\n"
     "6.05am\nMission chief Eda Voss said on the webcast that the engines were ready.\n",
     [("Mission chief Eda Voss", "said on", "the engines were ready", "Eda Voss")],
     ["2025-03-10"]),
    # transport: a stamp followed by its entry's heading, no full stop; the blog's day heading above
    ("Rail strike live\n\nMonday 10 March\n\n"
     "17:20 Union responds\n\nUnion leader Kai Moss said in a statement that the offer was an insult.\n\n"
     "16:05 Minister: 'no more money'\n\nThe transport minister, Ewa Lind, told reporters that the budget was spent.\n",
     [("Union leader Kai Moss", "said in", "the offer was an insult", "Kai Moss"),
      ("The transport minister, Ewa Lind", "told", "the budget was spent", "Ewa Lind")],
     ["2025-03-10", "2025-03-10"]),
])
def test_a_live_blogs_day_heading_dates_the_entries_under_it(nlp, text, said, dates):
    raws = []
    for speaker, cue, content, name in said:
        raw = statement(text, speaker, cue, content, after=raws[-1].cue[1] if raws else 0)
        raw.speaker_name = name
        raws.append(raw)
    found = enrich(nlp(text), raws, "2025-03-12")
    assert [w.date if w else None for _v, w in found] == dates


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,name,kind,date", [
    # sport: the speaker's own press conference, in a relative clause on them, is where they spoke
    ("Coach Ana Ruiz, who held her own press conference on Tuesday, said the team was tired.",
     "Coach Ana Ruiz", "Ana Ruiz", "press_conference", "2025-03-11"),
    # business: a shareholder meeting in the clause
    ("Chief executive Omar Lind, who addressed a shareholder meeting on Monday, said profits would rise.",
     "Chief executive Omar Lind", "Omar Lind", "meeting", "2025-03-10"),
])
def test_a_relative_clause_on_the_speaker_setting_an_occasion_dates_it(nlp, text, speaker, name, kind, date):
    raw = statement(text, speaker, "said", text[text.index("said") + 5:-1])
    raw.speaker_name = name
    venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert venue is not None and venue.kind == kind
    assert when is not None and when.date == date


@pytest.mark.model
@pytest.mark.parametrize("text,first,second,third,date", [
    # sport: each coach's own press conference; the first coach comes back to theirs
    ("Coach Ana Ruiz told a press conference on Tuesday that the team was tired. "
     "Rival coach Ian Barr, who held his own press conference on Wednesday, said his side was ready. "
     "Ruiz said the pitch was poor.",
     ("Coach Ana Ruiz", "told", "the team was tired", "Ana Ruiz"),
     ("Rival coach Ian Barr", "said his", "his side was ready", "Ian Barr"),
     ("Ruiz", "said the pitch", "the pitch was poor", "Ana Ruiz"), "2025-03-11"),
    # politics: a minister's briefing, then the opposition leader's
    ("Minister Eva Holm told a briefing on Monday that taxes would fall. "
     "Opposition leader Tom Vik, who gave his own briefing on Tuesday, said the sums did not add up. "
     "Holm said the budget was balanced.",
     ("Minister Eva Holm", "told", "taxes would fall", "Eva Holm"),
     ("Opposition leader Tom Vik", "said the sums", "the sums did not add up", "Tom Vik"),
     ("Holm", "said the budget", "the budget was balanced", "Eva Holm"), "2025-03-10"),
])
def test_a_speaker_goes_back_to_their_own_occasion_after_anothers(nlp, text, first, second, third, date):
    raws = []
    for speaker, cue, content, name in (first, second, third):
        raw = statement(text, speaker, cue, content, after=raws[-1].cue[1] if raws else 0)
        raw.speaker_name = name
        raws.append(raw)
    found = enrich(nlp(text), raws, "2025-03-12")
    assert found[2][1] is not None and found[2][1].date == date


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,cue,content,date", [
    # diplomacy: a participle clause on the subject sets the scene's occasion and its day
    ("Envoy Ana Lind, speaking at a press conference in Oslo on Monday evening, was more cautious.\n\n"
     "\"We are not there yet,\" she said.",
     "she", "she said", "\"We are not there yet,\"", "2025-03-10"),
    # health: the same at a hearing
    ("Health official Omar Dahl, testifying at a hearing in the capital on Tuesday, sounded tired.\n\n"
     "\"The wards are full,\" he said.",
     "he", "he said", "\"The wards are full,\"", "2025-03-11"),
])
def test_a_clause_setting_a_scenes_occasion_dates_it(nlp, text, speaker, cue, content, date):
    raw = statement(text, speaker, cue, content, kind="direct")
    raw.speaker_name = {"she": "Ana Lind", "he": "Omar Dahl"}[speaker]
    _venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert when is not None and when.date == date


@pytest.mark.model
@pytest.mark.parametrize("text,speaker,content,date", [
    # labour: "after the talks" is the day an earlier sentence gives the talks, though it reports no words
    ("Unions ended two days of talks with ministers on Monday without a deal.\n\n"
     "After the talks, union leader Ana Roe said the strike would go ahead.",
     "union leader Ana Roe", "the strike would go ahead", "2025-03-10"),
    # sport: "shortly after the match"
    ("Rovers lost the match to City 3-0 on Saturday.\n\n"
     "Shortly after the match, captain Leo Vance said the side had been poor.",
     "captain Leo Vance", "the side had been poor", "2025-03-08"),
])
def test_after_an_event_is_the_day_the_text_gives_it(nlp, text, speaker, content, date):
    raw = statement(text, speaker, "said", content)
    raw.speaker_name = speaker.split(" ", 2)[-1]
    _venue, when = enrich(nlp(text), [raw], "2025-03-12")[0]
    assert when is not None and when.date == date


@pytest.mark.parametrize("sentence,phrase,date", [
    # media: a paper whose name begins with a weekday; the year is the time
    ("The critic Ada Moss wrote in the Sunday Ledger in 1998 that the show was thin.", "in 1998", "1998"),
    # politics: a programme on a broadcaster's possessive
    ("Asked on Radio Vell's Monday Review in January, the minister said the plan stood.", "in January", "2025-01"),
    # food: a column that appears every week is a habit, not a day
    ("Writing in her column, which runs every Friday, the chef said prices were rising last month.",
     "last month", "2025-02"),
])
def test_a_weekday_in_a_name_or_a_habit_is_no_time(sentence, phrase, date):
    when = only(sentence)
    assert (when.text, when.date) == (phrase, date)


@pytest.mark.model
def test_a_wire_datelines_day_dates_its_story(nlp):
    # a round-up of wire stories from several days: each story's undated words are its dateline's day
    text = ("World in brief\n\n"
            "QUITO, March 9 (Coastline Wire) - Ecuador's mining chamber warned of delays to a copper permit.\n\n"
            "Chamber president Luis Mora said the delay was costing jobs.\n\n"
            "HANOI, March 11 (Coastline Wire) - Vietnam's coffee exporters expect a smaller harvest.\n\n"
            "Exporter Minh Tran told reporters that the rains had come late.\n")
    raws = []
    for speaker, cue, content, name in [("Chamber president Luis Mora", "said the", "the delay was costing jobs", "Luis Mora"),
                                        ("Exporter Minh Tran", "told", "the rains had come late", "Minh Tran")]:
        raw = statement(text, speaker, cue, content, after=raws[-1].cue[1] if raws else 0)
        raw.speaker_name = name
        raws.append(raw)
    found = enrich(nlp(text), raws, "2025-03-12")
    assert [w.date if w else None for _v, w in found] == ["2025-03-09", "2025-03-11"]
