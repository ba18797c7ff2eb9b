"""Source entries in the reader's language.

Authors write a source's publisher and title as the source gives them, and add editorial notes
in parentheses: "(copy at scribd.com)", "(undated page; date is the access year)". Those notes
are written in English (translations keep the English module's source list). Every output (book,
deck, handout, lesson plan, a drawing's description) prints a source through `in_language`: in
English each note stays as written; in another language it is recognized with the phrases every
language file lists (`source_*` labels) and printed with that language's phrase, or dropped when
it starts in lower case and no phrase matches, so a Spanish page never prints English
boilerplate. Notes that start with a capital or a digit are part of the name ("(The Torch)",
"(GAO-21-186)") and stay, up to a lower-case remark after a comma ("(IF12158, updated …)").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .languages import available, words
from .model import Source

#: The language the authors write source notes in (see the module docstring).
NOTES_WRITTEN_IN = "en"
NOTE_KINDS = ("source_copy_at", "source_archived", "source_undated", "source_access_year",
              "source_title_from_address", "source_press_release")
_TRAILING_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")


@cache
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, note kind) for every phrase of every language, longest phrases first."""
    found: list[tuple[str, str]] = []
    for code in available():
        label = words(code)
        for kind in NOTE_KINDS:
            found.extend((phrase.strip(), kind) for phrase in getattr(label, kind).split("|") if phrase.strip())
    found.sort(key=lambda item: -len(item[0]))
    return tuple((re.compile(re.escape(p).replace(re.escape("{where}"), "(?P<where>.+)") + r"\Z", re.I), k)
                 for p, k in found)


def local_note(note: str, lang: str) -> str | None:
    """`note` in `lang`, or None when it should not be printed in that language."""
    note = note.strip()
    if not note or lang == NOTES_WRITTEN_IN:
        return note or None
    if not note[0].islower():  # a name or number, perhaps followed by a remark: "IF12158, updated…"
        parts = note.split(", ")
        cut = next((n for n, part in enumerate(parts) if part[:1].islower()), len(parts))
        return ", ".join(parts[:cut])
    for pattern, kind in _patterns():
        match = pattern.match(note)
        if match:
            phrase = getattr(words(lang), kind).split("|")[0]
            where = match.groupdict().get("where") or ""
            where = re.split(r",\s+(?=[a-z])", where)[0]  # "KTEP, an NPR member station": the name
            return phrase.replace("{where}", where)
    return None


def local_field(text: str, lang: str) -> str:
    """A publisher or title with its trailing notes put in `lang` (or dropped)."""
    notes: list[str] = []
    match = _TRAILING_NOTE.search(text)
    while match and match.start() > 0:
        notes.insert(0, match.group(1))
        text = text[: match.start()]
        match = _TRAILING_NOTE.search(text)
    kept = []
    for note in notes:
        parts = [local_note(part, lang) for part in note.split(";")]
        parts = [p for p in parts if p]
        if parts:
            kept.append(f"({'; '.join(parts)})")
    return " ".join([text.rstrip(), *kept])


def in_language(source: Source, lang: str) -> Source:
    """`source` with the notes of its publisher and title in `lang` (see the module docstring)."""
    return replace(source, publisher=local_field(source.publisher, lang), title=local_field(source.title, lang))
