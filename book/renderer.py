"""The participant book as an output: one Jupyter Book site per language, `build/book/<lang>/`.

It runs after the decks and handouts because each lesson page offers them for download.
"""
from __future__ import annotations

from pathlib import Path

from curriculum.rendering import LANGUAGE, RenderContext

LESSONS = "lessons"
#: The libraries Jupyter Book's Sphinx set-up loads (most of an incremental book build's time).
WARM_MODULES = ("jupyter_book.sphinx", "myst_nb", "myst_parser", "sphinx_book_theme", "pydata_sphinx_theme",
                "sphinx_design", "sphinx_togglebutton", "sphinx_copybutton", "sphinxcontrib.bibtex",
                "sphinx_external_toc", "sphinx_thebe", "sphinx_comments", "sphinx_jupyterbook_latex",
                "sphinx_multitoc_numbering", "sphinx.ext.intersphinx", "sphinx.builders.html")  # the lesson pages' folder in each language's book (render.py writes them there)


class BookRenderer:
    name = "book"
    scope = LANGUAGE
    settings = ("title", "publisher", "organization", "local_help", "hotlines")
    options = ()
    libraries = ("jupyter-book", "sphinx", "sphinx-book-theme", "pydata-sphinx-theme", "myst-parser", "myst-nb")
    after = ()
    #: The deck and handout of each lesson, offered on its page; app links them into
    #: `<lang>/lessons/<id>/downloads/` after publishing, so the book need not wait for them.
    links = {"slides": "pptx", "handouts": "pdf"}

    def file_name(self, item: str, lang: str) -> str:
        return lang

    def render(self, lang: str, context: RenderContext, folder: Path) -> list[str]:
        curriculum = context.curriculum
        downloads = {m.id: [f"{m.id}.{lang}.{ext}" for kind, ext in self.links.items()
                            if context.will_exist(kind, f"{m.id}.{lang}.{ext}")]
                     for m in curriculum.in_language(lang)}
        title = context.config.site_title(lang, context.language(lang).site_title)
        cache = (context.published or folder) / ".cache" / f"book-{lang}"
        from .local import BookLocal
        from .render import render_book  # Sphinx and Jupyter Book: loaded only where the book is made

        return render_book(curriculum, lang, title, downloads, cache, folder / lang, BookLocal.of(context, lang))

    def warm(self) -> None:
        """Load Sphinx and Jupyter Book ahead of time (about a second): app calls it in the book's
        worker while it still loads and checks the modules."""
        import importlib

        for name in WARM_MODULES:
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # a theme or extension missing here only costs time later

        from . import render  # noqa: F401

    def linked(self, published: Path) -> list[tuple[str, str]]:
        """(output, place in the book) for every download a published lesson page offers."""
        pairs = []
        for lesson in sorted((published / self.name).glob(f"*/{LESSONS}/*")):
            lang, module_id = lesson.parts[-3], lesson.name
            for kind, ext in self.links.items():
                name = f"{module_id}.{lang}.{ext}"
                if (published / kind / name).is_file():
                    pairs.append((f"{kind}/{name}", f"{self.name}/{lang}/{LESSONS}/{module_id}/downloads/{name}"))
        return pairs
