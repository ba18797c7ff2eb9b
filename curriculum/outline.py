"""What goes on each slide, decided once so the deck and `check` agree.

A section's slide cells become bullets (a paragraph or a list item each); bullets are then
grouped into slides of at most `max_bullets`. `check` warns about what would overflow.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .languages import all_debrief_labels
from .tags import Tag
from .model import (
    BulletList,
    Cell,
    Figure,
    Heading,
    Diagram,
    Image,
    Timeline,
    Inlines,
    Paragraph,
    Section,
    Table,
    plain_text,
    walk_blocks,
)


@dataclass(frozen=True)
class Bullet:
    inlines: Inlines
    level: int
    cell: Cell


@dataclass(frozen=True)
class SlidePlan:
    """One content slide: a title, its bullets, and at most one picture or table."""

    title: str
    bullets: tuple[Bullet, ...]
    image: Image | None = None
    figure: Figure | None = None
    table: Table | None = None
    image_cell: Cell | None = None
    part: int = 1  # 2, 3... when a long section continues
    drawing: Diagram | Timeline | None = None  # a picture generated from data (curriculum/diagrams.py)


def bullets_of(cells: tuple[Cell, ...]) -> list[Bullet]:
    out: list[Bullet] = []
    for cell in cells:
        for block in walk_blocks(cell.blocks):
            if isinstance(block, (Paragraph, Heading)):
                out.append(Bullet(block.inlines, 0, cell))
            elif isinstance(block, BulletList):
                out.extend(Bullet(item.inlines, min(item.depth, 1), cell) for item in block.items)
    return out


def plan_section(section: Section, max_bullets: int,
                 fits: Callable[[list[Bullet]], bool] | None = None) -> list[SlidePlan]:
    """The content slides of one section (activities and discussions get their own); `fits`
    says whether bullets fit one slide (the deck measures them, `check` only counts)."""
    cells = section.slide_cells
    if section.title is None and not any(Tag.SLIDES_ONLY in c.tags for c in cells):
        return []  # the title slide introduces the lesson; intro prose stays in the book
    bullets = bullets_of(cells)
    # Pictures, tables and figures are shown even when slides-only bullets replace the text.
    shown = [c for c in section.cells if c.on_slides and not (c.is_activity or c.is_discussion)]
    visuals = [(b, c) for c in shown for b in walk_blocks(c.blocks) if isinstance(b, (Image, Table))]
    figures = [(c.figure, c) for c in shown if c.figure]
    title = section.title or ""
    chunks = chunk_bullets(bullets, max_bullets, fits) or [[]]
    plans = [SlidePlan(title, tuple(chunk), part=n) for n, chunk in enumerate(chunks, start=1)]
    for block, cell in visuals:
        if isinstance(block, Image):
            plans.append(SlidePlan(title, (), image=block, image_cell=cell, part=len(plans) + 1))
        else:
            plans.append(SlidePlan(title, (), table=block, image_cell=cell, part=len(plans) + 1))
    for figure, cell in figures:
        plans.append(SlidePlan(title, (), figure=figure, image_cell=cell, part=len(plans) + 1))
    for cell in shown:  # drawings made from data get a picture slide each
        for block in walk_blocks(cell.blocks):
            if isinstance(block, (Diagram, Timeline)):
                plans.append(SlidePlan(title, (), image_cell=cell, part=len(plans) + 1, drawing=block))
    return [p for p in plans if p.bullets or p.image or p.figure or p.table or p.drawing] or (
        [SlidePlan(title, ())] if section.title else []
    )


def chunk_bullets(bullets: list[Bullet], size: int,
                  fits: Callable[[list[Bullet]], bool] | None = None) -> list[list[Bullet]]:
    """Slides of at most `size` bullets (and, given `fits`, only as many as fit the slide),
    keeping each sub-bullet with its parent, spread evenly so no slide after the first holds
    a lone leftover bullet."""
    units: list[list[Bullet]] = []
    for bullet in bullets:
        if bullet.level > 0 and units:
            units[-1].append(bullet)
        else:
            units.append([bullet])
    slides = _fill(units, size, fits)
    if len(slides) > 1:  # the same number of slides, filled evenly: 4 + 3, not 6 + 1
        even = _fill(units, -(-len(bullets) // len(slides)), fits)
        if len(even) == len(slides):
            slides = even
    for n in range(1, len(slides)):
        if len(slides[n]) == 1 and len(slides[n - 1]) > 2:
            last = _last_unit(slides[n - 1])
            moved = slides[n - 1][-last:] + slides[n]
            if len(slides[n - 1]) - last >= 2 and (fits is None or fits(moved)):
                slides[n - 1], slides[n] = slides[n - 1][:-last], moved
    if any(len(s) == 1 for s in slides[1:]):  # filled from the end, the short slide comes first
        backward = [list(reversed(s)) for s in reversed(_fill(
            [list(reversed(u)) for u in reversed(units)], size, fits and (lambda b: fits(b[::-1]))))]
        if len(backward) == len(slides) and not any(len(s) == 1 for s in backward[1:]):
            slides = backward
    return slides


def _fill(units: list[list[Bullet]], size: int, fits) -> list[list[Bullet]]:
    slides: list[list[Bullet]] = []
    for unit in units:
        if slides and len(slides[-1]) + len(unit) <= size and (fits is None or fits(slides[-1] + unit)):
            slides[-1].extend(unit)
            continue
        for i in range(0, len(unit), size):
            part = unit[i : i + size]
            while fits is not None and len(part) > 1 and not fits(part):
                slides.append(part[:1])  # a parent with many sub-bullets: as many as fit
                part = part[1:]
            slides.append(part)
    return slides


def _last_unit(slide: list[Bullet]) -> int:
    """How many bullets at the end of `slide` belong together (a bullet and its sub-bullets)."""
    n = 1
    while n < len(slide) and slide[-n].level > 0:
        n += 1
    return n


def activity_bullets(cell: Cell) -> list[Bullet]:
    """An activity's or discussion's steps, for its own slide (the debrief goes to the notes)."""
    return [b for b in bullets_of((cell,)) if not _is_debrief(b)]


def _is_debrief(bullet: Bullet) -> bool:
    return plain_text(bullet.inlines).casefold().startswith(all_debrief_labels())
