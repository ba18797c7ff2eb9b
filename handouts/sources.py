"""Short source entries for print, in the handout's language (the notes translated by
`curriculum.source_notes`)."""
from __future__ import annotations

from curriculum.model import Source
from curriculum.source_notes import in_language


def short_source(source: Source, lang: str) -> str:
    """Publisher, "title," date. Address: one line of the handout's source list."""
    source = in_language(source, lang)
    return f"{source.publisher}, \u201c{source.title},\u201d {source.date}. {source.url}"
