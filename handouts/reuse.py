"""Keep a published PDF whose printed page did not change.

A lesson's handout, large print and lesson plan are rebuilt whenever its notebook changes, yet
many edits (a sentence only the book shows, a fix in the speaker notes) leave a printed page
exactly as it was. Each PDF is remembered by a hash of its page's HTML and of everything else
that shapes the file (the PDF code and templates, library versions with Graphviz's, the fonts,
its date, title and language). When the hash matches and the published file is still the one
made from it, that file is copied instead of laid out again: a handout is laid out two to four
times (fit.py), and a lesson plan runs to seven pages.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Callable

from curriculum import cache

MEMO_FOLDER = "print-memo"


class PrintMemo:
    def __init__(self, published: Path | None, output: str, name: str, shaped_by: tuple[str, ...],
                 libraries: tuple[str, ...]):
        self.published = published / output / name if published else None
        self.record = published / ".cache" / MEMO_FOLDER / output / f"{name}.json" if published else None
        self.facts = "|".join((output, *shaped_by, cache.code_digest("handouts"), cache.library_versions(libraries),
                               cache.font_digest()))

    def _key(self, html: str) -> str:
        return hashlib.sha256(f"{self.facts}|{html}".encode()).hexdigest()

    def reuse(self, html: str, target: Path) -> int | None:
        """Copy the published PDF to `target` and return its page count, if it was made from
        this very page; None otherwise."""
        if self.record is None or not self.record.is_file() or not self.published.is_file():
            return None
        try:
            known = json.loads(self.record.read_text(encoding="utf-8"))
            if known.get("key") != self._key(html) or known.get("pdf") != _digest(self.published):
                return None
            shutil.copyfile(self.published, target)
            return int(known["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember(self, html: str, target: Path, pages: int) -> None:
        """Note which page made `target` (it is published under the same name)."""
        if self.record is not None:
            cache.keep_file(self.record, json.dumps({"key": self._key(html), "pdf": _digest(target),
                                                     "pages": pages}).encode("utf-8"))


def write_once(memo: PrintMemo | None, html: str, target: Path, make: Callable[[], int]) -> int:
    """Write `target` with `make` (which returns the page count), or, when `memo` knows the
    published PDF was made from this very `html`, copy that instead; return the page count."""
    kept = memo.reuse(html, target) if memo else None
    if kept is not None:
        return kept
    pages = make()
    if memo:
        memo.remember(html, target, pages)
    return pages


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
