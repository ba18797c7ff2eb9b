"""Structure rules: ids and languages match their files, required parts exist, headings nest."""
from __future__ import annotations

from collections import Counter

from ..model import Directive, Heading, Unsupported, card_sets, walk_blocks
from . import Context, error, warning

MIN_MINUTES, MAX_MINUTES = 20, 45


def check(context: Context):
    ids = Counter((m.id, m.lang) for m in context.curriculum.modules)
    for module in context.curriculum.modules:
        meta = "metadata 'untangle'"
        if module.id != module.folder.name:
            yield error(module, meta, "structure.id-mismatch",
                        f"id '{module.id}' must match the folder name '{module.folder.name}'")
        if module.lang != module.path.stem:
            yield error(module, meta, "structure.lang-mismatch",
                        f"lang '{module.lang}' must match the file name '{module.path.name}'")
        if ids[(module.id, module.lang)] > 1:
            yield error(module, meta, "structure.duplicate-id", f"id '{module.id}' is used by another module")
        if len(module.summary) > 200:
            yield warning(module, meta, "structure.long-summary", "the summary is over 200 characters")
        total = module.minutes.total
        if not MIN_MINUTES <= total <= MAX_MINUTES:
            yield warning(module, meta, "structure.length",
                          f"the lesson lasts {total} minutes; aim for {MIN_MINUTES} to {MAX_MINUTES}")
        timed = sum(c.minutes or 0 for c in module.cells if c.is_activity or c.is_discussion)
        if timed and timed != module.minutes.activities:
            yield warning(module, "metadata 'untangle.minutes'", "structure.activity-minutes",
                          f"activities and discussions add up to {timed} minutes, "
                          f"but 'activities' says {module.minutes.activities}")
        if not any(s.title for s in module.sections):
            yield error(module, "notebook", "structure.no-sections", "add at least one '## Section' heading")
        if not any(c.is_activity for c in module.cells):
            yield error(module, "notebook", "structure.no-activity",
                        "add at least one cell tagged 'activity' (see docs/authoring.md)")
        if not module.sources:
            yield error(module, meta, "structure.no-sources", "list at least one source")
        titles = Counter(s.title for s in module.sections if s.title)
        for title, count in titles.items():
            if count > 1:
                yield error(module, "notebook", "structure.duplicate-section", f"the section '{title}' appears {count} times")
        for cell in module.cells:
            level = 2
            for block in walk_blocks(cell.blocks):
                if isinstance(block, Heading):
                    if block.level > level + 1:
                        yield error(module, f"cell {cell.number}, line {block.line}", "structure.heading-order",
                                    f"a level-{block.level} heading follows level {level}; do not skip levels")
                    level = block.level
                elif isinstance(block, Unsupported):
                    yield error(module, f"cell {cell.number}, line {block.line}", "structure.unsupported-markup", block.what)
                elif isinstance(block, Directive):
                    yield error(module, f"cell {cell.number}, line {block.line}", "structure.unknown-directive",
                                f"unknown box '{{{block.name}}}'; use note, warning or tip "
                                "(or, in an activity, cards)")
            yield from _cards(module, cell)
            if not cell.source.strip() and cell.kind == "markdown":
                yield warning(module, f"cell {cell.number}", "structure.empty-cell", "the cell is empty")


def _cards(module, cell):
    """Cards belong to an activity (its title names the printed sheet); an activity that hands out
    more than one set names each further set (`:title:`), so the sheet can tell them apart."""
    lists = card_sets(cell)
    for block in lists if not cell.is_activity else [b for b in lists[1:] if not b.title]:
        why = ("cards belong in the activity that hands them out (a cell tagged 'activity')" if not cell.is_activity
               else "a second cards list in one activity needs a ':title: …' line naming the set on the sheet "
                    "(or put every card in the first list)")
        yield error(module, f"cell {cell.number}, line {block.line}", "structure.cards-place", why)
