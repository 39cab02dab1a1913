"""Frontline's exceptions: one base class, each subclass also a builtin.

Every error carries the offending input and says what is wrong in one line,
so the CLI can print ``frontline: <message>`` and carry on with the next input.
"""

from __future__ import annotations

__all__ = [
    "FrontlineError",
    "InputError",
    "GazetteerError",
    "UnknownPlaceError",
    "OutputError",
]


class FrontlineError(Exception):
    """Base class of every error Frontline raises on purpose."""


class _SourcedError(FrontlineError):
    """An error about one input: ``source`` names the file (and line or row)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self):  # survive the trip back from a worker process
        return (type(self), (self.source, self.problem))


class InputError(_SourcedError, ValueError):
    """An input (file, line, row, option) cannot be read as an article."""


class GazetteerError(_SourcedError, ValueError):
    """A gazetteer file or row is malformed."""


class UnknownPlaceError(FrontlineError, LookupError):
    """No gazetteer place answers to ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no place in the gazetteer is called {name!r}")

    def __reduce__(self):
        return (type(self), (self.name,))


class OutputError(FrontlineError, OSError):
    """The output folder cannot be written as asked."""
