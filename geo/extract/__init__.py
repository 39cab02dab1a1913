"""Extraction: control events, actors, dates and distance claims read from an article's sentences."""
