"""Everything that differs by language, read from one file per language (`<code>.yml` here).

Renderers and checks take labels, the legal notice, month names, the reading-level formula and
the site title from here, so the book, the deck and the handout say the same thing, and adding
a language is one translated file plus its notebooks. A language without a file is an error
that names the file to add; nothing falls back to English silently.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from ..errors import LoadError

FOLDER = Path(__file__).parent
FORMULAS = ("flesch-kincaid-grade", "szigriszt-pazos", "none")


@dataclass(frozen=True)
class Words:
    """The fixed labels every output prints."""

    objectives: str
    key_points: str
    sources: str
    glossary: str
    activity: str
    discussion: str
    minutes: str
    last_reviewed: str
    accessed: str
    download_slides: str
    download_handout: str
    continued: str
    legal_notice: str
    legal_notice_short: str
    closing_title: str
    home_intro: str
    home_how_to: str
    sources_page_intro: str
    glossary_page_intro: str
    audience: str
    length: str
    lesson_plan: str
    trainer_only: str
    schedule: str
    time: str
    part: str
    schedule_note: str
    on_the_slides: str
    introduction: str
    # The book (issue 10)
    download_guide: str
    search: str
    other_languages: str
    read_book: str
    term_tap_again: str
    toggle_lessons: str
    toggle_contents: str


@dataclass(frozen=True)
class Readability:
    """Which formula scores this language's text, and the limit `check` warns at."""

    formula: str
    max: float | None = None  # grade-like scores: higher is harder
    min: float | None = None  # ease-like scores: lower is harder


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name, for the language switch
    site_title: str
    months: tuple[str, ...]
    date_format: str
    readability: Readability
    activity_labels: tuple[str, ...]
    debrief_labels: tuple[str, ...]
    words: Words

    def long_date(self, day: date) -> str:
        return self.date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)


def available() -> list[str]:
    """The codes that have a language file."""
    return sorted(p.stem for p in FOLDER.glob("*.yml"))


@cache
def language(code: str) -> Language:
    """The language `code`, or a `LoadError` naming the file to add."""
    path = FOLDER / f"{code}.yml"
    if not path.is_file():
        raise LoadError(
            f"no language file for '{code}': add {path.relative_to(FOLDER.parents[1])} (copy en.yml and "
            f"translate it); languages with a file: {', '.join(available())}", path.parent)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        labels = data["labels"]
        missing = [f.name for f in fields(Words) if f.name not in labels]
        if missing:
            raise LoadError(f"labels missing: {', '.join(missing)} (see en.yml)", path)
        unknown = sorted(set(labels) - {f.name for f in fields(Words)})
        if unknown:
            raise LoadError(f"unknown labels: {', '.join(unknown)} (see en.yml)", path)
        readability = Readability(**data["readability"])
        if readability.formula not in FORMULAS:
            raise LoadError(f"readability formula must be one of {', '.join(FORMULAS)}", path)
        months = tuple(data["months"])
        if len(months) != 12:
            raise LoadError("'months' must list 12 month names", path)
        return Language(
            code=code, name=str(data["name"]), site_title=str(data["site_title"]), months=months,
            date_format=str(data["date_format"]), readability=readability,
            activity_labels=tuple(data["activity_labels"]), debrief_labels=tuple(data["debrief_labels"]),
            words=Words(**{k: str(v) for k, v in labels.items()}),
        )
    except (KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise LoadError(f"not a valid language file ({type(exc).__name__}: {exc}); compare it with en.yml", path) from None


def words(code: str) -> Words:
    """The labels for `code` (a `LoadError` if the language has no file)."""
    return language(code).words


def all_months() -> tuple[str, ...]:
    """Month names of every language, for rules that must not mistake a date for a count."""
    return tuple(m for code in available() for m in language(code).months)


def all_activity_labels() -> frozenset[str]:
    return frozenset(label.casefold() for code in available() for label in language(code).activity_labels)


def all_debrief_labels() -> tuple[str, ...]:
    return tuple(label.casefold() for code in available() for label in language(code).debrief_labels)
