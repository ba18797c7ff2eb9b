"""Timing realism: a module whose spoken text, activities and discussions cannot fit in the
minutes it declares."""
from __future__ import annotations

from ..timing import TOLERANCE, WORDS_PER_MINUTE, estimable, estimated_minutes, overrun_share, spoken_words
from . import Context, warning


def check(context: Context):
    for module in context.curriculum.modules:
        if estimable(module) and overrun_share(module) > TOLERANCE:
            estimate = estimated_minutes(module)
            yield warning(module, "metadata 'untangle.minutes'", "timing.unrealistic",
                          f"declares {module.minutes.total} minutes but its slides and trainer notes "
                          f"({spoken_words(module)} words at {WORDS_PER_MINUTE} a minute), activities and "
                          f"discussions take about {estimate}; raise 'minutes' or cut text (a workshop agenda "
                          f"plans with {estimate})")
