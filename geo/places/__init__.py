"""Places: the gazetteer and the mentions of its places in an article."""
