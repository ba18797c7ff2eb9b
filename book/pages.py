"""What the book's pages link to besides their own text: the downloads a lesson offers and the
other languages a page can switch to. Plain data, shared by the renderer (which decides what
exists) and the page writer (which turns it into links)."""
from __future__ import annotations

from dataclasses import dataclass

#: The lesson pages' folder in each language's book.
LESSONS = "lessons"


@dataclass(frozen=True)
class Download:
    kind: str  # the output it comes from: "slides", "handouts", "guides", "cards"
    name: str  # its file name in the lesson page's downloads/ folder


@dataclass(frozen=True)
class Translation:
    """Another language's book: a page switches to its same page there, or to its home page
    when that language has no such lesson."""

    code: str
    name: str  # the language's own name ("Español")
    lessons: frozenset[str]  # module ids it has
