"""Currency rules: reviews that are too old, dates in the future, facts marked for review."""
from __future__ import annotations

from ..model import Review, block_inlines, walk_blocks, walk_inlines
from . import Context, error, warning


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
                            yield warning(module, f"cell {cell.number}, line {getattr(block, 'line', 1)}",
                                          "currency.marked-for-review", f"marked for review: {item.note}")
