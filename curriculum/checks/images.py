"""Image rules: every picture exists inside its module, decodes fully, is a sensible size and
has alt text; every file in images/ is used.

Renderers embed pictures as they are, so a picture that would crash a renderer (a truncated
PNG) or read a file outside the project (`../../../etc/...`, or a symlink pointing out) must be
stopped here, where it becomes one located error and blocks only its own module.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from ..model import Image, walk_blocks
from . import Context, error, warning

PICTURE_TYPES = {".png", ".jpg", ".jpeg"}
OTHER_PICTURES = {".svg", ".gif", ".webp"}
#: Formats Pillow must find inside the file (an ".png" that is really a GIF is refused too).
DECODED_FORMATS = {"PNG", "JPEG", "MPO"}
#: A picture above this many bytes makes decks and handouts slow to send; shrink it.
MAX_BYTES = 10 * 1024 * 1024
#: Width or height above this many pixels is far more than a slide or a page can show.
MAX_SIDE = 8000
#: Smaller than this on both sides shows as a smudge on a slide.
MIN_SIDE = 16


def picture_problem(data: bytes, name: str) -> str | None:
    """Why the bytes `data` cannot be shown as a picture, or None when they can.

    Pillow's `verify()` checks the file's structure, then a fresh `load()` decodes every
    pixel, which is what catches a file cut off in the middle.
    """
    from PIL import Image as PILImage, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        return (f"{name} is {len(data) / 1024 / 1024:.1f} MB; save it smaller than "
                f"{MAX_BYTES // 1024 // 1024} MB (for example at 1600 pixels wide)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as picture:
                found = picture.format
                picture.verify()
            with PILImage.open(io.BytesIO(data)) as picture:
                picture.load()
                width, height = picture.size
    except (UnidentifiedImageError, PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        return f"{name} is not a picture Untangle can read; save it again as PNG or JPEG"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"{name} is damaged ({exc}); save or export the picture again"
    if found not in DECODED_FORMATS:
        return f"{name} is really a {found} file; save it as PNG or JPEG"
    if max(width, height) > MAX_SIDE:
        return f"{name} is {width}x{height} pixels; make it at most {MAX_SIDE} pixels on each side"
    if max(width, height) < MIN_SIDE:
        return f"{name} is only {width}x{height} pixels; use a picture at least {MIN_SIDE} pixels wide"
    return None


def _listing(folder: Path) -> str:
    pictures = sorted(p.name for p in (folder / "images").glob("*") if p.suffix.lower() in PICTURE_TYPES) \
        if (folder / "images").is_dir() else []
    return f"images/ has: {', '.join(pictures)}" if pictures else "images/ has no pictures yet; put the file there"


def _file_problem(module_folder: Path, src: str) -> tuple[str, str] | None:
    """(rule, message) for a picture path that is not a readable picture inside the module."""
    target = (module_folder / src).resolve()
    if not target.is_relative_to(module_folder.resolve()):
        return ("images.outside-module",
                f"{src} points outside the module folder; copy the picture into "
                f"{module_folder.name}/images/ and write images/<name>")
    if not target.is_file():
        return "images.missing-file", f"the image {src} does not exist; {_listing(module_folder)}"
    if target.suffix.lower() not in PICTURE_TYPES:
        return ("images.format",
                f"{src}: use a PNG or JPEG picture (slides and handouts cannot show {target.suffix})")
    try:
        data = target.read_bytes()
    except OSError as exc:
        return "images.unreadable", f"cannot read {src} ({exc.strerror}); check its permissions"
    problem = picture_problem(data, src)
    return ("images.damaged", problem) if problem else None


def check(context: Context):
    referenced: dict = {}  # module folder -> pictures any of its notebooks (any language) use
    for module in context.curriculum.modules:
        used = referenced.setdefault(module.folder, set())
        for cell in module.cells:
            if cell.figure is not None:
                if not cell.figure.alt:
                    yield error(module, f"cell {cell.number}", "images.missing-alt",
                                'the figure needs alt text: "untangle": {"alt": "..."} in the cell metadata')
                problem = picture_problem(cell.figure.png, "the stored figure")
                if problem:
                    yield error(module, f"cell {cell.number}", "images.damaged", problem + "; or re-run the cell")
            for block in walk_blocks(cell.blocks):
                if not isinstance(block, Image):
                    continue
                place = f"cell {cell.number}, line {block.line}"
                used.add((module.folder / block.src).resolve())
                if block.src.startswith(("http://", "https://")):
                    yield error(module, place, "images.remote",
                                f"{block.src} is on another website; save it in the module's images/ folder")
                else:
                    found = _file_problem(module.folder, block.src)
                    if found:
                        yield error(module, place, *found)
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
