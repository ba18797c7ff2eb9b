"""Which template layout each kind of slide uses, by name, and its placeholders by index.

Naming layouts (never `slide_layouts[6]`) lets an organization drop in its own branded
template: `check_template` says exactly what is missing when it does not fit.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx.presentation import Presentation as PresentationType

from curriculum.errors import BuildError


@dataclass(frozen=True)
class Layout:
    name: str
    title: int
    body: int | None = None


TITLE = Layout("Title Slide", title=0, body=1)
CONTENT = Layout("Title and Content", title=0, body=1)
SECTION = Layout("Section Header", title=0, body=1)
VISUAL = Layout("Title Only", title=0)

ALL = (TITLE, CONTENT, SECTION, VISUAL)


def check_template(prs: PresentationType, path: Path) -> None:
    """Fail with one message if the template lacks a layout or placeholder we use."""
    for layout in ALL:
        found = prs.slide_layouts.get_by_name(layout.name)
        if found is None:
            raise BuildError(f"the slide template has no layout named '{layout.name}'", path)
        indexes = {ph.placeholder_format.idx for ph in found.placeholders}
        for idx in (layout.title, layout.body):
            if idx is not None and idx not in indexes:
                raise BuildError(f"layout '{layout.name}' has no placeholder with idx {idx}", path)
