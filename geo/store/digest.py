"""What an analysis or a drawing depends on, as digests.

An article's :func:`content_hash` covers everything it was read with (text
and metadata), so an edited file or a changed date is a changed article. The
:func:`analysis_digest` covers everything else an analysis depends on:
Frontline's version and the source of the analysing code, the bundled
gazetteer data, the lexicon files the analysis reads, the user's
``--gazetteer`` and ``--actors`` files, and the versions of the libraries
installed. A stored analysis is reused only when both are unchanged.
:func:`drawing_digest` is the same for the writers (their code, assets and
lexicon files), under every output file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import cache
from importlib import metadata
from pathlib import Path

import geo
from geo.errors import FrontlineError
from geo.records import Article

__all__ = ["WRITER_LEXICONS", "analysis_digest", "content_hash", "drawing_digest"]

_PACKAGE = Path(geo.__file__).resolve().parent
# Lexicon files only the writers read: a change redraws, it never re-analyses.
WRITER_LEXICONS = ("style.toml", "exports.toml")
# Parts of the package that do not analyse: the writers, the store, the command line.
_NOT_ANALYSIS = ("write", "store", "cli.py", "__main__.py")


def content_hash(article: Article) -> str:
    """A hex digest of every field of ``article`` as read: its text and its metadata.

    >>> a = Article("a1", "Rebels took the town.", title="T")
    >>> content_hash(a) == content_hash(Article("a1", "Rebels took the town.", title="T"))
    True
    >>> content_hash(a) == content_hash(Article("a1", "Rebels took the town.", title="T2"))
    False
    """
    values = tuple((f.name, getattr(article, f.name)) for f in fields(article))
    return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()


def analysis_digest(gazetteer_files: Sequence[str] = (), actor_files: Sequence[str] = ()) -> str:
    """The digest of everything but the article that an analysis depends on.

    The user's files are hashed by content, in the order given (later files
    win where they overlap), so a renamed but unchanged file keeps the digest.
    """
    parts = [_bundled_analysis()]
    for label, files in (("gazetteer", gazetteer_files), ("actors", actor_files)):
        for file in files:
            try:
                parts.append(f"{label}:{_file_digest(Path(file))}")
            except OSError as error:
                raise FrontlineError(f"{file}: cannot read {label} file ({error.strerror})") from error
    return _digest(parts)


def drawing_digest() -> str:
    """The digest of the writers: Frontline's version, their code and assets, their lexicon files, the libraries."""
    return _bundled_drawing()


@cache
def _bundled_analysis() -> str:
    code = [p for p in _package_files("*.py") if p.relative_to(_PACKAGE).parts[0] not in _NOT_ANALYSIS]
    lexicons = [p for p in _package_files("lexicon/*.toml") if p.name not in WRITER_LEXICONS]
    gazetteer = [p for p in _gazetteer_files() if p.suffix not in (".py", ".md")]
    return _digest(["analysis", geo.__version__, *_libraries(), *_files(code + lexicons + gazetteer)])


@cache
def _bundled_drawing() -> str:
    code = [p for p in _package_files("write/**/*") if p.is_file() and "__pycache__" not in p.parts]
    lexicons = [_PACKAGE / "lexicon" / name for name in WRITER_LEXICONS]
    data = _basemap_files() + [p for p in _gazetteer_files() if p.name.startswith("areas.")]  # drawn, not analysed
    return _digest(["drawing", geo.__version__, *_libraries(), *_files(code + lexicons + data)])


def _basemap_files() -> list[Path]:
    from importlib.resources import files

    folder = Path(str(files("geo._basemap")))
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".gz")


def _package_files(pattern: str) -> list[Path]:
    return sorted(p for p in _PACKAGE.glob(pattern if "/" in pattern else f"**/{pattern}")
                  if p.is_file() and "__pycache__" not in p.parts)


def _gazetteer_files() -> list[Path]:
    from importlib.resources import files

    folder = Path(str(files("geo._gazetteer")))
    return sorted(p for p in folder.iterdir() if p.is_file())


def _libraries() -> list[str]:
    """Name and version of each installed library Frontline depends on (an upgrade may change results)."""
    try:
        requires = metadata.requires("frontline-maps") or []
    except metadata.PackageNotFoundError:
        return []
    names = sorted({_requirement_name(r) for r in requires if "extra ==" not in r})
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==absent")
    return versions


def _requirement_name(requirement: str) -> str:
    name = requirement.split(";")[0].strip()
    for stop in "<>=!~[ (":
        name = name.split(stop)[0]
    return name.lower()


def _files(paths: Iterable[Path]) -> list[str]:
    return [f"{path.relative_to(path.parents[1]).as_posix()}:{_file_digest(path)}" for path in paths]


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
