"""Reading the real PDFs as a printer and a screen reader would: text, type sizes, tagging."""
from __future__ import annotations

import re
import shutil
import subprocess

from pypdf import PdfReader


def pages(path) -> list[str]:
    """Each page's text, its whitespace collapsed."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def lines(path) -> list[str]:
    """Every line of text, as pypdf breaks them."""
    return [line.strip() for page in PdfReader(str(path)).pages for line in (page.extract_text() or "").splitlines()]


def sized_text(path) -> list[tuple[str, float]]:
    """(text, size in pt) of every run of text, the size as printed (font size scaled by the
    text and graphics matrices)."""
    runs: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b, c, d = (float(x) for x in cm[:4])
            tc, td = float(tm[2]), float(tm[3])
            scale = ((tc * a + td * c) ** 2 + (tc * b + td * d) ** 2) ** 0.5
            runs.append((text.strip(), round(size * scale, 2)))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def size_of(runs: list[tuple[str, float]], words: str) -> float:
    """The smallest size of the runs (of a dozen characters or more) that are part of `words`."""
    whole = " ".join(words.split())
    found = [size for text, size in runs if len(text) >= 12 and " ".join(text.split()) in whole]
    assert found, f"{whole[:40]!r} not found in the PDF"
    return min(found)


def figure_alts(path) -> list[str]:
    """The alternative text of every tagged Figure, as a screen reader finds them."""
    found: list[str] = []

    def visit(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            visit(kid)

    visit(PdfReader(str(path)).trailer["/Root"]["/StructTreeRoot"])
    return found


def type_sizes(path) -> dict[str, float]:
    """The smallest size (pt, rounded down) of each font family used, as Poppler places the text on
    the page: transforms applied, so a drawing scaled down on paper reports its printed size
    (pypdf does not apply a drawing's own scale)."""
    tool = shutil.which("pdftohtml")
    assert tool, "pdftohtml is missing: run `bash scripts/system-deps.sh test`"
    out = subprocess.run([tool, "-xml", "-i", "-stdout", "-zoom", "1", str(path)],
                         capture_output=True, text=True, check=True).stdout
    sizes: dict[str, float] = {}
    for spec in re.finditer(r'<fontspec id="\d+" size="(?P<size>[\d.]+)" family="(?:[A-Z]{6}\+)?(?P<family>[^"]+)"', out):
        family = spec["family"]
        sizes[family] = min(sizes.get(family, float("inf")), float(spec["size"]))
    return sizes


def pdfinfo(path) -> dict[str, str]:
    """`pdfinfo`'s fields (Debian's poppler-utils, installed by scripts/system-deps.sh test)."""
    tool = shutil.which("pdfinfo")
    assert tool, "pdfinfo is missing: run `bash scripts/system-deps.sh test`"
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
