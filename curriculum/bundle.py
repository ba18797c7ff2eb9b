"""The offline bundle: one zip with the book and a workshop's files, for a USB stick.

At a venue without Wi-Fi a trainer unzips it and opens `index.html` at its root: a plain page
(no script, no remote anything) that links the agenda, the packet, the deck, the run of show and
the book of each of the workshop's languages. The book already makes no request off the page,
so everything opens from the stick with no network.
"""
from __future__ import annotations

import zipfile
from html import escape
from pathlib import Path

from .errors import BuildError
from .languages import language
from .workshop import Workshop, clock_text

#: Zip entries carry this date, so the same inputs give the same bytes.
STAMP = (2026, 1, 1, 0, 0, 0)


def file_name(name: str) -> str:
    return f"{name}-offline.zip"


def write_bundle(book: Path, folder: Path, workshop: Workshop, target: Path) -> None:
    """Zip `folder` (the workshop's outputs) and the book's languages of the workshop into `target`."""
    files: list[tuple[str, Path]] = [(p.name, p) for p in sorted(folder.iterdir()) if p.is_file() and p != target]
    for code in workshop.languages:
        pages = book / code
        if not (pages / "index.html").is_file():
            raise BuildError(f"the book in '{code}' is not built; run: curriculum build book --lang {code}", pages)
        files += [(f"book/{code}/{p.relative_to(pages).as_posix()}", p) for p in sorted(pages.rglob("*")) if p.is_file()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("index.html", STAMP), _index(workshop, [n for n, _ in files]))
        for name, path in files:
            info = zipfile.ZipInfo(f"{workshop.name}/{name}" if "/" not in name else name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _index(workshop: Workshop, names: list[str]) -> str:
    label = language(workshop.lang).words
    titles = {".pdf": None, ".pptx": label.slides}
    kinds = {"agenda": label.agenda, "packet": label.participant_packet, "run-of-show": label.run_of_show}
    links = []
    for name in names:
        if "/" in name:
            continue
        stem = name.split(".")[0]
        text = kinds.get(stem) or titles.get(Path(name).suffix) or name
        links.append(f'<li><a href="{escape(workshop.name)}/{escape(name)}">{escape(text)}</a> '
                     f'<small>({escape(name)})</small></li>')
    for code in workshop.languages:
        book = language(code)
        links.append(f'<li><a href="book/{code}/index.html" hreflang="{code}">{escape(book.site_title)}</a></li>')
    when = f"{language(workshop.lang).long_date(workshop.day)} · " if workshop.day else ""
    return (f'<!DOCTYPE html><html lang="{workshop.lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{escape(workshop.title)}</title>'
            '<style>body{font:1.15rem/1.5 system-ui,sans-serif;max-width:38rem;margin:2rem auto;padding:0 1rem}'
            'ul{list-style:none;padding:0}li{margin:.6rem 0}a{font-weight:600;color:#1d4e89}</style></head>'
            f'<body><main><h1>{escape(workshop.title)}</h1><p>{escape(when)}{clock_text(workshop.start, workshop.lang)}'
            f'{" · " + escape(workshop.venue) if workshop.venue else ""}</p><ul>{"".join(links)}</ul></main></body></html>\n')
