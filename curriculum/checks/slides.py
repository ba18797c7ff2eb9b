"""Slide and handout rules: what would overflow is reported against the notebook cell."""
from __future__ import annotations

from ..model import block_inlines, plain_text, walk_blocks
from ..outline import bullets_of
from ..tags import Tag
from . import Context, error, warning


def check(context: Context):
    max_bullets = context.config.max_bullets_per_slide
    max_chars = context.config.max_bullet_chars
    for module in context.curriculum.modules:
        for section in module.sections:
            if section.title is None and not any(Tag.SLIDES_ONLY in c.tags for c in section.cells):
                continue  # intro prose is not put on slides
            for cell in section.slide_cells:
                bullets = bullets_of((cell,))
                if Tag.SLIDES_ONLY in cell.tags and len(bullets) > max_bullets:
                    yield warning(module, f"cell {cell.number}", "slides.too-many-bullets",
                                  f"{len(bullets)} bullets (at most {max_bullets} fit one slide); the deck will split them")
                for bullet in bullets:
                    text = plain_text(bullet.inlines)
                    if len(text) > max_chars:
                        fix = ("shorten it to a few words (the full sentence can go in the book text)"
                               if Tag.SLIDES_ONLY in cell.tags else
                               "add a 'slides-only' cell with short bullets to this section")
                        yield warning(module, f"cell {cell.number}", "slides.overflow",
                                      f"a {len(text)}-character bullet would overflow its slide "
                                      f"(\"{text[:40]}...\", at most {max_chars}); {fix}")
        words = sum(
            len(plain_text(inlines).split())
            for cell in module.cells
            if cell.in_handout
            for inlines in _runs(cell)
        )
        if words > context.config.max_handout_words:
            yield error(module, "cells tagged 'handout'", "handout.too-long",
                        f"{words} words will not fit a two-page handout (at most {context.config.max_handout_words})")


def _runs(cell):
    for block in walk_blocks(cell.blocks):
        yield from block_inlines(block)
