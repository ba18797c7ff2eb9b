"""Everything that differs by language, read from one file per language (`<code>.yml` here).

Renderers and checks take labels, the legal notice, month names, the reading-level formula and
the site title from here, so the book, the deck and the handout say the same thing, and adding
a language is one translated file plus its notebooks. A language without a file is an error
that names the file to add; nothing falls back to English silently.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, time
from functools import cache
from pathlib import Path

import yaml

from ..errors import LoadError
from ..markup import QUOTES, typographic

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
    # decks (issue 10)
    sources_elsewhere: str
    slide_time: str
    slide_time_at: str
    part_of: str
    qr_alt: str
    key_points_note: str
    # Print: handouts and lesson plans (issue 10).
    minute: str
    my_local_help: str
    local_help_name: str
    local_help_phone: str
    local_help_address: str
    my_notes: str
    source_copy_at: str
    source_archived: str
    source_undated: str
    source_access_year: str
    source_title_from_address: str
    source_press_release: str
    slide: str
    slides: str
    teaching: str
    total: str
    recheck: str
    recheck_intro: str
    # The book (issue 10)
    download_guide: str
    search: str
    other_languages: str
    read_book: str
    term_tap_again: str
    # Authoring (issue 13): shown on the outputs of a partly translated lesson.
    untranslated_notice: str
    # -- workshop and local help (issue 9) --
    local_help: str
    local_help_write_in: str
    local_help_page_intro: str
    hours: str
    languages_spoken: str
    agenda: str
    break_label: str
    back_at: str
    ends: str
    venue: str
    date: str
    overrun: str
    timed_from_text: str
    participant_packet: str
    run_of_show: str
    say: str
    do: str
    ask: str
    materials: str
    copies: str
    spare: str
    expected_participants: str
    in_packet: str
    on_slides_only: str
    checklist: str
    check_room: str
    check_print: str
    check_local_help: str
    check_facts: str
    no_old_facts: str
    evaluation: str
    evaluation_note: str
    evaluation_scale: str
    evaluation_learned: str
    evaluation_unclear: str
    evaluation_next: str
    sign_in: str
    sign_in_note: str
    sign_in_name: str
    sign_in_contact: str
    sign_in_updates: str
    thank_you: str
    legal_notice_local: str
    legal_notice_short_local: str
    toggle_lessons: str
    toggle_contents: str
    # Book: the theme's English-only screen-reader labels, in this language (polish).
    theme_announcement: str
    theme_main_nav: str
    theme_page_nav: str
    theme_heading_link: str
    theme_term_link: str
    theme_toggle_hidden: str
    # activity cards (issue 11)
    cards: str
    cards_sheet: str
    download_cards: str
    one_set_per_group: str
    card_number: str
    cards_to_print: str
    cards_answer_key: str


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
    slide_title_chars: int = 70  # a slide title longer than this wraps past two lines
    clock: str = "{HH}:{mm}"  # how a clock time is written: see en.yml
    am_pm: tuple[str, str] = ("am", "pm")
    quotes: str = QUOTES  # opening and closing double, then single quote marks: see en.yml

    def long_date(self, day: date) -> str:
        return self.date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def clock_text(self, value: time) -> str:
        """A clock time as people reading this language expect it ("6:30 pm", "6:30 p. m.")."""
        return self.clock.format(h=value.hour % 12 or 12, H=value.hour, HH=f"{value.hour:02d}",
                                 mm=f"{value.minute:02d}", ampm=self.am_pm[value.hour >= 12])


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
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        am_pm = tuple(str(word) for word in data.get("am_pm", Language.am_pm))
        if len(am_pm) != 2:
            raise LoadError("'am_pm' must list 2 words: morning, afternoon (e.g. [am, pm])", path)
        quotes = str(data.get("quotes", Language.quotes))
        if len(quotes) != 4:
            raise LoadError(f"'quotes' must be 4 marks: opening and closing double, then single (e.g. \"{QUOTES}\"), "
                            f"not '{quotes}'", path)
        clock = str(data.get("clock", Language.clock))
        try:
            clock.format(h=6, H=18, HH="18", mm="30", ampm=am_pm[1])
        except (KeyError, IndexError, ValueError):
            raise LoadError(f"'clock' may use only {{h}}, {{H}}, {{HH}}, {{mm}} and {{ampm}}, not '{clock}'", path) from None
        return Language(
            code=code, name=str(data["name"]), site_title=typographic(str(data["site_title"]), quotes), months=months,
            date_format=str(data["date_format"]), readability=readability,
            activity_labels=tuple(data["activity_labels"]), debrief_labels=tuple(data["debrief_labels"]),
            words=Words(**{k: typographic(str(v), quotes) for k, v in labels.items()}),
            slide_title_chars=int(data.get("slide_title_chars", 70)), clock=clock, am_pm=am_pm, quotes=quotes,
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
