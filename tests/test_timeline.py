"""The timeline: incidents merged across articles, disagreements, per-day control, inferred dates."""

from __future__ import annotations

from datetime import date

import pytest

from geo.read.articles import make_article
from geo.extract.events import extract_events
from geo.records import ControlEvent, DateSpan, EventKind, Evidence, Place, PlaceKind, Precision, Status
from geo.timeline import UNKNOWN, build_timeline, infer_published

from test_events import ROOT, mentions_of

SIRTE = Place("test:sirte", "Sirte", 31.2, 16.6, PlaceKind.CITY, "LY")
BAKHMUT = Place("test:bakhmut", "Bakhmut", 48.6, 38.0, PlaceKind.CITY, "UA")


def event(place, actor, kind, when, article="a.txt", sentence="s"):
    return ControlEvent(place, actor, EventKind(kind), when, Evidence(article, sentence))


def article(id, published):
    return make_article("Text.", id, published=published)


def state(timeline, place, day):
    found = [s for s in timeline.on(day) if s.place.id == place.id]
    return found[0] if found else None


def test_control_differs_between_the_day_before_and_the_day_of_a_capture():
    d = date(2016, 12, 5)
    timeline = build_timeline(
        [event(SIRTE, "ISIL", "control", DateSpan.unknown(before=date(2016, 12, 1))),
         event(SIRTE, "GNA", "recaptured", DateSpan.day(d))],
        [article("a.txt", date(2016, 12, 1)), article("b.txt", date(2016, 12, 6))],
    )
    before, on, after = (state(timeline, SIRTE, d + offset) for offset in (-date.resolution, 0 * date.resolution, date.resolution))
    assert (before.controller, before.changed) == ("ISIL", False)
    assert (on.controller, on.changed, on.since) == ("GNA", True, d)
    assert (after.controller, after.changed, after.since) == ("GNA", False, d)
    assert timeline.days[0] == date(2016, 12, 1) and timeline.days[-1] == date(2016, 12, 6)


def test_two_articles_reporting_one_capture_are_one_incident_with_two_sources():
    reports = [event(BAKHMUT, "Russian forces", "captured", DateSpan.day(date(2023, 5, 20)), "a.txt"),
               event(BAKHMUT, "Russian forces", "captured", DateSpan(date(2023, 5, 20), date(2023, 5, 21), Precision.DAY), "b.txt")]
    timeline = build_timeline(reports, [article("a.txt", date(2023, 5, 21)), article("b.txt", date(2023, 5, 21))])
    (incident,) = timeline.incidents
    assert {source.article for source in incident.sources} == {"a.txt", "b.txt"}
    assert incident.disagreements == ()
    assert incident.event.when == DateSpan.day(date(2023, 5, 20))


def test_different_dates_for_one_event_are_a_recorded_disagreement():
    reports = [event(BAKHMUT, "Russian forces", "captured", DateSpan(date(2023, 5, 8), date(2023, 5, 11), Precision.WEEK, "early last week"), "a.txt"),
               event(BAKHMUT, "Russian forces", "captured", DateSpan.day(date(2023, 5, 11), "May 11"), "b.txt")]
    timeline = build_timeline(reports, [article("a.txt", date(2023, 5, 20)), article("b.txt", date(2023, 5, 20))])
    (incident,) = timeline.incidents
    (message,) = incident.disagreements
    assert "2023-05-08..2023-05-11" in message and "early last week" in message and "a.txt" in message
    assert state(timeline, BAKHMUT, date(2023, 5, 15)).disagreements == (message,)


def test_a_capture_and_a_recapture_are_ordered_by_date_not_by_input():
    events = [event(SIRTE, "GNA", "recaptured", DateSpan.day(date(2016, 8, 10)), "b.txt"),
              event(SIRTE, "ISIL", "captured", DateSpan.day(date(2016, 8, 1)), "a.txt")]
    timeline = build_timeline(events, [article("a.txt", date(2016, 8, 2)), article("b.txt", date(2016, 8, 11))])
    assert [s.controller for s in timeline.states if s.changed] == ["ISIL", "GNA"]
    assert state(timeline, SIRTE, date(2016, 8, 5)).controller == "ISIL"
    assert len(timeline.incidents) == 2


def test_the_same_actor_taking_a_place_twice_is_two_incidents():
    events = [event(SIRTE, "ISIL", "captured", DateSpan.day(date(2016, 1, 1))),
              event(SIRTE, "GNA", "recaptured", DateSpan.day(date(2016, 2, 1))),
              event(SIRTE, "ISIL", "captured", DateSpan.day(date(2016, 3, 1)))]
    timeline = build_timeline(events, [article("a.txt", date(2016, 3, 2))])
    assert len(timeline.incidents) == 3
    assert [s.controller for s in timeline.states if s.changed] == ["ISIL", "GNA", "ISIL"]


def test_fighting_marks_the_place_contested_from_its_first_day():
    events = [event(BAKHMUT, "Ukrainian forces", "contested", DateSpan(date(2023, 1, 10), date(2023, 1, 14), Precision.DAY))]
    timeline = build_timeline(events, [article("a.txt", date(2023, 1, 14))])
    assert state(timeline, BAKHMUT, date(2023, 1, 9)) is None
    assert state(timeline, BAKHMUT, date(2023, 1, 10)).status is Status.CONTESTED


def test_a_withdrawal_without_a_known_successor_leaves_the_holder_unknown():
    events = [event(SIRTE, "LNA", "control", DateSpan.unknown(before=date(2019, 4, 1))),
              event(SIRTE, "LNA", "withdrew", DateSpan.day(date(2019, 4, 3)))]
    timeline = build_timeline(events, [article("a.txt", date(2019, 4, 4)), article("b.txt", date(2019, 4, 1))])
    assert state(timeline, SIRTE, date(2019, 4, 2)).controller == "LNA"
    assert state(timeline, SIRTE, date(2019, 4, 3)).controller == UNKNOWN


def test_an_undated_article_is_dated_from_a_dated_one_with_the_same_events():
    dated = make_article("Houthi fighters seized Hodeidah on Friday. Houthi rebels took Marib overnight.", "dated.txt",
                         published=date(2018, 6, 16))
    undated = make_article("Houthi fighters took control Friday of Hodeidah.", "undated.txt")
    events = [e for a in (dated, undated) for e in extract_events(a, mentions_of(a))]
    assert infer_published([dated, undated], events) == {"undated.txt": (date(2018, 6, 16), "dated.txt")}


def test_an_undated_article_matching_nothing_stays_undated():
    dated = make_article("Houthi fighters seized Hodeidah on Friday.", "dated.txt", published=date(2018, 6, 16))
    undated = make_article("Houthi fighters seized Marib on Friday.", "undated.txt")
    events = [e for a in (dated, undated) for e in extract_events(a, mentions_of(a))]
    assert infer_published([dated, undated], events) == {}


@pytest.fixture(scope="module")
def seeds():
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    articles = [make_article(text, name) for name, text in texts.items()]
    events = [e for a in articles for e in extract_events(a, mentions_of(a))]
    inferred = infer_published(articles, events)
    redone = [make_article(a.text, a.id, published=inferred[a.id][0], published_from=f"inferred:{inferred[a.id][1]}")
              if a.id in inferred else a for a in articles]
    events = [e for a in redone for e in extract_events(a, mentions_of(a))]
    return inferred, redone, build_timeline(events, redone)


def test_the_second_seed_is_dated_from_the_first(seeds):
    inferred, articles, _ = seeds
    assert inferred == {"002_01a986955927ca01.txt": (date(2014, 6, 21), "000_0c9bb0fd381daf89.txt")}
    assert articles[1].published_from == "inferred:000_0c9bb0fd381daf89.txt"


def test_the_seeds_merge_their_mosul_reports_one_per_article(seeds):
    _, _, timeline = seeds
    by_place = {(i.event.place.name, i.event.kind.value): i for i in timeline.incidents}
    mosul = by_place[("Mosul", "captured")]
    # the second seed dates it twice ("early last week", "June 12"): one report, no disagreement with itself
    assert [s.article for s in mosul.sources] == ["002_01a986955927ca01.txt", "000_0c9bb0fd381daf89.txt"]
    assert mosul.disagreements == ()
    qaim = by_place[("Qaim", "captured")]
    assert len({s.article for s in qaim.sources}) == 2 and qaim.disagreements == ()
    assert timeline.days[0] == date(2014, 6, 9) and timeline.days[-1] == date(2014, 6, 21)


def test_the_seeds_show_qaim_changing_hands_on_friday(seeds):
    _, _, timeline = seeds
    qaim = [s for s in timeline.states if s.place.name == "Qaim"]
    assert qaim[0].day == date(2014, 6, 20) and qaim[0].controller == "ISIL" and qaim[0].changed


# --- corroboration by article -----------------------------------------------------------


def _timeline_of(*articles):
    events = [e for a in articles for e in extract_events(a, mentions_of(a))]
    return build_timeline(events, list(articles))


def test_two_articles_of_one_outlet_dating_a_capture_differently_are_two_reports_and_one_disagreement():
    first = make_article("Houthi fighters seized Hodeidah on Friday, residents said.", "wire-1",
                         url="https://news.example.com/2018/06/16/hodeidah", published=date(2018, 6, 16))
    update = make_article("Houthi fighters seized Hodeidah on Tuesday, officials said.", "wire-2",
                          url="https://www.news.example.com/2018/06/17/hodeidah-update", published=date(2018, 6, 17))
    (incident,) = _timeline_of(first, update).incidents
    assert [r.evidence.article for r in incident.reports] == ["wire-2", "wire-1"]
    (message,) = incident.disagreements
    assert "wire-1" in message and "wire-2" in message and "Friday" in message and "Tuesday" in message


def test_an_article_repeating_a_sentence_is_one_report():
    text = ("Government troops recaptured Sirte on Monday.\n"
            "The city had been held for a year. Government troops recaptured Sirte on Monday.")
    (incident,) = _timeline_of(make_article(text, "ly.txt", published=date(2016, 12, 7))).incidents
    assert len(incident.reports) == 1 and incident.disagreements == ()


def test_an_article_giving_two_dates_never_disagrees_with_itself():
    text = "Russian forces captured Soledar on Wednesday. Russian forces captured Soledar on January 16."
    (incident,) = _timeline_of(make_article(text, "ua.txt", published=date(2023, 1, 20))).incidents
    assert len(incident.reports) == 1 and incident.disagreements == ()


def test_another_article_keeps_the_report_that_agrees():
    # the second article says both Wednesday (agreeing) and Monday: it corroborates, it does not disagree
    one = make_article("Russian forces captured Soledar on Wednesday.", "one", published=date(2023, 1, 20))
    two = make_article("Russian forces captured Soledar on Monday. Russian forces captured Soledar on Wednesday.",
                       "two", published=date(2023, 1, 20))
    (incident,) = _timeline_of(one, two).incidents
    assert {r.evidence.article for r in incident.reports} == {"one", "two"} and incident.disagreements == ()
    assert {r.when.start for r in incident.reports} == {date(2023, 1, 18)}


def test_each_disagreeing_article_is_one_disagreement():
    said = [("a", "Thursday"), ("b", "Monday"), ("c", "Monday")]
    articles = [make_article(f"Rebels seized Manbij on {day}.", aid, published=date(2016, 8, 13)) for aid, day in said]
    (incident,) = _timeline_of(*articles).incidents
    assert len(incident.reports) == 3 and len(incident.disagreements) == 2
