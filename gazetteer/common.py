"""Which gazetteer names are also common English words: their frequency from ``wordfreq`` (pinned).

``common_words.tsv`` lists every one-word search key of the gazetteer whose Zipf
frequency in English (``wordfreq.zipf_frequency(key, "en")``: 3 is once per
million words, 6 once per thousand) is at least ``MIN_ZIPF``, with that
frequency. The mention finder asks such a name for evidence that it is a
place (see ``[common_words]`` in ``geo/lexicon/places.toml``). Derived from
wordfreq's data, CC BY-SA 4.0.
"""

from __future__ import annotations

import sys

WORDFREQ_VERSION = "3.1.1"
MIN_ZIPF = 3.0


def common_words(keys) -> bytes:
    """The TSV bytes (``key``, ``zipf``; sorted by key) for the search ``keys``."""
    try:
        import wordfreq
        from importlib.metadata import version
    except ImportError:
        raise SystemExit(f"building the gazetteer needs wordfreq=={WORDFREQ_VERSION}: "
                         "pip install 'frontline-maps[build]'") from None
    if version("wordfreq") != WORDFREQ_VERSION:
        print(f"warning: wordfreq {version('wordfreq')} installed, the bundled data used {WORDFREQ_VERSION}",
              file=sys.stderr)
    lines = ["key\tzipf"]
    for key in sorted(keys):
        if not key.isalpha():  # one word: wordfreq scores a phrase by its words, not as a phrase
            continue
        zipf = wordfreq.zipf_frequency(key, "en")
        if zipf >= MIN_ZIPF:
            lines.append(f"{key}\t{zipf:.2f}")
    return ("\n".join(lines) + "\n").encode("utf-8")
