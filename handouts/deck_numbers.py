"""The slide numbers a lesson plan prints, read from the lesson's real deck.

The deck lays bullets out by measuring them with the font, so only the deck itself knows how
many slides a section takes. The lesson plan renders after the deck (`GuideRenderer.after`) and
reads its slide titles and bullets: sections are found in lesson order, activities and
discussions by their titles. Without a deck (a guides-only build with none published) the plan
falls back to the outline's estimate, `curriculum.schedule.deck_map`.
"""
from __future__ import annotations

from pathlib import Path

from curriculum.languages import Words
from curriculum.model import Module, Text
from curriculum.outline import Bullet, SlidePlan
from curriculum.schedule import DeckMap, Slides


def _is(title: str, base: str) -> bool:
    return title == base or title.startswith(base + " (")


def read_deck_map(path: Path, module: Module, label: Words) -> DeckMap:
    from pptx import Presentation

    slides = list(Presentation(str(path)).slides)
    titles = [slide.shapes.title.text.strip() if slide.shapes.title is not None else "" for slide in slides]
    objectives = [n for n, t in enumerate(titles, start=1) if _is(t, label.objectives)]
    result = DeckMap(Slides(1, max(objectives, default=1)))
    number = result.opening.last + 1  # the next slide to place
    sections = list(module.sections)
    for position, section in enumerate(sections):
        later = [s.title for s in sections[position + 1:] if s.title] + [label.key_points]
        own = [f"{label.activity}: {c.activity_name}" for c in section.activities] + \
              [label.discussion] * len(section.discussions)
        start, plans = number, []
        while number <= len(titles) and not any(_is(titles[number - 1], t) for t in (*own, *later)):
            plans.append((number, SlidePlan(titles[number - 1], _bullets(slides[number - 1]))))
            number += 1
        for cell, title in zip((*section.activities, *section.discussions), own):
            first = number
            while number <= len(titles) and _is(titles[number - 1], title):
                number += 1
            if number > first:
                result.cells[cell.index] = Slides(first, number - 1)
        result.plans[position] = plans
        result.spans[position] = Slides(start, number - 1) if number > start else None
    result.closing = Slides(number, len(titles)) if number <= len(titles) else None
    return result


def _bullets(slide) -> tuple[Bullet, ...]:
    """The bullets a content slide shows (its body placeholders), as plain text."""
    found = []
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == 0 or not shape.has_text_frame:
            continue
        for paragraph in shape.text_frame.paragraphs:
            if paragraph.text.strip():
                found.append(Bullet((Text(paragraph.text.strip()),), min(paragraph.level, 1), None))  # type: ignore[arg-type]
    return tuple(found)
