"""The participant book as an output: one Jupyter Book site per language, `build/book/<lang>/`.

It runs after the decks and handouts because each lesson page offers them for download.
"""
from __future__ import annotations

from pathlib import Path

from curriculum.rendering import LANGUAGE, RenderContext

from .render import render_book


class BookRenderer:
    name = "book"
    scope = LANGUAGE
    settings = ("title",)
    options = ()
    libraries = ("jupyter-book", "sphinx", "sphinx-book-theme", "pydata-sphinx-theme", "myst-parser", "myst-nb")
    after = ("slides", "handouts")

    def file_name(self, item: str, lang: str) -> str:
        return lang

    def render(self, lang: str, context: RenderContext, folder: Path) -> list[str]:
        curriculum = context.curriculum
        downloads = {}
        for module in curriculum.in_language(lang):
            found = [context.sibling(kind, f"{module.id}.{lang}.{ext}") for kind, ext in (("slides", "pptx"), ("handouts", "pdf"))]
            downloads[module.id] = [f for f in found if f is not None]
        title = context.config.site_title(lang, context.language(lang).site_title)
        cache = (context.published or folder) / ".cache" / f"book-{lang}"
        return render_book(curriculum, lang, title, downloads, cache, folder / lang)
