"""Articles from the web as users keep it: RSS and Atom feeds, saved web pages.

A feed (:func:`read_feed`) is read with feedparser: one article per entry,
its text from the entry's content, else its summary, its date the entry's
own (``published``, else ``updated``) as the feed writes it. A saved page
(:func:`read_page`) is read with trafilatura, which keeps the article and
drops the page furniture (navigation, advertisements, comments); its title
and URL come from the page's metadata and its date from htmldate's reading
of the metadata (never of the article's text). Nothing is fetched and no
other file is opened: the feed or page is read as it is on disk, and XML
external entities stay unresolved.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

from geo.errors import InputError
from geo.read.articles import dated_article, decode
from geo.read.options import ReadOptions
from geo.read.published import parse_published
from geo.records import Article

__all__ = ["html_to_text", "read_feed", "read_page"]

_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article pre hr".split())
_PROSE = re.compile(r"(?m)^.*?(?:\S+\s+){4,}\S+[.!?\"”’')]\s*$")  # a line of five words or more ending a sentence
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# feedparser's notes that a feed is well-formed but labelled oddly: no reason to refuse it.
_HARMLESS = ("CharacterEncodingOverride", "NonXMLContentType")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per block (paragraph, list item, heading).

    >>> html_to_text("<p>KIDAL, Mali &mdash;</p><p>Troops <b>entered</b> the town.<br>Calm returned.</p>")
    'KIDAL, Mali —\\nTroops entered the town.\\nCalm returned.'
    """
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter("script", "style", "template"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def read_feed(data: bytes, where: str, name: str, options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """One article per entry of an RSS or Atom feed; a malformed feed is an error, and its readable entries are kept."""
    import feedparser

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(where, "holds NUL bytes: a binary file, not a feed")
    # A stream, never bytes or str: feedparser would open a path or fetch a URL that the data spelled out.
    feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    problem = feed.get("bozo_exception") if feed.get("bozo") else None
    if problem is not None and type(problem).__name__ in _HARMLESS:
        problem = None
    if not feed.entries:
        reason = f" ({_reason(problem)})" if problem is not None else ""
        kind = "a readable" if feed.get("version") else "an"
        raise InputError(where, f"not {kind} RSS or Atom feed{reason}: no entries found")
    texts = [_entry_text(entry) for entry in feed.entries]
    if problem is not None:  # the entries that survived it are read; one cut short by it is not
        readable = sum(1 for text in texts if text)
        yield InputError(where, f"feed is malformed ({_reason(problem)}); read {readable} of the {len(texts)} entries found")
    for number, (entry, text) in enumerate(zip(feed.entries, texts), 1):
        at = f"{where}: entry {number}"
        if not text:
            if problem is None:
                yield InputError(at, "has no content or summary")
            continue
        given = entry.get("published") or entry.get("updated")
        yield from dated_article(
            text, str(entry.get("id") or entry.get("link") or f"{name}:{number}"), source=at, given=given,
            where=f"{at}: date", title=html_to_text(entry.get("title", "")), url=entry.get("link", ""),
            published=options.published, order=options.order,
        )  # fmt: skip


def _reason(problem: Exception) -> str:
    message = problem.getMessage() if hasattr(problem, "getMessage") else str(problem)
    line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
    return message + (f" at line {line}" if line else "")


def _entry_text(entry) -> str:
    contents = [c for c in entry.get("content", []) if c.get("value", "").strip()]
    if contents:
        chosen = max(contents, key=lambda c: len(c["value"]))
        return chosen["value"].strip() if chosen.get("type") == "text/plain" else html_to_text(chosen["value"])
    summary = entry.get("summary", "")
    if entry.get("summary_detail", {}).get("type") == "text/plain":
        return summary.strip()
    return html_to_text(summary)


def read_page(data: bytes, where: str, name: str, options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """The article of a saved web page: its text without the page furniture, its title, URL and date."""
    import trafilatura

    page = decode(data, where)
    if not page.strip():
        raise InputError(where, "file is empty")
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not _PROSE.search(text):  # menus and buttons are no article: "Home World Subscribe"
        raise InputError(where, "no article text found in the page (no sentence outside its furniture)")
    try:
        when = _page_date(page, where, options)
    except InputError as exc:
        yield exc
        when = None
    yield from dated_article(text, name, source=where, given=when, given_from="page",
                             title=getattr(document, "title", None) or "", url=getattr(document, "url", None) or "",
                             published=options.published, order=options.order)


def _page_date(page: str, where: str, options: ReadOptions) -> date | None:
    """The page's date of publication from its metadata, read by htmldate.

    htmldate settles a numeric ``03/04/2022`` by a guess of its own; such a
    date, when the page gives it in no other form, is read here as any
    numeric date is: with the day order the user gave, or not at all.
    """
    import htmldate

    # Bytes, never str: htmldate downloads a str that looks like a URL.
    found = htmldate.find_date(page.encode("utf-8"), extensive_search=False, original_date=True,
                               outputformat="%Y-%m-%d")
    if not found:
        return None
    day = date.fromisoformat(found)
    if day.day > 12 or day.month > 12 or day.day == day.month or found in page:
        return day
    for match in _NUMERIC_DATE.finditer(page):
        numbers = {int(match.group(1)), int(match.group(2))}
        if int(match.group(3)) == day.year and numbers == {day.day, day.month}:
            return parse_published(match.group(0), source=f"{where}: page date", order=options.order)
    return day
