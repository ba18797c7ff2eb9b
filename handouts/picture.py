"""The lesson's picture on paper: found in the module's book cells, embedded as data (so the
PDF does not depend on the folder it was built in) and sized by the handout's layout."""
from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from html import escape

from curriculum.model import Image, Module, walk_blocks


@dataclass(frozen=True)
class Picture:
    """The lesson's picture (the first image or figure of a book cell) and where it belongs."""

    data: bytes
    kind: str
    alt: str
    width: int
    height: int
    section: str | None

    def html(self, height_in: float, column_in: float, beside: bool = True) -> str:
        """A figure `height_in` tall (narrower when the column is), beside the text if it is
        tall and `beside` allows it (large print gives the text the full width)."""
        width_in = min(column_in, height_in * self.width / self.height)
        tall = beside and self.height > 1.15 * self.width
        return (f'<figure class="lesson-picture{" tall" if tall else ""}" style="width: {width_in:.2f}in">'
                + embedded(self.data, self.kind, self.alt).replace("<img ", f'<img style="width: {width_in:.2f}in" ', 1)
                + "</figure>")


def lesson_picture(module: Module) -> Picture | None:
    """The picture a handout shows, unless a printed cell already holds one."""
    if any(c.figure or any(isinstance(b, Image) for b in walk_blocks(c.blocks)) for c in module.cells if c.in_handout):
        return None
    for section in module.sections:
        for cell in section.book_cells:
            if cell.figure is not None:
                size = _png_size(cell.figure.png)
                if size:
                    return Picture(cell.figure.png, "image/png", cell.figure.alt, *size, section.title)
            for block in walk_blocks(cell.blocks):
                if isinstance(block, Image):
                    path = module.folder / block.src
                    data = path.read_bytes() if path.is_file() else b""
                    size = _png_size(data) or _jpeg_size(data)
                    if size:
                        kind = "image/png" if data[:4] == b"\x89PNG" else "image/jpeg"
                        return Picture(data, kind, block.alt, *size, section.title)
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's frame header (no image library needed)."""
    at = 2
    while data[:2] == b"\xff\xd8" and at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def embedded(data: bytes, kind: str, alt: str) -> str:
    """An <img> that carries its picture, so the PDF does not depend on where the files are."""
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:{kind};base64,{encoded}">'
