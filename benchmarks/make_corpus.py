"""Write a deterministic JSON Lines corpus of synthetic war reports for benchmarks and tests.

Articles are built from sentence templates in the style of wire reports from
several conflicts (Syria, Ukraine, Sudan, Yemen, Libya): changes of control,
stated distances and directions, relative and calendar dates, people quoted.
The places are drawn from the bundled gazetteer (the most populous towns and
cities of each country, beside a few well-known pairs with their true
distance), the numbers, dates and people vary, so that sentences mostly do
not repeat and a cache of sentences cannot pass for a speed-up. A share of
paragraphs (``--repeat``, default 0.3) is copied verbatim from an earlier
article or from the seed articles (``seeds/*.txt``, header line skipped), as
syndicated wire copy repeats. Each article is about 5 KB; ``published`` is an
ISO 8601 timestamp in one of a few offsets, its dates spread over several
weeks (each article's date is the one its timestamp is written with), or
absent for a share of undated articles (``--undated``, default 0). The same
``--seed`` and gazetteer give a byte-identical file.

    python benchmarks/make_corpus.py --articles 1000 --out benchmarks/corpus/c1k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
START = date(2014, 6, 22)
SPAN_DAYS = 56
TARGET_BYTES = 5000

# Places by conflict; the generator only names them, the gazetteer decides
# what they are. Some pairs below come with their rough true distance and
# direction so that a share of the distance claims is consistent.
CONFLICTS = {
    "Syria": {
        "country": "Syria",
        "places": ["Aleppo", "Raqqa", "Palmyra", "Deir ez-Zor", "Idlib", "Homs", "Hama", "Kobani",
                   "Manbij", "Azaz", "Tabqa", "Daraa", "Latakia", "Al-Bab", "Jarablus", "Damascus"],
        "actors": ["Islamic State fighters", "Syrian government forces", "rebels", "Kurdish-led forces",
                   "the Syrian army", "Turkish-backed fighters", "jihadists", "opposition fighters"],
        "facts": [("Manbij", "Aleppo", 80, "east"), ("Azaz", "Aleppo", 35, "north"),
                  ("Tabqa", "Raqqa", 50, "west"), ("Palmyra", "Homs", 150, "east"),
                  ("Hama", "Homs", 45, "north"), ("Al-Bab", "Aleppo", 40, "northeast")],
    },
    "Ukraine": {
        "country": "Ukraine",
        "places": ["Bakhmut", "Avdiivka", "Kharkiv", "Izium", "Kherson", "Mariupol", "Donetsk",
                   "Sievierodonetsk", "Lysychansk", "Kupiansk", "Zaporizhzhia", "Kramatorsk", "Sloviansk",
                   "Mykolaiv", "Vuhledar", "Pokrovsk"],
        "actors": ["Russian forces", "Ukrainian troops", "Ukraine's army", "Russian troops",
                   "pro-Russian separatists", "Wagner fighters", "Ukrainian forces"],
        "facts": [("Izium", "Kharkiv", 120, "southeast"), ("Bakhmut", "Donetsk", 75, "north"),
                  ("Avdiivka", "Donetsk", 15, "north"), ("Sloviansk", "Kramatorsk", 12, "north"),
                  ("Kupiansk", "Kharkiv", 100, "east"), ("Lysychansk", "Sievierodonetsk", 5, "south")],
    },
    "Sudan": {
        "country": "Sudan",
        "places": ["Khartoum", "Omdurman", "El Fasher", "Wad Madani", "Nyala", "El Obeid", "Geneina",
                   "Port Sudan", "Kassala", "Sennar", "Kosti", "Bahri"],
        "actors": ["the Rapid Support Forces", "the RSF", "the Sudanese army", "army troops",
                   "paramilitary fighters", "allied militias"],
        "facts": [("Wad Madani", "Khartoum", 135, "southeast"), ("Omdurman", "Khartoum", 8, "northwest"),
                  ("Sennar", "Wad Madani", 100, "south"), ("Kosti", "Khartoum", 270, "south")],
    },
    "Yemen": {
        "country": "Yemen",
        "places": ["Sanaa", "Aden", "Marib", "Hodeidah", "Taiz", "Mukalla", "Saada", "Ibb", "Dhamar",
                   "Zinjibar", "Mokha", "Lahij"],
        "actors": ["Houthi rebels", "the Houthis", "government forces", "Saudi-backed troops",
                   "southern separatists", "tribal fighters", "al-Qaeda militants"],
        "facts": [("Marib", "Sanaa", 120, "east"), ("Mokha", "Taiz", 75, "west"),
                  ("Zinjibar", "Aden", 50, "northeast"), ("Dhamar", "Sanaa", 100, "south")],
    },
    "Libya": {
        "country": "Libya",
        "places": ["Tripoli", "Benghazi", "Sirte", "Misrata", "Derna", "Gharyan", "Tobruk", "Sabha",
                   "Ajdabiya", "Zawiya", "Tarhuna", "Bani Walid"],
        "actors": ["forces loyal to Khalifa Haftar", "the Libyan National Army", "militias from Misrata",
                   "government troops", "Islamist fighters", "Islamic State militants"],
        "facts": [("Gharyan", "Tripoli", 80, "south"), ("Zawiya", "Tripoli", 45, "west"),
                  ("Misrata", "Tripoli", 190, "east"), ("Ajdabiya", "Benghazi", 150, "south"),
                  ("Tarhuna", "Tripoli", 65, "southeast")],
    },
}

DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "overnight", "late on Friday", "early on Sunday", "last week", "on Tuesday night", "earlier this month",
        "yesterday", "today", "two days ago", "{date}", "on {date}", "since {date}", "late on {date}"]
DIRECTIONS = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
HEDGES = ["about", "some", "roughly", "nearly", "around", "more than", "less than", ""]
FIRST = ["Ahmed", "Olena", "Mohammed", "Fatima", "Serhiy", "Abdullah", "Mariam", "Yusuf", "Iryna", "Khalid",
         "Amina", "Omar", "Natalia", "Hassan", "Leila", "Dmytro", "Salma", "Tariq", "Hana", "Viktor"]
LAST = ["Haddad", "Kovalenko", "al-Amin", "Osman", "Shevchenko", "Mansour", "Bondarenko", "Idris", "Hamdan",
        "Melnyk", "Saleh", "Abdelrahman", "Tkachenko", "Nasser", "Yousef", "Kravets", "Gamal", "Rashid"]
ROLES = ["a local official", "a military spokesman", "a doctor at the main hospital", "a resident",
         "a commander", "an aid worker", "the regional governor", "a tribal elder", "a police officer"]

CONTROL = [
    "{actor} seized {place} {day} after {n} days of heavy fighting, officials said.",
    "{actor} captured the town of {place} {day}, according to {person}, {role}.",
    "{actor} said they had recaptured {place} {day}, a claim that could not be independently verified.",
    "{actor} withdrew from {place} {day} to avoid encirclement, the defence ministry said.",
    "Fighting raged {day} on the outskirts of {place}, where {actor} were trying to push into the centre.",
    "{actor} have besieged {place} for {n} weeks, cutting off food and fuel to {big} civilians.",
    "{actor} took control of {place} {day} and raised their flag over the main government building.",
    "{actor} remain in control of {place}, {person}, {role}, said {day}.",
    "The fall of {place} {day} leaves {actor} in command of the main road to {other}.",
    "{actor} retook {place} {day}, state media reported, showing footage of soldiers in the town square.",
    "Residents fled {place} {day} as {actor} advanced from the direction of {other}.",
    "{actor} overran {n} army positions around {place} {day} and were moving towards {other}.",
]
DISTANCE = [
    "{subject}, {hedge} {km} km {direction} of {reference}, was shelled {day}.",
    "The convoy was ambushed near {subject}, {hedge} {miles} miles {direction} of {reference}.",
    "{actor} massed near {subject}, which lies {hedge} {km} kilometres {direction} of {reference}.",
    "Aid workers said the road from {reference} to {subject}, a {hours} hour drive, was closed {day}.",
    "Clashes were reported {hedge} {km} km from {reference}, near the village of {subject}.",
    "{subject} is located {direction} of {reference}, on the main supply route.",
]
FILLER = [
    "The United Nations said at least {big} people had been displaced by the latest fighting.",
    "A spokesman for {actor} did not respond to requests for comment {day}.",
    "Hospitals in {place} were overwhelmed, {person}, {role}, said, speaking on condition of anonymity.",
    "Diplomats warned that the offensive could derail talks due to resume in Geneva {day}.",
    "Food prices in {place} have risen {n} percent since the start of the year, aid agencies said.",
    "The information could not be independently confirmed because access to the area is restricted, {person} said.",
    "Satellite images released {day} showed damage to {n} buildings near the centre of {place}.",
    "Officials said {big} fighters and civilians had been killed in {place} since {date}.",
    "{person}, {role}, called on all sides to spare the {big} civilians still in {place}.",
    "Power and water have been cut in parts of {place} for {n} days, {person}, {role}, said.",
]
AGENCIES = ["(Reuters)", "(AP)", "(AFP)", ""]
REPEAT = 0.3  # share of paragraphs copied verbatim from earlier articles or the seeds, as wire copy repeats
TOWNS = 120  # gazetteer towns and cities drawn per conflict, the most populous first


def seed_paragraphs(folder: Path = SEEDS) -> list[str]:
    """Paragraphs of the seed articles, in a stable order, their first (header) line skipped."""
    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        paragraphs += [line.strip() for line in lines if len(line.strip()) > 40]
    return paragraphs


def gazetteer_places(limit: int = TOWNS) -> dict[str, list[str]]:
    """Conflict -> names of its country's most populous cities and towns in the bundled gazetteer, beside the hand list."""
    from geo.places.gazetteer import Gazetteer
    from geo.records import PlaceKind

    codes = {"Syria": "SY", "Ukraine": "UA", "Sudan": "SD", "Yemen": "YE", "Libya": "LY"}
    found: dict[str, list] = {name: [] for name in codes}
    by_code = {code: name for name, code in codes.items()}
    for place in Gazetteer.default():
        if place.country in by_code and place.kind in (PlaceKind.CITY, PlaceKind.TOWN) and place.name.isascii():
            found[by_code[place.country]].append(place)
    named = {}
    for name, places in found.items():
        places.sort(key=lambda p: (-(p.population or 0), p.id))
        extra = [p.name for p in places[:limit] if p.name not in CONFLICTS[name]["places"]]
        named[name] = CONFLICTS[name]["places"] + sorted(dict.fromkeys(extra))
    return named


def _calendar(rng: random.Random, published: date) -> str:
    day = published - timedelta(days=rng.randrange(0, 20))
    return f"{day:%B} {day.day}" if rng.random() < 0.8 else f"{day.day} {day:%B}"


def _sentence(rng: random.Random, name: str, places: list[str], published: date) -> str:
    conflict = CONFLICTS[name]
    place, other = rng.sample(places, 2)
    actor = rng.choice(conflict["actors"])
    when = _calendar(rng, published)
    day = rng.choice(DAYS).format(date=when)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    values = dict(actor=actor, place=place, other=other, day=day, date=when, person=person, role=rng.choice(ROLES),
                  n=rng.randrange(2, 60), big=f"{rng.randrange(100, 90000):,}")
    kind = rng.random()
    if kind < 0.45:
        text = rng.choice(CONTROL).format(**values)
    elif kind < 0.75:
        if rng.random() < 0.3:
            subject, reference, km, direction = rng.choice(conflict["facts"])
        else:
            subject, reference = place, other
            km, direction = rng.randrange(5, 300, 5), rng.choice(DIRECTIONS)
        text = rng.choice(DISTANCE).format(
            subject=subject, reference=reference, km=km, miles=max(1, round(km / 1.609)),
            hours=max(1, round(km / 70)), direction=direction, hedge=rng.choice(HEDGES), **values,
        )
    else:
        text = rng.choice(FILLER).format(**values)
    text = " ".join(text.split())
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, name: str, places: list[str], published: date) -> str:
    return " ".join(_sentence(rng, name, places, published) for _ in range(rng.randint(2, 4)))


def articles(count: int, seed: int = 7, seeds: list[str] | None = None, days: int = SPAN_DAYS,
             repeat: float = REPEAT, undated: float = 0.0) -> Iterator[dict]:
    """``count`` article records (id, text, published, title) published over ``days`` days, the same for the same ``seed``.

    A share ``repeat`` of paragraphs is copied verbatim from earlier articles
    (or the seeds), a share ``undated`` of articles has no ``published``.
    """
    rng = random.Random(seed)
    pool = list(seed_paragraphs() if seeds is None else seeds)
    places = gazetteer_places()
    names = sorted(CONFLICTS)
    width = len(str(max(count - 1, 1)))
    for number in range(count):
        name = rng.choice(names)
        conflict = CONFLICTS[name]
        published = START + timedelta(days=rng.randrange(days))
        lead_place = rng.choice(places[name][:40])
        dateline = f"{lead_place.upper()}, {conflict['country']} {rng.choice(AGENCIES)} —".replace("  ", " ")
        paragraphs = [dateline]
        size = len(dateline)
        while size < TARGET_BYTES:
            if pool and rng.random() < repeat:
                paragraph = rng.choice(pool)
            else:
                paragraph = _paragraph(rng, name, places[name], published)
                pool.append(paragraph)
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        del pool[: max(0, len(pool) - 2000)]  # wire copy repeats recent stories
        actor = rng.choice(conflict["actors"])
        title = f"{name}: {actor[0].upper() + actor[1:]} press on near {lead_place}"
        record = {"id": f"synthetic-{number:0{width}d}", "text": "\n".join(paragraphs) + "\n",
                  "published": _timestamp(published, number), "title": title}
        if undated and rng.random() < undated:
            del record["published"]
        yield record


def _timestamp(day: date, number: int) -> str:
    """An ISO 8601 timestamp on ``day`` in one of a few offsets, as news APIs write them (no draw from the rng).

    >>> _timestamp(date(2014, 6, 22), 1)
    '2014-06-22T07:11:00+03:00'
    """
    return f"{day.isoformat()}T{number * 7 % 24:02d}:{number * 11 % 60:02d}:00{_OFFSETS[number % len(_OFFSETS)]}"


_OFFSETS = ("Z", "+03:00", "-05:00", "+01:00")


def write_corpus(out: Path, count: int, seed: int = 7, days: int = SPAN_DAYS, repeat: float = REPEAT,
                 undated: float = 0.0) -> Path:
    """Write ``count`` articles published over ``days`` days as JSON Lines to ``out`` (parents created); returns ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        for record in articles(count, seed, days=days, repeat=repeat, undated=undated):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, metavar="N", help="how many articles (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.jsonl", help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: %(default)s)")
    parser.add_argument("--days", type=int, default=SPAN_DAYS, help="publication dates spread over this many days from "
                        f"{START.isoformat()} (default: %(default)s)")
    parser.add_argument("--repeat", type=float, default=REPEAT, metavar="SHARE",
                        help="share of paragraphs copied verbatim from earlier articles (default: %(default)s)")
    parser.add_argument("--undated", type=float, default=0.0, metavar="SHARE",
                        help="share of articles without a publication date (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.days < 1:
        parser.error("--articles and --days must be at least 1")
    if not (0 <= args.repeat <= 1 and 0 <= args.undated <= 1):
        parser.error("--repeat and --undated are shares between 0 and 1")
    write_corpus(args.out, args.articles, args.seed, args.days, args.repeat, args.undated)
    print(f"wrote {args.articles} articles ({args.out.stat().st_size / 1e6:.1f} MB) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
