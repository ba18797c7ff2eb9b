"""Content rules: pure functions from the loaded model to a list of `Issue`s.

Each rule module exposes `check(context) -> Iterable[Issue]`; nothing here prints, writes or
changes state. `report` formats the issues for people (grouped by module) or as JSON.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from ..config import Config
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


def run_checks(context: Context) -> list[Issue]:
    from . import (citations, currency, glossary, images, language, placeholders, slides, structure, terms,
                   timing, translations, untranslated,
                   web)

    issues: list[Issue] = []
    for rules in (structure, placeholders, citations, currency, glossary, images, language, slides, terms,
                  translations, untranslated, web, timing):
        issues.extend(rules.check(context))
    return with_cell_labels(issues, context.curriculum)


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
