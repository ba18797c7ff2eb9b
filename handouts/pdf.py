"""The only file that knows the PDF engine (WeasyPrint)."""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from curriculum.errors import BuildError

# WeasyPrint logs every CSS property it ignores; our stylesheet is written for it, so only
# real errors matter here.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def write_pdf(html: str, base: Path, target: Path, title: str, when: datetime, lang: str) -> int:
    """Render `html` (relative links resolved from `base`) to `target`, reproducibly; return
    the number of pages."""
    from weasyprint import HTML

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    html = html.replace("</head>", f'<meta name="dcterms.created" content="{stamp}">'
                                    f'<meta name="dcterms.modified" content="{stamp}"></head>', 1)
    try:
        document = HTML(string=html, base_url=str(base) + "/").render()
        document.write_pdf(target, pdf_identifier=title.encode("utf-8")[:32], pdf_variant="pdf/ua-1",
                           lang=lang)
        return len(document.pages)
    except (OSError, ValueError) as exc:
        raise BuildError(f"could not write the handout PDF ({exc})", target) from None


def write_pdf_parts(parts: list[tuple[str, Path]], target: Path, title: str, when: datetime, lang: str,
                    even: bool = False) -> int:
    """Render several HTML documents (each with its own base folder) into one PDF, in order;
    with `even`, each part that ends on an odd page gets a blank back, so a duplex print starts
    every part on a new sheet. Returns the number of pages."""
    from weasyprint import HTML

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        pages = []
        blank = None
        for html, base in parts:
            html = html.replace("</head>", f'<meta name="dcterms.created" content="{stamp}">'
                                            f'<meta name="dcterms.modified" content="{stamp}"></head>', 1)
            document = HTML(string=html, base_url=str(base) + "/").render()
            if not pages:
                first = document
            pages.extend(document.pages)
            if even and len(document.pages) % 2:
                blank = blank or HTML(string="<html><body></body></html>").render().pages[0]
                pages.append(blank)
        first.copy(pages).write_pdf(target, pdf_identifier=title.encode("utf-8")[:32], pdf_variant="pdf/ua-1",
                                    lang=lang)
        return len(pages)
    except (OSError, ValueError) as exc:
        raise BuildError(f"could not write the PDF ({exc})", target) from None
