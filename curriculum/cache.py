"""Skip re-rendering an output whose inputs have not changed.

An output's key hashes everything that can change it, and nothing else: its renderer's code
and templates (and the core's), the installed versions of the libraries it names, the fonts
on the machine, the settings and build options it declares, its language file, the glossary,
and the module's own files (for the book: every module of the language, and the decks and
handouts it links). Keys are saved only after a build is published, so a failed build never
marks anything as up to date.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path

from .languages import FOLDER as LANGUAGES
from .model import Module

_CODE_SUFFIXES = {".py", ".j2", ".css", ".json", ".yml", ".pptx", ".js", ".html"}
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")


def digest_files(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(_file_digest(path))
    return digest.hexdigest()


_DIGESTS: dict[tuple[str, int, int], bytes] = {}


def keep_file(path: Path, data: bytes) -> None:
    """Write one of the caches kept between runs (parsed modules, check results, drawings, the
    record of a printed page) whole or not at all: it goes in under a temporary name, so a
    process reading it never sees half a file. A folder that cannot be written (a read-only
    project) is no error: the next run only does the work again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass


def _file_digest(path: Path) -> bytes:
    """A file's hash, worked out once per process and version of the file: a build keys every
    output of a lesson (and the book, every lesson) over the same notebooks."""
    info = path.stat()
    known = (str(path), info.st_mtime_ns, info.st_size)
    if known not in _DIGESTS:
        _DIGESTS[known] = hashlib.sha256(path.read_bytes()).digest()
    return _DIGESTS[known]


@cache
def code_digest(package: str) -> str:
    """One hash of a package's code and templates (found next to the core package)."""
    folder = Path(__file__).resolve().parents[1] / package
    return digest_files(p for p in folder.rglob("*")
                        if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)


#: Python packages that drive a program installed apart from them: the program's version changes
#: the output as much as the package's does (a new Graphviz lays a drawing out differently).
TOOLS = {"graphviz": ("dot", "-V")}


@cache
def library_versions(names: tuple[str, ...]) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==missing")
        if name in TOOLS:
            found.append(f"{TOOLS[name][0]}=={tool_version(*TOOLS[name])}")
    return ",".join(found)


@cache
def tool_version(program: str, flag: str) -> str:
    """What `program flag` prints (Graphviz's `dot -V` writes "dot - graphviz version 2.43.0 (0)"
    to stderr), asked once per process; "missing" when the program is not installed."""
    try:
        done = subprocess.run([program, flag], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "missing"
    return " ".join((done.stdout + done.stderr).split()) or "missing"


@cache
def font_digest() -> str:
    """Names, sizes and dates of the installed font files: a new or upgraded font can change
    line breaks in a PDF, so it invalidates the outputs that use fonts."""
    digest = hashlib.sha256()
    for folder in FONT_FOLDERS:
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(top, name))
                except OSError:
                    continue
                digest.update(f"{top}/{name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def module_files(module: Module) -> list[Path]:
    """The files of a module that belong to its language: its notebook, and everything in the
    folder that is not another language's notebook (pictures)."""
    others = {p for p in module.folder.glob("*.ipynb") if p != module.path} | {
        p for p in module.folder.glob("*.md") if p.stem != module.lang}
    drawn = [module.folder.parent / "web.yml"]  # the web a lesson's diagrams are drawn from
    return [p for p in module.folder.rglob("*") if p.is_file() and p not in others] + [p for p in drawn if p.is_file()]


class OutputCache:
    def __init__(self, out: Path):
        self.file = out / ".cache" / "outputs.json"
        try:
            self.saved: dict[str, str] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.saved = {}
        self.fresh: dict[str, str] = {}

    @staticmethod
    def key(parts: list[str], files: list[Path]) -> str:
        return hashlib.sha256(("|".join(parts) + digest_files(files)).encode()).hexdigest()

    def unchanged(self, name: str, key: str, published: Path) -> bool:
        """Whether `published` (build-relative `name`) was built from the inputs `key` hashes."""
        self.fresh[name] = key
        return self.saved.get(name) == key and published.exists()

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps({**self.saved, **self.fresh}, indent=1, sort_keys=True), encoding="utf-8")


def language_file(code: str) -> Path:
    return LANGUAGES / f"{code}.yml"
