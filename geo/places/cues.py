"""The words around a name the mention finder weighs: persons, acronyms, demonyms, kinds of place.

Read by :mod:`geo.places.mentions` on each name it finds; the words live in
``geo/lexicon/places.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.lexicon import alternation, load as load_lexicon
from geo.places import evidence
from geo.places.facilities import works_after
from geo.places.names import normalise
from geo.records import Place, PlaceKind

if TYPE_CHECKING:
    from geo.places.mentions import _Hit

__all__ = ["Lexicon", "lexicon", "norm_word", "word_before", "word_after", "person_context", "surname_after", "river_not_held",
           "acronym", "spelled_so", "strong_evidence", "place_evidence", "demonym_head", "kind_evidence"]

_WORD_AFTER = re.compile(r"^(?:'s|’s)?[ \t]*([\w'’]+)")


@dataclass(frozen=True, slots=True)
class Lexicon:
    demonyms: dict[str, str]
    heads: frozenset[str]
    extend: frozenset[str]
    not_extended_before: frozenset[str]  # "the Syrian border town of Kobani": a town on Syria's border, no border
    kind_words: dict[str, PlaceKind]
    kind_before: frozenset[str]
    locative: frozenset[str]
    common: frozenset[str]
    titles: frozenset[str]
    person_names: frozenset[str]
    modifiers: frozenset[str]
    never: frozenset[str]
    common_zipf: tuple[float, float, float, float]  # min_zipf, base, per_log_population, excess
    area_zipf: tuple[float, float]  # area_population, area_max_zipf
    strong_locative: frozenset[str]
    lower_in_names: frozenset[str]
    actor_words: frozenset[str]  # the actor lexicon's names of one word ("Hamas", "Wagner"), normalised
    weekdays: frozenset[str]  # "monday": a date, never a surname, after a name
    date_words: frozenset[str]  # "mon", "may", "sept": a date after a name where a number, comma or line end follows
    measured: re.Pattern  # ", 25 km from": a distance stated of the name right after it
    longer_name: re.Pattern  # " al-Noura" after "Wad": a particle and a capitalised word go on with the name
    particle_start: re.Pattern  # "al-Numan": a name that opens with a particle
    not_first_words: frozenset[str]  # "In", "And": before "al-Qaim", no first word of a longer name
    water: frozenset[str]  # "Red Sea": the last word of a name of water
    river_before: re.Pattern  # "the eastern bank of the": a river's name follows


@functools.cache
def lexicon() -> Lexicon:
    data, dates, distances = load_lexicon("places"), load_lexicon("dates"), load_lexicon("distances")

    def words(items) -> frozenset[str]:
        return frozenset(normalise(w) for w in items)

    kind_words = {normalise(w): PlaceKind(kind) for kind, ws in data["kind_words"].items() for w in ws}
    return Lexicon(
        demonyms={normalise(k): v for k, v in data["demonyms"].items()},
        heads=words(data["demonym_heads"]["words"]),
        extend=words(data["demonym_extend"]["words"]),
        not_extended_before=words(data["demonym_extend"]["not_before"]),
        kind_words=kind_words,
        kind_before=words(data["kind_before"]["words"]),
        locative=words(data["locative"]["words"]),
        common=words(data["common"]["words"]),
        titles=words(data["person"]["titles"]),
        person_names=words(data["person"]["names"]),
        modifiers=words(data["person"]["modifiers"]),
        never=words(data["never"]["words"]),
        common_zipf=tuple(float(data["common_words"][k]) for k in ("min_zipf", "base", "per_log_population", "excess")),
        area_zipf=(float(data["common_words"]["area_population"]), float(data["common_words"]["area_max_zipf"])),
        strong_locative=words(data["locative"]["words"]) - words(data["common_words"]["weak_locatives"]),
        lower_in_names=frozenset(w.lower() for w in data["lower_in_names"]["words"]),
        actor_words=words(form for actor in load_lexicon("actors").get("actor", []) for form in actor["forms"]
                          if " " not in form.strip() and "..." not in form),
        weekdays=words(dates["weekdays"]),
        date_words=words(data["person"]["weekdays_after"]) | words(dates["months"]),
        measured=_measured(distances, [n for nouns in data["unlocated"]["nouns"].values() for n in nouns]),
        longer_name=_longer_name(data["unlocated"]["particles"]),
        particle_start=_particle_start(data["unlocated"]["particles"]),
        not_first_words=words(data["locative"]["words"]) | words(data["unlocated"]["openers"])
        | words(data["unlocated"]["not_first_words"]),
        water=words(data["features"]["water"]),
        river_before=re.compile(rf"\b(?:{alternation(data['features']['river_before'])})\s+$", re.IGNORECASE),
    )


def _measured(distances: dict, nouns: list[str]) -> re.Pattern:
    """ "<name>, about 25 km (15 miles) from": a comma, a hedge, a figure and a length unit of the distance lexicon;
    or "<name> lies 25 km", "<name> is a town 25 km" (a settlement noun of ``nouns``), or "<name>, a town near".
    """
    def alternation(items) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    units = alternation(w for unit in distances["units"].values() for w in unit["words"])
    hedges = alternation(distances["hedges"])
    measure = rf"(?:(?:{hedges})\s+)?\d[\d,.]*\s*-?\s*(?:{units})(?![\w])"
    noun = rf"(?:a|an)\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternation(nouns)})\b"
    apposed = rf"(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternation(nouns)})\b"
    return re.compile(rf"\s*,\s*{measure}|\s+(?:lies|sits|is\s+located|is\s+situated)\s+{measure}"
                      rf"|\s+is\s+{noun}\s+{measure}|\s*,\s*{apposed}(?=\s*,|\s*\.|\s+(?:of|in|on|near|about|some|before|"
                      rf"outside|north|south|east|west|held|controlled|\d))", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    return normalise(word)


# Read backwards from a name: the gap before it, the word before that, quotes, and the character before them.
_BEFORE_BACK = re.compile(r"([ \t,\u00a0]*)([\w'’.]*)([ \t\"“'‘(]*)(.?)", re.DOTALL)


def word_before(text: str, start: int) -> tuple[str, bool, bool]:
    """The word before ``start``: (normalised word, capitalised, sentence starts before it)."""
    low = max(0, start - 48)
    gap, word, quotes, previous = _BEFORE_BACK.match(text[low:start][::-1]).groups()
    if not word or not gap:
        return "", False, True
    word = word[::-1]
    first = start - len(gap) - len(word) - len(quotes)  # where the quotes before the word begin
    sentence_start = first == 0 or previous in "\n.!?:" and previous != ""
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1] and norm_word(word) not in lexicon().titles:
        sentence_start = True  # "in northern Iraq. Sinjar": a full stop, not an abbreviation ("Gen.", "U.S.")
    return norm_word(word), word[:1].isupper() and "," not in gap, sentence_start


def word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else ""


def person_context(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    word, capitalised, sentence_start = hit.before
    if word in lexicon.titles:
        return True
    if capitalised and not sentence_start and word not in lexicon.modifiers and word not in lexicon.demonyms:
        return True
    if capitalised and sentence_start and evidence.title_before(text, hit.start):
        return True  # "Col. Ryan Dillon": the period is the title's, not a sentence's end
    if capitalised and sentence_start and word in lexicon.person_names and \
            not text[max(0, hit.start - 40):hit.start].rstrip().endswith((".", "!", "?", ":")):
        return True  # "Hassan Kamal, a village elder, said": a given name opens the sentence ("Aden. Taiz" is none)
    if hit.key in lexicon.person_names and surname_after(text, hit, lexicon):
        return True
    return False


def surname_after(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    """True when a capitalised word that is no kind of place word follows (``Ahmad Chalabi``)."""
    after = word_after(text, hit.end)
    if not after[:1].isupper() or text[hit.end : hit.end + 1] != " ":
        return False
    if works_after(text, hit.end):
        return False  # "Kakhovka Dam": works named after the place
    word = norm_word(after)
    if word in lexicon.weekdays or (word in lexicon.date_words and _DATE_GOES_ON.match(text, hit.end + 1 + len(after))):
        return False  # "Cairo Mon 18 May", "Goma Tuesday": the line's date
    return word not in lexicon.kind_words and word not in lexicon.modifiers and not after.isupper()


_DATE_GOES_ON = re.compile(r"[ \t]*(?:\d|[,;]|\n|$)")


def _longer_name(particles) -> re.Pattern:
    """ " al-Noura", " el Fasher", "-ez-Zor": a particle joined by a hyphen or apostrophe (or, for al/el/bin/ibn, a
    space: never " as ", " at ", " de " of an English or French sentence) and a capitalised word."""
    joined = "|".join(map(re.escape, particles))
    spaced = "|".join(p for p in ("al", "el", "bin", "ibn", "bint") if p in particles)
    return re.compile(rf"[ \t-](?:(?:{joined})[-’']|(?:{spaced})[ \t])[A-Z]")


def water(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    """True for a name of water ("the Red Sea port of Hodeidah") not followed by a word naming an area."""
    words = text[hit.start:hit.end].split()
    after = word_after(text, hit.end)
    return len(words) > 1 and norm_word(words[-1]) in lexicon.water and \
        not (after and lexicon.kind_words.get(norm_word(after)) is PlaceKind.PROVINCE)


def part_of_longer_name(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    """True when a particle and a capitalised word go on with the name: "Wad" of "Wad al-Noura", a name the
    gazetteer does not hold (one it holds is matched whole, longest first); or when the name opens with a
    particle after a capitalised word of its own: "al-Numan" of "Maarat al-Numan"."""
    if lexicon.longer_name.match(text, hit.end):
        return True
    if not lexicon.particle_start.match(text, hit.start):
        return False
    first = _FIRST_WORD.search(text, max(0, hit.start - 40), hit.start)
    return first is not None and normalise(first.group(1)) not in lexicon.not_first_words


_FIRST_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z][\w'’]*)[ \t]$")


def _particle_start(particles) -> re.Pattern:
    """ "al-Numan", "el Fasher": a particle joined by a hyphen or apostrophe (or, for al/el, a space), then a
    capitalised word."""
    joined = "|".join(map(re.escape, particles))
    return re.compile(rf"(?i:{joined})[-’'][A-Z]|(?i:al|el)[ \t][A-Z]")


def acronym(text: str, hit: _Hit) -> bool:
    """True for an all-capitals word inside running text (GNA, NATO, SANA), not in a dateline (KHAZNA, IRAQ -).

    A line's first word is one when a word in lower case follows it ("NATO jets flew"), unlike a
    dateline's place ("GOMA, Congo", "BEIRUT -").
    """
    surface = text[hit.start : hit.end]
    if not surface.isupper() or len(surface) < 2:
        return False
    line = text.rfind("\n", 0, hit.start) + 1
    return any(c.islower() for c in text[line : hit.start]) or bool(_RUNNING_ON.match(text, hit.end))


_RUNNING_ON = re.compile(r"[ \t]+[a-z]")


def spelled_so(surface: str, hit: _Hit) -> tuple[tuple[Place, ...], tuple[float, ...]]:
    """The candidates one of whose names is written exactly as ``surface`` (an acronym names only such)."""
    kept = [(p, s) for p, s in zip(hit.candidates, hit.priors) if surface in (p.name, *p.alternates)]
    return tuple(p for p, _ in kept), tuple(s for _, s in kept)


def strong_evidence(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    """A locative word other than "of" before the name, a settlement cue, a kind word after it, or a distance
    stated of it ("Sake, 25 km from the city")."""
    if hit.settlement_hint or hit.kind_hint is not None or lexicon.measured.match(text, hit.end):
        return True
    word, _, sentence_start = hit.before
    return word in lexicon.strong_locative and not (sentence_start and word == "")


def place_evidence(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    if hit.key not in lexicon.common and hit.key not in lexicon.person_names:
        return True
    word, _, sentence_start = hit.before
    return word in lexicon.locative and not (sentence_start and word == "")


def demonym_head(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    rest = text[hit.end : hit.end + 80]
    first = True
    while True:
        match = re.match(r"^[-\s\u2010\u2011]+(?:and\s+)?([\w'’]+)", rest)
        if not match:
            return False
        word = norm_word(match.group(1))
        if word in lexicon.heads:
            if first and word in lexicon.extend and not rest.startswith("-") and \
                    norm_word(word_after(rest, match.end()) or "") not in lexicon.not_extended_before:
                hit.end += match.end()
                hit.kind_hint = PlaceKind.BORDER  # "the Chinese border": the line, not China
            return True
        first = False
        if word not in lexicon.demonyms:
            return False
        rest = rest[match.end() :]


def river_not_held(text: str, hit: _Hit, lexicon: Lexicon) -> bool:
    """True for "the Dnipro river", "the eastern bank of the Dnipro" where the gazetteer holds no river of that name:
    not the city so called."""
    if PlaceKind.RIVER in hit.entry.kinds:
        return False
    after = word_after(text, hit.end)
    if after and lexicon.kind_words.get(norm_word(after)) is PlaceKind.RIVER:
        return True
    before = max(0, hit.start - 30)
    return "ank" in text[before:hit.start] and bool(lexicon.river_before.search(text, before, hit.start))  # "bank of the"


_NAMED_AS_AREA = 0.5


def _named_as_area(place, lexicon: Lexicon) -> bool:
    """Whether one of an area's names ends in an area word: "Kiev Oblast", "Khartoum State"."""
    return any(lexicon.kind_words.get(norm_word(name.split()[-1])) is PlaceKind.PROVINCE
               for name in place.alternates if " " in name)


def kind_evidence(text: str, hit: _Hit, lexicon: Lexicon) -> None:
    after = word_after(text, hit.end)
    kind = lexicon.kind_words.get(norm_word(after)) if after else None
    if kind is not None and kind in hit.entry.kinds:
        hit.kind_hint = kind
        if kind in (PlaceKind.PROVINCE, PlaceKind.RIVER) and text[hit.end : hit.end + 1] == " ":
            hit.end += 1 + len(after)
    elif PlaceKind.PROVINCE in hit.entry.kinds and evidence.area_before_of(text, hit.start, hit.end):
        hit.kind_hint = PlaceKind.PROVINCE  # "the province of Samangan"
    if hit.kind_hint in (PlaceKind.PROVINCE, PlaceKind.RIVER):  # the word names the area, not a same-named city
        kept = [(p, s) for p, s in zip(hit.candidates, hit.priors) if p.kind is hit.kind_hint]
        if hit.kind_hint is PlaceKind.PROVINCE and len(kept) > 1:
            # "Kyiv region": the oblast ("Kiev Oblast"), not the city's own unit of the same name ("Kiev City")
            kept = [(p, s + (_NAMED_AS_AREA if _named_as_area(p, lexicon) else 0.0)) for p, s in kept]
        if kept:
            hit.candidates, hit.priors = tuple(p for p, _ in kept), tuple(s for _, s in kept)
    word = hit.before[0]
    if word == "of":
        word, _, _ = word_before(text, hit.start - 3)
    hit.settlement_hint = word in lexicon.kind_before
