import datetime as dt

import pytest

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
    assert normalise("the weekend", PUB) is None
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
