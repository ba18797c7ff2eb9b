"""Timing realism: a module's declared minutes against what its spoken text and activities take."""
from __future__ import annotations

from ..timing import TOLERANCE, WORDS_PER_MINUTE, estimable, estimated_minutes, off_by, spoken_words
from . import Context, warning


def check(context: Context):
    for module in context.curriculum.modules:
        if estimable(module) and off_by(module) > TOLERANCE:
            estimate = estimated_minutes(module)
            yield warning(module, "metadata 'untangle.minutes'", "timing.unrealistic",
                          f"declares {module.minutes.total} minutes but its slides and trainer notes "
                          f"({spoken_words(module)} words at {WORDS_PER_MINUTE} a minute) and activities "
                          f"take about {estimate}; fix 'minutes' (a workshop agenda plans with "
                          f"{max(estimate, module.minutes.total)})")
