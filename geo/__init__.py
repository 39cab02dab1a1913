"""Frontline: dated maps of who holds what, from English news reports of a war."""

__version__ = "0.1.0"
