"""Plain-language rules: reading grade of participant text and the sentences that are too long."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Module, plain_text
from ..languages import language
from ..readability import flesch_kincaid_grade, szigriszt_pazos
from . import Context, warning
from ._text import participant_pieces

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


def check(context: Context):
    limit = context.config.long_sentence_words
    for module in context.curriculum.modules:
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
