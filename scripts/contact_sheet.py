"""Every built deck and PDF as small PNG pages in one folder, so a reviewer can look at
everything in a minute.

Decks go through LibreOffice (pptx -> PDF, as many community groups will open them), then
every PDF (those decks, handouts, lesson plans, any other PDF under the build folder) through
Poppler's `pdftoppm`. Beside the pages, `<name>.sheet.png` puts all pages of one file on one
image. Needs LibreOffice Impress and poppler-utils (`scripts/system-deps.sh test`).

    .venv/bin/python scripts/contact_sheet.py                 # build/ -> build/contact-sheet/
    .venv/bin/python scripts/contact_sheet.py --only 03- --dpi 60 --out /tmp/sheet
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

SHEET_COLUMNS = 6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=Path("build"), help="the build folder to look in")
    parser.add_argument("--out", type=Path, help="where the PNGs go (default: <build>/contact-sheet)")
    parser.add_argument("--dpi", type=int, default=40, help="page resolution (40 is a thumbnail)")
    parser.add_argument("--only", default="", help="only files whose name contains this text")
    args = parser.parse_args(argv)
    out = args.out or args.build / "contact-sheet"
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"contact_sheet: {', '.join(missing)} not found; run `bash scripts/system-deps.sh test`",
              file=sys.stderr)
        return 1
    if not args.build.is_dir():
        print(f"contact_sheet: {args.build} does not exist; run `make build` first", file=sys.stderr)
        return 1
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        pdfs = _deck_pdfs(args.build, Path(scratch), args.only) + _built_pdfs(args.build, out, args.only)
        for kind, pdf in pdfs:
            stem = f"{kind}-{pdf.stem}"
            subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / stem)], check=True)
            pages = sorted(out.glob(f"{stem}-*.png"))
            _sheet(pages, out / f"{stem}.sheet.png")
    print(f"{len(pdfs)} files -> {out}/ (one PNG per page, <name>.sheet.png per file)")
    return 0


def _deck_pdfs(build: Path, scratch: Path, only: str) -> list[tuple[str, Path]]:
    decks = sorted(p for p in (build / "slides").glob("*.pptx") if only in p.name)
    if not decks:
        return []
    subprocess.run(["soffice", f"-env:UserInstallation=file://{scratch / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(scratch), *map(str, decks)],
                   check=True, capture_output=True)
    return [("slides", scratch / f"{deck.stem}.pdf") for deck in decks if (scratch / f"{deck.stem}.pdf").exists()]


def _built_pdfs(build: Path, out: Path, only: str) -> list[tuple[str, Path]]:
    """Every PDF under `build`, once (the book's download copies of the handouts are skipped)."""
    found, seen = [], set()
    for pdf in sorted(build.rglob("*.pdf"), key=lambda p: ("_downloads" in p.parts, p)):
        if out in pdf.parents or any(part.startswith(".") for part in pdf.relative_to(build).parts):
            continue  # our own output, staging and cache folders
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        if only in pdf.name and digest not in seen:
            seen.add(digest)
            found.append((pdf.relative_to(build).parts[0] if pdf.parent != build else "build", pdf))
    return found


def _sheet(pages: list[Path], target: Path) -> None:
    """All pages of one file in a grid, numbered, so a whole deck is one glance."""
    if not pages:
        return
    images = [Image.open(p).convert("RGB") for p in pages]
    width, height = max(i.width for i in images), max(i.height for i in images)
    columns = min(SHEET_COLUMNS, len(images))
    rows = -(-len(images) // columns)
    gap = 6
    sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), "#9a9a9a")
    draw = ImageDraw.Draw(sheet)
    for n, image in enumerate(images):
        x, y = gap + (n % columns) * (width + gap), gap + (n // columns) * (height + gap)
        sheet.paste(image, (x, y))
        draw.rectangle((x, y, x + 16, y + 11), fill="black")
        draw.text((x + 2, y), str(n + 1), fill="white")
    sheet.save(target)


if __name__ == "__main__":
    sys.exit(main())
