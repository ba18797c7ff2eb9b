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
