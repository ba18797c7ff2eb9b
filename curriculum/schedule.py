"""A suggested timetable for one lesson, optionally starting at a clock time.

Activities and discussions keep the minutes their cells give. The module's teaching minutes
are shared among the sections in proportion to the participant text each one holds, so the
parts always add up to the lesson's length.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .model import Module, Section, block_inlines, plain_text, walk_blocks


@dataclass(frozen=True)
class Slot:
    label: str
    minutes: int
    section: str | None  # the section title it belongs to (None: the introduction)
    kind: str  # "teaching", "activity" or "discussion"
    starts: time | None = None


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
            if (cell.is_activity or cell.is_discussion) and cell.minutes:
                label = cell.activity_name if cell.is_activity else title
                slots.append(Slot(label, cell.minutes, section.title, "activity" if cell.is_activity else "discussion"))
    if start is None:
        return slots
    clock = datetime.combine(datetime(2000, 1, 1), start)
    timed = []
    for slot in slots:
        timed.append(Slot(slot.label, slot.minutes, slot.section, slot.kind, clock.time()))
        clock += timedelta(minutes=slot.minutes)
    return timed
