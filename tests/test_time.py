import datetime as dt

import pytest

from newsevents.records import Article, Document
from newsevents.time import normalise

PUB = dt.date(2024, 3, 7)  # a Thursday


@pytest.mark.parametrize(
    ("text", "past", "value", "precision"),
    [
        ("in 2005", True, "2005", "year"),
        ("March 2019", True, "2019-03", "month"),
        ("5 March 2019", True, "2019-03-05", "day"),
        ("March 5, 2019", True, "2019-03-05", "day"),
        ("on Tuesday", True, "2024-03-05", "day"),
        ("on Tuesday", False, "2024-03-12", "day"),
        ("last Thursday", True, "2024-02-29", "day"),
        ("yesterday", True, "2024-03-06", "day"),
        ("last month", True, "2024-02", "month"),
        ("last year", True, "2023", "year"),
        ("earlier this month", True, "2024-03", "month"),
        ("two years ago", True, "2022", "year"),
        ("three days ago", True, "2024-03-04", "day"),
        ("in November", True, "2023-11", "month"),
        ("in November", False, "2024-11", "month"),
        ("2023-12-31", True, "2023-12-31", "day"),
    ],
)
def test_time_normalise(text: str, past: bool, value: str, precision: str) -> None:
    assert normalise(text, PUB, past) == (value, precision)


def test_time_not_dates() -> None:
    assert normalise("the fortnight", PUB) is None
    assert normalise("February 30, 2021", PUB) is None


def test_time_duration_is_not_an_event_date(coder) -> None:
    doc = coder.code_text("The reporter was jailed for two years in 2009 by a court.",
                          "2024-03-07")
    assert [t.value for t in doc.times] == ["2009"]
    [ev] = [e for e in doc.events if e.cameo == "173"]
    assert (ev.date, ev.date_precision, ev.date_source) == ("2009", "year", "text")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a weekday under a past verb, even through a gerund: the last such day
        ("Israel began exporting gas to Egypt on Monday.", "2023-01-16"),
        ("The Kremlin declined on Tuesday to comment on the arrest of two Finns.", "2023-01-17"),
        # a future auxiliary makes it the next one
        ("Chile will host talks with Peru on Monday.", "2023-01-23"),
    ],
)
def test_time_weekday_follows_the_tense(coder, text: str, date: str) -> None:  # noqa: ANN001
    doc = coder.code_text(text, "2023-01-19")  # a Thursday
    assert [t.value for t in doc.times] == [date]


def test_time_said_on_a_day_dates_the_saying_not_the_act(coder) -> None:  # noqa: ANN001
    doc = coder.code_text("Police detained two reporters, the ministry said on Thursday.",
                          "2023-01-20")
    [ev] = [e for e in doc.events if e.cameo == "173"]
    assert (ev.date, ev.date_source) == ("2023-01-20", "published")


@pytest.mark.parametrize(
    ("text", "past", "value", "precision"),
    [
        ("last week", True, "2024-W09", "week"),
        ("next week", False, "2024-W11", "week"),
        ("three weeks ago", True, "2024-W07", "week"),
        ("over the weekend", True, "2024-W09", "week"),  # Saturday 2 March
        ("last summer", True, "2023-22", "season"),
        ("the spring of 2011", True, "2011-21", "season"),
        ("this autumn", False, "2024-23", "season"),
        ("the 1990s", True, "199X", "decade"),
        ("the 20th century", True, "19XX", "century"),
        ("since 2019", True, "2019/..", "interval"),
        ("from 2010 to 2014", True, "2010/2014", "interval"),
        ("between May and July", True, "2023-05/2023-07", "interval"),
        ("overnight", True, "2024-03-06", "day"),
        ("the 3rd", True, "2024-03-03", "day"),
        ("the 12th", True, "2024-02-12", "day"),
        ("mid-March", True, "2024-03", "month"),
        ("late 2021", True, "2021", "year"),
        ("Thursday night", True, "2024-02-29", "day"),
    ],
)
def test_time_normalise_weeks_seasons_decades_intervals(text: str, past: bool, value: str,
                                                       precision: str) -> None:
    assert normalise(text, PUB, past) == (value, precision)


@pytest.mark.parametrize(("value", "precision", "date"), [
    ("2024-W09", "week", ("2024-02", "month")),  # the month of its Thursday
    ("2023-22", "season", ("2023", "year")),
    ("2010/2014", "interval", ("2010", "year")),
    ("199X", "decade", None),
])
def test_time_event_date_in_the_contract_form(value: str, precision: str, date) -> None:  # noqa: ANN001
    from newsevents.time import event_date

    assert event_date(value, precision) == date  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister said the vote would take place on Friday.", "2024-03-08"),
    ("Fresh elections may be called in June.", "2024-06"),
    ("The deal is due to take effect this autumn.", "2024-23"),
])
def test_time_future_clauses(coder, text: str, expected: str) -> None:
    assert [t.value for t in coder.code_text(text, "2024-03-07").times] == [expected]


@pytest.mark.parametrize("text", ["He was freed two years later.",
                                  "Fans gathered before the 2022 World Cup final.",
                                  "Delegates signed the 1951 Refugee Convention."])
def test_time_durations_and_names_are_no_times(coder, text: str) -> None:
    assert coder.code_text(text, "2024-03-07").times == ()


def test_time_ongoing_state_takes_the_publication_date(coder) -> None:
    doc = coder.code_text("Police detained Ana Silva last week and she remains in custody.",
                          "2024-03-07")
    dates = {e.evidence.trigger: e.date for e in doc.events}
    assert dates.get("detained") == "2024-02", dates


@pytest.mark.parametrize(("text", "value"), [
    # the tagger leaves the day out of "14 October 2019"
    ("The strike echoed the one of 14 October 2019.", "2019-10-14"),
    # the tagger puts "from" outside "2011 to 2015"
    ("Output fell sharply from 2011 to 2015.", "2011/2015"),
    # the tagger runs past the date into the clause after the comma
    ("The court annulled the poll held on March 9, ending weeks of doubt.", "2024-03-09"),
    ("Rioters set fire to a bus depot last night.", "2024-05-06"),
    ("Heavy snow is forecast to reach the capital on Friday.", "2024-05-10"),
])
def test_time_spans_the_tagger_cut_wrong(coder, text: str, value: str) -> None:
    assert value in [t.value for t in coder.code_text(text, "2024-05-07").times]


def test_time_a_name_with_of_a_year_is_no_time(coder) -> None:
    assert coder.code_text("The Generation of 2011 rallied in the square.", "2024-05-07"
                           ).times == ()


@pytest.mark.parametrize("text", [
    "Ana Silva has been held without charge since 2019 and is still held in Evin.",
    "The union has boycotted the talks since 2021 and still refuses to return.",
])
def test_time_a_present_state_after_a_past_one_is_dated_now(coder, text: str) -> None:
    from newsevents.coding.syntax import read_status

    doc = coder.pipeline.stages[0](Document(article=Article("x", text, "2024-05-07")))
    for st in coder.pipeline.stages[1:-1]:
        doc = st(doc)
    coding = coder.pipeline.stages[-1]
    ps = doc.parsed.sentences[0]
    verb = [t for t in ps.span if t.lemma_ in ("hold", "refuse")][-1]
    cue = read_status(verb, coding.lex).cue
    assert coding.attach.date(doc, ps, verb, verb, cue)[0] == "2024-05-07"
