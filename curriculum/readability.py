"""Reading-level formulas that run offline.

textstat's newer releases download a pronunciation dictionary at run time, which fails on
machines with no internet (and leaks a request), so the syllable count here is the classic
vowel-group estimate. It is an estimate: good enough to flag hard text, not a verdict.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+(?:['’][A-Za-z]+)?")
_SENTENCE = re.compile(r"[.!?]+(?:\s|$)")
_VOWELS_EN = re.compile(r"[aeiouy]+")
_VOWELS_ES = re.compile(r"[aeiouáéíóúü]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE.findall(text.strip() + " ")))


def syllables(word: str, lang: str = "en") -> int:
    word = word.lower()
    if lang == "es":
        return max(1, len(_VOWELS_ES.findall(word)))
    count = len(_VOWELS_EN.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_kincaid_grade(text: str) -> float:
    """U.S. school grade needed to read `text` (English)."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w) for w in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def szigriszt_pazos(text: str) -> float:
    """Perspicuity of Spanish text: 0 (very hard) to 100 (very easy); 55 or more is 'normal'."""
    found = words(text)
    if not found:
        return 100.0
    return 206.835 - 62.3 * sum(syllables(w, "es") for w in found) / len(found) - len(found) / sentence_count(text)
