"""Measure a built slide's text the way LibreOffice draws it, independently of the renderer.

Calibri's metric twin Carlito (Debian `fonts-crosextra-carlito`) has the same advance widths,
so wrapping each paragraph's words with Pillow's measurements of Carlito, at the sizes and
indents the slide and its layout give, shows whether the text stays inside its box.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

CARLITO = Path("/usr/share/fonts/truetype/crosextra")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PT = 12700
LINE_HEIGHT = 1.22  # Calibri: ascent + descent over the em
TOLERANCE = 1.0  # points


@lru_cache(maxsize=None)
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(CARLITO / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")), round(size * 20))


def _width(text: str, size: float, bold: bool) -> float:
    return _font(bold, size).getlength(text) / 20


def _lines(words: list[tuple[str, float, bool]], width: float) -> int:
    lines, used = 1, 0.0
    for word, size, bold in words:
        gap = _width(" ", size, bold) if used else 0.0
        wide = _width(word, size, bold)
        if used and used + gap + wide > width:
            lines, used = lines + 1, wide
        else:
            used += gap + wide
    return lines


def _inherited(shape, level: int, attribute: str, tag: str = "defRPr"):
    """An attribute of paragraph `level` from the shape's layout placeholder, then the master."""
    if not shape.is_placeholder:
        return None
    idx = shape.placeholder_format.idx
    layout = shape.part.slide_layout
    for candidate in layout.placeholders:
        if candidate.placeholder_format.idx == idx:
            found = candidate._element.find(f".//{A}lstStyle/{A}lvl{level + 1}pPr")
            value = _attribute(found, attribute, tag)
            if value is not None:
                return value
    style = "titleStyle" if idx == 0 else "bodyStyle"
    found = layout.slide_master._element.find(f"{P}txStyles/{P}{style}/{A}lvl{level + 1}pPr")
    return _attribute(found, attribute, tag)


def _attribute(element, attribute: str, tag: str):
    if element is None:
        return None
    target = element if tag == "pPr" else element.find(f"{A}{tag}")
    return None if target is None else target.get(attribute)


def text_height(shape) -> tuple[float, float]:
    """(points the text needs, points the box offers)."""
    frame = shape.text_frame
    left = frame.margin_left if frame.margin_left is not None else 91440
    right = frame.margin_right if frame.margin_right is not None else 91440
    top = frame.margin_top if frame.margin_top is not None else 45720
    bottom = frame.margin_bottom if frame.margin_bottom is not None else 45720
    width = (shape.width - left - right) / EMU_PT
    room = (shape.height - top - bottom) / EMU_PT
    needed = 0.0
    title = shape.is_placeholder and shape.placeholder_format.idx == 0
    for paragraph in frame.paragraphs:
        if not paragraph.text.strip():
            continue
        level = paragraph.level
        words: list[tuple[str, float, bool]] = []
        glue = False  # the previous run ended inside a word
        for run in paragraph.runs:
            size = (run.font.size or paragraph.font.size)
            size = size.pt if size is not None else int(_inherited(shape, level, "sz") or 1800) / 100
            bold = bool(run.font.bold) or _inherited(shape, level, "b") == "1"
            for n, word in enumerate(run.text.split(" ")):
                if n == 0 and glue and word:
                    text, s, b = words[-1]
                    words[-1] = (text + word, max(s, size), b or bold)
                elif word:
                    words.append((word, size, bold))
            glue = bool(run.text) and not run.text.endswith(" ")
        if not words:
            continue
        indent = int(_inherited(shape, level, "marL", "pPr") or 0) / EMU_PT
        biggest = max(size for _, size, _ in words)
        before = 0.0
        if not title and shape.is_placeholder:
            spacing = _inherited(shape, level, "val", "spcBef/{A}spcPts".replace("{A}", A))
            before = int(spacing) / 100 if spacing else 0.0
        needed += before + _lines(words, width - indent) * biggest * LINE_HEIGHT
    return needed, room


def overflowing(slide) -> list[str]:
    """Names and sizes of the text boxes on `slide` whose text needs more room than they have."""
    problems = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            needed, room = text_height(shape)
            if needed > room + TOLERANCE:
                problems.append(f"{shape.name} needs {needed:.0f} pt, has {room:.0f} pt "
                                f"({shape.text_frame.text[:40]!r})")
    return problems


def shape_boxes(slide) -> dict[str, tuple[int, int, int, int]]:
    """Every shape the audience sees on `slide` with its box: the slide's own shapes and the
    logo the layout or master draws (layouts that hide the master's shapes have their own)."""
    boxes = {}
    layout = slide.slide_layout
    shows_master = layout._element.get("showMasterSp") != "0"
    for source in ([layout.slide_master.shapes] if shows_master else []) + [layout.shapes]:
        for shape in source:
            if shape.name == "Logo":
                boxes["Logo"] = (shape.left, shape.top, shape.width, shape.height)
    for shape in slide.shapes:
        boxes[shape.name if shape.name not in boxes else f"{shape.name} #{shape.shape_id}"] = (
            shape.left, shape.top, shape.width, shape.height)
    return boxes
