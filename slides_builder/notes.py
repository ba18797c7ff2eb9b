"""Speaker notes per slide: each slide gets the trainer text that speaks to it and a timing cue.

Authors write one or two `trainer` cells per section, usually at its end, so the notes cannot
follow the cell order alone. The rule, in order:

1. When a section has trainer cells both right after an activity (or discussion) and
   elsewhere, the ones right after an activity speak to that activity's slides and the
   others to the section's own slides.
2. Otherwise (the usual single trainer cell at the end of a section), every trainer
   paragraph of the section is spread over all its slides, activities included, in order.
3. Within a group, paragraphs (a paragraph and the list that follows it stay together) are
   spread over the group's slides in order, by length, never repeated.
"""
from __future__ import annotations

from curriculum.model import BulletList, Cell, Heading, Paragraph, Section, plain_text, walk_blocks


def paragraphs(cells: tuple[Cell, ...] | list[Cell]) -> list[str]:
    """Trainer text as note paragraphs; a list stays with the paragraph just before it."""
    out: list[str] = []
    for cell in cells:
        after_paragraph = False
        for block in walk_blocks(cell.blocks):
            if isinstance(block, (Paragraph, Heading)):
                out.append(plain_text(block.inlines))
                after_paragraph = True
            elif isinstance(block, BulletList):
                items = "\n".join("  " * i.depth + "- " + plain_text(i.inlines) for i in block.items)
                if after_paragraph:
                    out[-1] += "\n" + items
                else:
                    out.append(items)
                after_paragraph = False
    return [p for p in out if p.strip()]


def trainer_groups(section: Section) -> tuple[list[Cell], dict[int, list[Cell]]]:
    """(cells for the section's own slides, {activity cell index: cells for its slides})."""
    own: list[Cell] = []
    by_activity: dict[int, list[Cell]] = {}
    previous: Cell | None = None
    for cell in section.cells:
        if cell.is_trainer:
            if previous is not None and (previous.is_activity or previous.is_discussion):
                by_activity.setdefault(previous.index, []).append(cell)
            else:
                own.append(cell)
        else:
            previous = cell
    return own, by_activity


def spread(units: list[str], slides: int) -> list[list[str]]:
    """`units` over `slides` in order, contiguous, balanced by length; each unit used once."""
    if slides <= 0:
        return []
    if len(units) <= slides:  # one each, spaced out from the first slide
        out: list[list[str]] = [[] for _ in range(slides)]
        for i, unit in enumerate(units):
            out[i * slides // len(units)].append(unit)
        return out
    out, i = [], 0
    for slide in range(slides):
        left = slides - slide
        if left == 1:
            out.append(units[i:])
            break
        target = sum(len(u) for u in units[i:]) / left
        group, size = [units[i]], len(units[i])
        i += 1
        while len(units) - i > left - 1 and abs(size + len(units[i]) - target) < abs(size - target):
            group.append(units[i])
            size += len(units[i])
            i += 1
        out.append(group)
    return out
