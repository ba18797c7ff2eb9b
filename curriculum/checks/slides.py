"""Slide and handout rules: what would overflow is reported against the notebook cell.

A slide title has room for two lines; how many characters that is depends on the language
(`slide_title_chars` in curriculum/languages/<lang>.yml), since Spanish runs longer.
"""
from __future__ import annotations

from ..languages import language
from ..model import block_inlines, plain_text, walk_blocks
from ..outline import bullets_of
from ..tags import Tag
from . import Context, error, warning


def check(context: Context):
    max_bullets = context.config.max_bullets_per_slide
    max_chars = context.config.max_bullet_chars
    for module in context.curriculum.modules:
        yield from _long_titles(module)
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


def _long_titles(module):
    """Section and activity titles that would wrap past two lines on their slide."""
    lang = language(module.lang)
    limit = lang.slide_title_chars
    for section in module.sections:
        titles = [(section.title, f"cell {section.heading_cell + 1}" if section.heading_cell is not None else "")]
        titles += [(f"{lang.words.activity}: {c.activity_name}", f"cell {c.number}") for c in section.activities]
        for title, place in titles:
            if title and len(title) > limit:
                yield warning(module, place or "title", "slides.long-title",
                              f"the slide title \"{title[:40]}...\" has {len(title)} characters; at most "
                              f"{limit} fit two lines in {lang.name} (shorten it)")
