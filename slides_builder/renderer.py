"""The deck as an output: one .pptx per module and language (see curriculum/rendering.py)."""
from __future__ import annotations

from pathlib import Path

from curriculum.errors import BuildError
from curriculum.model import Module
from curriculum.rendering import MODULE, RenderContext


class DeckRenderer:
    name = "slides"
    scope = MODULE
    settings = ("max_bullets_per_slide", "slide_template", "book_url", "organization", "local_help", "hotlines")
    options = ()
    libraries = ("python-pptx", "pillow", "segno", "graphviz")
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pptx"

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from .local import DeckLocal
        from .render import DEFAULT_TEMPLATE, render_deck  # python-pptx: loaded only where decks are made

        config = context.config
        template = config.template_path(context.curriculum.root) or DEFAULT_TEMPLATE
        if not template.is_file():
            raise BuildError("the slide template does not exist (setting 'slide_template')", template)
        render_deck(module, template, folder / self.file_name(module.id, module.lang),
                    config.max_bullets_per_slide, context.when(module), config.book_url,
                    DeckLocal.of(context, module.lang))
        return []

    def warm(self) -> None:
        """Load python-pptx and the deck code ahead of time: app calls it in a worker while it
        still loads and checks the modules."""
        from . import render  # noqa: F401
