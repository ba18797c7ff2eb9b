"""Plain-language rules: reading grade of participant text and the sentences that are too long."""
from __future__ import annotations

import re

from ..model import plain_text
from ..readability import flesch_kincaid_grade, szigriszt_pazos
from . import Context, warning
from ._text import participant_pieces

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(¿¡A-ZÁÉÍÓÚÑ0-9])")


def check(context: Context):
    limit = context.config.long_sentence_words
    for module in context.curriculum.modules:
        prose: list[str] = []
        for piece in participant_pieces(module):
            if not piece.place.startswith("cell"):
                continue
            text = plain_text(piece.inlines)
            prose.append(text if text.endswith((".", "?", "!", ":")) else text + ".")
            for sentence in SENTENCE_END.split(text):
                words = len(sentence.split())
                if words > limit:
                    yield warning(module, piece.place, "language.long-sentence",
                                  f"{words} words: \"{' '.join(sentence.split()[:8])} ...\"; split it")
        if not prose:
            continue
        body = " ".join(prose)
        if module.lang == "en" and (grade := flesch_kincaid_grade(body)) > context.config.max_reading_grade:
            yield warning(module, "participant text", "language.reading-grade",
                          f"reads at grade {grade:.1f} (target {context.config.max_reading_grade:g} or lower): "
                          "shorter sentences and common words help")
        elif module.lang == "es" and (grade := szigriszt_pazos(body)) < 55:
            yield warning(module, "participant text", "language.reading-grade",
                          f"Szigriszt-Pazos readability {grade:.0f} (aim for 55 or more): shorter sentences help")
