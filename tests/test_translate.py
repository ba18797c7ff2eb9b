"""Starting and keeping up a translation: `curriculum translate` and what `check` reports."""
from __future__ import annotations

import json
from pathlib import Path

from curriculum.load import load_module

from .conftest import run_cli

LESSON = Path("modules") / "00-sample"


def _issues(project: Path, *args: str) -> list[dict]:
    return json.loads(run_cli("check", "--format", "json", *args, root=project).out)["issues"]


def _glossary_es(project: Path) -> None:
    (project / "modules" / "glossary.es.yml").write_text(
        (project / "modules" / "glossary.en.yml").read_text(encoding="utf-8"), encoding="utf-8")


def test_translate_copies_the_structure_and_marks_every_cell(project):
    result = run_cli("translate", "00", "--lang", "es", root=project)
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "wrote modules/00-sample/es.ipynb; every cell is still English: translate the text in place (keep the "
        "cells, tags and sources), then run curriculum check --module 00-sample --lang es")
    english = json.loads((project / LESSON / "en.ipynb").read_text(encoding="utf-8"))
    spanish = json.loads((project / LESSON / "es.ipynb").read_text(encoding="utf-8"))
    assert spanish["metadata"]["untangle"]["lang"] == "es"
    assert [c.get("metadata", {}).get("tags") for c in spanish["cells"]] == \
           [c.get("metadata", {}).get("tags") for c in english["cells"]]
    assert all(len(c["metadata"]["untangle"]["english"]) == 12 for c in spanish["cells"])
    module = load_module(project / LESSON / "es.ipynb")
    assert module.untranslated_cells == tuple(range(1, 11)) and module.partly_translated
    assert module.translated_share == 0.0
    assert not load_module(project / LESSON / "en.ipynb").partly_translated


def test_check_reports_untranslated_cells_one_by_one(project):
    run_cli("translate", "00-sample", "--lang", "es", root=project)
    _glossary_es(project)
    issues = [i for i in _issues(project) if i["rule"] == "translation.untranslated"]
    cells = [i for i in issues if i["place"].startswith("cell ")]
    assert [i["place"] for i in cells] == [f"cell {n}" for n in range(1, 11)]
    assert cells[2]["message"] == "this cell is still in English; translate its text (keep tags, roles and citations)"
    assert cells[2]["cell_begins"] == "## How the data moves"
    assert {i["place"] for i in issues if not i["place"].startswith("cell ")} == {
        "metadata 'untangle.title'", "metadata 'untangle.summary'", "metadata 'untangle.audience'"}
    assert all(i["severity"] == "warning" for i in issues)


def test_translated_cell_goes_quiet_then_outdated_when_the_english_changes(project):
    run_cli("translate", "00-sample", "--lang", "es", root=project)
    _glossary_es(project)
    es = project / LESSON / "es.ipynb"
    nb = json.loads(es.read_text(encoding="utf-8"))
    nb["cells"][7]["source"] = "## Qué puede hacer\n\nPida ayuda a un grupo legal local. {src}`agency`"
    es.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    places = {i["place"] for i in _issues(project, "--lang", "es") if i["rule"] == "translation.untranslated"}
    assert "cell 8" not in places and "cell 7" in places
    en = project / LESSON / "en.ipynb"
    original = json.loads(en.read_text(encoding="utf-8"))
    original["cells"][7]["source"] = "## What you can do\n\nAsk a local legal group or a lawyer. {src}`agency`"
    en.write_text(json.dumps(original, indent=1), encoding="utf-8")
    outdated = [i for i in _issues(project) if i["rule"] == "translation.outdated"]
    assert [(i["file"], i["place"]) for i in outdated] == [(str(LESSON / "es.ipynb"), "cell 8")]
    assert outdated[0]["message"] == (
        "the English cell 8 changed after this cell was translated; bring the change across, then run: "
        "curriculum translate 00-sample --lang es --accept")
    accepted = run_cli("translate", "00-sample", "--lang", "es", "--accept", root=project)
    assert accepted.code == 0 and "1 cell(s) marked as up to date with the English" in accepted.out
    assert not [i for i in _issues(project) if i["rule"] == "translation.outdated"]


def test_new_with_a_second_language_starts_a_translation_and_never_crashes(project):
    first = run_cli("new", "00-sample", "--lang", "es", root=project)
    assert first.code == 0, first.err
    assert (project / LESSON / "es.ipynb").is_file()
    again = run_cli("new", "00-sample", "--lang", "es", root=project)
    assert again.code == 1 and "Traceback" not in again.err
    assert again.err.strip() == (
        "error: modules/00-sample/es.ipynb: this module already has a 'es' lesson; edit it; curriculum translate "
        "00-sample --lang es brings English changes across")


def test_partly_translated_lesson_still_builds(project):
    run_cli("translate", "00-sample", "--lang", "es", root=project)
    _glossary_es(project)
    result = run_cli("build", "slides", "--lang", "es", root=project)
    assert result.code == 0, result.err
    assert (project / "build" / "slides" / "00-sample.es.pptx").is_file()


def test_a_partly_translated_lesson_says_so_in_the_book_and_the_handout(project):
    from pypdf import PdfReader

    from curriculum.languages import words

    run_cli("translate", "00-sample", "--lang", "es", root=project)
    _glossary_es(project)
    result = run_cli("build", "book", "handouts", "--lang", "es", root=project)
    assert result.code == 0, result.err
    notice = words("es").untranslated_notice
    page = (project / "build" / "book" / "es" / "lessons" / "00-sample" / "index.html").read_text(encoding="utf-8")
    assert notice in page
    handout = PdfReader(str(project / "build" / "handouts" / "00-sample.es.pdf"))
    assert notice in " ".join(" ".join(p.extract_text().split()) for p in handout.pages)


def test_spanish_outputs_print_source_notes_in_spanish(real_build):
    """Source notes are written in English ("copy at …", "undated page"); a Spanish reader sees
    them in Spanish on every output that lists sources, and the drawings' descriptions."""
    import re
    import zipfile

    from .conftest import ROOT
    from .pdfs import pages

    english = re.compile(r"\((?:[^()]*; )?(?:copy at|copy on|undated page|archived copy|undated)\b")
    book = " ".join(p.read_text(encoding="utf-8") for p in (real_build / "book" / "es").rglob("*.html"))
    decks = " ".join(zipfile.ZipFile(deck).read(name).decode("utf-8")
                     for deck in (real_build / "slides").glob("*.es.pptx")
                     for name in zipfile.ZipFile(deck).namelist() if name.startswith("ppt/notesSlides/"))
    guides = " ".join(" ".join(pages(guide)) for guide in (real_build / "guides").glob("*.es.pdf"))
    assert "(copy at" in (ROOT / "modules" / "05-mobile-biometrics" / "es.ipynb").read_text(encoding="utf-8")
    for name, text in (("book", book), ("decks' notes", decks), ("lesson plans", guides)):
        assert "(copia en " in text, name
        assert not english.search(text), f"{name}: {english.search(text).group(0)!r}"
