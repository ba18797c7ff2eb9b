"""Translation rules: a translated module keeps step with its English original.

Translators keep the same cells, tags, timing and sources (docs/authoring.md, section 6), so
any drift means one side changed without the other. These are warnings: a translation may lag
for a while, but the author should see it.
"""
from __future__ import annotations

from ..model import AsOf, Cell, block_inlines, cards_of, walk_blocks, walk_inlines
from . import Context, warning

ORIGINAL = "en"


def check(context: Context):
    originals = {m.id: m for m in context.curriculum.modules if m.lang == ORIGINAL}
    for module in context.curriculum.modules:
        original = originals.get(module.id)
        if module.lang == ORIGINAL or original is None:
            continue
        meta = "metadata 'untangle'"
        if original.last_reviewed > module.last_reviewed:
            yield warning(module, "metadata 'untangle.last_reviewed'", "translation.behind",
                          f"the English was reviewed on {original.last_reviewed}, after this translation "
                          f"({module.last_reviewed}); bring the changes across")
        if original.minutes != module.minutes:
            yield warning(module, meta, "translation.minutes", "the minutes differ from the English")
        missing = [s.id for s in original.sources if module.source(s.id) is None]
        if missing:
            yield warning(module, meta, "translation.sources", f"sources of the English missing here: {', '.join(missing)}")
        ours, theirs = module.cells, original.cells
        if len(ours) != len(theirs):
            yield warning(module, "notebook", "translation.cells",
                          f"{len(ours)} cells here, {len(theirs)} in the English")
            continue
        for mine, english in zip(ours, theirs, strict=True):
            if mine.tags != english.tags or mine.minutes != english.minutes:
                yield warning(module, f"cell {mine.number}", "translation.cell",
                              "tags or minutes differ from the same cell in the English")
            if len(cards_of(mine)) != len(cards_of(english)):
                yield warning(module, f"cell {mine.number}", "translation.cards",
                              f"{len(cards_of(mine))} cards here, {len(cards_of(english))} in the English: "
                              "each card sheet must print the same set")
            ours_dates, theirs_dates = _fact_dates(mine), _fact_dates(english)
            if ours_dates != theirs_dates:
                yield warning(module, f"cell {mine.number}", "translation.asof",
                              f"the English cell dates its facts {', '.join(theirs_dates) or 'not at all'}, "
                              f"this one {', '.join(ours_dates) or 'not at all'}; bring the update across")


def _fact_dates(cell: Cell) -> list[str]:
    """The sorted {asof} dates of one cell: an English fact re-dated without its translation shows here."""
    return sorted(item.date for block in walk_blocks(cell.blocks) for inlines in block_inlines(block)
                  for item in walk_inlines(inlines) if isinstance(item, AsOf))
