"""The one list of cell tags an author may use, and what each one means for each output."""
from __future__ import annotations

from enum import Enum


class Tag(str, Enum):
    TRAINER = "trainer"
    SLIDES_ONLY = "slides-only"
    BOOK_ONLY = "book-only"
    HANDOUT = "handout"
    ACTIVITY = "activity"
    DISCUSSION = "discussion"

    @classmethod
    def names(cls) -> list[str]:
        return [tag.value for tag in cls]


#: Tags that take a cell out of the participant book (trainer notes and slide bullets).
NOT_IN_BOOK = frozenset({Tag.TRAINER, Tag.SLIDES_ONLY})
#: Tags that take a cell out of the slide bodies (trainer notes become speaker notes instead).
NOT_ON_SLIDES = frozenset({Tag.TRAINER, Tag.BOOK_ONLY})
#: Tags that may never be combined with another one: the cell has a single destination.
EXCLUSIVE = frozenset({Tag.TRAINER, Tag.SLIDES_ONLY, Tag.BOOK_ONLY})
