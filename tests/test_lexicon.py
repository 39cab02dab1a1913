"""The lexicon helpers: loading and the first-word finder every matcher relies on."""

import re

from hypothesis import given, settings, strategies as st

from geo.lexicon import FirstWords, alternation, load

WORDS = ["took", "control", "of", "al", "Qaeda", "Da’esh", "fell", "to", "Straße", "İdlib", "Ḥasakah"]


def test_first_words_finds_phrases_by_first_word_whatever_the_case_and_punctuation():
    finder = FirstWords([("took control of", "take"), ("Al-Qaeda", "actor"), ("fell to", "lose")])
    text = "Fighters TOOK control of Tal Afar; al-Qaeda’s men fell, and the town fell to them."
    found = {text[start:start + 5].lower(): values for start, values in finder.find(text)}
    assert found == {"took ": ("take",), "al-qa": ("actor",), "fell,": ("lose",), "fell ": ("lose",)}


def test_first_words_never_finds_a_word_inside_another():
    finder = FirstWords([("fell", 1), ("al", 2)])
    assert finder.find("Fellows of the Royal alliance") == []


def test_first_words_keeps_every_value_of_a_shared_first_word():
    finder = FirstWords([("took control of", 1), ("took", 2)])
    assert finder.find("they took it") == [(5, (1, 2))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
       st.lists(st.sampled_from(WORDS + [",", " ", "-", "’s", ".", "\n"]), max_size=30))
def test_first_words_finds_every_place_a_phrase_pattern_matches(phrase_words, pieces):
    """A superset: wherever the phrase's own pattern matches on word boundaries, a start is reported."""
    phrase = " ".join(phrase_words)
    text = " ".join(pieces)
    pattern = re.compile(rf"(?<![\w'-])(?:{alternation([phrase.casefold()])})(?![\w-])")
    starts = {start for start, _ in FirstWords([(phrase, 0)]).find(text)}
    folded = text.casefold()
    if len(folded) == len(text):  # offsets compare only when case folding keeps the length
        for match in pattern.finditer(folded):
            assert match.start() in starts


def test_load_reads_each_bundled_lexicon():
    for name in ("places", "events", "actors", "dates", "distances"):
        assert load(name), name
