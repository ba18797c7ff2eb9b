"""The participant book as an output: one Jupyter Book site per language, `build/book/<lang>/`,
and a landing page, `build/book/index.html`, that offers every published language.

It runs beside the decks, handouts and lesson plans (each lesson page offers them for download;
app places the files after publishing), and links every page to the same page in the other
languages.
"""
from __future__ import annotations

from pathlib import Path

from curriculum.rendering import LANGUAGE, RenderContext

from .pages import LESSONS, Download, Translation

#: The libraries Jupyter Book's Sphinx set-up loads (most of an incremental book build's time).
WARM_MODULES = ("jupyter_book.sphinx", "myst_nb", "myst_parser", "sphinx_book_theme", "pydata_sphinx_theme",
                "sphinx_design", "sphinx_togglebutton", "sphinx_copybutton", "sphinxcontrib.bibtex",
                "sphinx_external_toc", "sphinx_thebe", "sphinx_comments", "sphinx_jupyterbook_latex",
                "sphinx_multitoc_numbering", "sphinx.ext.intersphinx", "sphinx.builders.html")


class BookRenderer:
    name = "book"
    scope = LANGUAGE
    settings = ("title", "publisher", "organization", "local_help", "hotlines")
    options = ()
    libraries = ("jupyter-book", "sphinx", "sphinx-book-theme", "pydata-sphinx-theme", "myst-parser", "myst-nb",
                 "graphviz")  # the drawings (curriculum/diagrams.py); the key also holds `dot -V`
    after = ()
    #: What each lesson page offers for download: output -> (extension, what the file is called in
    #: the page's downloads/ folder, so the handout and the lesson plan, both PDFs, never collide).
    links = {"slides": ("pptx", "slides"), "handouts": ("pdf", "handout"), "guides": ("pdf", "lesson-plan"),
             "cards": ("pdf", "cards")}  # the card sheet: only lessons whose activities hand out cards

    def file_name(self, item: str, lang: str) -> str:
        return lang

    def render(self, lang: str, context: RenderContext, folder: Path) -> list[str]:
        curriculum = context.curriculum
        downloads = {m.id: [Download(kind, self.download_name(kind, m.id, lang)) for kind, (ext, _) in self.links.items()
                            if context.will_exist(kind, f"{m.id}.{lang}.{ext}")]
                     for m in curriculum.in_language(lang)}
        title = context.config.site_title(lang, context.language(lang).site_title)
        # A workshop's own book (its local help, for its offline zip) keeps its own Sphinx cache.
        own = f"workshop-{context.workshop.name}-" if context.workshop else ""
        cache = (context.published or folder) / ".cache" / f"book-{own}{lang}"
        from .local import BookLocal
        from .render import render_book  # Sphinx and Jupyter Book: loaded only where the book is made

        return render_book(curriculum, lang, title, downloads, self.translations(lang, context), cache, folder / lang,
                           BookLocal.of(context, lang))

    def translations(self, lang: str, context: RenderContext) -> list[Translation]:
        """The other languages whose book exists once this build is published, with the lessons
        each has, for the language switch on every page."""
        others = sorted({code for _, code in context.translations if code != lang and context.will_exist(self.name, code)})
        return [Translation(code, context.language(code).name,
                            frozenset(m for m, c in context.translations if c == code)) for code in others]

    def download_name(self, kind: str, module_id: str, lang: str) -> str:
        ext, called = self.links[kind]
        return f"{module_id}.{lang}.{called}.{ext}"

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
            for kind, (ext, _) in self.links.items():
                name = f"{module_id}.{lang}.{ext}"
                if (published / kind / name).is_file():
                    pairs.append((f"{kind}/{name}", f"{self.name}/{lang}/{LESSONS}/{module_id}/downloads/"
                                                    f"{self.download_name(kind, module_id, lang)}"))
        return pairs

    def finish(self, context: RenderContext, published: Path) -> None:
        """Write the landing page, `build/book/index.html`, for every language published in
        build/book, whether or not this build touched it (a Spanish-only build keeps English)."""
        from .landing import write_landing

        write_landing(published / self.name, context)
