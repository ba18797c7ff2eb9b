"""One base error for everything a user can get wrong.

The CLI catches `CurriculumError` alone and prints `str(error)`: one line naming the file and
the place, never a traceback (unless --debug). Any other exception is a bug in Untangle.
"""
from __future__ import annotations

from pathlib import Path


class CurriculumError(Exception):
    """A problem the user can fix, located at `path` and, where known, `place` (e.g. "cell 4")."""

    #: A short name for the kind of problem, as `check` reports it (e.g. "load.tag").
    rule = "error"

    def __init__(self, message: str, path: Path | str | None = None, place: str | None = None,
                 rule: str | None = None, label: str = ""):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.place = place
        #: The cell's heading or first words, when `place` is a cell (people do not count cells).
        self.label = label
        if rule:
            self.rule = rule

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.place:
                where += f", {self.place}"
            where += ": "
        return f"{where}{self.message}{cell_hint(self.label)}"


def cell_hint(label: str) -> str:
    """The words that help find a numbered cell, appended to a message."""
    return f' (the cell that begins "{label}")' if label else ""


class LoadError(CurriculumError):
    """A notebook, glossary or config file that cannot be turned into the content model."""

    rule = "load.file"


class CheckFailed(CurriculumError):
    """`curriculum check` (run before every build) found errors."""


class BuildError(CurriculumError):
    """A renderer or the output folder failed; the previous good build is left in place."""
