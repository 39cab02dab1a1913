"""Generic forms of actors resolved within one article.

Mixed into :class:`geo.extract.actors.Actors`: :meth:`InContext.dominant`
finds an article's dominant named non-state side; :meth:`InContext.in_context`
resolves its generic forms ("the militants", "troops") to that side, to the
state of the country the article is about, or to a side of their own ("southern
fighters", "militia forces loyal to Abdul Rashid Dostum").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from geo.extract.actor_forms import BACKED_BY as _BACKED_BY, LOYAL_TO_NAMED as _LOYAL_TO_NAMED, key as _key
from geo.lexicon import alternation, load as load_lexicon

if TYPE_CHECKING:
    from geo.extract.actors import ActorMatch

__all__ = ["InContext"]


class InContext:
    """The queries of :class:`~geo.extract.actors.Actors` that read an article's matches as a whole."""

    def dominant(self, matches: Sequence[ActorMatch]) -> str:
        """The named non-state actor met most often in ``matches`` (first met on a tie), or ``""``.

        Actors allied with a state count only when no other non-state actor is
        named; foreign forces only when no non-state actor is.
        """
        named = [m.actor for m in matches if m.role == "non-state" and not self.is_generic(m.actor)]
        # Forces fighting for the state are not who "the militants" are, unless nobody else is named;
        # with no non-state actor named, a foreign force is the state's opponent, unless it fights for a state.
        named = ([actor for actor in named if not self.ally(actor)] or named
                 or [m.actor for m in matches if m.role == "foreign" and not self.ally(m.actor)])
        if not named:
            return ""
        counts = Counter(named)
        return max(dict.fromkeys(named), key=lambda actor: counts[actor])

    def in_context(self, matches: Sequence[ActorMatch], *, dominant: str = "", country: str = "",
                   text: str = "") -> list[ActorMatch]:
        """``matches`` with generic forms resolved: non-state to ``dominant``, state to ``country``'s state actor.

        Without a dominant actor, a generic non-state form is the side a bare
        "rebels" means in ``country``'s war, if the lexicon names one; else,
        when ``text`` (the text the matches were found in) is given, a form
        with a qualifier of its own ("Islamist insurgents") keeps its words,
        and a bare one takes the qualified form the text uses most.

        >>> from geo.extract.actors import Actors
        >>> actors = Actors.default()
        >>> [m.actor for m in actors.in_context(actors.find("troops and militants"), dominant="HTS", country="SY")]
        ['Syrian government', 'HTS']
        >>> text = "Islamist insurgents attacked at dawn; the insurgents took the port"
        >>> [m.actor for m in actors.in_context(actors.find(text), country="MZ", text=text)]
        ['Islamist insurgents', 'Islamist insurgents']
        >>> [m.actor for m in actors.in_context(actors.find("gunmen attacked"), country="MZ", text="gunmen attacked")]
        ['unidentified militants']
        """
        state = self._foreign_state(matches, country) or self.state_of(country)
        local = self._affiliates.get(country, {})
        dominant = local.get(dominant, dominant)
        rebels = dominant or self._rebels.get(country, "")
        described = ""
        if not rebels and text:  # "Islamist insurgents ... the insurgents": the article's own words for the side
            qualified = [" ".join(_words_of(text, m)) for m in matches
                         if self.is_generic(m.actor) and m.role == "non-state" and len(_words_of(text, m)) > 1]
            described = Counter(qualified).most_common(1)[0][0] if qualified else ""
        side = self._rebels.get(country, "") if dominant in self._not_rebels.get(country, ()) else ""
        backed = self._backed.get(country, {})
        resolved = []
        for match in matches:
            if match.actor in local:
                match = match._replace(actor=local[match.actor])
            if self.is_generic(match.actor) and text and _key(text[match.start:match.end]) in _equipment():
                continue  # "Columns of tanks rolled into the city": arms that name no side
            if self.is_generic(match.actor) and text and resolved and _allied_to_previous(text, resolved[-1], match):
                match = match._replace(actor=resolved[-1].actor, role=resolved[-1].role)  # "Somali forces and allied militias"
            elif self.is_generic(match.actor) and text and (loyal := self._loyal_to_person(text, match)):
                match = match._replace(actor=loyal, role="non-state")  # "militia forces loyal to Dostum": his, no other side's
            elif self.is_generic(match.actor):
                by = _BACKED_BY.search(text, max(0, match.start - 40), match.start) if backed and text else None
                if by is not None and (sponsored := backed.get(_key(by.group(1)))):  # "U.S.-backed fighters": in Syria, the SDF
                    match = match._replace(actor=sponsored, role=self.role(sponsored))
                elif match.role == "state" and text and _owned_by_other().search(text, max(0, match.start - 40), match.start):
                    # "the regional ruling party's forces": the party's, not the state's
                    match = match._replace(actor=rebels or self._generic.get("non-state", (match.actor, ()))[0], role="non-state")
                elif match.role == "state" and state:
                    match = match._replace(actor=state)
                elif match.role == "non-state" and side and text and _key(text[match.start:match.end]) in self._rebel_forms:
                    match = match._replace(actor=side)  # "the rebels" of Syria are not Islamic State, named elsewhere
                elif match.role == "non-state" and text and (own := _own_qualifier().search(text, max(0, match.start - 30), match.start)):
                    match = match._replace(actor=f"{own.group(1)} {' '.join(_words_of(text, match))}")  # "Southern fighters"
                elif match.role == "non-state" and rebels:
                    match = match._replace(actor=rebels)
                elif match.role == "non-state" and text:
                    words = _words_of(text, match)
                    if len(words) > 1 or described:
                        match = match._replace(actor=" ".join(words) if len(words) > 1 else described)
            resolved.append(match)
        return resolved

    def _foreign_state(self, matches: Sequence[ActorMatch], country: str) -> str:
        """The state force of another country that fights in ``country``'s war, where the article names it and no force
        of ``country``'s own: "Israeli troops fought Hezbollah in Bint Jbeil ... the army withdrew" is Israel's army."""
        own = self.state_of(country)
        named = {m.actor for m in matches if m.role == "state" and not self.is_generic(m.actor)}
        if not country or own in named:
            return ""
        foreign = [actor for actor in named if country in self._theatres.get(actor, ()) and self.home(actor) != country]
        return foreign[0] if len(foreign) == 1 else ""

    def _loyal_to_person(self, text: str, match: ActorMatch) -> str:
        """ "militia forces loyal to Abdul Rashid Dostum": the faction a person the lexicon does not know commands."""
        loyal = _LOYAL_TO_NAMED.match(text, match.end)
        if loyal is None or self._lookup(loyal.group("name")) is not None:
            return ""
        noun = loyal.group("noun") or ""
        if noun and self._lookup(noun) is None:
            return ""  # "the militia is still loyal to ...": no noun of a force between
        return " ".join([*_words_of(text, match), *noun.split(), "loyal to", *loyal.group("name").split()])


_JOINED_ALLIES = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|along\s+with|together\s+with)\s+(?:the\s+|their\s+|its\s+)?"
                            r"(?P<allied>allied\s+(?:[\w-]+\s+){0,2})?", re.IGNORECASE)


def _allied_to_previous(text: str, previous: ActorMatch, match: ActorMatch) -> bool:
    """ "Somali government forces and allied clan militias", "Houthi fighters and their allies": the side just named,
    whose allies the generic form names, not the article's dominant side."""
    joined = _JOINED_ALLIES.fullmatch(text, previous.end, match.start)
    return joined is not None and (bool(joined.group("allied")) or re.match(r"(?:the\s+)?(?:allied|allies)\b|(?:its|their)\s+allies\b",
                                                                             text[match.start:match.end], re.IGNORECASE) is not None)


def _words_of(text: str, match: ActorMatch) -> list[str]:
    words = text[match.start:match.end].split()
    return words[1:] if words and words[0].casefold() == "the" else words


@cache
def _owned_by_other() -> re.Pattern:
    """A possessor that is no state before a generic form: "the ruling party's forces", "the group's fighters"."""
    return re.compile(rf"\b(?:{alternation(load_lexicon('actors').get('owners', []))})['’]s?\s+$")


@cache
def _equipment() -> frozenset[str]:
    return frozenset(_key(form) for form in load_lexicon("actors").get("equipment", []))


@cache
def _own_qualifier() -> re.Pattern:
    return re.compile(rf"(?<![\w'’-])({alternation(load_lexicon('actors').get('own_qualifiers', []))})\s+$", re.IGNORECASE)
