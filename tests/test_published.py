"""Dates of publication as sources write them: never converted, never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from geo.errors import InputError
from geo.read.articles import make_article
from geo.read.published import DayOrder, parse_published


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-02-17", date(2024, 2, 17)),
        ("2024-02-17T09:30:00Z", date(2024, 2, 17)),
        ("2024-02-17T23:30:00-05:00", date(2024, 2, 17)),  # the 18th in UTC: the date is the one written
        ("2024-02-18T01:15:00+03:00", date(2024, 2, 18)),  # the 17th in UTC
        ("2024-02-17T09:30:00.123456789+05:30", date(2024, 2, 17)),
        ("20240217T093000Z", date(2024, 2, 17)),  # GDELT's seendate
        ("2025-01-27 18:45:00", date(2025, 1, 27)),
        ("2024-02-17 9:30 AM GMT", date(2024, 2, 17)),
        ("2024/03/04", date(2024, 3, 4)),
        ("Sat, 30 Nov 2024 20:10:00 GMT", date(2024, 11, 30)),
        ("Tue, 19 Dec 2023 23:45:00 -0800", date(2023, 12, 19)),
        ("Dec 19, 2023", date(2023, 12, 19)),
        ("19 December 2023", date(2023, 12, 19)),
        ("December 19, 2023 10:02 EST", date(2023, 12, 19)),
        ("06/21/2014 08:53 EDT", date(2014, 6, 21)),  # only one reading is a date
        ("21.06.2014", date(2014, 6, 21)),
        ("04/04/2024", date(2024, 4, 4)),  # both readings are the same day
        (1708162200, date(2024, 2, 17)),  # a Unix time is UTC
        ("1708162200000", date(2024, 2, 17)),  # in milliseconds
    ],
)
def test_dates_as_sources_write_them(text, expected):
    assert parse_published(text) == expected


@pytest.mark.parametrize("text", ["03/04/2024", "03.04.2024", "03-04-2024 10:00", "11/12/2019 08:00 UTC"])
def test_a_day_month_order_is_never_guessed(text):
    with pytest.raises(InputError) as error:
        parse_published(text, source="export.csv:7: Publish_Date")
    message = str(error.value)
    assert message.startswith("export.csv:7: Publish_Date: ") and repr(text) in message
    assert "--dayfirst" in message and "--monthfirst" in message
    assert "\n" not in message


def test_the_order_the_user_gives_reads_them():
    assert parse_published("03/04/2024", order=DayOrder.DAY_FIRST) == date(2024, 4, 3)
    assert parse_published("03/04/2024", order=DayOrder.MONTH_FIRST) == date(2024, 3, 4)
    # where only one reading is a date, the option does not turn it into a wrong one or an error
    assert parse_published("06/21/2014", order=DayOrder.DAY_FIRST) == date(2014, 6, 21)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("2014-02-30", "not a valid date"),
        ("2024-02-17T25:00:00Z", "not a valid date and time"),
        ("13/45/2014", "not a valid date"),
        ("03/04/24", "two-digit year"),
        ("June 2014", "needs a day, a month and a year"),
        ("Friday", "not a date"),
        ("yesterday", "not a date"),
        ("3 4 2024", "not a date"),
        ("2024-02-17 gibberish", "not a valid date"),
        ("", "not a date"),
        (True, "not a date"),
    ],
)
def test_what_is_not_a_date_says_so(text, problem):
    with pytest.raises(InputError, match=problem):
        parse_published(text, source="x")


@pytest.mark.parametrize(
    "header, expected",
    [
        ("2024-02-17T09:30:00Z", date(2024, 2, 17)),
        ("19 December 2023 10:00 GMT | Updated 20 December 2023", date(2023, 12, 19)),
        ("Sat, 30 Nov 2024 20:10:00 GMT", date(2024, 11, 30)),
    ],
)
def test_header_lines_in_the_forms_sources_write(header, expected):
    article = make_article(f"{header}\nTroops entered Kherson on Friday.", "a")
    assert (article.published, article.published_from) == (expected, "header")
    assert [s.text for s in article.sentences] == ["Troops entered Kherson on Friday."]


@pytest.mark.parametrize("first", ["May 2014 was a hard month for Mosul.", "Rebels may take Gao by 2025.",
                                   "Fighting near Kupiansk", "2,000 displaced"])
def test_a_first_line_that_is_no_date_is_text(first):
    article = make_article(f"{first}\nTroops entered Kherson.", "a")
    assert article.published is None and article.sentences[0].text == first


def test_an_ambiguous_header_needs_the_order():
    text = "03/02/2016 10:00 EST | Updated 05/09/2016 11:00 EDT\nTroops entered Ramadi."
    with pytest.raises(InputError, match="could be 3 February or 2 March"):
        make_article(text, "a")
    assert make_article(text, "a", order=DayOrder.MONTH_FIRST).published == date(2016, 3, 2)
    assert make_article(text, "a", order=DayOrder.DAY_FIRST).published == date(2016, 2, 3)
    assert make_article(text, "a", strict_header=False).published is None
