"""Glossary rules: acronyms defined and linked, links resolve, no unused entries."""
from __future__ import annotations

from ..acronyms import acronyms
from ..model import Term, plain_text, walk_inlines
from . import Context, Issue, Severity, error, warning
from ._text import participant_pieces



def check(context: Context):
    used: dict[str, set[str]] = {}
    for module in context.curriculum.modules:
        glossary = context.curriculum.glossaries.get(module.lang)
        if glossary is None:
            continue
        seen_acronyms: dict[str, str] = {}
        linked: set[str] = set()
        for piece in participant_pieces(module):
            for item in walk_inlines(piece.inlines):
                if isinstance(item, Term):
                    entry = glossary.get(item.term)
                    if entry is None:
                        yield error(module, piece.place, "glossary.unknown-term",
                                    f"{{term}}`{item.term}` is not in {glossary.path.name}")
                    else:
                        linked.add(entry.term)
                        used.setdefault(module.lang, set()).add(entry.term)
            for acronym in acronyms(plain_text(piece.inlines)):
                seen_acronyms.setdefault(acronym, piece.place)
        for acronym, place in seen_acronyms.items():
            entry = glossary.get(acronym)
            if entry is None:
                yield error(module, place, "glossary.undefined-acronym",
                            f"'{acronym}' is not defined in {glossary.path.name}")
            else:
                used.setdefault(module.lang, set()).add(entry.term)
                if entry.term not in linked:
                    yield warning(module, place, "glossary.unlinked-acronym",
                                  f"link '{acronym}' to the glossary on first use: {{term}}`{acronym}`")
    if context.whole:
        for lang, glossary in context.curriculum.glossaries.items():
            for entry in glossary.entries:
                if entry.term not in used.get(lang, set()):
                    yield Issue(Severity.WARNING, glossary.path, f"line {entry.line}", "glossary.unused-term",
                                f"'{entry.term}' is not used by any module")
