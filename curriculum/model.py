"""The content model: what a lesson is, independent of notebooks and of any output format.

Frozen dataclasses with no I/O. The loader builds them from notebooks; the book, slide and
handout renderers read them and nothing else, so every output agrees on what a lesson says.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Union

from .tags import NOT_IN_BOOK, NOT_ON_SLIDES, Tag

# ---------------------------------------------------------------- inline text


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    children: tuple["Inline", ...]
    url: str


@dataclass(frozen=True)
class Term:
    """A glossary link: `text` is what the reader sees, `term` the glossary key."""

    text: str
    term: str


@dataclass(frozen=True)
class Cite:
    """A citation of one or more sources by id."""

    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """A fact an author marked for checking: hidden from participants, listed by `check`."""

    note: str


@dataclass(frozen=True)
class AsOf:
    """A time-sensitive fact's date: `text` is what the reader sees (may be empty), `date` is
    YYYY-MM or YYYY-MM-DD. `check` warns when the date is older than `max_fact_age_days`."""

    text: str
    date: str


Inline = Union[Text, Code, Strong, Emphasis, Link, Term, Cite, Review, AsOf]
Inlines = tuple[Inline, ...]


def plain_text(inlines: Inlines) -> str:
    """The words a reader sees, without citations or review marks."""
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, (Text, Code)):
            parts.append(item.text)
        elif isinstance(item, (Term, AsOf)):
            parts.append(item.text)
        elif isinstance(item, (Strong, Emphasis, Link)):
            parts.append(plain_text(item.children))
    return _TIGHT.sub(r"\1", " ".join("".join(parts).split()))


#: A space left before punctuation where a citation or review mark stood ("trial ." -> "trial.").
_TIGHT = re.compile(r"\s+([.,;:!?)\]])")


def without_marks(inlines: Inlines) -> Inlines:
    """The inlines a reader sees where citations are not shown (slides): citations and review
    marks removed, and no space left before the punctuation that followed them."""
    kept: list[Inline] = []
    for item in inlines:
        if isinstance(item, (Cite, Review)):
            continue
        if isinstance(item, (Strong, Emphasis, Link)):
            item = type(item)(without_marks(item.children), *([item.url] if isinstance(item, Link) else []))
        if isinstance(item, Text) and kept and isinstance(kept[-1], Text):
            kept[-1] = Text(kept[-1].text + item.text)
        else:
            kept.append(item)
    return tuple(Text(_TIGHT.sub(r"\1", i.text)) if isinstance(i, Text) else i for i in kept)


def walk_inlines(inlines: Inlines):
    """Every inline, nested ones included, depth first."""
    for item in inlines:
        yield item
        if isinstance(item, (Strong, Emphasis, Link)):
            yield from walk_inlines(item.children)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    level: int
    inlines: Inlines
    line: int


@dataclass(frozen=True)
class Paragraph:
    inlines: Inlines
    line: int


@dataclass(frozen=True)
class ListItem:
    inlines: Inlines
    depth: int  # 0 for a top-level item


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    ordered: bool
    line: int


@dataclass(frozen=True)
class Image:
    src: str  # relative to the module folder, as written
    alt: str
    line: int


@dataclass(frozen=True)
class Table:
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    line: int


@dataclass(frozen=True)
class Callout:
    """A `:::{note}` / `{warning}` / `{tip}` box."""

    kind: str
    blocks: tuple["Block", ...]
    line: int


@dataclass(frozen=True)
class Directive:
    """A `:::{name}` block that is not a known callout; `check` reports it."""

    name: str
    line: int


@dataclass(frozen=True)
class Unsupported:
    """Markup the outputs cannot all show the same way (a rule line, a MyST target...);
    `check` reports it as an error, so no output silently differs from another."""

    what: str
    line: int


@dataclass(frozen=True)
class Diagram:
    """A drawing generated from data (`:::{diagram} web`): `name` is what is drawn, `highlight`
    the named view of it (a part of the web in modules/web.yml; "whole" for all of it)."""

    name: str
    highlight: str
    line: int


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    inlines: Inlines  # what happened, with its citation


@dataclass(frozen=True)
class Timeline:
    """Dated events (`:::{timeline} title`) drawn as a timeline: a new ruling is one line."""

    title: str
    events: tuple[TimelineEvent, ...]
    line: int


@dataclass(frozen=True)
class Card:
    """One printed card: a short title in large type, and optionally a line of text under it."""

    title: Inlines
    body: Inlines = ()


@dataclass(frozen=True)
class Cards:
    """An activity's cards (`:::{cards}`), written once: the book lists them, the deck names
    them, and the `cards` output prints them as a cut-out sheet, numbered so a set can be checked."""

    cards: tuple[Card, ...]
    line: int
    mixed: bool = False  # `:order: mixed`: the sheet prints them out of order (an ordering activity)
    title: str = ""  # `:title: Change one fact`: names a set when an activity hands out more than one

    @property
    def printed(self) -> tuple[Card, ...]:
        """The cards in the order they are printed and numbered (and named on the slide). Mixed
        cards follow a fixed shuffle that depends only on their count, so the English and the
        Spanish sheet number them alike and no build reorders them."""
        count = len(self.cards)
        order = range(count)
        if self.mixed:
            order = sorted(order, key=lambda i: hashlib.sha256(f"{count}:{i}".encode()).hexdigest())
        return tuple(self.cards[i] for i in order)


Block = Union[Heading, Paragraph, BulletList, Image, Table, Callout, Directive, Unsupported, Diagram, Timeline, Cards]


def walk_blocks(blocks: tuple[Block, ...]):
    """Every block, those inside callouts included."""
    for block in blocks:
        yield block
        if isinstance(block, Callout):
            yield from walk_blocks(block.blocks)


def block_inlines(block: Block):
    """Every run of inline text a block holds (list items, table cells and so on)."""
    if isinstance(block, (Heading, Paragraph)):
        yield block.inlines
    elif isinstance(block, BulletList):
        for item in block.items:
            yield item.inlines
    elif isinstance(block, Table):
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Callout):
        for inner in block.blocks:
            yield from block_inlines(inner)
    elif isinstance(block, Timeline):
        for event in block.events:
            yield event.inlines
    elif isinstance(block, Cards):
        for card in block.cards:
            yield card.title
            if card.body:
                yield card.body


def card_sets(cell: "Cell") -> tuple[Cards, ...]:
    """The sets of cards a cell's `{cards}` lists hold, in the order it lists them."""
    return tuple(block for block in walk_blocks(cell.blocks) if isinstance(block, Cards))


def cards_of(cell: "Cell") -> tuple[Card, ...]:
    """The cards an activity cell hands out (none for most cells)."""
    return tuple(card for block in card_sets(cell) for card in block.cards)


# ---------------------------------------------------------------- cells and sections

@dataclass(frozen=True)
class Figure:
    """An image a code cell produced (its stored output)."""

    png: bytes
    alt: str


@dataclass(frozen=True)
class Cell:
    index: int  # position in the notebook, 0-based; messages say "cell {index + 1}"
    kind: str  # "markdown" or "code"
    tags: frozenset[Tag]
    source: str  # MyST text for markdown cells; for activities, without the title line
    blocks: tuple[Block, ...] = ()
    title: str | None = None  # activity title (from its `###` heading)
    name: str | None = None  # the activity title without its "Activity:" label
    minutes: int | None = None
    figure: Figure | None = None

    @property
    def number(self) -> int:
        """1-based cell number, as people count cells in Jupyter."""
        return self.index + 1

    @property
    def activity_name(self) -> str:
        """The activity title without its "Activity:" label, which each output adds itself."""
        return self.name or self.title or ""

    @property
    def in_book(self) -> bool:
        return not (self.tags & NOT_IN_BOOK)

    @property
    def on_slides(self) -> bool:
        return not (self.tags & NOT_ON_SLIDES)

    @property
    def in_handout(self) -> bool:
        return Tag.HANDOUT in self.tags

    @property
    def is_trainer(self) -> bool:
        return Tag.TRAINER in self.tags

    @property
    def is_activity(self) -> bool:
        return Tag.ACTIVITY in self.tags

    @property
    def is_discussion(self) -> bool:
        return Tag.DISCUSSION in self.tags

    @property
    def participant_facing(self) -> bool:
        """Text a participant reads in the book, on a slide or on the handout."""
        return not self.is_trainer


@dataclass(frozen=True)
class Section:
    """A `##` heading and the cells under it; the introduction has no title."""

    title: str | None
    cells: tuple[Cell, ...]
    heading_cell: int | None = None  # index of the cell that holds the heading

    @property
    def book_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.in_book)

    @property
    def trainer_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.is_trainer)

    @property
    def slide_cells(self) -> tuple[Cell, ...]:
        """The cells whose text becomes slide bullets.

        An author's `slides-only` cells replace the section's own text on slides; activities
        and discussions get slides of their own and are not listed here.
        """
        own = tuple(c for c in self.cells if Tag.SLIDES_ONLY in c.tags)
        if own:
            return own
        return tuple(
            c for c in self.cells if c.on_slides and not (c.is_activity or c.is_discussion)
        )

    @property
    def activities(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.is_activity)

    @property
    def discussions(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.is_discussion)

    @property
    def handout_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.in_handout)


# ---------------------------------------------------------------- module


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is
    url: str
    accessed: date


@dataclass(frozen=True)
class Minutes:
    teaching: int
    activities: int

    @property
    def total(self) -> int:
        return self.teaching + self.activities


@dataclass(frozen=True)
class Module:
    id: str
    lang: str
    path: Path  # the notebook
    title: str
    summary: str
    audience: str
    minutes: Minutes
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    last_reviewed: date
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    # Authoring (issue 13): a hash of each cell's text, and in a translation the hash of the
    # English text each cell was copied from (None where the cell has no such mark).
    cell_hashes: tuple[str, ...] = ()
    english_hashes: tuple[str | None, ...] = ()
    cell_lines: tuple[int, ...] = ()  # a Markdown lesson's file line where each cell starts
    detail_lines: tuple[tuple[str, int], ...] = ()  # its front matter: ("untangle.title", line)

    @property
    def untranslated_cells(self) -> tuple[int, ...]:
        """Numbers of the cells still in the English they were copied from."""
        return tuple(n for n, (own, english) in enumerate(zip(self.cell_hashes, self.english_hashes), start=1)
                     if english == own)

    @property
    def partly_translated(self) -> bool:
        """Some cells are still English: outputs should say so (label `untranslated_notice`)."""
        return bool(self.untranslated_cells)

    @property
    def translated_share(self) -> float:
        """The share of cells translated, 0.0 to 1.0 (1.0 for an original)."""
        return 1 - len(self.untranslated_cells) / len(self.cell_hashes) if self.cell_hashes else 1.0

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(c for s in self.sections for c in s.cells)

    @property
    def source_numbers(self) -> dict[str, int]:
        """1-based number of each source, in the order the metadata lists them."""
        return {s.id: n for n, s in enumerate(self.sources, start=1)}

    @property
    def card_activities(self) -> tuple[Cell, ...]:
        """The activities that hand out cards: the `cards` output prints a sheet for each."""
        return tuple(c for c in self.cells if c.is_activity and cards_of(c))

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


# ---------------------------------------------------------------- glossary and curriculum


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    full: str | None = None  # the expansion of an acronym
    line: int = 0


@dataclass(frozen=True)
class Glossary:
    lang: str
    path: Path
    entries: tuple[GlossaryEntry, ...]

    def get(self, term: str) -> GlossaryEntry | None:
        folded = term.casefold()
        return next((e for e in self.entries if e.term.casefold() == folded), None)


@dataclass(frozen=True)
class TermRule:
    """One legal term's agreed rendering in a language, and the variants to avoid."""

    concept: str
    use: str
    avoid: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class TermList:
    lang: str
    path: Path
    rules: tuple[TermRule, ...]


@dataclass(frozen=True)
class Curriculum:
    """Every module, glossary and term list, grouped by language."""

    root: Path
    modules: tuple[Module, ...]
    glossaries: dict[str, Glossary] = field(default_factory=dict)
    term_lists: dict[str, TermList] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return sorted({m.lang for m in self.modules})

    def in_language(self, lang: str) -> tuple[Module, ...]:
        return tuple(m for m in self.modules if m.lang == lang)
