"""How long a lesson really takes, estimated from what the trainer says.

A trainer reads out the slides and talks through the trainer notes at about 130 words a minute;
activities and discussions take the minutes their cells give (a discussion without minutes,
which runs inside teaching time, still takes `DISCUSSION_MINUTES`). `check` warns when this
estimate runs well past a module's declared minutes (the plan cannot fit; declaring more time
than the text takes is room for questions, not a mistake), and a workshop's agenda plans with
the larger of the two, so an evening is not planned on optimistic numbers.
"""
from __future__ import annotations

from dataclasses import replace
from math import ceil

from .model import Minutes, Module, block_inlines, plain_text, walk_blocks

WORDS_PER_MINUTE = 130
#: An estimate past the declared minutes by more than this share of them is a warning.
TOLERANCE = 0.25
#: What a discussion whose cell gives no minutes takes: the length of every timed discussion
#: in the curriculum (a few questions to the room).
DISCUSSION_MINUTES = 5
#: Below this many spoken words (five minutes) the page does not hold the talk: the trainer
#: speaks beyond it, so no estimate is made (a sample or slides-only lesson).
MIN_WORDS = 5 * WORDS_PER_MINUTE


def spoken_words(module: Module) -> int:
    """Words of slide text and trainer notes: what the trainer says aloud."""
    cells = {c.index: c for s in module.sections for c in (*s.slide_cells, *s.trainer_cells)}
    return sum(len(plain_text(inlines).split()) for cell in cells.values()
               for block in walk_blocks(cell.blocks) for inlines in block_inlines(block))


def exercise_minutes(module: Module) -> int:
    """Minutes of the activities and discussions (every activity states its minutes)."""
    return sum(c.minutes or (DISCUSSION_MINUTES if c.is_discussion else 0) for c in module.cells
               if c.is_activity or c.is_discussion)


def estimated_minutes(module: Module) -> int:
    return ceil(spoken_words(module) / WORDS_PER_MINUTE) + exercise_minutes(module)


def estimable(module: Module) -> bool:
    return spoken_words(module) >= MIN_WORDS


def overrun_share(module: Module) -> float:
    """How far the estimate runs past the declared total, as a share of it (0 when it fits)."""
    declared = module.minutes.total
    return max(0, estimated_minutes(module) - declared) / declared if declared else 0.0


def planned(module: Module) -> Module:
    """The module with the larger of its declared and estimated length (the extra minutes go to
    teaching), which is what a workshop agenda plans with."""
    extra = estimated_minutes(module) - module.minutes.total
    if extra <= 0 or not estimable(module):
        return module
    return replace(module, minutes=Minutes(module.minutes.teaching + extra, module.minutes.activities))
