"""Image rules: every picture exists and has alt text; every file in images/ is used."""
from __future__ import annotations

from ..model import Image, walk_blocks
from . import Context, error, warning

PICTURE_TYPES = {".png", ".jpg", ".jpeg"}
OTHER_PICTURES = {".svg", ".gif", ".webp"}


def check(context: Context):
    referenced: dict = {}  # module folder -> pictures any of its notebooks (any language) use
    for module in context.curriculum.modules:
        used = referenced.setdefault(module.folder, set())
        for cell in module.cells:
            if cell.figure is not None and not cell.figure.alt:
                yield error(module, f"cell {cell.number}", "images.missing-alt",
                            'the figure needs alt text: "untangle": {"alt": "..."} in the cell metadata')
            for block in walk_blocks(cell.blocks):
                if not isinstance(block, Image):
                    continue
                place = f"cell {cell.number}, line {block.line}"
                target = (module.folder / block.src).resolve()
                used.add(target)
                if block.src.startswith(("http://", "https://")):
                    yield error(module, place, "images.remote",
                                f"{block.src} is on another website; save it in the module's images/ folder")
                elif not target.is_file():
                    yield error(module, place, "images.missing-file", f"the image {block.src} does not exist")
                elif target.suffix.lower() not in PICTURE_TYPES:
                    yield error(module, place, "images.format",
                                f"{block.src}: use a PNG or JPEG picture (slides and handouts cannot show {target.suffix})")
                if not block.alt:
                    yield error(module, place, "images.missing-alt",
                                f"the image {block.src} needs alt text: ![what it shows]({block.src})")
    if not context.whole:
        return  # a picture may be used by a notebook (or language) that was not loaded
    reported = set()
    for module in context.curriculum.modules:
        folder = module.folder / "images"
        if module.folder in reported or not folder.is_dir():
            continue
        reported.add(module.folder)
        for picture in sorted(folder.iterdir()):
            if picture.suffix.lower() in PICTURE_TYPES | OTHER_PICTURES and picture.resolve() not in referenced[module.folder]:
                yield warning(module, f"images/{picture.name}", "images.unused", "no notebook of this module uses this picture")
