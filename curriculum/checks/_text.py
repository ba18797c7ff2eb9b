"""The participant-facing text of a module, with where each piece lives (for messages)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Inlines, Module, Text, block_inlines, walk_blocks


@dataclass(frozen=True)
class Piece:
    place: str
    inlines: Inlines


def participant_pieces(module: Module):
    """Metadata texts and every non-trainer cell's text runs, in reading order."""
    meta = "metadata 'untangle.{}'"
    yield Piece(meta.format("title"), (Text(module.title),))
    yield Piece(meta.format("summary"), (Text(module.summary),))
    for n, text in enumerate(module.objectives, start=1):
        yield Piece(meta.format(f"objectives[{n}]"), (Text(text),))
    for n, text in enumerate(module.key_points, start=1):
        yield Piece(meta.format(f"key_points[{n}]"), (Text(text),))
    for section in module.sections:
        if section.title:
            yield Piece(f"cell {section.heading_cell + 1}", (Text(section.title),))
        for cell in section.cells:
            if not cell.participant_facing:
                continue
            if cell.title:
                yield Piece(f"cell {cell.number}", (Text(cell.title),))
            for block in walk_blocks(cell.blocks):
                for inlines in block_inlines(block):
                    yield Piece(f"cell {cell.number}, line {getattr(block, 'line', 1)}", inlines)
