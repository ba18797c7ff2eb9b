"""Content rules: pure functions from the loaded model to a list of `Issue`s.

Each rule module exposes `check(context) -> Iterable[Issue]`; nothing here prints, writes or
changes state. `report` formats the issues for people (grouped by module) or as JSON.
"""
from __future__ import annotations

from dataclasses import dataclass
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

    def as_dict(self, root: Path) -> dict:
        return {
            "severity": self.severity.value,
            "file": _relative(self.path, root),
            "place": self.place,
            "rule": self.rule,
            "message": self.message,
            "module": self.module,
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
    from . import citations, currency, glossary, images, language, slides, structure, terms, translations
    from . import timing  # issue 9

    issues: list[Issue] = []
    for rules in (structure, citations, currency, glossary, images, language, slides, terms, translations, timing):
        issues.extend(rules.check(context))
    return issues
