"""Translation progress, cell by cell: what is still English and what the English changed since.

`curriculum translate` marks each cell of a new translation with a hash of the English text
it was copied from (see curriculum/translate.py). A cell whose text still has that hash is
untranslated; a translated cell whose English original no longer has it is outdated. Both are
warnings: a partly translated lesson may be published, and its outputs say so.
"""
from __future__ import annotations

from . import Context, warning

ORIGINAL = "en"
#: Module details a translator must translate too; unchanged English here is reported.
DETAILS = ("title", "summary", "audience")


def check(context: Context):
    originals = {m.id: m for m in context.curriculum.modules if m.lang == ORIGINAL}
    for module in context.curriculum.modules:
        if module.lang == ORIGINAL or not any(module.english_hashes):
            continue
        fix = f"curriculum translate {module.id} --lang {module.lang} --accept"
        for number in module.untranslated_cells:
            yield warning(module, f"cell {number}", "translation.untranslated",
                          "this cell is still in English; translate its text (keep tags, roles and citations)")
        original = originals.get(module.id)
        if original is None:
            continue
        for detail in DETAILS:
            if getattr(module, detail) == getattr(original, detail):
                yield warning(module, f"metadata 'untangle.{detail}'", "translation.untranslated",
                              f"the {detail} is still in English; translate it")
        untranslated = set(module.untranslated_cells)
        for number, (own, marked) in enumerate(zip(module.cell_hashes, module.english_hashes), start=1):
            if not marked or number in untranslated or number > len(original.cell_hashes):
                continue
            if original.cell_hashes[number - 1] != marked:
                yield warning(module, f"cell {number}", "translation.outdated",
                              f"the English cell {number} changed after this cell was translated; bring the "
                              f"change across, then run: {fix}")
