"""How much room text takes on a slide, measured with the font the audience sees.

The template uses Calibri; LibreOffice draws it with Carlito, its metric twin (same advance
widths), which Debian ships as `fonts-crosextra-carlito` (installed by
`scripts/system-deps.sh`). Wrapping words with Carlito's real widths tells the deck when a
slide is full, instead of guessing from a character count.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from curriculum.errors import BuildError

FONT_DIRS = (Path("/usr/share/fonts/truetype/crosextra"), Path("/usr/share/fonts/crosextra"))
EMU_PER_PT = 12700
LINE = 1.22  # Calibri's line height (ascent + descent) as a share of its size
SCALE = 10  # measure at 10x the point size, for sub-point precision
SPACE_BEFORE = 10.0  # points before each bullet (the template's body style)


def indent_pt(level: int) -> float:
    """Left margin of a bullet at `level` (0 = top level), as the template sets it."""
    return 25.2 + 32.4 * level


@dataclass(frozen=True)
class Run:
    text: str
    size: float  # points
    bold: bool = False


@lru_cache(maxsize=None)
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont:
    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), int(round(size * SCALE)))
    raise BuildError("the Carlito font is missing: install Debian's fonts-crosextra-carlito "
                     "(bash scripts/system-deps.sh)", FONT_DIRS[0])


@lru_cache(maxsize=65536)
def width_pt(text: str, size: float, bold: bool = False) -> float:
    return _font(bold, size).getlength(text) / SCALE


def line_count(runs: list[Run], width: float) -> int:
    """Lines a paragraph wraps to in `width` points, breaking at spaces as PowerPoint does."""
    words: list[tuple[str, float, bool]] = []
    for run in runs:
        for n, word in enumerate(run.text.split(" ")):
            if n > 0 or not words:
                words.append((word, run.size, run.bold))
            else:  # a run that starts mid-word continues the previous word
                text, size, bold = words[-1]
                words[-1] = (text + word, max(size, run.size), bold or run.bold)
    lines, used = 1, 0.0
    for word, size, bold in words:
        space = width_pt(" ", size, bold) if used else 0.0
        wide = width_pt(word, size, bold)
        if used and used + space + wide > width:
            lines, used = lines + 1, wide
            while used > width:  # a word longer than the line breaks inside itself
                lines, used = lines + 1, used - width
        else:
            used += space + wide
    return lines


@dataclass(frozen=True)
class Box:
    """The text area of a placeholder, in points, after its insets."""

    width: float
    height: float

    @classmethod
    def of(cls, shape) -> "Box":
        frame = shape.text_frame
        insets = [v if v is not None else d for v, d in
                  ((frame.margin_left, 91440), (frame.margin_right, 91440),
                   (frame.margin_top, 45720), (frame.margin_bottom, 45720))]
        return cls((shape.width - insets[0] - insets[1]) / EMU_PER_PT,
                   (shape.height - insets[2] - insets[3]) / EMU_PER_PT)


def height(paragraphs: list[tuple[list[Run], float]], width: float, space_before: float) -> float:
    """Points taken by `paragraphs`, each (runs, left indent in points); the space before
    the first paragraph is counted too, as LibreOffice draws it."""
    total = 0.0
    for runs, indent in paragraphs:
        size = max((r.size for r in runs), default=0)
        total += space_before + line_count(runs, width - indent) * size * LINE
    return total
