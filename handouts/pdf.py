"""The only file that knows the PDF engine (WeasyPrint): lay a page out, say what landed where,
and write it as tagged PDF/UA."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from curriculum.errors import BuildError

# WeasyPrint logs every CSS property it ignores; our stylesheet is written for it, so only
# real errors matter here.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

class _EmbeddedImages(dict):
    """WeasyPrint's image cache, kept for the life of the process (a handout is laid out several
    times, see handouts/fit.py): only embedded `data:` images, whose address is their content, so
    a picture file edited between two builds in one process is never served stale."""

    def __setitem__(self, key: str, value) -> None:
        if ":" not in key or key.startswith("data:"):
            super().__setitem__(key, value)


_IMAGES = _EmbeddedImages()

#: The page's own stylesheet: the one `<style>` in its head.
_STYLE = re.compile(r"<style>(?P<css>.*?)</style>", re.S)


@lru_cache(maxsize=1)
def _fonts():
    """One font configuration per process, shared by every page it lays out: a new one per page
    starts Pango with empty font and shaping caches, which cost 10–15% of the printed outputs'
    time (the same fonts are found, so the PDFs are byte for byte the same)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=16)
def _stylesheet(css: str):
    """`css` parsed once per process: every handout, lesson plan and large-print page shares a
    few stylesheets, and parsing one again cost about as much as laying out a short page."""
    from weasyprint import CSS

    return CSS(string=css, font_config=_fonts())


def _document(html: str, base: Path):
    """WeasyPrint's laid-out document for `html`: its stylesheet is taken out of the page and
    given already parsed (same rules, same order; `style` attributes still win)."""
    from weasyprint import HTML

    style = _STYLE.search(html)
    sheets = []
    if style is not None:
        sheets = [_stylesheet(style["css"])]
        html = html[:style.start()] + html[style.end():]
    return HTML(string=html, base_url=str(base) + "/").render(stylesheets=sheets, cache=_IMAGES,
                                                              font_config=_fonts())


@dataclass
class Layout:
    """A laid-out document, before it is written: enough to decide whether to tighten or fill."""

    document: object  # weasyprint.Document

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def parts_on(self, page: int) -> set[str]:
        """The classes of the `<section>`s with something on page `page` (1-based)."""
        found: set[str] = set()
        for box in _flow(self.document.pages[page - 1]):
            element = getattr(box, "element", None)
            if element is not None and element.tag == "section" and box.height:
                found.update((element.get("class") or "").split())
        return found

    def used_share(self, page: int) -> float:
        """How much of page `page`'s height its content fills (0 to 1)."""
        height = self.document.pages[page - 1]._page_box.height
        return 1 - self.free_height(page) / height if height else 1.0

    def free_height(self, page: int) -> float:
        """Empty height, in CSS px (1/96 in), below the last thing on page `page`."""
        page_box = self.document.pages[page - 1]._page_box
        bottom = page_box.content_box_y() + page_box.height
        used = max((b.position_y + b.margin_height() for b in _flow(self.document.pages[page - 1])
                    if getattr(b, "element_tag", None) not in (None, "html", "body")), default=0.0)
        return max(0.0, bottom - used)


def _flow(page):
    """Every box of the page's main flow (the running footer and page number left out)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    stack = [c for c in page._page_box.children if not isinstance(c, MarginBox)]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))


def _dated(html: str, when: datetime) -> str:
    """`html` with `when` as its creation and change date (WeasyPrint writes them into the PDF),
    so a rebuild gives the same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return html.replace("</head>", f'<meta name="dcterms.created" content="{stamp}">'
                                   f'<meta name="dcterms.modified" content="{stamp}"></head>', 1)


def lay_out(html: str, base: Path, when: datetime) -> Layout:
    """Lay `html` out (relative links resolved from `base`) with reproducible dates."""
    try:
        return Layout(_document(_dated(html, when), base))
    except (OSError, ValueError) as exc:
        raise BuildError(f"could not lay out the PDF ({exc})") from None


def write(layout: Layout, target: Path, title: str, lang: str) -> int:
    """Write `layout` as a tagged PDF/UA document in `lang`; return the number of pages."""
    try:
        layout.document.write_pdf(target, pdf_identifier=title.encode("utf-8")[:32], pdf_variant="pdf/ua-1",
                                  lang=lang)
    except (OSError, ValueError) as exc:
        raise BuildError(f"could not write the PDF ({exc})", target) from None
    return layout.pages


def write_pdf(html: str, base: Path, target: Path, title: str, when: datetime, lang: str) -> int:
    """Lay out and write in one step; return the number of pages."""
    return write(lay_out(html, base, when), target, title, lang)


def write_pdf_parts(parts: list[tuple[str, Path]], target: Path, title: str, when: datetime, lang: str,
                    even: bool = False) -> int:
    """Render several HTML documents (each with its own base folder) into one PDF, in order;
    with `even`, each part that ends on an odd page gets a blank back, so a duplex print starts
    every part on a new sheet. Returns the number of pages."""
    from weasyprint import HTML

    try:
        pages = []
        blank = None
        for html, base in parts:
            document = _document(_dated(html, when), base)
            if not pages:
                first = document
            pages.extend(document.pages)
            if even and len(document.pages) % 2:
                blank = blank or HTML(string="<html><body></body></html>").render(font_config=_fonts()).pages[0]
                pages.append(blank)
        first.copy(pages).write_pdf(target, pdf_identifier=title.encode("utf-8")[:32], pdf_variant="pdf/ua-1",
                                    lang=lang)
        return len(pages)
    except (OSError, ValueError) as exc:
        raise BuildError(f"could not write the PDF ({exc})", target) from None
