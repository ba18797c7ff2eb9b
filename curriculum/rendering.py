"""The one interface every output implements, and what a renderer is given.

A renderer is a class with a `name` (also its folder in `build/`), a `scope` (one file per
module, or one product per language), the settings and options it reads (so a change to
anything else never rebuilds it), and `render(...)`, which writes into the folder it is handed
and returns the files it wrote. `curriculum/outputs.py` lists the renderers; `app.py` runs
them. Renderers read the content model only, never a notebook's Markdown, and never each other.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from .config import Config
from .languages import Language, language, words
from .local import Local, help_lines
from .model import Curriculum, Glossary, Module
from .workshop import Workshop

MODULE = "module"  # one output file per module and language
LANGUAGE = "language"  # one output (a file or a folder) per language, from all its modules
WORKSHOP = "workshop"  # one file per workshop (workshops/<name>.yml), from its modules


@dataclass(frozen=True)
class RenderContext:
    """Everything a renderer may read besides the module itself. Picklable: it is handed once
    to each worker process."""

    curriculum: Curriculum
    config: Config
    start: time | None = None  # clock time of the session, for timetables
    published: Path | None = None  # the build folder as last published (other outputs to link)
    staged: Path | None = None  # this build's staging folder
    epoch: int | None = None  # SOURCE_DATE_EPOCH, when set
    #: Build-relative paths of the outputs that exist once this build is published ("slides/x.en.pptx").
    available: frozenset[str] = frozenset()
    #: The day of the build: what the lesson plan's "facts to re-check" are aged against.
    today: date = field(default_factory=date.today)
    #: (module id, language) of every notebook in the project, including languages this build
    #: does not render: the book links each lesson to its translations.
    translations: frozenset[tuple[str, str]] = frozenset()
    #: The workshop a WORKSHOP renderer writes (its local overrides apply to every output of it).
    workshop: Workshop | None = None

    def language(self, code: str) -> Language:
        return language(code)

    def glossary(self, code: str) -> Glossary | None:
        return self.curriculum.glossaries.get(code)

    def when(self, module: Module) -> datetime:
        """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else the review date."""
        if self.epoch is not None:
            return datetime.fromtimestamp(self.epoch, tz=timezone.utc)
        day = module.last_reviewed
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)

    def day(self) -> date:
        """The build's day, or SOURCE_DATE_EPOCH's when set (reproducible outputs)."""
        if self.epoch is not None:
            return datetime.fromtimestamp(self.epoch, tz=timezone.utc).date()
        return self.today

    def local(self) -> Local:
        """The local layer: the workshop's (with its overrides) or the project's."""
        return self.workshop.local if self.workshop else self.config.local(self.curriculum.root)

    def local_help(self, lang: str) -> list[str]:
        """The local help as lines of text in `lang`, for any output (empty when none is set:
        the output then keeps its generic referral, or prints a write-in box)."""
        label = words(lang)
        return help_lines(self.local(), label.hours, label.languages_spoken)

    def legal_notice(self, lang: str) -> tuple[str, str]:
        """(the notice, its one-line form) in `lang`: with local help set, they send people to it
        instead of the generic national referral."""
        label, lines = words(lang), self.local_help(lang)
        if not lines:
            return label.legal_notice, label.legal_notice_short
        return label.legal_notice_local, f"{label.legal_notice_short_local} {lines[0]}"

    def sibling(self, kind: str, name: str) -> Path | None:
        """Another output this build has staged (or, failing that, the published one): what a
        renderer that runs `after` it reads; None when there is none."""
        for base in (self.staged, self.published):
            if base is not None and (base / kind / name).is_file():
                return base / kind / name
        return None

    def will_exist(self, kind: str, name: str) -> bool:
        """Whether another output (e.g. a deck the book offers for download) exists once this
        build is published, so a renderer can link it without waiting for it."""
        return f"{kind}/{name}" in self.available

    def only(self, modules: tuple[Module, ...]) -> "RenderContext":
        """This context with just `modules` (and their languages' glossaries): what one job
        needs, small enough to send to a worker process."""
        langs = {m.lang for m in modules}
        curriculum = Curriculum(self.curriculum.root, modules,
                                {k: v for k, v in self.curriculum.glossaries.items() if k in langs})
        return replace(self, curriculum=curriculum)


def epoch_from_environment() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


@runtime_checkable
class Renderer(Protocol):
    #: The output's name: the `build` target and its folder in build/.
    name: ClassVar[str]
    #: MODULE (render(module, ...) per module and language) or LANGUAGE (render(lang, ...)).
    scope: ClassVar[str]
    #: Settings in curriculum.yml that change what it writes (others never rebuild it).
    settings: ClassVar[tuple[str, ...]]
    #: Build options it reads ("start"); part of its cache key.
    options: ClassVar[tuple[str, ...]]
    #: Installed distributions whose version changes its output (part of its cache key).
    libraries: ClassVar[tuple[str, ...]]
    #: Outputs it reads while rendering: they are rendered first. (An output that only links
    #: others, like the book offering decks for download, names them in an optional `links`
    #: and implements `linked(published)`; app places those files after publishing. An output
    #: with something spanning all its items, like the book's language chooser, implements
    #: `finish(context, published)`, which app calls after every publish. An output only some
    #: modules have, like the activity card sheets, implements `wants(module)`: app plans it, and
    #: `will_exist` reports it, only where that is true.)
    after: ClassVar[tuple[str, ...]]

    def file_name(self, item: str, lang: str) -> str:
        """The name of what it writes for a module id (or a language) in its folder."""

    def render(self, item, context: RenderContext, folder: Path) -> list[str]:
        """Write the output for `item` (a Module, or a language code) into `folder`; return
        warnings for the person building (never raise anything but CurriculumError)."""


@dataclass(frozen=True)
class Job:
    """One unit of work for the pool: a renderer and a module id (or a language)."""

    renderer: str
    item: str  # module id, or the language code for LANGUAGE renderers
    lang: str
    key: str = field(default="", compare=False)
