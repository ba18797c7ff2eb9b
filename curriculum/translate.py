"""`curriculum translate ID --lang es`: start or update a translation from the English lesson.

The new notebook has the English structure (same cells, tags, minutes, sources), its text
still English, and each cell marked with a hash of the English text it was copied from
(`"untangle": {"english": "<hash>"}` in the cell metadata). So `check` can tell, cell by
cell, what is still untranslated (the text still has that hash) and what is outdated (the
English cell has changed since), and the outputs of a partly translated lesson can say so.
"""
from __future__ import annotations

from pathlib import Path

from .errors import CurriculumError
from .load import (
    ENGLISH_HASH,
    METADATA_KEY,
    NOTEBOOK_SUFFIXES,
    cell_text,
    check_language_code,
    module_folders,
    read_notebook,
    resolve_ids,
    text_hash,
)
from .notebook_files import write_notebook

ORIGINAL = "en"


def lesson_file(folder: Path, lang: str) -> Path | None:
    """The notebook of `lang` in a module folder, in whichever format it is kept."""
    return next((folder / f"{lang}{s}" for s in NOTEBOOK_SUFFIXES if (folder / f"{lang}{s}").is_file()), None)


def translate(root: Path, module: str, lang: str, accept: bool = False) -> tuple[Path, str]:
    """Create the `lang` notebook of `module`, or update the marks of an existing one.

    Returns the notebook and a sentence saying what was done. With `accept`, every translated
    cell is marked as matching the English as it is now (run it after bringing changes across).
    """
    modules_dir = root / "modules"
    folder = modules_dir / resolve_ids(module_folders(modules_dir), [module], modules_dir)[0]
    if lang == ORIGINAL:
        raise CurriculumError(f"'{ORIGINAL}' is the language lessons are written in; "
                              "translate into another, e.g. --lang es")
    check_language_code(lang)
    english_path = lesson_file(folder, ORIGINAL)
    if english_path is None:
        raise CurriculumError(f"no English lesson to translate from ({ORIGINAL}.ipynb or {ORIGINAL}.md)", folder)
    english = read_notebook(english_path)
    target = lesson_file(folder, lang)
    if target is None:
        target = folder / f"{lang}{english_path.suffix}"
        nb = english
        nb.metadata[METADATA_KEY]["lang"] = lang
        for cell in nb.cells:
            _mark(cell, text_hash(cell_text(cell)))
        write_notebook(nb, target)
        return target, (f"every cell is still English: translate the text in place (keep the cells, tags "
                        f"and sources), then run curriculum check --module {folder.name} --lang {lang}")
    return target, _update(english, target, accept, folder.name, lang)


def _update(english, target: Path, accept: bool, module: str, lang: str) -> str:
    nb = read_notebook(target)
    if len(nb.cells) != len(english.cells):
        raise CurriculumError(f"{len(nb.cells)} cells here, {len(english.cells)} in the English; add or remove "
                              "cells so each matches the English cell in the same place, then run this again", target)
    changed = 0
    for mine, theirs in zip(nb.cells, english.cells, strict=True):
        now = text_hash(cell_text(theirs))
        marked = (mine.metadata.get(METADATA_KEY) or {}).get(ENGLISH_HASH)
        still_english = marked is not None and text_hash(cell_text(mine)) == marked
        if marked is None or (accept and marked != now) or (still_english and marked != now):
            if still_english or marked is None and cell_text(mine).strip() == cell_text(theirs).strip():
                mine.source = theirs.source  # untranslated: follow the English as it is now
            _mark(mine, now)
            changed += 1
    if changed:
        write_notebook(nb, target)
    if accept:
        return f"{changed} cell(s) marked as up to date with the English"
    return (f"{changed} cell(s) updated; curriculum check --module {module} --lang {lang} lists what is "
            "untranslated or outdated")


def _mark(cell, english: str) -> None:
    own = cell.metadata.get(METADATA_KEY)
    if not isinstance(own, dict):
        own = {}
    own[ENGLISH_HASH] = english
    cell.metadata[METADATA_KEY] = own
