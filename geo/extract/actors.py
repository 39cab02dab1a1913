"""Actors: surface forms of the parties to a war, normalised, with their role.

:class:`Actors` holds a lexicon of forms ("ISIS", "Da'esh", "peshmerga") that
name an actor ("ISIL", "Kurdish forces") with a role: ``state``,
``non-state`` or ``foreign``. Generic forms ("militants", "troops") name no
actor by themselves; :meth:`Actors.in_context` resolves them within an
article: a generic non-state force becomes the article's dominant named
non-state actor, a generic state force the state actor of the country the
article's places lie in ("Iraqi government"). The bundled lexicon is
``geo/lexicon/actors.toml``; users add their own with :meth:`Actors.from_file`.

>>> actors = Actors.default()
>>> [(m.actor, m.role) for m in actors.find("Da’esh fighters and peshmerga clashed")]
[('ISIL', 'non-state'), ('Kurdish forces', 'non-state')]
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from geo.errors import InputError
from geo.extract.actor_context import InContext
from geo.extract.actor_forms import (FROM_REGION as _FROM_REGION, GAP, LOYAL_TO as _LOYAL_TO, POSSESSIVE_STATE as _POSSESSIVE_STATE,
                                     Entry, compile_forms,
                                     fold as _fold, gap_regex, key as _key, lexicon_arguments, plain_quotes as _plain_quotes,
                                     with_every_country)
from geo.extract.named_sides import named_sides
from geo.extract.speakers import reported_troops, their_country
from geo.lexicon import FirstWords, load as load_lexicon, longest_first

__all__ = ["ActorMatch", "Actors", "ROLES"]

ROLES = ("state", "non-state", "foreign")


class ActorMatch(NamedTuple):
    """A span of text naming an actor."""

    start: int
    end: int
    actor: str
    role: str


class Actors(InContext):
    """A lexicon of actor forms; immutable once built.

    Parameters
    ----------
    entries
        ``(form, actor, role)`` triples; a later triple for the same form wins.
    allies
        actor -> the state actor it fights for.
    generic
        role -> (placeholder actor name, forms) for forms that name no actor.
    countries
        country code -> (adjectives, state actor name).
    rebels
        country code -> the side a bare "rebels" means in reports of its war.
    affiliates
        country code -> {movement: its local branch} ("al-Qaeda" -> "AQAP" in Yemen).
    source_nouns
        words that, after an actor form, make it a news source ("army officials").
    theatres
        actor -> the countries of the wars it fights ("Israeli forces" -> Gaza, Lebanon).
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str, str]],
        *,
        allies: dict[str, str] | None = None,
        generic: dict[str, tuple[str, tuple[str, ...]]] | None = None,
        countries: dict[str, tuple[tuple[str, ...], str]] | None = None,
        rebels: dict[str, str] | None = None,
        affiliates: dict[str, dict[str, str]] | None = None,
        source_nouns: Sequence[str] = (),
        not_rebels: dict[str, Sequence[str]] | None = None,
        backed: dict[str, dict[str, str]] | None = None,
        seats: dict[str, Sequence[str]] | None = None,
        theatres: dict[str, Sequence[str]] | None = None,
    ) -> None:
        forms: dict[str, Entry] = {}
        roles: dict[str, str] = {}
        for form, actor, role in entries:
            if role not in ROLES:
                raise InputError("actors", f"actor {actor!r} has role {role!r}; expected one of: {', '.join(ROLES)}")
            forms[_key(form)] = Entry(_plain_quotes(form).strip(), actor, role)
            roles.setdefault(actor, role)
        self._generic = dict(generic or {})
        for role, (name, generic_forms) in self._generic.items():
            roles[name] = role
            for form in generic_forms:
                forms.setdefault(_key(form), Entry(_plain_quotes(form).strip(), name, role))
        self._countries = dict(countries or {})
        self._rebels = dict(rebels or {})
        self._not_rebels = {code: frozenset(names) for code, names in (not_rebels or {}).items()}
        self._backed = {code: {_key(backer): side for backer, side in sides.items()} for code, sides in (backed or {}).items()}
        # "the rebels", "opposition fighters": in a war whose lexicon names its rebels, that side, though the
        # article's main non-state actor is a group never so called there (Islamic State in Syria)
        self._rebel_forms = frozenset(_key(form) for form in self._generic.get("non-state", ("", ()))[1] if _is_rebel_form(form))
        self._affiliates = {code: dict(names) for code, names in (affiliates or {}).items()}
        for name in self._rebels.values():
            roles.setdefault(name, "non-state")
        self._adjectives = {_key(adjective): state for adjectives, state in self._countries.values() for adjective in adjectives}
        self._seats = {code: tuple(names) for code, names in (seats or {}).items()}
        self._theatres = {actor: tuple(codes) for actor, codes in (theatres or {}).items()}
        # "Russia said its troops": the name of "Russia's"
        names = {_key(a[:-2]): state for adjectives, state in self._countries.values() for a in adjectives
                 if a.endswith(("'s", "’s"))}
        # "Moscow said its troops ...": the seat of a government speaks for its state
        self._speakers = {**{_key(name): self._countries[code][1] for code, seat in self._seats.items()
                             if code in self._countries for name in seat}, **names, **self._adjectives}
        # "fled to Moscow", "in Ukraine": a seat or a country where a preposition makes it the place, not its state
        self._seat_keys = frozenset(_key(name) for seat in self._seats.values() for name in seat)
        self._country_keys = frozenset(names)
        for code, (adjectives, state) in self._countries.items():
            roles.setdefault(state, "state")
            for adjective in adjectives:
                for form in self._generic.get("state", ("", ()))[1]:
                    if not form.casefold().startswith("the "):
                        forms.setdefault(_key(f"{adjective} {form}"), Entry(f"{adjective} {form}", state, "state"))
        self._forms = forms
        self._roles = roles
        self._allies = dict(allies or {})
        self._source_nouns = tuple(source_nouns)
        self._patterns = compile_forms(forms.values(), self._source_nouns)
        self._firsts = FirstWords((word, (index, word)) for index, (compiled, _) in enumerate(self._patterns) for word in compiled)

    # --- construction --------------------------------------------------------------

    @classmethod
    def default(cls) -> Actors:
        """The bundled lexicon, built once per process."""
        return _default()

    @classmethod
    def from_file(cls, path: str | Path) -> Actors:
        """Actors from a user's TOML (``[[actor]]`` name, role, forms) or CSV (form, actor, role) file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            if not rows or not {"form", "actor", "role"} <= set(rows[0]):
                raise InputError(str(path), "an actor CSV needs the columns form, actor, role")
            return cls(((r["form"], r["actor"], r["role"].strip()) for r in rows if r["form"]),)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(str(path), f"is not valid TOML ({exc})") from None
        return cls._from_data(data, str(path))

    @classmethod
    def _from_data(cls, data: dict, source: str) -> Actors:
        entries, arguments = lexicon_arguments(data, source)
        return cls(entries, **arguments)

    def merged(self, other: Actors) -> Actors:
        """This lexicon with ``other``'s forms, roles and allies laid over it."""
        entries = [(e.form, e.actor, e.role) for e in self._forms.values() if e.actor not in self._placeholders()]
        entries += [(e.form, e.actor, e.role) for e in other._forms.values() if e.actor not in other._placeholders()]
        return Actors(
            entries,
            allies={**self._allies, **other._allies},
            generic={**self._generic, **other._generic},
            countries={**self._countries, **other._countries},
            rebels={**self._rebels, **other._rebels},
            affiliates={**self._affiliates, **other._affiliates},
            source_nouns=tuple(dict.fromkeys(self._source_nouns + other._source_nouns)),
            not_rebels={**self._not_rebels, **other._not_rebels},
            backed={**self._backed, **other._backed},
            seats={**self._seats, **other._seats},
            theatres={**self._theatres, **other._theatres},
        )

    # --- queries -------------------------------------------------------------------

    def find(self, text: str) -> list[ActorMatch]:
        """Actor forms in ``text``, longest first where they overlap, in text order.

        A form followed by a source noun ("army officials") is not a party and is left out.

        >>> [m.actor for m in Actors.default().find("Police officials said troops left")]
        ['government forces']
        """
        return self.find_in(text, ((0, len(text)),))

    def find_in(self, text: str, spans: Iterable[tuple[int, int]]) -> list[ActorMatch]:
        """:meth:`find` in each ``text[start:end]`` of ``spans`` (sentences, in order), offsets into ``text``.

        The text is folded and scanned once; only spans where a form can start are read further.

        >>> text = "ISIS fighters left. Army officials said troops returned."
        >>> [(m.actor, text[m.start:m.end]) for m in Actors.default().find_in(text, [(0, 19), (20, 56)])]
        [('ISIL', 'ISIS fighters'), ('government forces', 'troops')]
        """
        state = self._generic.get("state")
        candidates = self._firsts.find(text)
        possessive = list(_POSSESSIVE_STATE.finditer(text)) if state else []
        unlisted = [(a, b, name) for a, b, name in named_sides(text) if self._lookup(text[a:b]) is None]
        other = 0
        folded = quoted = None
        matches: list[ActorMatch] = []
        at = held = 0
        for start, end in spans:
            while at < len(candidates) and candidates[at][0] < start:
                at += 1
            first = at
            while at < len(candidates) and candidates[at][0] < end:
                at += 1
            while held < len(possessive) and possessive[held].start() < start:
                held += 1
            owned = []
            while held < len(possessive) and possessive[held].start() < end:
                if possessive[held].end() <= end:
                    owned.append(possessive[held])
                held += 1
            while other < len(unlisted) and unlisted[other][0] < start:
                other += 1
            named = []
            while other < len(unlisted) and unlisted[other][0] < end:
                if unlisted[other][1] <= end:
                    named.append(unlisted[other])
                other += 1
            if first == at and not owned and not named:
                continue  # most sentences name no actor
            if folded is None:
                folded, quoted = _fold(text), _plain_quotes(text)
            found = []
            for where, which in candidates[first:at]:
                for index, word in which:
                    compiled, sensitive = self._patterns[index]
                    if match := compiled[word].match(quoted if sensitive else folded, where, end):
                        if (entry := self._lookup(match.group("form"))) is not None and not (
                                state and entry.actor == state[0] and _LOYAL_TO.match(text, match.end("form"))):
                            # "army units loyal to Saleh": a faction, not the state
                            found.append((match.start("form"), match.end("form"), entry, bool(match.group("source"))))
            # "Kabul's government": a capital (or leader) standing for the state
            found += [(m.start(), m.end(), Entry(m.group(0), state[0], "state"), False) for m in owned]
            # "the Kosovo Liberation Army", "CNDP rebels": a side no lexicon lists, by its own name; but in apposition
            # to a side the lexicon knows, that side ("Hamas, the Islamic Resistance Movement, said")
            ends = {b: entry for _, b, entry, _ in found if not self.is_generic(entry.actor)}
            for a, b, name in named:
                apposed = _APPOSED_NAME.search(text, max(0, a - 8), a)
                closed = _APPOSITION_CLOSED.match(text, b)
                entry = ends.get(apposed.start()) if apposed and closed else None
                found.append((a, b, Entry(name, entry.actor, entry.role) if entry else Entry(name, name, "non-state"), False))
            found += self._joined_adjectives(text, start, found)
            found = [self._from_region(text, item) for item in found if not self._a_place_here(text, item[0], item[1])]
            found += their_country(text, start, end, found, self._speakers, self._placeholders())
            found = reported_troops(text, start, end, found, self._speakers, self._placeholders())
            matches += self._settle(text, found)
        return matches

    def _joined_adjectives(self, text: str, low: int, found: list[tuple[int, int, Entry, bool]]) -> list[tuple[int, int, Entry, bool]]:
        """ "Ethiopian and Eritrean troops", "Somali and AU forces": the adjectives joined before a side's form are
        each their state's forces too."""
        more = []
        for start, end, entry, source in found:
            if source or (joined := _JOINED_ADJECTIVES.search(text, max(low, start - 60), start)) is None:
                continue
            head = text[start:end].split()[-1]  # "US and Iraqi forces": "US forces"
            for word in re.finditer(r"[A-Z][\w'’.-]*", joined.group(0)):
                named = self._lookup(f"{word.group(0)} {head}")
                state = self.of_adjective(word.group(0)) or (named.actor if named and not self.is_generic(named.actor) else "")
                if state and state != entry.actor:
                    more.append((joined.start() + word.start(), joined.start() + word.end(),
                                 Entry(word.group(0), state, self.role(state)), False))
        return more

    def _a_place_here(self, text: str, start: int, end: int) -> bool:
        """Whether the seat or country named at ``text[start:end]`` is a place there: after "to", "in", "from" ...
        ("Assad fled to Moscow", "troops withdrew from Ukraine"); a country after "to" stays a side ("fell to Russia")."""
        name = _key(text[start:end])
        name = name[4:] if name.startswith("the ") else name
        if name not in self._seat_keys and name not in self._country_keys:
            return False
        before = _PREPOSITION_BEFORE.search(text, max(0, start - 12), start)
        return before is not None and (name in self._seat_keys or before.group(1).casefold() != "to")

    def _from_region(self, text: str, item: tuple[int, int, Entry, bool]) -> tuple[int, int, Entry, bool]:
        """ "Forces from Ethiopia's northern Tigray region": the actor "Tigray forces" names, where the lexicon has it."""
        start, end, entry, source = item
        if entry.actor not in self._placeholders() or (where := _FROM_REGION.match(text, end)) is None:
            return item
        named = self._forms.get(_key(f"{where.group('name')} {text[start:end]}"))
        return (start, end, named, source) if named is not None and named.actor not in self._placeholders() else item

    def _settle(self, text: str, found: list[tuple[int, int, Entry, bool]]) -> list[ActorMatch]:
        """Overlapping candidates settled longest first; sources dropped; "Houthi fighters" joined."""
        state = self._generic.get("state")
        kept = longest_first(found, prefer=lambda item: item[2].actor == (state or ("",))[0])
        for i in range(len(kept) - 2, -1, -1):  # "police and army officials": both are sources
            if kept[i + 1][3] and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[kept[i][1]:kept[i + 1][0]]):
                kept[i] = kept[i][:3] + (True,)
        matches: list[ActorMatch] = []
        for a, b, entry, source in kept:
            previous = matches[-1] if matches else None
            if (previous and not self.is_generic(previous.actor) and entry.actor in self._placeholders()
                    and not text[previous.end:a].strip()):
                matches[-1] = previous._replace(end=b)  # "Houthi fighters": one named actor
            elif (previous and self.is_generic(previous.actor) and entry.actor == previous.actor
                  and not text[previous.end:a].strip()):
                matches[-1] = previous._replace(end=b)  # "jihadist insurgents": one generic phrase
            elif (previous and self.is_generic(previous.actor) and self.is_generic(entry.actor) and not source
                  and re.fullmatch(r"\s+(?:[A-Z][\w'’-]*\s+){1,2}", text[previous.end:a])):
                matches[-1] = previous._replace(end=b)  # "rebel Serb forces": the rebels' forces, no government's
            elif (previous and self.is_generic(previous.actor) and previous.role == entry.role == "non-state" and not source
                  and not self.is_generic(entry.actor) and not text[previous.end:a].strip()):
                matches[-1] = ActorMatch(previous.start, b, entry.actor, entry.role)  # "rebel Tuareg fighters": one side
            elif not source:
                matches.append(ActorMatch(a, b, entry.actor, entry.role))
        return matches

    def role(self, actor: str) -> str:
        """``state``, ``non-state`` or ``foreign``; ``non-state`` for an actor the lexicon does not know.

        >>> Actors.default().role("Russian forces")
        'foreign'
        """
        return self._roles.get(actor, "non-state")

    def ally(self, actor: str) -> str:
        """The state actor ``actor`` fights for, or ``""``."""
        return self._allies.get(actor, "")

    def is_generic_form(self, surface: str) -> bool:
        """Whether ``surface`` is one of the generic forms ("fighters", "the army"), whatever it resolved to."""
        entry = self._forms.get(_key(surface))
        return entry is not None and entry.actor in self._placeholders()

    def is_generic(self, actor: str) -> bool:
        """Whether ``actor`` is a placeholder for a form that names no actor ("militants")."""
        return actor in self._placeholders()

    def state_of(self, country: str) -> str:
        """The state actor of ``country`` (ISO code), or ``""``.

        >>> Actors.default().state_of("IQ")
        'Iraqi government'
        """
        entry = self._countries.get(country)
        return entry[1] if entry else ""

    def home(self, actor: str) -> str:
        """The country (ISO code) whose state actor ``actor`` is, or ``""``.

        >>> Actors.default().home("Israeli forces"), Actors.default().home("Houthis")
        ('IL', '')
        """
        return next((code for code, entry in self._countries.items() if entry[1] == actor), "") if actor else ""

    def of_adjective(self, word: str) -> str:
        """The state actor of the country whose adjective ``word`` is, or ``""``.

        >>> Actors.default().of_adjective("Ukrainian")
        'Ukrainian forces'
        """
        return self._adjectives.get(_key(word), "")

    # --- internals -----------------------------------------------------------------

    def _placeholders(self) -> set[str]:
        return {name for name, _ in self._generic.values()}

    def _lookup(self, surface: str) -> Entry | None:
        key = _key(surface)
        if key in self._forms:
            return self._forms[key]
        for entry in self._forms.values():
            if GAP in entry.form and gap_regex(entry.form).fullmatch(_fold(surface)):
                return entry
        return None

    def __len__(self) -> int:
        return len(self._forms)

    def __repr__(self) -> str:
        return f"Actors({len(self._roles)} actors, {len(self._forms)} forms)"


_APPOSED_NAME = re.compile(r",\s*(?:the\s+)?$", re.IGNORECASE)
_APPOSITION_CLOSED = re.compile(r"\s*,(?!\s*(?:and|or)\b)")  # ", the Islamic Resistance Movement, said"; no list
_JOINED_ADJECTIVES = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*(?:\s*,\s*[A-Z][\w'’.-]*)*,?\s+and\s+$")
_PREPOSITION_BEFORE = re.compile(r"(?<![\w'-])(to|in|into|from|at|near|towards?|outside|around|inside|via|through|across|of)"
                                 r"\s+(?:the\s+)?$", re.IGNORECASE)

_REBEL_WORDS = frozenset({"the", "rebel", "rebels", "opposition", "forces", "fighters", "army", "armies", "militia", "armed",
                          "factions", "groups", "group"})


def _is_rebel_form(form: str) -> bool:
    """ "the rebels", "rebel fighters", "opposition forces": a generic form of rebel words alone, not "Islamist rebels"."""
    words = set(form.casefold().split())
    return words <= _REBEL_WORDS and bool(words & {"rebel", "rebels", "opposition"})


@cache
def _default() -> Actors:
    return Actors._from_data(with_every_country(load_lexicon("actors"), load_lexicon("places")["demonyms"]), "actors.toml")
