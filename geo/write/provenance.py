"""Where each exported fact comes from: article, title, URL, publication date, sentence.

Every row of every layer carries the :data:`~geo.write.schema.PROVENANCE`
fields. An article's title is its own, else its URL, else its id, never the
path of the file it was read from. An outlet is the host a web URL names
(``www.`` dropped): two articles from one outlet are two reports of an
incident but one outlet.

>>> outlet("https://www.example.com/news/1"), outlet("file:///home/me/a.txt"), outlet("")
('example.com', None, None)
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from geo.records import Article, Evidence, Incident, RunResult, Sentence
from geo.write.schema import PROVENANCE

__all__ = ["Provenance", "outlet", "title_of", "web_url"]


def web_url(url: str) -> str | None:
    """``url`` if it is an http(s) address with a host, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def outlet(url: str) -> str | None:
    """The outlet a web URL shows: its host, lower case, without ``www.``; None for anything else."""
    if web_url(url) is None:
        return None
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or None


def title_of(article: Article | Evidence) -> str:
    """An article's title, else its web URL, else its id.

    >>> title_of(Article("a7", "", source="/home/me/a7.txt", url="https://example.org/a7"))
    'https://example.org/a7'
    """
    ident = article.id if isinstance(article, Article) else article.article
    return article.title.strip() or web_url(article.url) or ident


_FIELDS = tuple(f.name for f in PROVENANCE)


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class Provenance:
    """The articles of a run, looked up by id, for the provenance of its rows."""

    def __init__(self, result: RunResult) -> None:
        self._articles = {article.id: article for article in result.articles}

    def article(self, evidence: Evidence) -> Article | Evidence:
        """The run's article of ``evidence``; the evidence itself where the run lacks it."""
        return self._articles.get(evidence.article, evidence)

    def of(self, evidence: Evidence | None) -> dict:
        """The provenance fields of one fact; all null where it has no evidence."""
        if evidence is None:
            return dict.fromkeys(_FIELDS)
        return {**self._about(self.article(evidence)), "evidence": evidence.sentence,
                "evidence_start": evidence.start, "evidence_end": evidence.end}  # fmt: skip

    def in_article(self, article: Article, sentence: Sentence | None) -> dict:
        """The provenance fields of something ``article`` says in ``sentence`` (null if outside any)."""
        found = (sentence.text, sentence.start, sentence.end) if sentence else (None, None, None)
        return {**self._about(article), **dict(zip(_FIELDS[-3:], found, strict=True))}

    @staticmethod
    def _about(article: Article | Evidence) -> dict:
        published = getattr(article, "published", None)
        return {
            "article": article.id if isinstance(article, Article) else article.article,
            "title": title_of(article),
            "url": article.url.strip() or None,
            "published": published.isoformat() if published else None,
            "published_from": getattr(article, "published_from", "") or None,
        }

    def outlet_of(self, article_id: str) -> str | None:
        article = self._articles.get(article_id)
        return outlet(article.url) if article else None

    def support(self, incidents: Iterable[Incident]) -> dict:
        """``reports``, ``outlets``, ``sources`` and ``disagreements`` of the incidents behind a row.

        ``reports`` counts distinct articles; ``outlets`` distinct outlets, an
        article whose URL shows none counting as one of its own.
        """
        incidents = list(incidents)
        articles = _unique(e.article for i in incidents for e in i.sources)
        outlets = {self.outlet_of(a) or f"article:{a}" for a in articles}
        return {
            "reports": len(articles),
            "outlets": len(outlets),
            "sources": "; ".join(articles) or None,
            "disagreements": "; ".join(_unique(d for i in incidents for d in i.disagreements)) or None,
        }

    def titles(self, evidence: Iterable[Evidence]) -> str | None:
        return "; ".join(_unique(title_of(self.article(e)) for e in evidence)) or None

    def urls(self, evidence: Iterable[Evidence]) -> str | None:
        return "; ".join(_unique(self.article(e).url.strip() for e in evidence)) or None
