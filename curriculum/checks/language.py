"""Plain-language rules: reading grade of participant text and the sentences that are too long."""
from __future__ import annotations

import re

from ..model import Module, plain_text
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


def readability(module: Module) -> tuple[str, float] | None:
    """(formula, score) for the module's language: a U.S. grade for English, Szigriszt-Pazos
    perspicuity (higher is easier) for Spanish; None for other languages or no text."""
    body = prose(module)
    if not body:
        return None
    if module.lang == "en":
        return "grade", round(flesch_kincaid_grade(body), 1)
    if module.lang == "es":
        return "szigriszt-pazos", round(szigriszt_pazos(body), 1)
    return None


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
        if formula == "grade" and value > context.config.max_reading_grade:
            yield warning(module, "participant text", "language.reading-grade",
                          f"reads at grade {value:.1f} (target {context.config.max_reading_grade:g} or lower): "
                          "shorter sentences and common words help")
        elif formula == "szigriszt-pazos" and value < 55:
            yield warning(module, "participant text", "language.reading-grade",
                          f"Szigriszt-Pazos readability {value:.0f} (aim for 55 or more): shorter sentences help")
