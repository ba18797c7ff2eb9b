"""A suggested timetable for one lesson, optionally starting at a clock time, and the deck's
slide numbers for each part (the lesson plan prints them beside each cue).

Activities and discussions keep the minutes their cells give; a discussion without minutes is
listed with 0 (it runs inside its section's teaching time). The module's teaching minutes are
shared among the sections in proportion to the participant text each one holds, so the parts
always add up to the lesson's length.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from .model import Module, Section, Text, block_inlines, plain_text, walk_blocks
from .outline import Bullet, SlidePlan, activity_bullets, chunk_bullets, plan_section


@dataclass(frozen=True)
class Slot:
    label: str
    minutes: int
    section: str | None  # the section title it belongs to (None: the introduction)
    kind: str  # "teaching", "activity" or "discussion"
    starts: time | None = None
    cell: int | None = None  # the activity's or discussion's cell index


def _words(section: Section) -> int:
    return sum(
        len(plain_text(inlines).split())
        for cell in section.book_cells
        if not (cell.is_activity or cell.is_discussion)
        for block in walk_blocks(cell.blocks)
        for inlines in block_inlines(block)
    )


def _share(total: int, weights: list[int]) -> list[int]:
    """Split `total` minutes by `weights` in whole minutes (largest remainder), summing to total."""
    if not weights or sum(weights) == 0:
        return [total] + [0] * (len(weights) - 1) if weights else []
    exact = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)[: total - sum(shares)]:
        shares[i] += 1
    return shares


def schedule(module: Module, teaching_label: str, start: time | None = None) -> list[Slot]:
    sections = list(module.sections)
    teaching = _share(module.minutes.teaching, [_words(s) for s in sections])
    slots: list[Slot] = []
    for section, minutes in zip(sections, teaching, strict=True):
        title = section.title or teaching_label
        if minutes:
            slots.append(Slot(title, minutes, section.title, "teaching"))
        for cell in section.cells:
            if cell.is_activity or cell.is_discussion:
                label = cell.activity_name if cell.is_activity else title
                slots.append(Slot(label, cell.minutes or 0, section.title,
                                  "activity" if cell.is_activity else "discussion", cell=cell.index))
    if start is None:
        return slots
    clock = datetime.combine(datetime(2000, 1, 1), start)
    timed = []
    for slot in slots:
        timed.append(Slot(slot.label, slot.minutes, slot.section, slot.kind, clock.time(), slot.cell))
        clock += timedelta(minutes=slot.minutes)
    return timed


# ---------------------------------------------------------------- slide numbers


@dataclass(frozen=True)
class Slides:
    """Slide numbers (1-based, inclusive) of one part of the deck."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}\u2013{self.last}"


@dataclass
class DeckMap:
    """Where each part of a lesson falls in its deck: the opening (title and objectives), each
    section's content slides (with their plans), each activity's and discussion's slides, and
    the closing (key points, sources, closing slide)."""

    opening: Slides
    plans: dict[int, list[tuple[int, SlidePlan]]] = field(default_factory=dict)  # by section position
    cells: dict[int, Slides] = field(default_factory=dict)  # by activity/discussion cell index
    spans: dict[int, Slides | None] = field(default_factory=dict)  # a section's slides, all of them
    closing: Slides | None = None

    def content(self, position: int) -> Slides | None:
        """The content slides of the section at `position` (its activities' not included)."""
        numbers = [n for n, _ in self.plans.get(position, [])]
        return Slides(min(numbers), max(numbers)) if numbers else None


def deck_map(module: Module, max_bullets: int) -> DeckMap:
    """The slide numbers of the deck as `slides_builder` orders it today: a title slide, the
    objectives, then per section its content slides (`outline.plan_section`), its activities and
    its discussions, then key points, sources and a closing slide.

    Computed here from the outline rather than read from the deck, because a renderer never
    reads another's output. If the deck's order changes, change it here too (the lesson-plan
    tests compare the numbers with the real deck).
    """
    def count(bullets: list[Bullet]) -> int:
        return max(1, len(chunk_bullets(bullets, max_bullets)))

    def plain(texts) -> list[Bullet]:
        return [Bullet((Text(t),), 0, None) for t in texts]  # type: ignore[arg-type]

    number = 1 + count(plain(module.objectives))
    result = DeckMap(Slides(1, number))
    for position, section in enumerate(module.sections):
        plans, span_start = [], number + 1
        for plan in plan_section(section, max_bullets):
            number += 1
            plans.append((number, plan))
        for cell in (*section.activities, *section.discussions):
            first = number + 1
            number += count(activity_bullets(cell))
            result.cells[cell.index] = Slides(first, number)
        result.plans[position] = plans
        result.spans[position] = Slides(span_start, number) if number >= span_start else None
    first = number + 1
    number += count(plain(module.key_points)) + _source_slides(module, max_bullets) + 1
    result.closing = Slides(first, number)
    return result


#: Sources per slide in the deck (slides_builder.render.SOURCES_PER_SLIDE).
SOURCES_PER_SLIDE = 6


def _source_slides(module: Module, max_bullets: int) -> int:
    return -(-len(module.sources) // min(SOURCES_PER_SLIDE, max_bullets))
