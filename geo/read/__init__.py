"""Reading: sources into :class:`~geo.records.Article` records (text, dates, paragraphs, sentences)."""
