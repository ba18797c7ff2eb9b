"""How long a lesson really takes, estimated from what the trainer says.

A trainer reads out the slides and talks through the trainer notes at about 130 words a minute;
activities and discussions take the minutes their cells give. `check` warns when a module's
declared minutes are far from this estimate, and a workshop's agenda plans with the larger of
the two, so an evening is not planned on optimistic numbers.
"""
from __future__ import annotations

from dataclasses import replace
from math import ceil

from .model import Minutes, Module, block_inlines, plain_text, walk_blocks

WORDS_PER_MINUTE = 130
#: Declared minutes further than this share from the estimate are a warning.
TOLERANCE = 0.25
#: Below this many spoken words (five minutes) the page does not hold the talk: the trainer
#: speaks beyond it, so no estimate is made (a sample or slides-only lesson).
MIN_WORDS = 5 * WORDS_PER_MINUTE


def spoken_words(module: Module) -> int:
    """Words of slide text and trainer notes: what the trainer says aloud."""
    cells = {c.index: c for s in module.sections for c in (*s.slide_cells, *s.trainer_cells)}
    return sum(len(plain_text(inlines).split()) for cell in cells.values()
               for block in walk_blocks(cell.blocks) for inlines in block_inlines(block))


def exercise_minutes(module: Module) -> int:
    return sum(c.minutes or 0 for c in module.cells if c.is_activity or c.is_discussion)


def estimated_minutes(module: Module) -> int:
    return ceil(spoken_words(module) / WORDS_PER_MINUTE) + exercise_minutes(module)


def estimable(module: Module) -> bool:
    return spoken_words(module) >= MIN_WORDS


def off_by(module: Module) -> float:
    """How far the declared total is from the estimate, as a share of the declared total."""
    declared = module.minutes.total
    return abs(estimated_minutes(module) - declared) / declared if declared else 0.0


def planned(module: Module) -> Module:
    """The module with the larger of its declared and estimated length (the extra minutes go to
    teaching), which is what a workshop agenda plans with."""
    extra = estimated_minutes(module) - module.minutes.total
    if extra <= 0 or not estimable(module):
        return module
    return replace(module, minutes=Minutes(module.minutes.teaching + extra, module.minutes.activities))
