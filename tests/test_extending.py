"""Adding an output or a language takes one file plus (for an output) one registry line; a
partial build keeps every published language in the book's language choice."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pypdf import PdfReader
from rich.console import Console

from curriculum import app, languages, outputs
from curriculum.model import Module, plain_text
from curriculum.rendering import MODULE, RenderContext

from .conftest import run_cli


class WordCount:
    """A throwaway output: the number of participant words in each lesson."""

    name = "wordcount"
    scope = MODULE
    settings = ()
    options = ()
    libraries = ()
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return f"{item}.{lang}.txt"

    def render(self, module: Module, context: RenderContext, folder: Path) -> list[str]:
        words = sum(len(plain_text(getattr(b, "inlines", ())).split()) for c in module.cells for b in c.blocks)
        (folder / self.file_name(module.id, module.lang)).write_text(f"{words}\n")
        return []


def test_a_new_output_is_one_class_and_one_registry_line(project, monkeypatch):
    monkeypatch.setitem(outputs.REGISTRY, "wordcount", "tests.test_extending:WordCount")
    status = app.build(project, ["wordcount"], None, None, None, Console(stderr=True))
    assert status == 0
    assert int((project / "build" / "wordcount" / "00-sample.en.txt").read_text()) > 20


def _translate(project: Path, code: str) -> None:
    """A copy of the English sample notebook and glossary under language `code`."""
    folder = project / "modules" / "00-sample"
    nb = json.loads((folder / "en.ipynb").read_text())
    nb["metadata"]["untangle"]["lang"] = code
    (folder / f"{code}.ipynb").write_text(json.dumps(nb))
    shutil.copyfile(project / "modules" / "glossary.en.yml", project / "modules" / f"glossary.{code}.yml")


def test_a_new_language_is_one_file(project, tmp_path, monkeypatch):
    folder = tmp_path / "languages"
    folder.mkdir()
    shutil.copyfile(languages.FOLDER / "en.yml", folder / "en.yml")
    text = (languages.FOLDER / "en.yml").read_text().replace("Key points", "Pwen kle").replace("name: English", "name: Kreyòl")
    (folder / "ht.yml").write_text(text.replace('quotes: "“”‘’"', 'quotes: "«»‹›"'))
    monkeypatch.setattr(languages, "FOLDER", folder)
    languages.language.cache_clear()
    _translate(project, "ht")
    notebook = project / "modules" / "00-sample" / "ht.ipynb"
    nb = json.loads(notebook.read_text())
    nb["metadata"]["untangle"]["key_points"][0] = 'Di "non" epi pa siyen.'
    notebook.write_text(json.dumps(nb))
    try:
        status = app.build(project, ["handouts"], None, "ht", None, Console(stderr=True))
    finally:
        languages.language.cache_clear()
    assert status == 0
    pdf = project / "build" / "handouts" / "00-sample.ht.pdf"
    printed = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Pwen kle" in printed
    assert "Di «non» epi pa siyen." in printed  # the language file's own quote marks


def test_a_language_without_its_file_is_a_clear_error(project):
    _translate(project, "vi")
    result = run_cli("check", root=project)
    assert result.code == 1
    assert "no language file for 'vi': add curriculum/languages/vi.yml (copy en.yml and translate it)" in result.err
    assert "Traceback" not in result.err


def test_a_one_language_book_build_keeps_the_others_listed(project):
    _translate(project, "es")
    assert run_cli("build", "book", root=project).code == 0
    index = (project / "build" / "book" / "index.html").read_text()
    assert 'href="en/index.html"' in index and 'href="es/index.html"' in index and "Español" in index
    result = run_cli("build", "book", "--lang", "es", root=project)
    assert result.code == 0, result.err
    index = (project / "build" / "book" / "index.html").read_text()
    assert 'href="en/index.html"' in index and 'href="es/index.html"' in index
    assert (project / "build" / "book" / "en" / "index.html").is_file()
