"""`curriculum new ID`: a module skeleton that passes `check`, with every part shown once."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from .errors import CurriculumError
from .load import LANGUAGE, METADATA_KEY, MODULE_FOLDER


def _cell(text: str, *tags: str, minutes: int | None = None):
    cell = new_markdown_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    if minutes:
        cell.metadata[METADATA_KEY] = {"minutes": minutes}
    return cell


def new_module(root: Path, module_id: str, lang: str = "en") -> Path:
    if not MODULE_FOLDER.match(module_id):
        raise CurriculumError(f"'{module_id}' is not a module id: use two digits, a hyphen and a lowercase name, e.g. 14-my-topic")
    if not LANGUAGE.match(lang):
        raise CurriculumError(f"'{lang}' is not a two-letter language code")
    path = root / "modules" / module_id / f"{lang}.ipynb"
    if path.exists():
        raise CurriculumError("this module already exists", path)
    today = date.today().isoformat()
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata[METADATA_KEY] = {
        "id": module_id,
        "lang": lang,
        "title": "Title of the lesson",
        "summary": "One plain sentence that says what this lesson is about.",
        "audience": "Community members. No legal background needed.",
        "minutes": {"teaching": 15, "activities": 10},
        "objectives": ["Explain what the system is.", "Name one thing people can do."],
        "key_points": ["The first thing to remember.", "The second thing to remember.", "Where to get local legal help."],
        "last_reviewed": today,
        "sources": [{
            "id": "replace-me",
            "title": "Title of the source",
            "publisher": "Who published it",
            "date": today[:7],
            "url": "https://example.org/replace-with-the-real-address",
            "accessed": today,
        }],
    }
    nb.cells = [
        _cell("A short introduction in plain words."),
        _cell("## What it is\n\nSay what the system is in short sentences. {src}`replace-me`"),
        _cell("- A short bullet for the slide\n- Another short bullet", "slides-only"),
        _cell("Facilitation tips for the trainer. Never ask anyone about their status.", "trainer"),
        _cell("## What you can do\n\nThe steps people can take. {src}`replace-me`", "handout"),
        _cell("### Activity: Name of the activity\n\n1. First step.\n2. Second step.\n\n**Debrief:** What to ask afterwards.",
              "activity", minutes=10),
        _cell("- A question for the group?\n- Another question?", "discussion"),
    ]
    path.parent.mkdir(parents=True)
    (path.parent / "images").mkdir()
    nbformat.write(nb, str(path))
    return path
