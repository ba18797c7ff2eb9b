"""Turn one module into a handout: notebook of the printed parts -> HTML (nbconvert) -> PDF.

Only cells tagged `handout` are printed; trainer cells cannot be tagged `handout`, so they
never reach paper. Citations are renumbered in the order the handout cites them.
"""
from __future__ import annotations

import base64
import html
from datetime import datetime
from pathlib import Path

import nbformat
from jinja2 import StrictUndefined
from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_markdown_cell, new_notebook

from curriculum.config import Config
from curriculum.model import Cell, Glossary, Image, Module, Term, block_inlines, plain_text, walk_blocks, walk_inlines
from curriculum.acronyms import acronyms
from curriculum.words import words

from . import markdown, pdf

TEMPLATES = Path(__file__).parent / "templates"


class PrintExporter(HTMLExporter):
    """nbconvert's HTML exporter with one of our print templates ("handout", "guide") and a
    strict Jinja environment: a misspelt key fails the build instead of printing a blank."""

    def __init__(self, template: str = "handout", **kwargs):
        super().__init__(template_name=template, extra_template_basedirs=[str(TEMPLATES)], **kwargs)

    def _create_environment(self):
        environment = super()._create_environment()
        environment.undefined = StrictUndefined
        return environment


def handout_notebook(module: Module, glossary: Glossary | None, config: Config) -> nbformat.NotebookNode:
    """The printed parts as a notebook: one Markdown cell per part, fixed parts in metadata."""
    label = words(module.lang)
    order: list[str] = []

    def cite(ids: tuple[str, ...]) -> str:
        for source_id in ids:
            if source_id not in order:
                order.append(source_id)
        return "<sup>" + ",".join(str(order.index(i) + 1) for i in ids) + "</sup>"

    cells = []
    for section in module.sections:
        printed = section.handout_cells
        if not printed:
            continue
        parts = [f"## {markdown.escape(section.title)}"] if section.title else []
        for cell in printed:
            if cell.is_activity:
                parts.append(f"### {markdown.escape(cell.title or '')} ({cell.minutes} {label.minutes})")
            parts.append(cell_markdown(cell, cite, module.folder))
        cells.append(new_markdown_cell("\n\n".join(p for p in parts if p)))
    nb = new_notebook(cells=cells)
    nb.metadata["handout"] = {
        "lang": module.lang,
        "title": module.title,
        "summary": module.summary,
        "publisher": config.publisher,
        "key_points": list(module.key_points),
        "key_points_label": label.key_points,
        "glossary": _glossary(module, glossary),
        "glossary_label": label.glossary,
        "sources": [_short_source(module, source_id) for source_id in _all_cited(order, module)],
        "sources_label": label.sources,
        "notice": label.legal_notice,
        "notice_short": label.legal_notice_short,
        "last_reviewed": module.last_reviewed.isoformat(),
        "last_reviewed_label": label.last_reviewed,
    }
    return nb


def render_handout(module: Module, glossary: Glossary | None, config: Config, target: Path, when: datetime) -> int:
    """Write the handout PDF; return its page count (a handout should fit two pages)."""
    return print_notebook(handout_notebook(module, glossary, config), "handout", module, target, when)


def print_notebook(nb, template: str, module: Module, target: Path, when: datetime) -> int:
    """Render a print notebook with `template`, write it as a PDF, return its page count."""
    css = (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")
    body, _ = PrintExporter(template).from_notebook_node(nb, resources={"handout_css": css})
    return pdf.write_pdf(body, base=module.folder, target=target, title=module.title, when=when)


def cell_markdown(cell: Cell, cite, folder: Path) -> str:
    """A cell's printed Markdown, its pictures embedded."""
    if cell.figure is not None:
        return _embedded(cell.figure.png, "image/png", cell.figure.alt)

    def picture(image: Image) -> str:
        path = folder / image.src
        kind = "image/jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "image/png"
        return _embedded(path.read_bytes(), kind, image.alt)

    return markdown.blocks_markdown(cell.blocks, cite, picture)


def _embedded(data: bytes, kind: str, alt: str) -> str:
    """An <img> that carries its picture, so the PDF does not depend on where the files are."""
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:{kind};base64,{encoded}">'


def _all_cited(order: list[str], module: Module) -> list[str]:
    """Sources the handout cites, in citation order; if it cites none, the module's first."""
    return order or [module.sources[0].id] if module.sources else order


def _short_source(module: Module, source_id: str) -> str:
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
