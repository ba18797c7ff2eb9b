"""Content rules: pure functions from the loaded model to a list of `Issue`s.

Each rule module exposes `check(context) -> Iterable[Issue]`; nothing here prints, writes or
changes state. `report` formats the issues for people (grouped by module) or as JSON.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from .. import cache
from ..config import Config
from ..languages import FOLDER as LANGUAGES
from ..load import unpickle
from ..model import Curriculum, Module


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    severity: Severity
    path: Path
    place: str  # "cell 4", "cell 4, line 2", "metadata 'untangle.sources[2]'", "line 12"
    rule: str  # e.g. "citations.unknown-source"
    message: str
    module: str = ""
    label: str = ""  # a cell's heading or first words, when `place` is a cell

    def as_dict(self, root: Path) -> dict:
        return {
            "severity": self.severity.value,
            "file": _relative(self.path, root),
            "place": self.place,
            "rule": self.rule,
            "message": self.message,
            "module": self.module,
            "cell_begins": self.label,
        }


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Context:
    curriculum: Curriculum
    config: Config
    today: date
    whole: bool  # every module is loaded (so "unused" rules can run)


def error(module: Module, place: str, rule: str, message: str) -> Issue:
    return Issue(Severity.ERROR, module.path, place, rule, message, module.id)


def warning(module: Module, place: str, rule: str, message: str) -> Issue:
    return Issue(Severity.WARNING, module.path, place, rule, message, module.id)


def _rules():
    from . import (citations, currency, glossary, images, language, placeholders, slides, structure, terms,
                   timing, translations, untranslated,
                   web)

    return (structure, placeholders, citations, currency, glossary, images, language, slides, terms,
            translations, untranslated, web, timing)


def run_checks(context: Context, memo: Path | None = None) -> list[Issue]:
    """Every rule's issues. A rule's `check` looks at one lesson at a time (all its loaded
    languages), so with `memo` (a folder kept between runs) each lesson's results are remembered
    by everything they read and only edited lessons are checked again; a rule's optional
    `check_curriculum` looks across lessons and always runs."""
    rules = _rules()
    remembered = _CheckMemo(memo, context) if memo is not None else None
    lessons: dict[str, list[Module]] = {}
    for module in context.curriculum.modules:
        lessons.setdefault(module.id, []).append(module)
    by_lesson: list[Issue] = []
    for modules in lessons.values():
        found = remembered.get(modules) if remembered else None
        if found is None:
            part = replace(context, curriculum=replace(context.curriculum, modules=tuple(modules)))
            found = [issue for rule in rules for issue in rule.check(part)]
            if remembered:
                remembered.put(modules, found)
        by_lesson.extend(found)
    across = [issue for rule in rules if hasattr(rule, "check_curriculum") for issue in rule.check_curriculum(context)]
    if remembered:
        remembered.save()
    return with_cell_labels(across + by_lesson, context.curriculum)


class _CheckMemo:
    """Each lesson's issues, keyed by the rules' code, the settings, the day, and the bytes of
    every file the rules read for it (its notebooks and pictures, the shared YAML files in
    modules/, the language files). Losing it costs time only."""

    def __init__(self, folder: Path, context: Context):
        self.file = folder / "checks.pickle"
        modules_folder = context.curriculum.root / "modules"
        shared = [*modules_folder.glob("*.yml"), *LANGUAGES.glob("*.yml")]
        self.base = hashlib.sha256("\n".join([
            cache.code_digest("curriculum"), cache.library_versions(("pillow",)), repr(context.config),
            context.today.isoformat(), str(context.whole), cache.digest_files(p for p in shared if p.is_file())
        ]).encode()).hexdigest()
        try:
            saved = unpickle(self.file.read_bytes())
            self.saved: dict[str, tuple[str, list[Issue]]] = saved if isinstance(saved, dict) else {}
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            self.saved = {}
        self.changed = False
        self.keys: dict[str, str] = {}

    def _key(self, modules: list[Module]) -> str:
        files = sorted({f for m in modules for f in cache.module_files(m)})
        names = ",".join(f"{m.lang}:{m.path}" for m in modules)
        # Where each file really is, too: a picture swapped for a link to the same bytes
        # elsewhere is an error (images.outside-module).
        places = ",".join(os.path.realpath(f) for f in files)
        return hashlib.sha256(f"{self.base}|{names}|{places}|{cache.digest_files(files)}".encode()).hexdigest()

    def get(self, modules: list[Module]) -> list[Issue] | None:
        self.keys[modules[0].id] = key = self._key(modules)
        entry = self.saved.get(modules[0].id)
        return entry[1] if entry and entry[0] == key else None

    def put(self, modules: list[Module], issues: list[Issue]) -> None:
        self.saved[modules[0].id] = (self.keys[modules[0].id], issues)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            cache.keep_file(self.file, pickle.dumps(self.saved))


_CELL_PLACE = re.compile(r"^cell (\d+)\b")


def with_cell_labels(issues: list[Issue], curriculum: Curriculum) -> list[Issue]:
    """Each issue about a cell, with that cell's heading or first words beside its number."""
    from ..load import cell_label, detail_place, file_place

    labels: dict[tuple, str] = {}
    for module in curriculum.modules:
        for section in module.sections:
            for cell in section.cells:
                labels.setdefault((module.path, cell.number), f"### {cell.title}" if cell.title else cell_label(cell.source))
            if section.heading_cell is not None and section.title:
                labels[(module.path, section.heading_cell + 1)] = f"## {section.title}"
    lines = {module.path: module.cell_lines for module in curriculum.modules if module.cell_lines}
    details = {module.path: module.detail_lines for module in curriculum.modules if module.detail_lines}
    labelled = []
    for issue in issues:
        match = _CELL_PLACE.match(issue.place)
        label = labels.get((issue.path, int(match.group(1)))) if match else None
        if label and not issue.label:
            issue = replace(issue, label=label)
        if issue.path in details:  # a Markdown lesson: the line in the file, as a text editor shows it
            issue = replace(issue, place=detail_place(file_place(issue.place, lines.get(issue.path, ())),
                                                      details[issue.path]))
        labelled.append(issue)
    return labelled
