"""The cue patterns of unlocated places, run only where their words stand, find what a scan of the whole text finds."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.places.unlocated import _finditer, _stretches
from geo.places.unlocated_cues import cues as _cues

SEEDS = Path(__file__).parent.parent / "seeds"

# Words of every cue (verbs, nouns before "of" and after a name, units, number words) beside names,
# particles and punctuation that could end a clause or not ("2.5 km", "U.S.", "Gen.", "town: Bir").
TOKENS = [
    "seized", "captured", "took", "took control of", "retook", "entered", "overran", "withdrew from", "fall of",
    "the", "The", "village", "villages", "town", "towns", "city", "port", "report", "of", "strategic", "border",
    "district", "hamlet", "settlement", "lies", "is", "located", "sits", "about", "some", "north", "south-west",
    "km", "kilometres", "miles", "m", "mi", "five", "twenty", "twenty-five", "and", "40", "2.5", "1,200", "5.",
    "base", "airfield", "camp", "Tal", "Hamis", "Bir", "Ghanam", "al-Ain", "Ras", "al", "da", "Praia", "Qasr",
    "Bu", "Hadi", "Kamyanka", "Umm", "Zawiya", "Gen.", "U.S.", "forces", "fighters", "Sunday",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", ": ", "! ", "? ", "\n", "\n\n", "-", " - ", ".\n", '" ', " (", ") ", "’s "]


def _same(text: str) -> None:
    cues = _cues()
    before, after, measured = _stretches(text, cues)
    for pattern, stretches in ((cues.before, before), (cues.after, after), (cues.measured, measured)):
        found = [(m.span(), m.groupdict()) for m in _finditer(pattern, text, stretches)]
        assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], (pattern.pattern[:60], text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=40))
def test_cue_patterns_find_the_same_in_stretches_as_in_the_whole_text(parts):
    _same("".join(token + separator for token, separator in parts))


def test_cue_patterns_find_the_same_in_the_seed_articles():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert texts
    for text in texts:
        _same(text)


def test_stretches_leave_out_clauses_without_a_cue_word():
    text = "It was calm in the north. Rebels seized Tal Hamis; it lies 5 km from the coast. Talks went on."
    before, after, measured = _stretches(text, _cues())
    assert [text[s:e].strip() for s, e in before] == ["Rebels seized Tal Hamis;"]
    assert after == []
    assert [text[s:e].strip() for s, e in measured] == ["it lies 5 km from the coast."]
