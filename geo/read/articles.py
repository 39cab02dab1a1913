"""Articles from their text: header date, dateline, paragraphs, sentences.

:func:`make_article` does the text work shared by every input format
(:mod:`geo.read.formats` reads the files): the optional date header line,
the dateline, paragraphs kept once each and sentences with offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import cache

from geo.errors import InputError
from geo.lexicon import load as load_lexicon
from geo.records import Article, Sentence

__all__ = ["by_sentence", "make_article", "parse_date", "split_sentences", "with_sentences"]

# "06/21/2014 08:53 EDT | Updated 08/21/2014 05:59 EDT": the first date is the
# publication date; an "Updated" date never is.
_HEADER = re.compile(
    r"^\s*(?P<date>\d{1,2}/\d{1,2}/\d{3,}|\d{3,}-\d{1,2}-\d{1,2})\b[^\n|]*(?:\|[^\n]*)?$"
)
# "KHAZNA, IRAQ —" or "BAGHDAD (AP) --": capitals, then a dash.
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z'’.\- ]+?)(?:,\s*[A-Z][A-Z'’.\- ]+)?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)")
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def parse_date(text: str, *, source: str = "date") -> date:
    """A calendar date from ``YYYY-MM-DD`` or ``MM/DD/YYYY``; :class:`InputError` otherwise.

    >>> parse_date("06/21/2014")
    datetime.date(2014, 6, 21)
    """
    text = text.strip()
    match = re.fullmatch(r"(\d{3,})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{3,})", text)
    if not match:
        raise InputError(source, f"{text!r} is not a date (expected YYYY-MM-DD)")
    a, b, c = (int(g) for g in match.groups())
    year, month, day = (a, b, c) if len(match.group(1)) >= 3 else (c, a, b)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError(source, f"{text!r} is not a valid date ({exc})") from None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text[start:end]``, stripped of spaces.

    >>> s = "Gen. Ali spoke. Troops left the U.S. base. Then rain."
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['Gen. Ali spoke.', 'Troops left the U.S. base.', 'Then rain.']
    """
    end = len(text) if end is None else end
    abbreviations = _abbreviations()
    spans, begin = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, begin, match.start())
            token = word.group(1).lstrip("\"“‘(").casefold() if word else ""
            if token in abbreviations or _INITIALS.match(token):
                continue
        spans.append((begin, match.start() + len(match.group().rstrip())))
        begin = match.end()
    spans.append((begin, end))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in spans) if b > a]


def by_sentence(article: Article, items: Iterable) -> list[list]:
    """``items`` (anything with ``start``/``end``, in sentence order) grouped by the sentence holding them.

    One linear sweep, so per-sentence work stays linear in the article's length.
    Items outside every sentence (in a repeated paragraph) are dropped.

    >>> from geo.records import Mention
    >>> a = make_article("Rebels took Idlib. Troops held Hama.", "x")
    >>> [[m.surface for m in group] for group in by_sentence(a, [Mention("x", 12, 17, "Idlib"), Mention("x", 31, 35, "Hama")])]
    [['Idlib'], ['Hama']]
    """
    sentences = article.sentences
    groups: list[list] = [[] for _ in sentences]
    index = 0
    for item in items:
        while index < len(sentences) and item.start >= sentences[index].end:
            index += 1
        if index == len(sentences):
            break
        if sentences[index].start <= item.start and item.end <= sentences[index].end:
            groups[index].append(item)
    return groups


def make_article(
    text: str,
    id: str,
    *,
    source: str = "",
    title: str = "",
    url: str = "",
    published: date | None = None,
    published_from: str = "",
    strict_header: bool = True,
    split: bool = True,
) -> Article:
    """An :class:`Article` from raw text, with header date, dateline, paragraphs and sentences.

    A date header on the first line gives ``published`` unless one is passed
    in; an impossible header date raises :class:`InputError`, or with
    ``strict_header=False`` leaves the article undated. Each line is a
    paragraph; a paragraph whose text was seen before in the article is
    skipped, and counted in ``repeated_paragraphs``. With ``split=False`` the
    sentences are left for :func:`with_sentences` (e.g. in a worker process).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    body = lines
    if lines and (header := _HEADER.match(text, lines[0][0], lines[0][1])):
        body = lines[1:]
        if published is None:
            try:
                published = parse_date(header.group("date"), source=f"{source or id}: header")
                published_from = "header"
            except InputError:
                if strict_header:
                    raise
    dateline = ""
    if body and (match := _DATELINE.match(text, body[0][0], body[0][1])):
        dateline = match.group("place").strip().title()
    paragraphs, seen, repeats = [], set(), 0
    for start, end in body:
        key = " ".join(text[start:end].split()).casefold()
        if key in seen:
            repeats += 1
            continue
        seen.add(key)
        paragraphs.append((start, end))
    if not title and body and _looks_like_title(text[body[0][0] : body[0][1]]) and not dateline:
        title = text[body[0][0] : body[0][1]].strip()
    article = Article(
        id=id,
        text=text,
        source=source,
        title=title,
        url=url,
        published=published,
        published_from=published_from if published else "",
        dateline=dateline,
        paragraphs=tuple(paragraphs),
        repeated_paragraphs=repeats,
    )
    return with_sentences(article) if split else article


def with_sentences(article: Article) -> Article:
    """``article`` with its sentences, split from its paragraphs if it has none yet.

    >>> a = make_article("Rebels took Idlib. Troops held Hama.", "x", split=False)
    >>> len(a.sentences), len(with_sentences(a).sentences)
    (0, 2)
    """
    if article.sentences or not article.paragraphs:
        return article
    text = article.text
    sentences = tuple(
        Sentence(a, b, text[a:b], index)
        for index, (start, end) in enumerate(article.paragraphs)
        for a, b in split_sentences(text, start, end)
    )
    return replace(article, sentences=sentences)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        a, b = _strip(text, offset, offset + len(line))
        if b > a:
            spans.append((a, b))
        offset += len(line) + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_title(line: str) -> bool:
    return len(line) <= 120 and not line.rstrip().endswith((".", "?", "!", '"', "”"))


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lexicon("abbreviations")["abbreviations"])
