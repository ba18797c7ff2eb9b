"""Handouts (standard and large print) and lesson plans as outputs: one PDF per module and
language each, on the paper the `paper` setting names."""
from __future__ import annotations

from pathlib import Path

from curriculum.model import Module
from curriculum.rendering import MODULE, RenderContext


#: A handout is written for print: one sheet, both sides.
HANDOUT_PAGES = 2
#: graphviz: the drawings from data (curriculum/diagrams.py); the cache key also holds `dot -V`.
PDF_LIBRARIES = ("nbconvert", "weasyprint", "pydyf", "jinja2", "fonttools", "graphviz")


def _warm_pdf() -> None:
    """Load nbconvert and WeasyPrint ahead of time (about a second): app calls it in a worker
    while it still loads and checks the modules."""
    import weasyprint  # noqa: F401

    from . import guide, render  # noqa: F401


def _memo(context: RenderContext, output: str, name: str, module: Module, libraries: tuple[str, ...]):
    """What lets an unchanged printed page be copied from the last build (handouts/reuse.py)."""
    from .reuse import PrintMemo

    return PrintMemo(context.published, output, name,
                     (context.when(module).isoformat(), module.title, module.lang), libraries)


class HandoutRenderer:
    name = "handouts"
    scope = MODULE
    settings = ("publisher", "paper", "organization", "local_help", "hotlines")
    options = ()
    libraries = PDF_LIBRARIES
    after = ()
    large = False

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pdf"

    def warm(self) -> None:
        _warm_pdf()

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from .profiles import Profile
        from .render import LocalHelp, render_handout  # nbconvert and WeasyPrint: loaded only where PDFs are made

        profile = Profile(context.config.paper, self.large)
        name = self.file_name(module.id, module.lang)
        pages = render_handout(module, context.glossary(module.lang), context.config, folder / name,
                               context.when(module), profile, LocalHelp.of(context, module.lang),
                               _memo(context, self.name, name, module, self.libraries))
        if profile.max_pages and pages > profile.max_pages:
            return [f"{module.path}: the handout has {pages} pages (aim for {HANDOUT_PAGES}); "
                    "shorten the cells tagged 'handout'"]
        return []


class LargePrintRenderer(HandoutRenderer):
    """The same handout at 16 pt for readers with low vision: `build/large-print/`. It may run
    past two pages."""

    name = "large-print"
    large = True


class GuideRenderer:
    name = "guides"
    scope = MODULE
    settings = ("paper", "max_fact_age_days", "max_bullets_per_slide", "organization", "local_help", "hotlines")
    options = ("start", "today")
    libraries = PDF_LIBRARIES + ("python-pptx",)
    after = ("slides",)  # its slide numbers are read from the lesson's deck

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.pdf"

    def warm(self) -> None:
        _warm_pdf()

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        from .guide import render_guide

        name = self.file_name(module.id, module.lang)
        render_guide(module, folder / name, context, _memo(context, self.name, name, module, self.libraries))
        return []
