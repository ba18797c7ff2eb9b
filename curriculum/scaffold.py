"""`curriculum new ID`: a module skeleton with every part shown once, to be filled in.

Its example text (`PLACEHOLDERS`), its `replace-me` source and its example.org address are
errors for `check` (checks/placeholders.py) until the author replaces them, so an unedited
skeleton can never be published.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .errors import CurriculumError
from .load import LANGUAGE, METADATA_KEY, MODULE_FOLDER, check_language_code

#: The source id and address the skeleton cites; both are placeholders.
SOURCE_ID = "replace-me"
SOURCE_URL = "https://example.org/replace-with-the-real-address"

#: Every example sentence of the skeleton, by where it stands.
DETAILS = {
    "title": "Title of the lesson",
    "summary": "One plain sentence that says what this lesson is about.",
    "audience": "Community members. No legal background needed.",
}
LISTS = {
    "objectives": ["Explain what the system is.", "Name one thing people can do."],
    "key_points": ["The first thing to remember.", "The second thing to remember.", "Where to get local legal help."],
}
SOURCE_TEXT = {"title": "Title of the source", "publisher": "Who published it"}
CELLS = [
    ("A short introduction in plain words.", (), None),
    (f"## What it is\n\nSay what the system is in short sentences. {{src}}`{SOURCE_ID}`", (), None),
    ("- A short bullet for the slide\n- Another short bullet", ("slides-only",), None),
    ("Facilitation tips for the trainer. Never ask anyone about their status.", ("trainer",), None),
    (f"## What you can do\n\nThe steps people can take. {{src}}`{SOURCE_ID}`", ("handout",), None),
    ("### Activity: Name of the activity\n\n1. First step.\n2. Second step.\n\n**Debrief:** What to ask afterwards.",
     ("activity",), 10),
    ("- A question for the group?\n- Another question?", ("discussion",), None),
]
#: Sentences of the skeleton's cells that must not survive into a published lesson.
PLACEHOLDERS = (
    *DETAILS.values(), *(item for items in LISTS.values() for item in items), *SOURCE_TEXT.values(),
    "A short introduction in plain words.", "Say what the system is in short sentences.",
    "A short bullet for the slide", "Another short bullet", "Facilitation tips for the trainer.",
    "The steps people can take.", "Name of the activity", "What to ask afterwards.",
    "A question for the group?", "Another question?",
)


def _cell(text: str, tags: tuple[str, ...], minutes: int | None):
    from nbformat.v4 import new_markdown_cell

    cell = new_markdown_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    if minutes:
        cell.metadata[METADATA_KEY] = {"minutes": minutes}
    return cell


def new_module(root: Path, module_id: str, lang: str = "en", markdown: bool = False) -> tuple[Path, str]:
    """Create `modules/ID/<lang>.ipynb` (or `.md`); return it and what to do next. A second
    language of an existing module starts as a translation of its English notebook."""
    from nbformat.v4 import new_notebook

    from .notebook_files import write_notebook
    from .translate import lesson_file, translate

    if not MODULE_FOLDER.match(module_id):
        raise CurriculumError(f"'{module_id}' is not a module id: use two digits, a hyphen and a lowercase "
                              "name, e.g. 14-my-topic")
    if not LANGUAGE.match(lang):
        raise CurriculumError(f"'{lang}' is not a two-letter language code, e.g. en or es")
    check_language_code(lang)
    folder = root / "modules" / module_id
    existing = lesson_file(folder, lang)
    if existing:
        fix = ("edit it, or pick another id (curriculum new 15-other-topic)" if lang == "en" else
               f"edit it; curriculum translate {module_id} --lang {lang} brings English changes across")
        raise CurriculumError(f"this module already has a '{lang}' lesson; {fix}", existing)
    if lang != "en" and lesson_file(folder, "en"):
        return translate(root, module_id, lang)
    today = date.today().isoformat()
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata[METADATA_KEY] = {
        "id": module_id, "lang": lang, **DETAILS,
        "minutes": {"teaching": 15, "activities": 10},
        **LISTS,
        "last_reviewed": today,
        "sources": [{"id": SOURCE_ID, **SOURCE_TEXT, "date": today[:7], "url": SOURCE_URL, "accessed": today}],
    }
    nb.cells = [_cell(*cell) for cell in CELLS]
    path = folder / f"{lang}{'.md' if markdown else '.ipynb'}"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    write_notebook(nb, path)
    return path, (f"replace the example text, the '{SOURCE_ID}' source and its example.org address "
                  f"(check lists each one), then run: curriculum check --module {module_id}")
