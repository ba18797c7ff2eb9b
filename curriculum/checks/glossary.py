"""Glossary rules: acronyms defined and linked, links resolve, no unused entries."""
from __future__ import annotations

from ..acronyms import acronyms
from ..model import Module, Term, plain_text, walk_inlines
from . import Context, Issue, Severity, error, warning
from ._text import participant_pieces


def check(context: Context):
    for module in context.curriculum.modules:
        glossary = context.curriculum.glossaries.get(module.lang)
        if glossary is None:
            continue
        linked, acronyms_at = _uses(module)
        for term, place in linked:
            if glossary.get(term) is None:
                yield error(module, place, "glossary.unknown-term", f"{{term}}`{term}` is not in {glossary.path.name}")
        linked_entries = {entry.term for entry in (glossary.get(term) for term, _ in linked) if entry is not None}
        for acronym, place in acronyms_at.items():
            entry = glossary.get(acronym)
            if entry is None:
                yield error(module, place, "glossary.undefined-acronym",
                            f"'{acronym}' is not defined in {glossary.path.name}")
            elif entry.term not in linked_entries:
                yield warning(module, place, "glossary.unlinked-acronym",
                              f"link '{acronym}' to the glossary on first use: {{term}}`{acronym}`")


def check_curriculum(context: Context):
    """Entries no module uses (only when every module is loaded)."""
    if not context.whole:
        return
    used: dict[str, set[str]] = {}
    for module in context.curriculum.modules:
        glossary = context.curriculum.glossaries.get(module.lang)
        if glossary is None:
            continue
        linked, acronyms_at = _uses(module)
        for name in (*(term for term, _ in linked), *acronyms_at):
            entry = glossary.get(name)
            if entry is not None:
                used.setdefault(module.lang, set()).add(entry.term)
    for lang, glossary in context.curriculum.glossaries.items():
        for entry in glossary.entries:
            if entry.term not in used.get(lang, set()):
                yield Issue(Severity.WARNING, glossary.path, f"line {entry.line}", "glossary.unused-term",
                            f"'{entry.term}' is not used by any module")


_USES: dict[int, tuple[Module, list[tuple[str, str]], dict[str, str]]] = {}


def _uses(module: Module) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Every glossary link a module makes (term, place), and each acronym it uses with the
    place of its first use; remembered for the run, as the lesson rule and the curriculum rule
    both ask."""
    known = _USES.get(id(module))
    if known is not None and known[0] is module:
        return known[1], known[2]
    linked: list[tuple[str, str]] = []
    acronyms_at: dict[str, str] = {}
    for piece in participant_pieces(module):
        linked.extend((item.term, piece.place) for item in walk_inlines(piece.inlines) if isinstance(item, Term))
        for acronym in acronyms(plain_text(piece.inlines)):
            acronyms_at.setdefault(acronym, piece.place)
    if len(_USES) > 1024:  # a long-lived process (the tests) checks many curricula
        _USES.clear()
    _USES[id(module)] = (module, linked, acronyms_at)
    return linked, acronyms_at
