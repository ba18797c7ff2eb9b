"""The book's landing page, `build/book/index.html`: every published language side by side, each
in its own words (its site title, what the book is, the legal-help notice) with one large button
into that language's book. Written after every publish from the folders in build/book, so a
one-language build keeps the others listed. Self-contained: no file or font from anywhere else.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from curriculum.languages import available
from curriculum.rendering import RenderContext

from .myst import html_with_links

STYLE = """
:root{--accent:#1d4e89;--soft:#e8eef6;--ink:#1f2933}
*{box-sizing:border-box}
body{margin:0;font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#f6f8fb}
header{background:var(--accent);color:#fff;padding:2.5rem 1.25rem 4.5rem;text-align:center}
header h1{margin:0;font-size:clamp(2.2rem,7vw,3.4rem);letter-spacing:.02em}
header p{margin:.5rem auto 0;max-width:44rem;font-size:1.1rem;opacity:.95}
main{max-width:62rem;margin:-3rem auto 0;padding:0 1rem 2rem;display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr))}
section{background:#fff;border-radius:.8rem;padding:1.5rem 1.5rem 1.25rem;box-shadow:0 6px 20px rgba(16,42,80,.12);display:flex;flex-direction:column}
.language{margin:0;color:#4a5868;font-size:.9rem;font-weight:700;text-transform:uppercase;letter-spacing:.08em}
h2{margin:.25rem 0 .75rem;font-size:1.4rem;line-height:1.3;color:var(--accent)}
.enter{display:block;margin:auto 0 1rem;padding:.85rem 1rem;border-radius:.5rem;background:var(--accent);color:#fff;font-weight:700;font-size:1.1rem;text-align:center;text-decoration:none}
.enter:hover,.enter:focus-visible{background:#123764;outline:3px solid #f0b429;outline-offset:2px}
.legal{margin:0;padding-top:.75rem;border-top:1px solid #dde3ea;font-size:.9rem;color:#3c4856}
.legal a{color:var(--accent);font-weight:600}
.intro{margin:0 0 1.25rem}
"""


def write_landing(book: Path, context: RenderContext) -> None:
    """Write `book/index.html` for the language folders published in `book` (atomically)."""
    published = [p.name for p in sorted(book.iterdir())
                 if p.is_dir() and (p / "index.html").is_file() and p.name in available()]
    if not published:
        return
    titles = {code: context.config.site_title(code, context.language(code).site_title) for code in published}
    temporary = book / ".index.html.tmp"
    temporary.write_text(landing_page(published, titles, context), encoding="utf-8")
    os.replace(temporary, book / "index.html")


def landing_page(codes: list[str], titles: dict[str, str], context: RenderContext) -> str:
    brand = os.path.commonprefix(list(titles.values())).split(":")[0].strip() or titles[codes[0]]
    sections = []
    for code in codes:
        language = context.language(code)
        label = language.words
        own = html.escape(code)
        sections.append(
            f'<section lang="{own}" aria-labelledby="title-{own}">'
            f'<p class="language">{html.escape(language.name)}</p>'
            f'<h2 id="title-{own}">{html.escape(titles[code])}</h2>'
            f'<p class="intro">{html.escape(label.home_intro)}</p>'
            f'<a class="enter" href="{own}/index.html" hreflang="{own}">{html.escape(label.read_book)}</a>'
            f'<p class="legal">{html_with_links(label.legal_notice_short)}</p></section>')
    refresh = f'<meta http-equiv="refresh" content="0; url={codes[0]}/index.html">' if len(codes) == 1 else ""
    subtitle = " · ".join(f'<span lang="{html.escape(c)}">{html.escape(titles[c].split(":", 1)[1].strip())}</span>'
                          for c in codes if ":" in titles[c])
    return ("<!DOCTYPE html>\n"
            f'<html lang="{html.escape(codes[0])}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"{refresh}<title>{html.escape(brand)}</title><style>{STYLE}</style></head><body>"
            f"<header><h1>{html.escape(brand)}</h1>{f'<p>{subtitle}</p>' if subtitle else ''}</header>"
            f'<main>{"".join(sections)}</main></body></html>\n')
