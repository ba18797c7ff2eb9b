"""Printable activity cards (issue 11): one cut-out sheet per module and language, for the
activities whose cell holds a `:::{cards}` list (a set per list, each starting a new page: an
activity may hand out six step cards and four "change one fact" slips).

Each card carries its number ("3 / 8") so a trainer can check a set is complete; with
`:order: mixed` the sheet prints the cards in a fixed mixed order (the same in every language),
so the numbers do not give away an ordering activity's answer. Citations are left off: a card
cut from the sheet has no source list to point to (the book and the handout keep them).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from curriculum.languages import words
from curriculum.model import Cards, Cell, Module, card_sets, cards_of, plain_text, without_marks
from curriculum.rendering import MODULE, RenderContext

from .html import inline_html
from .profiles import PAGE_SIZES

TEMPLATES = Path(__file__).parent / "templates"
#: A card title this long (characters) is a statement: printed smaller and not bold, so it fits.
STATEMENT_LENGTH = 60


class CardSheetRenderer:
    name = "cards"
    scope = MODULE
    settings = ("paper",)
    options = ()
    libraries = ("weasyprint", "pydyf", "fonttools")
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pdf"

    def wants(self, module: Module) -> bool:
        """Only a lesson whose activities hand out cards gets a sheet."""
        return bool(module.card_activities)

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from . import pdf  # WeasyPrint: loaded only where PDFs are made

        html = sheet_html(module, context.config.paper)
        pdf.write_pdf(html, module.folder, folder / self.file_name(module.id, module.lang),
                      f"{module.title}: {words(module.lang).cards_sheet}", context.when(module), module.lang)
        return []


def sheet_path(module: Module) -> str:
    """Where the sheet is in the build folder, as the lesson plan and the run of show name it."""
    return f"{CardSheetRenderer.name}/{CardSheetRenderer().file_name(module.id, module.lang)}"


def print_line(module: Module, cell: Cell) -> str:
    """What to print for an activity with cards ("Print the card sheet (6 cards, ...)"); "" without."""
    count = len(cards_of(cell))
    return words(module.lang).cards_to_print.format(count=count, file=sheet_path(module)) if count else ""


def print_cards(module: Module, cell: Cell) -> str:
    """The lesson plan's line under an activity with cards, as HTML; for cards printed out of
    order, the answer key by card number, so the trainer can check a group's order at a glance."""
    line = print_line(module, cell)
    if not line:
        return ""
    return (f'<p class="print-cards"><strong>{escape(line)}</strong></p>'
            + "".join(f'<p class="print-cards">{escape(key)}</p>' for key in answer_keys(module, cell)))


def answer_keys(module: Module, cell: Cell) -> list[str]:
    """For each `:order: mixed` set, the written order by printed number ("5 (Arrest and booking)
    → 3 (...)"), after the set's name when it has one; none for sets printed in written order."""
    keys = []
    for block in (b for b in card_sets(cell) if b.mixed):
        number = {id(card): n for n, card in enumerate(block.printed, start=1)}
        order = " → ".join(f"{number[id(card)]} ({plain_text(without_marks(card.title))})" for card in block.cards)
        key = words(module.lang).cards_answer_key.format(cards=order)
        keys.append(f"{block.title}: {key}" if block.title else key)
    return keys


def sheet_html(module: Module, paper: str) -> str:
    """The whole sheet: a section (starting on a new page) per set of cards."""
    label = words(module.lang)
    css = (TEMPLATES / "cards" / "cards.css").read_text(encoding="utf-8")
    sections = "".join(_section(module, cell, block) for cell in module.card_activities for block in card_sets(cell))
    return (f'<!DOCTYPE html><html lang="{escape(module.lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(module.title)}: {escape(label.cards_sheet)}</title>"
            f"<style>@page {{ size: {PAGE_SIZES[paper]}; }} {css}</style></head><body>{sections}</body></html>")


def _section(module: Module, cell: Cell, block: Cards) -> str:
    label = words(module.lang)
    named = f" · {block.title}" if block.title else ""
    heading = f"{module.title} · {label.activity}: {cell.activity_name}{named} · {label.one_set_per_group}"
    printed = block.printed
    # A set of long one-line statements prints them all in the statement style (a set looks alike).
    statements = not any(card.body for card in printed) and any(
        len(plain_text(without_marks(card.title))) >= STATEMENT_LENGTH for card in printed)
    kind = "title statement" if statements else "title"
    items = []
    for number, card in enumerate(printed, start=1):
        title = inline_html(without_marks(card.title), _no_cite)
        body = inline_html(without_marks(card.body), _no_cite) if card.body else ""
        items.append(f'<li class="card"><span class="number">{escape(label.card_number.format(n=number, total=len(printed)))}'
                     f'</span><span class="{kind}">{title}</span>'
                     + (f'<span class="body">{body}</span>' if body else "") + "</li>")
    return f'<section class="sheet"><h1>{escape(heading)}</h1><ol class="cards">{"".join(items)}</ol></section>'


def _no_cite(ids: tuple[str, ...]) -> str:
    return ""
