"""Articles from their text and metadata: header date, dateline, paragraphs, sentences.

:func:`make_article` does the text work shared by every input format
(:mod:`geo.read.formats` reads the files): the optional date header line,
the dateline, paragraphs kept once each and sentences with offsets.
:func:`dated_article` adds the date the article's metadata carries, and
keeps where it came from (``published_from``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from geo.errors import InputError
from geo.lexicon import load as load_lexicon
from geo.read.published import DayOrder, parse_published
from geo.records import Article, Sentence

__all__ = ["by_sentence", "dated_article", "decode", "make_article", "split_sentences", "with_default_date", "with_sentences"]

# "06/21/2014 08:53 EDT | Updated 08/21/2014 05:59 EDT" or "2024-02-17T09:30:00Z": the first date is
# the publication date; an "Updated" date never is.
_HEADER = re.compile(r"\s*(?P<date>\d{1,2}/\d{1,2}/\d{3,}|\d{3,}-\d{1,2}-\d{1,2})(?:T|\b)[^\n|]*(?:\|[^\n]*)?$")
# "19 December 2023 10:00 GMT | Updated ...": a worded date, tried only on a short first line with a digit.
_WORDED_HEADER = re.compile(r"\s*(?P<date>[^|\n]{6,40}?)\s*(?:\|[^\n]*)?$")
# "KHAZNA, IRAQ —", "GOMA, Congo (Reuters) -" or "BAGHDAD (AP) --": a place in capitals, a country or
# state of up to three words, an agency, then a dash. (Matched at the paragraph's start: no "^".)
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\- ]+?)(?:,\s*[A-Z][\w'’.]*(?:\s+[\w'’.]+){0,2}?)?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)"
)
_URL_LINE = re.compile(r"https?://\S+")
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


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
    order: DayOrder | None = None,
    split: bool = True,
) -> Article:
    """An :class:`Article` from raw text, with header date, dateline, paragraphs and sentences.

    A date header on the first line gives ``published`` unless one is passed
    in; an impossible header date, or a numeric one whose day and month
    could be swapped and no ``order`` says which, raises :class:`InputError`,
    or with ``strict_header=False`` leaves the article undated. Each line is a
    paragraph (the lines of a hard-wrapped sentence are one); a paragraph whose
    text was seen before in the article is skipped, and counted in
    ``repeated_paragraphs``. With ``split=False`` the
    sentences are left for :func:`with_sentences` (e.g. in a worker process).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    body = lines
    header = _header(text, *lines[0]) if lines else None
    if header is None and lines and text[slice(*lines[0])].strip().casefold() in _no_date_words():
        body = lines[1:]  # "unknown": a header that says the date is not known
    if header is not None:
        body = lines[1:]
        if published is None:
            try:
                published = parse_published(header, source=f"{source or id}: header", order=order)
                published_from = "header"
            except InputError:
                if strict_header:
                    raise
    dateline, heading, link = "", None, None
    for start, end in body[:3]:  # a title and a URL may stand above the dateline ("Headline / https://... / GAO -")
        line = text[start:end].strip()
        if link is None and _URL_LINE.fullmatch(line):
            link, url = (start, end), url or line
        elif match := _DATELINE.match(text, start, end):
            dateline = match.group("place").strip().title()
            break
        elif heading is None and _looks_like_title(line):
            heading = (start, end)
        else:
            break
    paragraphs, seen, repeats = [], set(), 0
    for start, end in body:
        if (start, end) == link:
            continue  # the article's address, not its text
        key = " ".join(text[start:end].split()).casefold()
        if key in seen:
            repeats += 1
            continue
        seen.add(key)
        paragraphs.append((start, end))
    if not title and heading is not None:
        title = text[heading[0] : heading[1]].strip()
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


def _header(text: str, start: int, end: int) -> str | None:
    """The date text of a first line that is a date header, or None."""
    if match := _HEADER.match(text, start, end):
        return match.group("date")
    match = _WORDED_HEADER.match(text, start, end)
    if match and any(c.isdigit() for c in match.group("date")):
        try:
            parse_published(match.group("date"))
        except InputError:
            return None
        return match.group("date")
    return None


def dated_article(
    text: str,
    id: str,
    *,
    source: str,
    given=None,
    given_from: str = "field",
    where: str | None = None,
    title: str = "",
    url: str = "",
    published: date | None = None,
    order: DayOrder | None = None,
) -> Iterator[Article | InputError]:
    """The article (sentences not yet split), preceded by an error where a date it carries is bad.

    The text is never lost to a bad date. ``given`` is the date its metadata
    carries (``given_from`` says which metadata, ``where`` names it in an
    error); a header line dates it otherwise; ``published`` (``--published``)
    dates it if it carries no date at all (one it carries and that cannot be
    read leaves it undated).

    >>> [str(x) if isinstance(x, Exception) else (x.published, x.published_from)
    ...  for x in dated_article("Rebels took Gao.", "a", source="a.csv:2", given="31/31/2012")]
    ["a.csv:2: field published: '31/31/2012' is not a valid date (no month 31 or 31 with that day)", (None, '')]
    """
    when, unreadable = None, False
    if given is not None and given != "":
        try:
            when = parse_published(given, source=where or f"{source}: {given_from} published", order=order)
        except InputError as exc:
            unreadable = True
            yield exc
    try:
        article = make_article(text, id, source=source, title=title, url=url, published=when,
                               published_from=given_from if when else "", order=order, split=False)
    except InputError as exc:
        unreadable = True
        yield exc
        article = make_article(text, id, source=source, title=title, url=url, strict_header=False, split=False)
    # An article whose own date could not be read is not given --published's: that would be a made-up date.
    yield article if unreadable else with_default_date(article, published)


def with_default_date(article: Article, published: date | None) -> Article:
    """``article``, dated ``published`` (from ``--published``) if it has no date of its own."""
    if article.published is not None or published is None:
        return article
    return make_article(article.text, article.id, source=article.source, title=article.title,
                        url=article.url, published=published, published_from="option", split=False)


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise InputError(source, "holds NUL bytes: a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 100):
        raise InputError(source, "is neither UTF-8 nor Windows-1252 text")
    return text



def _lines(text: str) -> list[tuple[int, int]]:
    """The paragraphs: each line, with a hard-wrapped sentence's lines joined ("... the town of" / "Avdiivka on ...")."""
    spans, offset = [], 0
    for line in text.split("\n"):
        a, b = _strip(text, offset, offset + len(line))
        if b > a:
            if spans and text[spans[-1][1]:a].count("\n") == 1 and _wrapped(text[spans[-1][0]:spans[-1][1]], text[a:b]):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        offset += len(line) + 1
    return spans


_WRAP_WORD = re.compile(r"(?:^|\s)(?:of|the|a|an|and|or|to|in|on|at|by|for|from|with|that|which|who|as|its|their|his|"
                        r"her|near|into|after|before|than|said|says)$", re.IGNORECASE)


def _wrapped(line: str, following: str) -> bool:
    """Whether ``following`` continues ``line``'s sentence: a hard wrap, not a new paragraph."""
    if not line or line[-1] in ".!?:;\"”’)]|" or len(line) < 20 or _URL_LINE.match(following):
        return False
    return bool(_WRAP_WORD.search(line)) or (following[:1].islower() and len(line) >= 30)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_title(line: str) -> bool:
    return len(line) <= 120 and not line.rstrip().endswith((".", "?", "!", '"', "”"))


@cache
def _no_date_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_lexicon("inputs")["text_header"]["no_date"])


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lexicon("abbreviations")["abbreviations"])
