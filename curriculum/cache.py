"""Skip re-rendering a deck, handout or guide whose inputs have not changed.

An output's key hashes everything that can change it: the module folder (notebook and
images), the glossary, the settings, the code and templates of Untangle itself, and the
build options (timestamp, start time). Keys are saved only after a build is published, so a
failed build never marks anything as up to date.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .model import Module

_CODE_SUFFIXES = {".py", ".j2", ".css", ".json", ".yml", ".pptx"}


def _digest_files(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_digest(packages: list[Path]) -> str:
    """One hash of Untangle's own code and templates."""
    return _digest_files(p for folder in packages for p in folder.rglob("*")
                         if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)


class OutputCache:
    def __init__(self, out: Path, shared: str):
        self.file = out / ".cache" / "outputs.json"
        self.shared = shared  # hash of code, settings and build options
        try:
            self.saved: dict[str, str] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.saved = {}
        self.fresh: dict[str, str] = {}

    def key(self, module: Module, extra: Path | None = None) -> str:
        """The hash of a module's inputs: its folder, its language's glossary, and `extra`."""
        files = [p for p in module.folder.rglob("*") if p.is_file()]
        for path in (module.folder.parent / f"glossary.{module.lang}.yml", extra):
            if path is not None and path.is_file():
                files.append(path)
        return hashlib.sha256((self.shared + _digest_files(files)).encode()).hexdigest()

    def reuse(self, published: Path, staged: Path, key: str) -> bool:
        """Copy the published output to `staged` if it was built from the same inputs."""
        name = f"{published.parent.name}/{published.name}"
        self.fresh[name] = key
        if self.saved.get(name) == key and published.is_file():
            shutil.copyfile(published, staged)
            return True
        return False

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps({**self.saved, **self.fresh}, indent=1, sort_keys=True), encoding="utf-8")
