"""Date expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates, resolve
from geo.errors import FrontlineError
from geo.records import DateSpan, Precision

SATURDAY = date(2014, 6, 21)
DAY, WEEK, MONTH = Precision.DAY, Precision.WEEK, Precision.MONTH


@pytest.mark.parametrize(
    "expression, published, start, end, precision",
    [
        ("Friday", SATURDAY, date(2014, 6, 20), date(2014, 6, 20), DAY),
        ("Saturday", SATURDAY, SATURDAY, SATURDAY, DAY),
        ("on Friday night", SATURDAY, date(2014, 6, 20), date(2014, 6, 20), DAY),
        ("overnight", SATURDAY, date(2014, 6, 20), SATURDAY, DAY),
        # a night named by its day: that day, or the night before the day it ran into
        ("in the early hours of Wednesday", SATURDAY, date(2014, 6, 18), date(2014, 6, 18), DAY),
        ("overnight into Thursday", SATURDAY, date(2014, 6, 18), date(2014, 6, 19), DAY),
        # a weekday "last week": of the calendar week before this one, not this week's
        ("on Thursday last week", SATURDAY, date(2014, 6, 12), date(2014, 6, 12), DAY),
        ("Monday of last week", SATURDAY, date(2014, 6, 9), date(2014, 6, 9), DAY),
        ("today", SATURDAY, SATURDAY, SATURDAY, DAY),
        ("yesterday", SATURDAY, date(2014, 6, 20), date(2014, 6, 20), DAY),
        ("early last week", SATURDAY, date(2014, 6, 9), date(2014, 6, 12), WEEK),
        ("last week", SATURDAY, date(2014, 6, 9), date(2014, 6, 15), WEEK),
        ("last month", SATURDAY, date(2014, 5, 1), date(2014, 5, 31), MONTH),
        ("since Tuesday", SATURDAY, date(2014, 6, 17), SATURDAY, DAY),
        ("June 12", SATURDAY, date(2014, 6, 12), date(2014, 6, 12), DAY),
        ("four days ago", SATURDAY, date(2014, 6, 17), date(2014, 6, 17), DAY),
        ("a fifth day", SATURDAY, date(2014, 6, 17), SATURDAY, DAY),
        # other wars, other years
        ("Wednesday", date(2016, 6, 18), date(2016, 6, 15), date(2016, 6, 15), DAY),
        ("last Monday", date(2023, 5, 22), date(2023, 5, 15), date(2023, 5, 15), DAY),
        ("Monday", date(2023, 5, 22), date(2023, 5, 22), date(2023, 5, 22), DAY),
        ("December 30", date(2017, 1, 2), date(2016, 12, 30), date(2016, 12, 30), DAY),
        ("12 October 2017", date(2017, 10, 20), date(2017, 10, 12), date(2017, 10, 12), DAY),
        ("in May", date(2024, 6, 10), date(2024, 5, 1), date(2024, 5, 31), MONTH),
        ("for a third straight day", date(2022, 3, 2), date(2022, 2, 28), date(2022, 3, 2), DAY),
        ("late last week", date(2023, 5, 22), date(2023, 5, 19), date(2023, 5, 21), WEEK),
        ("earlier this week", date(2015, 1, 30), date(2015, 1, 26), date(2015, 1, 30), WEEK),
        ("earlier in the week", date(2013, 3, 24), date(2013, 3, 18), date(2013, 3, 24), WEEK),
        ("two weeks ago", date(2024, 10, 30), date(2024, 10, 13), date(2024, 10, 19), WEEK),
        # parts of a month, with and without a year; a month "last" year; weekends; years
        ("in early April", date(2014, 7, 6), date(2014, 4, 1), date(2014, 4, 10), MONTH),
        ("mid-March 2022", date(2023, 1, 5), date(2022, 3, 11), date(2022, 3, 20), MONTH),
        ("late November", date(2024, 1, 10), date(2023, 11, 21), date(2023, 11, 30), MONTH),
        ("the end of February", date(2023, 3, 15), date(2023, 2, 21), date(2023, 2, 28), MONTH),
        ("late last month", date(2023, 3, 15), date(2023, 2, 21), date(2023, 2, 28), MONTH),
        ("early last month", date(2024, 1, 9), date(2023, 12, 1), date(2023, 12, 10), MONTH),
        ("mid this month", date(2022, 9, 14), date(2022, 9, 11), date(2022, 9, 14), MONTH),
        ("last May", date(2024, 1, 20), date(2023, 5, 1), date(2023, 5, 31), MONTH),
        ("May last year", date(2024, 8, 2), date(2023, 5, 1), date(2023, 5, 31), MONTH),
        ("In April", date(2020, 5, 18), date(2020, 4, 1), date(2020, 4, 30), MONTH),
        ("over the weekend", date(2021, 8, 10), date(2021, 8, 7), date(2021, 8, 8), WEEK),
        ("last weekend", date(2021, 8, 8), date(2021, 7, 31), date(2021, 8, 1), WEEK),
        ("since 2015", date(2024, 3, 1), date(2015, 1, 1), date(2015, 12, 31), Precision.YEAR),
        ("in 2014", None, date(2014, 1, 1), date(2014, 12, 31), Precision.YEAR),
        # parts and seasons of a year, up to publication
        ("in early 2015", date(2016, 12, 6), date(2015, 1, 1), date(2015, 4, 30), Precision.YEAR),
        ("by mid-2016", date(2017, 3, 1), date(2016, 5, 1), date(2016, 8, 31), Precision.YEAR),
        ("late 2022", date(2022, 11, 2), date(2022, 9, 1), date(2022, 11, 2), Precision.YEAR),
        ("the end of 2013", date(2014, 6, 1), date(2013, 9, 1), date(2013, 12, 31), Precision.YEAR),
        ("in the summer of 2014", date(2015, 1, 1), date(2014, 6, 1), date(2014, 8, 31), Precision.YEAR),
    ],
)
def test_resolve_against_publication(expression, published, start, end, precision):
    span = resolve(expression, published)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == expression


@pytest.mark.parametrize("expression", ["Saturday", "overnight", "early last week", "since Tuesday", "June 12"])
def test_without_publication_the_words_are_kept_and_the_date_unknown(expression):
    span = resolve(expression, None)
    assert (span.start, span.end, span.precision, span.text) == (None, None, Precision.UNKNOWN, expression)


def test_an_explicit_date_with_a_year_needs_no_publication():
    assert resolve("June 10, 2016", None) == DateSpan.day(date(2016, 6, 10), "June 10, 2016")


@pytest.mark.parametrize("expression", ["the refinery", "Mosul", "may"])
def test_what_is_not_a_date_is_an_error(expression):
    with pytest.raises(FrontlineError):
        resolve(expression, SATURDAY)


def test_find_dates_gives_offsets_in_the_sentence():
    sentence = "Fighting went on for a fifth day, with attacks repelled on Friday night, officials said today."
    found = [(sentence[a:b], span.start) for a, b, span in find_dates(sentence, SATURDAY)]
    assert found == [("for a fifth day", date(2014, 6, 17)), ("on Friday night", date(2014, 6, 20)), ("today", SATURDAY)]


def test_offsets_count_from_the_date_the_text_last_spoke_of():
    anchor = DateSpan.day(date(2023, 5, 20))
    found = {span.text: (span.start, span.end) for _, _, span in
             find_dates("Two days later they left, and the next day the town fell; a week earlier it held.", date(2023, 6, 1),
                        anchor)}
    assert found == {"Two days later": (date(2023, 5, 22), date(2023, 5, 22)),
                     "the next day": (date(2023, 5, 21), date(2023, 5, 21)),
                     "a week earlier": (date(2023, 5, 13), date(2023, 5, 13))}
    assert find_dates("Two days later they left.", SATURDAY) == []  # nothing to count from: no date, not a wrong one


@pytest.mark.parametrize(("sentence", "text", "first", "last"), [
    ("Troops retook Sirte on December 5-6.", "on December 5-6", date(2013, 12, 5), date(2013, 12, 6)),
    ("Troops retook Sirte on the night of 5-6 December.", "on the night of 5-6 December", date(2013, 12, 5), date(2013, 12, 6)),
    ("Fighting raged on 3–9 June.", "on 3–9 June", date(2014, 6, 3), date(2014, 6, 9)),
    # a full month name ends where the sentence does; an abbreviation keeps its point
    ("The army retook Kidal on 14 November.", "on 14 November", date(2013, 11, 14), date(2013, 11, 14)),
    ("Rebels took Goma on 14 Nov. and left.", "on 14 Nov.", date(2013, 11, 14), date(2013, 11, 14)),
    ("Russian forces took Avdiivka in mid-February.", "in mid-February", date(2014, 2, 11), date(2014, 2, 20)),
])
def test_a_run_of_days_and_the_words_of_a_date(sentence, text, first, last):
    (found,) = find_dates(sentence, SATURDAY)
    assert (sentence[found[0]:found[1]], found[2].start, found[2].end) == (text, first, last)


def test_that_year_is_the_year_the_text_last_spoke_of():
    anchor = DateSpan(date(2014, 1, 1), date(2014, 1, 31), Precision.MONTH)
    found = {span.text: (span.start, span.end) for _, _, span in
             find_dates("They took Mosul in June of that year, lost it in July the following year, held it later that year "
                        "and had left in August the previous year.", SATURDAY, anchor)}
    assert found == {"in June of that year": (date(2014, 6, 1), date(2014, 6, 30)),
                     "in July the following year": (date(2015, 7, 1), date(2015, 7, 31)),
                     "later that year": (date(2014, 1, 31), date(2014, 12, 31)),
                     "in August the previous year": (date(2013, 8, 1), date(2013, 8, 31))}
    assert [span.text for _, _, span in find_dates("The same year the town fell.", SATURDAY)] == []  # no year to refer to


def test_a_year_after_publication_is_not_a_date():
    assert find_dates("In 2030 the plan ends.", date(2024, 1, 1)) == []


@pytest.mark.parametrize("sentence", ["Troops may withdraw soon.", "The militants march on.", "Forces will hold the line.",
                                      "Casualties ran in 2,000 cases.", "The Kindle sale ended."])
def test_ordinary_words_are_not_dates(sentence):
    assert find_dates(sentence, SATURDAY) == []


@pytest.mark.parametrize(("sentence", "anchor", "words", "day"), [
    # counted from the sentence's own date before it, not the text's last
    ("Troops retook Gao on Monday and entered Menaka two days later.", date(2024, 12, 13), "two days later",
     date(2024, 12, 11)),
    ("Israeli forces left Khiam on December 11, and Lebanese troops entered the town the next day.", date(2024, 11, 27),
     "the next day", date(2024, 12, 12)),
    # with none, from the date the text last spoke of
    ("They entered Menaka two days later.", date(2024, 12, 9), "two days later", date(2024, 12, 11)),
    # never past the report's day
    ("They entered Menaka two days later.", date(2024, 12, 13), "two days later", None),
])
def test_an_offset_counts_from_the_nearest_date_before_it(sentence, anchor, words, day):
    found = {span.text: span for _, _, span in find_dates(sentence, date(2024, 12, 13), DateSpan.day(anchor))}
    assert (found[words].start if words in found else None) == day
