"""Terminology rule: each legal term has one rendering per language (`modules/terms.<lang>.yml`).

A reader who meets "orden de arresto de ICE" in one lesson and "orden de ICE" in the next
cannot tell they are the same paper, so every variant listed under `avoid` is flagged, in
participant text and trainer notes alike.
"""
from __future__ import annotations

import re

from ..model import block_inlines, plain_text, walk_blocks
from . import Context, warning


def _pattern(variants) -> re.Pattern:
    """One pattern for every variant of a language, longest first, whole words only."""
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def check(context: Context):
    for module in context.curriculum.modules:
        term_list = context.curriculum.term_lists.get(module.lang)
        if term_list is None or not term_list.rules:
            continue
        by_variant = {variant.casefold(): rule for rule in term_list.rules for variant in rule.avoid}
        pattern = _pattern(by_variant)
        texts = [("metadata 'untangle'", " ".join((module.title, module.summary, *module.objectives, *module.key_points)))]
        for cell in module.cells:
            if cell.title:
                texts.append((f"cell {cell.number}", cell.title))
            for block in walk_blocks(cell.blocks):
                for inlines in block_inlines(block):
                    texts.append((f"cell {cell.number}, line {getattr(block, 'line', 1)}", plain_text(inlines)))
        for place, text in texts:
            for variant in dict.fromkeys(m.group(0).casefold() for m in pattern.finditer(text)):
                rule = by_variant[variant]
                yield warning(module, place, "language.term-variant",
                              f"'{variant}' for {rule.concept}: write '{rule.use}' "
                              f"({term_list.path.name}, line {rule.line})")
