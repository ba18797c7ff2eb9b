"""Turn one module into a handout, the nbconvert way: the real notebook -> preprocessors that
drop what is not printed and put each kept cell's HTML (written from the content model's tree)
in its place -> the handout template -> PDF.

Only cells tagged `handout` are printed; trainer cells cannot be tagged `handout`, so they
never reach paper. Citations are renumbered in the order the handout cites them.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape
from pathlib import Path

from jinja2 import StrictUndefined
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from curriculum.acronyms import acronyms
from curriculum.config import Config
from curriculum.languages import Words, words
from curriculum.load import read_notebook
from curriculum.model import Cell, Glossary, Image, Module, Term, block_inlines, plain_text, walk_blocks, walk_inlines

from . import pdf
from .html import blocks_html

TEMPLATES = Path(__file__).parent / "templates"


class PrintExporter(HTMLExporter):
    """nbconvert's HTML exporter with one of our print templates ("handout", "guide") and a
    strict Jinja environment: a misspelt key fails the build instead of printing a blank."""

    def __init__(self, template: str, preprocessors: list[Preprocessor], **kwargs):
        super().__init__(template_name=template, extra_template_basedirs=[str(TEMPLATES)], **kwargs)
        for preprocessor in preprocessors:
            self.register_preprocessor(preprocessor, enabled=True)

    def _create_environment(self):
        environment = super()._create_environment()
        environment.undefined = StrictUndefined
        return environment


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

    def __init__(self, module: Module, cite, **kwargs):
        super().__init__(**kwargs)
        self.module, self.cite = module, cite

    def preprocess(self, nb, resources):
        label = words(self.module.lang)
        printed: dict[int, tuple[str, Cell]] = {}
        for section in self.module.sections:
            for n, cell in enumerate(section.handout_cells):
                printed[cell.index] = (section.title or "" if n == 0 else "", cell)
        kept = []
        for index, raw in enumerate(nb.cells):
            if index not in printed:
                continue
            section, cell = printed[index]
            title = (f"<h3>{escape(cell.activity_name)} ({cell.minutes} {label.minutes})</h3>"
                     if cell.is_activity else "")
            raw.cell_type, raw.source = "markdown", title + cell_html(cell, self.cite, self.module.folder)
            raw.metadata["untangle_print"] = {"section": section}
            raw.pop("outputs", None)
            raw.pop("execution_count", None)
            kept.append(raw)
        nb.cells = kept
        return nb, resources


class HandoutFactsPreprocessor(Preprocessor):
    """The fixed parts of the handout (title, key points, glossary, sources, notice) as typed
    notebook metadata for the template."""

    def __init__(self, module: Module, glossary: Glossary | None, config: Config, cite: CitationOrder,
                 local: "LocalHelp | None" = None, **kwargs):
        super().__init__(**kwargs)
        self.module, self.glossary, self.settings, self.cite = module, glossary, config, cite
        self.local = local or LocalHelp.generic(module.lang)

    def preprocess(self, nb, resources):
        module, label = self.module, words(self.module.lang)
        nb.metadata["handout"] = {
            "lang": module.lang,
            "title": module.title,
            "summary": module.summary,
            "publisher": self.local.organization or self.settings.publisher,
            "key_points": list(module.key_points),
            "key_points_label": label.key_points,
            "glossary": _glossary(module, self.glossary),
            "glossary_label": label.glossary,
            "sources": [_short_source(module, i, label) for i in _all_cited(self.cite.order, module)],
            "sources_label": label.sources,
            "notice": self.local.notice,
            "notice_short": self.local.notice_short,
            "last_reviewed": module.last_reviewed.isoformat(),
            "last_reviewed_label": label.last_reviewed,
            "local_help": list(self.local.lines),
            "local_help_label": label.local_help,
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


def export(module: Module, template: str, preprocessors: list[Preprocessor]) -> str:
    """The real notebook through `preprocessors` and `template`: the page's HTML."""
    css = (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")
    exporter = PrintExporter(template, preprocessors)
    body, _ = exporter.from_notebook_node(read_notebook(module.path), resources={"handout_css": css})
    return body


def handout_html(module: Module, glossary: Glossary | None, config: Config, local: LocalHelp | None = None) -> str:
    cite = CitationOrder()
    return export(module, "handout", [PrintedCellsPreprocessor(module, cite),
                                      HandoutFactsPreprocessor(module, glossary, config, cite, local)])


def cell_html(cell: Cell, cite, folder: Path) -> str:
    """A cell's printed HTML, its pictures embedded."""
    if cell.figure is not None:
        return _embedded(cell.figure.png, "image/png", cell.figure.alt)

    def picture(image: Image) -> str:
        path = folder / image.src
        kind = "image/jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "image/png"
        return _embedded(path.read_bytes(), kind, image.alt)

    return blocks_html(cell.blocks, cite, picture)


def _embedded(data: bytes, kind: str, alt: str) -> str:
    """An <img> that carries its picture, so the PDF does not depend on where the files are."""
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:{kind};base64,{encoded}">'


def _all_cited(order: list[str], module: Module) -> list[str]:
    """Sources the handout cites, in citation order; if it cites none, the module's first."""
    return order or [module.sources[0].id] if module.sources else order


def _short_source(module: Module, source_id: str, label: Words) -> str:
    source = module.source(source_id)
    if source is None:
        return source_id
    return f"{source.publisher}, \u201c{source.title},\u201d {source.date}. {source.url}"


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
                   local: LocalHelp | None = None) -> int:
    """Write the handout PDF; return its page count (a handout should fit two pages)."""
    return pdf.write_pdf(handout_html(module, glossary, config, local), base=module.folder, target=target,
                         title=module.title, when=when, lang=module.lang)
