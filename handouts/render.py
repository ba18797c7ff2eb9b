"""Turn one module into a handout, the nbconvert way: the real notebook -> preprocessors that
drop what is not printed and put each kept cell's HTML (written from the content model's tree)
in its place -> the handout template -> PDF.

Only cells tagged `handout` are printed; trainer cells cannot be tagged `handout`, so they
never reach paper. Citations are renumbered in the order the handout cites them.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from jinja2 import BytecodeCache, StrictUndefined
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from curriculum import diagrams
from curriculum.acronyms import acronyms
from curriculum.config import Config
from curriculum.languages import Words, words
from curriculum.load import read_notebook
from curriculum.model import Cell, Glossary, Image, Module, Term, block_inlines, plain_text, walk_blocks, walk_inlines

from . import pdf

from .html import blocks_html
from .picture import Picture, embedded, lesson_picture
from .profiles import Profile
from .reuse import PrintMemo, write_once
from .sources import short_source

TEMPLATES = Path(__file__).parent / "templates"


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled print templates, kept for the life of the process: each page is exported
    by a new exporter, and compiling nbconvert's template chain again every time cost more than
    filling it in. Jinja keys each entry by the template's source, so an edited template compiles
    again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class PrintExporter(HTMLExporter):
    """nbconvert's HTML exporter with one of our print templates ("handout", "guide") and a
    strict Jinja environment: a misspelt key fails the build instead of printing a blank. The
    notebook is validated once, after the preprocessors (not after each of them)."""

    def __init__(self, template: str, preprocessors: list[Preprocessor], **kwargs):
        super().__init__(template_name=template, extra_template_basedirs=[str(TEMPLATES)],
                         optimistic_validation=True, **kwargs)
        for preprocessor in preprocessors:
            self.register_preprocessor(preprocessor, enabled=True)

    def _create_environment(self):
        environment = super()._create_environment()
        environment.undefined = StrictUndefined
        environment.bytecode_cache = _COMPILED
        return environment


@dataclass(frozen=True)
class Variant:
    """One way to lay the handout out; `fit.py` tries them until the pages come out as planned."""

    tight: bool = False  # less space between blocks (never smaller type)
    local_help: bool = True  # the "My local legal help" box to write in
    picture_in: float | None = 3.4  # height of the lesson's picture in inches; None leaves it out
    notes_lines: int = 0  # write-in lines that fill what is left of the last page


class CitationOrder:
    """Numbers sources in the order the printed page first cites them."""

    def __init__(self):
        self.order: list[str] = []

    def __call__(self, ids: tuple[str, ...]) -> str:
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
        return "<sup>" + ",".join(str(self.order.index(i) + 1) for i in ids) + "</sup>"


class PrintedCellsPreprocessor(Preprocessor):
    """Keep the notebook cells the handout prints, in order, each with its HTML from the tree
    as its source and its section title (on the first printed cell of a section) in metadata."""

    def __init__(self, module: Module, cite, picture_html: str = "", picture_section: str | None = None,
                 large: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.module, self.cite, self.large = module, cite, large
        self.picture_html, self.picture_section = picture_html, picture_section

    def preprocess(self, nb, resources):
        label = words(self.module.lang)
        picture = self.picture_html
        printed: dict[int, tuple[str, Cell]] = {}
        for section in self.module.sections:
            for n, cell in enumerate(section.handout_cells):
                printed[cell.index] = (section.title or "" if n == 0 else "", cell)
        kept = []
        for index, raw in enumerate(nb.cells):
            if index not in printed:
                continue
            section, cell = printed[index]
            title = (f"<h3>{escape(cell.activity_name)} ({minutes(cell.minutes, label)})</h3>"
                     if cell.is_activity else "")
            here = ""
            if picture and section and section == (self.picture_section or ""):
                here, picture = picture, ""  # the picture opens its own section, beside the text
            raw.cell_type, raw.source = "markdown", here + title + cell_html(cell, self.cite, self.module.folder,
                                                                             self.module.lang, self.large)
            raw.metadata["untangle_print"] = {"section": section}
            raw.pop("outputs", None)
            raw.pop("execution_count", None)
            kept.append(raw)
        nb.cells = kept
        resources["picture_alone"] = picture  # its section is not printed: it goes before the key points
        return nb, resources


def minutes(count: int, label: Words) -> str:
    """"1 minute", "5 minutes"."""
    return f"{count} {label.minute if count == 1 else label.minutes}"


class HandoutFactsPreprocessor(Preprocessor):
    """The fixed parts of the handout (title, key points, glossary, sources, notice) as typed
    notebook metadata for the template."""

    def __init__(self, module: Module, glossary: Glossary | None, config: Config, cite: CitationOrder,
                 variant: Variant, local: "LocalHelp | None" = None, **kwargs):
        super().__init__(**kwargs)
        self.module, self.glossary, self.settings, self.cite, self.variant = module, glossary, config, cite, variant
        self.local = local or LocalHelp.generic(module.lang)

    def preprocess(self, nb, resources):
        module, label = self.module, words(self.module.lang)
        nb.metadata["handout"] = {
            "lang": module.lang,
            "title": module.title,
            "summary": module.summary,
            "untranslated": label.untranslated_notice if module.partly_translated else "",
            "publisher": self.local.organization or self.settings.publisher,
            "key_points": list(module.key_points),
            "key_points_label": label.key_points,
            "glossary": _glossary(module, self.glossary),
            "glossary_label": label.glossary,
            "sources": [_short_source(module, i) for i in _all_cited(self.cite.order, module)],
            "sources_label": label.sources,
            "notice": self.local.notice,
            "notice_short": self.local.notice_short,
            "last_reviewed": module.last_reviewed.isoformat(),
            "last_reviewed_label": label.last_reviewed,
            "tight": self.variant.tight,
            "local_help": {"title": label.my_local_help, "lines": [label.local_help_name, label.local_help_phone,
                                                               label.local_help_address, ""]}
                          if self.variant.local_help and not self.local.lines else None,
            "notes": {"title": label.my_notes, "lines": self.variant.notes_lines} if self.variant.notes_lines else None,
            "local_contact": list(self.local.lines),
            "local_contact_label": label.local_help,
            "write_in_label": label.local_help_write_in,
        }
        return nb, resources


@dataclass(frozen=True)
class LocalHelp:
    """What a printed page says about help (from `RenderContext.local_help` and `legal_notice`):
    the local lines (empty: a write-in box) and the notice in long and short form."""

    lines: tuple[str, ...]
    notice: str
    notice_short: str
    organization: str = ""  # printed above the title instead of the publisher, when set

    @classmethod
    def generic(cls, lang: str) -> "LocalHelp":
        label = words(lang)
        return cls((), label.legal_notice, label.legal_notice_short)

    @classmethod
    def of(cls, context, lang: str) -> "LocalHelp":
        organization = context.local().organization
        return cls(tuple(context.local_help(lang)), *context.legal_notice(lang),
                   organization.name if organization else "")


def export(module: Module, template: str, preprocessors: list[Preprocessor], profile: Profile) -> str:
    """The real notebook through `preprocessors` and `template`: the page's HTML."""
    css = (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8") + "\n" + profile.css()
    exporter = PrintExporter(template, preprocessors)
    body, _ = exporter.from_notebook_node(read_notebook(module.path),
                                          resources={"handout_css": css, "picture_alone": ""})
    return body


def handout_html(module: Module, glossary: Glossary | None, config: Config, profile: Profile = Profile(),
                 variant: Variant = Variant(), picture: Picture | None = None,
                 local: LocalHelp | None = None) -> str:
    cite = CitationOrder()
    shown = ""
    if picture is not None and variant.picture_in:
        shown = picture.html(variant.picture_in * (1.4 if profile.large else 1), column_in=6.9, beside=not profile.large)
    return export(module, "handout", [
        PrintedCellsPreprocessor(module, cite, shown, picture.section if picture else None, profile.large),
        HandoutFactsPreprocessor(module, glossary, config, cite, variant, local)], profile)


#: The smallest a drawing's labels print, in points: readable on a handout held in the hand, and
#: for large print's readers as large as its notes.
LABEL_PT = 7.5
LARGE_LABEL_PT = 12
#: A drawing up to this wide (inches) stands beside the steps it pictures; a wider one gets a line
#: of its own, so the text beside it never becomes a narrow strip.
BESIDE_UP_TO_IN = 3.3
NARROWEST_IN = 1.9


def drawing_style(made: diagrams.Drawing, large: bool = False) -> str:
    """How wide a drawing prints: just wide enough that its smallest label is readable (drawings
    are drawn for a slide, so on paper they shrink), beside the text when that is narrow enough."""
    width_pt, _, label_pt = diagrams.svg_geometry(made.svg())
    least = LARGE_LABEL_PT if large else LABEL_PT
    width_in = max(NARROWEST_IN, width_pt / 72 * least / label_pt) if label_pt else NARROWEST_IN
    if not large and width_in <= BESIDE_UP_TO_IN:
        return f"float: right; width: {width_in:.2f}in; max-width: 45%; margin: 0 0 0.1in 0.15in"
    return f"display: block; width: {width_in:.2f}in; max-width: 100%; margin: 0.1in auto"


def cell_html(cell: Cell, cite, folder: Path, lang: str, large: bool = False) -> str:
    """A cell's printed HTML, its pictures embedded (drawings made from data in `lang`, sized for
    large print when `large`)."""
    if cell.figure is not None:
        return embedded(cell.figure.png, "image/png", cell.figure.alt)

    def picture(image: Image) -> str:
        path = folder / image.src
        kind = "image/jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "image/png"
        return embedded(path.read_bytes(), kind, image.alt)

    def drawing(block) -> str:
        made = diagrams.drawing_for(block, folder.parents[1], lang)
        if made.steps:  # a scenario: its steps as a numbered strip, one line each, in a few lines of paper
            steps = "".join(f"<li>{escape(step)}</li>" for step in made.steps)
            return f'<div class="scenario"><p><strong>{escape(made.title)}</strong></p><ol>{steps}</ol></div>'
        # As SVG, the book's own drawing: vector lines and type on paper, nothing to rasterise.
        return embedded(made.svg().encode("utf-8"), "image/svg+xml", made.alt).replace(
            "<img ", f'<img style="{drawing_style(made, large)}" ', 1)

    return blocks_html(cell.blocks, cite, picture, drawing)


def _all_cited(order: list[str], module: Module) -> list[str]:
    """Sources the handout cites, in citation order; if it cites none, the module's first."""
    return order or [module.sources[0].id] if module.sources else order


def _short_source(module: Module, source_id: str) -> str:
    source = module.source(source_id)
    return short_source(source, module.lang) if source is not None else source_id


def _glossary(module: Module, glossary: Glossary | None) -> list[dict[str, str]]:
    """Glossary entries for the terms the printed parts link, and the acronyms they or the key
    points use."""
    if glossary is None:
        return []
    terms: list[str] = []
    texts = list(module.key_points)
    for cell in (c for c in module.cells if c.in_handout):
        for block in walk_blocks(cell.blocks):
            for inlines in block_inlines(block):
                terms.extend(i.term for i in walk_inlines(inlines) if isinstance(i, Term))
                texts.append(plain_text(inlines))
    terms.extend(acronym for text in texts for acronym in acronyms(text))
    found: dict[str, dict[str, str]] = {}
    for term in terms:
        entry = glossary.get(term)
        if entry is not None and entry.term not in found:
            text = f"{entry.full}. {entry.definition}" if entry.full else entry.definition
            found[entry.term] = {"term": entry.term, "text": text}
    return sorted(found.values(), key=lambda e: e["term"].casefold())


def render_handout(module: Module, glossary: Glossary | None, config: Config, target: Path, when,
                   profile: Profile = Profile(), local: LocalHelp | None = None, memo: "PrintMemo | None" = None) -> int:
    """Write the handout PDF, laid out to fill its pages on purpose (or, with `memo`, copied
    from the last build when its page did not change); return its page count."""
    from .fit import first_variant, fit

    picture = lesson_picture(module)
    pages_html: dict[Variant, str] = {}

    def page(variant: Variant) -> str:
        if variant not in pages_html:
            pages_html[variant] = handout_html(module, glossary, config, profile, variant, picture, local)
        return pages_html[variant]

    def make() -> int:
        layout = fit(lambda variant: pdf.lay_out(page(variant), base=module.folder, when=when), profile,
                     has_picture=picture is not None)
        return pdf.write(layout, target, title=module.title, lang=module.lang)

    return write_once(memo, page(first_variant(has_picture=picture is not None)), target, make)
