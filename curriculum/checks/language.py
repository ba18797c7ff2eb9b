"""Plain-language rules: reading grade of participant text, the sentences that are too long, and
quotes left straight."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Module, Text, block_inlines, plain_text, walk_blocks, walk_inlines
from ..languages import language
from ..readability import flesch_kincaid_grade, szigriszt_pazos
from . import Context, warning
from ._text import participant_pieces

#: A quote mark the typographic rule left as typed (curriculum/markup.py), with a few words around it.
_STRAIGHT = re.compile(r"\S{0,12}[\"']\S{0,12}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(¿¡A-ZÁÉÍÓÚÑ0-9])")


def prose(module: Module) -> str:
    """The participant text of the module's cells as one run of sentences."""
    parts = []
    for piece in participant_pieces(module):
        if piece.place.startswith("cell"):
            text = plain_text(piece.inlines)
            parts.append(text if text.endswith((".", "?", "!", ":")) else text + ".")
    return " ".join(parts)


_FORMULAS = {"flesch-kincaid-grade": flesch_kincaid_grade, "szigriszt-pazos": szigriszt_pazos}


def readability(module: Module) -> tuple[str, float] | None:
    """(formula, score) with the formula the module's language file names; None when the
    language has no formula ("none") or the module no text."""
    formula = language(module.lang).readability.formula
    body = prose(module)
    if not body or formula not in _FORMULAS:
        return None
    return formula, _score(formula, body)


@lru_cache(maxsize=256)
def _score(formula: str, body: str) -> float:
    """Counting syllables is the slow part of `check`; `check` and its table both ask."""
    return round(_FORMULAS[formula](body), 1)


def straight_quotes(module: Module):
    """(place, words) of each quote mark left straight in a cell's text: markdown-it turns a quote
    into a typographic one only when the letters around it show which way it faces ("D.C.'s")."""
    for cell in module.cells:
        for block in walk_blocks(cell.blocks):
            for inlines in block_inlines(block):
                for item in walk_inlines(inlines):
                    if isinstance(item, Text):
                        for found in _STRAIGHT.finditer(item.text):
                            yield f"cell {cell.number}, line {getattr(block, 'line', 1)}", found.group()


def check(context: Context):
    limit = context.config.long_sentence_words
    for module in context.curriculum.modules:
        quotes = language(module.lang).quotes
        for place, words in straight_quotes(module):
            yield warning(module, place, "language.straight-quote",
                          f"a quote mark stays straight in {words!r}: type the one you mean yourself "
                          f"({quotes[3]} for an apostrophe, or {' '.join(quotes)})")
        for piece in participant_pieces(module):
            if not piece.place.startswith("cell"):
                continue
            for sentence in SENTENCE_END.split(plain_text(piece.inlines)):
                words = len(sentence.split())
                if words > limit:
                    yield warning(module, piece.place, "language.long-sentence",
                                  f"{words} words: \"{' '.join(sentence.split()[:8])} ...\"; split it")
        score = readability(module)
        if score is None:
            continue
        formula, value = score
        limits = language(module.lang).readability
        if limits.max is not None and value > limits.max:
            yield warning(module, "participant text", "language.reading-grade",
                          f"{formula} score {value:.1f} (aim for {limits.max:g} or lower; set in "
                          f"languages/{module.lang}.yml): shorter sentences and common words help")
        elif limits.min is not None and value < limits.min:
            yield warning(module, "participant text", "language.reading-grade",
                          f"{formula} score {value:.1f} (aim for {limits.min:g} or more; set in "
                          f"languages/{module.lang}.yml): shorter sentences help")
