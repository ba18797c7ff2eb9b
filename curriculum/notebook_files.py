"""Write a lesson notebook in either of its two formats, and convert between them.

A lesson is a Jupyter notebook (`en.ipynb`, JSON) or the same notebook as MyST Markdown
(`en.md`, jupytext's `md:myst` format: the module's details as YAML between two `---` lines,
cells separated by `+++` lines). JupyterLab with jupytext opens both as notebooks; the loader
reads both into the same model. A Markdown notebook cannot hold a code cell's picture output,
so converting one that has such a figure is refused with what to do instead.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from .errors import CurriculumError
from .load import METADATA_KEY, NOTEBOOK_SUFFIXES, read_notebook

#: Keep our metadata in the Markdown front matter (jupytext drops unknown keys otherwise), and
#: leave out jupytext's own version so converting again changes nothing.
JUPYTEXT_SETTINGS = {
    "notebook_metadata_filter": f"{METADATA_KEY},-jupytext.text_representation.jupytext_version",
}


#: The lesson's details in the order an author fills them in.
DETAIL_ORDER = ["id", "lang", "title", "summary", "audience", "minutes", "objectives", "key_points",
                "last_reviewed", "sources"]


def write_notebook(nb, path: Path) -> None:
    """Write `nb` (an nbformat notebook) to `path` in the format its suffix names."""
    import jupytext
    import nbformat

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat's notice about cell ids it adds itself
        if path.suffix == ".md":
            nb.metadata.setdefault("jupytext", {}).update(JUPYTEXT_SETTINGS)
            text = _block_style(jupytext.writes(nb, fmt="md:myst"))
            path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        else:
            nb.metadata.pop("jupytext", None)
            nbformat.write(nb, str(path))


def _block_style(text: str) -> str:
    """The front matter with one list item a line, never wrapped: what an author reads and edits
    (jupytext writes short lists as `[a, b]` folded over lines)."""
    import yaml

    _, front, body = text.split("---\n", 2)
    details = yaml.safe_load(front)
    details = {key: details[key] for key in sorted(details, key=lambda k: k != METADATA_KEY)}  # the lesson first
    lesson = details.get(METADATA_KEY)
    if isinstance(lesson, dict):  # in the order docs/authoring.md explains them
        details[METADATA_KEY] = {k: lesson[k] for k in sorted(lesson, key=lambda k: (
            DETAIL_ORDER.index(k) if k in DETAIL_ORDER else len(DETAIL_ORDER)))}
    return "---\n" + yaml.safe_dump(details, sort_keys=False, allow_unicode=True, width=10_000) + "---\n" + body


def convert(path: Path, force: bool = False) -> Path:
    """Write the other format of the notebook at `path` beside it; return the new file.

    The original is kept: delete it once you are happy with the new one (check refuses a
    lesson kept in both formats, so nobody edits the wrong copy)."""
    if path.suffix not in NOTEBOOK_SUFFIXES or not path.is_file():
        raise CurriculumError("give a lesson file to convert, e.g. modules/14-my-topic/en.ipynb "
                              "or modules/14-my-topic/en.md", path)
    target = path.with_suffix(".md" if path.suffix == ".ipynb" else ".ipynb")
    if target.exists() and not force:
        raise CurriculumError(f"{target.name} already exists; delete it first or add --force to overwrite it", target)
    nb = read_notebook(path)
    if target.suffix == ".md":
        for number, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code" and any("image/png" in (o.get("data") or {}) for o in cell.get("outputs", [])):
                raise CurriculumError("this cell holds a picture made by code, which a Markdown notebook cannot "
                                      "store; save the picture in images/ and show it with ![what it shows]"
                                      "(images/name.png) instead, then convert again", path, f"cell {number}")
    try:
        write_notebook(nb, target)
    except OSError as exc:
        raise CurriculumError(f"cannot write {target.name} ({exc.strerror})", target) from None
    return target
