"""Currency rules: reviews that are too old, dates in the future, facts marked for review,
and dated ("as of") facts that are due for a re-check."""
from __future__ import annotations

from datetime import date

import re

from ..model import AsOf, Module, Review, block_inlines, walk_blocks, walk_inlines
from . import Context, error, warning

#: Words that show a review note records the search already made, in each language.
SEARCHED = re.compile(r"search|looked|not found|busc|búsqued|no se encontr|no encontr", re.IGNORECASE)


def fact_date(value: str) -> date:
    """The day an `{asof}` date stands for: its first day when only the month is given."""
    return date.fromisoformat(value if len(value) == 10 else value + "-01")


def dated_facts(module: Module):
    """(place, AsOf) for every dated fact of a module, trainer notes included."""
    for cell in module.cells:
        for block in walk_blocks(cell.blocks):
            for inlines in block_inlines(block):
                for item in walk_inlines(inlines):
                    if isinstance(item, AsOf):
                        yield f"cell {cell.number}, line {getattr(block, 'line', 1)}", item


def check(context: Context):
    limit = context.config.max_review_age_days
    for module in context.curriculum.modules:
        meta = "metadata 'untangle.last_reviewed'"
        age = (context.today - module.last_reviewed).days
        if age < 0:
            yield error(module, meta, "currency.future-date", f"last_reviewed {module.last_reviewed} is in the future")
        elif age > limit:
            yield warning(module, meta, "currency.stale",
                          f"last reviewed {age} days ago (over {limit}); re-check the facts and move the date")
        for n, source in enumerate(module.sources, start=1):
            if (context.today - source.accessed).days < 0:
                yield error(module, f"metadata 'untangle.sources[{n}]'", "currency.future-date",
                            f"source '{source.id}' was accessed in the future ({source.accessed})")
        for cell in module.cells:
            for block in walk_blocks(cell.blocks):
                for inlines in block_inlines(block):
                    for item in walk_inlines(inlines):
                        if isinstance(item, Review):
                            place = f"cell {cell.number}, line {getattr(block, 'line', 1)}"
                            yield warning(module, place, "currency.marked-for-review", f"marked for review: {item.note}")
                            if not SEARCHED.search(item.note):
                                yield warning(module, place, "currency.review-unsearched",
                                              "say in the {review} note what was searched and when, so the next "
                                              "reviewer does not repeat it (e.g. \"searched X and Y in Dec 2026\")")
        max_age = context.config.max_fact_age_days
        for place, fact in dated_facts(module):
            try:
                age = (context.today - fact_date(fact.date)).days
            except ValueError:
                yield error(module, place, "currency.bad-date", f"{{asof}} date {fact.date} is not a real date")
                continue
            if age < 0:
                yield error(module, place, "currency.future-date", f"{{asof}} date {fact.date} is in the future")
            elif age > max_age:
                shown = f" (\"{fact.text}\")" if fact.text else ""
                yield warning(module, place, "currency.fact-age",
                              f"a fact dated {fact.date}{shown} is {age} days old (over {max_age}); "
                              "re-check it and move its {asof} date")
