"""Handouts and lesson plans as outputs: one PDF per module and language each."""
from __future__ import annotations

from pathlib import Path

from curriculum.model import Module
from curriculum.rendering import MODULE, RenderContext


#: A handout is written for print: one sheet, both sides.
HANDOUT_PAGES = 2
PDF_LIBRARIES = ("nbconvert", "weasyprint", "pydyf", "jinja2", "fonttools")


class HandoutRenderer:
    name = "handouts"
    scope = MODULE
    settings = ("publisher", "organization", "local_help", "hotlines")
    options = ()
    libraries = PDF_LIBRARIES
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pdf"

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from .render import LocalHelp, render_handout  # nbconvert and WeasyPrint: loaded only where PDFs are made

        pages = render_handout(module, context.glossary(module.lang), context.config,
                               folder / self.file_name(module.id, module.lang), context.when(module),
                               LocalHelp.of(context, module.lang))
        if pages > HANDOUT_PAGES:
            return [f"{module.path}: the handout has {pages} pages (aim for {HANDOUT_PAGES}); "
                    "shorten the cells tagged 'handout'"]
        return []


class GuideRenderer:
    name = "guides"
    scope = MODULE
    settings = ("organization", "local_help", "hotlines")
    options = ("start",)
    libraries = PDF_LIBRARIES
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pdf"

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from .guide import render_guide
        from .render import LocalHelp

        render_guide(module, folder / self.file_name(module.id, module.lang), context.when(module), context.start,
                     LocalHelp.of(context, module.lang))
        return []
