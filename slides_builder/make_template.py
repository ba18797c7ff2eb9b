"""Regenerate `templates/untangle.pptx`, the default deck template, from python-pptx's own.

Run `python -m slides_builder.make_template` after changing the look. An organization can
replace the template with its own branded .pptx as long as it keeps the layout names and
placeholder indexes that `layouts.py` lists (checked at build time).
"""
from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

WIDE = (Emu(12192000), Emu(6858000))  # 13.33 x 7.5 inches, 16:9
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
TARGET = Path(__file__).parent / "templates" / "untangle.pptx"


def _widen(shapes, factor: float) -> None:
    for shape in shapes:
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
        if None not in (left, top, width, height):  # setting one writes all four explicitly
            shape.left, shape.top = int(left * factor), top
            shape.width, shape.height = int(width * factor), height


def main() -> None:
    prs = Presentation()
    factor = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    master = prs.slide_master
    for layout in prs.slide_layouts:  # first: layouts read inherited sizes from the old master
        _widen(layout.placeholders, factor)
    _widen(master.placeholders, factor)
    for shape in master.placeholders:
        if shape.placeholder_format.type is not None and "TITLE" in str(shape.placeholder_format.type):
            for paragraph in shape.text_frame.paragraphs:
                paragraph.font.bold = True
                paragraph.font.color.rgb = ACCENT
    prs.core_properties.title = "Untangle"
    prs.core_properties.author = "Untangle contributors"
    prs.save(TARGET)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
