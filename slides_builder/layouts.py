"""Which template layout each kind of slide uses, by name, and its placeholders by index.

Naming layouts (never `slide_layouts[6]`) lets an organization drop in its own branded
template: `check_template` says exactly what is missing when it does not fit. The master's
slide-number placeholder (type `sldNum`) says where the "n / total" box goes, and the master's
shape named `Logo` marks the logo area; the two never overlap.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx.presentation import Presentation as PresentationType

from curriculum.errors import BuildError


@dataclass(frozen=True)
class Layout:
    name: str
    title: int = 0
    body: int | None = 1
    second: int | None = None  # a right column, the minutes of an activity or discussion
    timer: int | None = None  # an activity's timer area
    picture: int | None = None  # a picture placeholder: its box is where the picture is fitted

    @property
    def indexes(self) -> tuple[int, ...]:
        return tuple(i for i in (self.title, self.body, self.second, self.timer, self.picture) if i is not None)


TITLE = Layout("Untangle Title", second=2)  # subtitle (summary), length
AGENDA = Layout("Untangle Agenda")  # what you will learn
SECTION = Layout("Untangle Section")  # a section with nothing but its title
CONTENT = Layout("Untangle Content")
TWO_COLUMNS = Layout("Untangle Two Columns", second=2)
PICTURE_TEXT = Layout("Untangle Picture and Text", picture=3)
FULL_PICTURE = Layout("Untangle Full Picture", body=None, picture=3)
ACTIVITY = Layout("Untangle Activity", second=2, timer=4)
DISCUSSION = Layout("Untangle Discussion", second=2)
KEY_FACT = Layout("Untangle Key Fact")  # one short statement, large
SOURCES = Layout("Untangle Sources", picture=3)  # where the full list is, and a QR code
CLOSING = Layout("Untangle Closing")  # legal-help notice

ALL = (TITLE, AGENDA, SECTION, CONTENT, TWO_COLUMNS, PICTURE_TEXT, FULL_PICTURE, ACTIVITY,
       DISCUSSION, KEY_FACT, SOURCES, CLOSING)


def check_template(prs: PresentationType, path: Path) -> None:
    """Fail with one message if the template lacks a layout or placeholder we use."""
    for layout in ALL:
        found = prs.slide_layouts.get_by_name(layout.name)
        if found is None:
            raise BuildError(f"the slide template has no layout named '{layout.name}' "
                             f"(see slides_builder/layouts.py)", path)
        indexes = {ph.placeholder_format.idx for ph in found.placeholders}
        for idx in layout.indexes:
            if idx not in indexes:
                raise BuildError(f"layout '{layout.name}' has no placeholder with idx {idx}", path)
    if number_box(prs) is None:
        raise BuildError("the slide master has no slide-number placeholder", path)


def number_box(prs: PresentationType):
    """(left, top, width, height) of the master's slide-number placeholder, or None."""
    for shape in prs.slide_master.placeholders:
        if "SLIDE_NUMBER" in str(shape.placeholder_format.type):
            return shape.left, shape.top, shape.width, shape.height
    return None
