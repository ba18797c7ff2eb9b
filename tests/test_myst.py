"""Authoring without JSON: a MyST Markdown lesson (`en.md`) is the same lesson as its `.ipynb`
twin. One loader, one model: the deck, the handout and the book page come out the same."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from curriculum.load import load_module, read_notebook

from curriculum.notebook_files import write_notebook

from .conftest import ROOT, copy_project, real_notebooks, run_cli

LESSON = Path("modules") / "00-sample"


def _without_code_figure(project: Path) -> None:
    """A Markdown notebook cannot store a code cell's picture: both twins go without it."""
    path = project / LESSON / "en.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] != "code"]
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _deck_text(path: Path) -> list[str]:
    return [" | ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) + " || " +
            slide.notes_slide.notes_text_frame.text for slide in Presentation(str(path)).slides]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """The fixture lesson built twice: once from en.ipynb, once from the en.md that
    `curriculum convert` wrote from it (the .ipynb deleted)."""
    built = {}
    for kind in ("ipynb", "md"):
        project = copy_project(tmp_path_factory.mktemp(kind) / "project")
        _without_code_figure(project)
        if kind == "md":
            converted = run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
            assert converted.code == 0, converted.err
            (project / LESSON / "en.ipynb").unlink()
        result = run_cli("build", root=project)
        assert result.code == 0, result.err
        built[kind] = project
    return built


def test_markdown_lesson_has_yaml_details_and_no_json(twins):
    text = (twins["md"] / LESSON / "en.md").read_text(encoding="utf-8")
    assert text.startswith("---\nuntangle:\n  id: 00-sample\n")
    assert '"cells"' not in text and "\n+++ {\"tags\": [\"trainer\"]}\n" in text


def test_same_model_from_both_formats(twins):
    ipynb = load_module(twins["ipynb"] / LESSON / "en.ipynb")
    md = load_module(twins["md"] / LESSON / "en.md")
    assert (md.title, md.sources, md.sections, md.last_reviewed) == \
           (ipynb.title, ipynb.sources, ipynb.sections, ipynb.last_reviewed)
    assert [c.source for c in read_notebook(twins["md"] / LESSON / "en.md").cells] == \
           [c.source for c in read_notebook(twins["ipynb"] / LESSON / "en.ipynb").cells]


def test_same_deck_text(twins):
    assert _deck_text(twins["md"] / "build/slides/00-sample.en.pptx") == \
           _deck_text(twins["ipynb"] / "build/slides/00-sample.en.pptx")


def test_same_handout_text(twins):
    md = _pdf_text(twins["md"] / "build/handouts/00-sample.en.pdf")
    assert md == _pdf_text(twins["ipynb"] / "build/handouts/00-sample.en.pdf")
    assert "Ask a local legal group for help" in md


def test_same_book_page(twins):
    page = Path("build/book/en/lessons/00-sample/index.html")
    md = _page_text(twins["md"] / page)
    assert md == _page_text(twins["ipynb"] / page)
    assert "How the data moves" in md


def test_both_formats_at_once_is_one_clear_error(project):
    _without_code_figure(project)
    assert run_cli("convert", str(project / LESSON / "en.ipynb"), root=project).code == 0
    result = run_cli("check", "--format", "json", root=project)
    assert result.code == 1
    issue = json.loads(result.out)["issues"][0]
    assert (issue["file"], issue["message"]) == (str(LESSON / "en.md"), (
        "both en.ipynb and en.md hold this lesson; keep one (curriculum convert writes one from the other), "
        "delete the other"))


def test_converting_a_code_figure_says_what_to_do(project):
    result = run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
    assert result.code == 1 and not (project / LESSON / "en.md").exists()
    assert result.err.strip() == (
        "error: modules/00-sample/en.ipynb, cell 7: this cell holds a picture made by code, which a Markdown "
        "notebook cannot store; save the picture in images/ and show it with ![what it shows](images/name.png) "
        "instead, then convert again")


def test_yaml_mistake_in_a_markdown_lesson_names_the_file_line(project):
    _without_code_figure(project)
    run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
    (project / LESSON / "en.ipynb").unlink()
    md = project / LESSON / "en.md"
    lines = md.read_text(encoding="utf-8").splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("  title:"))
    lines[n] = "  title: Fingerprints: where they go"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", root=project)
    issue = json.loads(result.out)["issues"][0]
    assert issue["place"] == f"line {n + 1}" and issue["rule"] == "load.metadata"
    # libyaml says "not allowed in this context", pure-Python PyYAML "not allowed here"
    assert issue["message"].startswith("bad YAML in the lesson details: mapping values are not allowed")
    assert issue["message"].endswith("check the indentation and put text with ':' in quotes")


def test_a_markdown_lesson_is_checked_like_a_notebook(project):
    _without_code_figure(project)
    run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
    (project / LESSON / "en.ipynb").unlink()
    md = project / LESSON / "en.md"
    md.write_text(md.read_text(encoding="utf-8").replace('"slides-only"', '"slide-only"'), encoding="utf-8")
    line = md.read_text(encoding="utf-8").splitlines().index("- Prints travel from jail to FBI") + 1
    result = run_cli("check", "--format", "json", root=project)
    issue = json.loads(result.out)["issues"][0]
    assert (issue["rule"], issue["place"]) == ("load.tag", f"line {line} (cell 4)")  # the line a text editor shows
    assert "did you mean 'slides-only'?" in issue["message"]


def test_check_names_the_file_line_in_a_markdown_lesson(project):
    _without_code_figure(project)
    run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
    (project / LESSON / "en.ipynb").unlink()
    md = project / LESSON / "en.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Ask a local legal group for help. {src}`agency`",
                                                         "Ask a local legal group for help. {src}`agncy`"), encoding="utf-8")
    line = next(n for n, l in enumerate(md.read_text(encoding="utf-8").splitlines(), 1) if "`agncy`" in l)
    result = run_cli("check", root=project)
    assert (f"  modules/00-sample/en.md, line {line} (cell 7): error [citations.unknown-source] {{src}}`agncy` "
            "cites a source that is not in the metadata; did you mean 'agency'? sources listed: report, agency "
            "(the cell that begins \"## What you can do\")") in result.out.splitlines()


@pytest.mark.parametrize("module_id, lang", real_notebooks())
def test_every_real_lesson_reads_the_same_from_markdown(module_id, lang, tmp_path):
    """Converting a real lesson to Markdown changes nothing any output reads."""
    original = ROOT / "modules" / module_id / f"{lang}.ipynb"
    nb = read_notebook(original)
    if any(cell.cell_type == "code" for cell in nb.cells):
        pytest.skip("a code cell's figure cannot be stored in Markdown (convert refuses it)")
    target = tmp_path / module_id / f"{lang}.md"
    target.parent.mkdir()
    write_notebook(nb, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"---\nuntangle:\n  id: {module_id}\n") and "objectives:\n  - " in text
    a, b = load_module(original), load_module(target)
    fields = ("id", "lang", "title", "summary", "audience", "minutes", "objectives", "key_points", "last_reviewed",
              "sources", "sections", "cell_hashes")
    assert [getattr(b, f) for f in fields] == [getattr(a, f) for f in fields]


def test_new_markdown_lesson_names_the_lines_left_to_fill_in(project):
    created = run_cli("new", "14-my-topic", "--markdown", root=project)
    assert created.code == 0, created.err
    md = project / "modules" / "14-my-topic" / "en.md"
    lines = md.read_text(encoding="utf-8").splitlines()
    result = run_cli("check", "--module", "14", root=project)
    assert result.code == 1
    title = lines.index("  title: Title of the lesson") + 1
    second = lines.index("  - Name one thing people can do.") + 1
    assert (f"  modules/14-my-topic/en.md, line {title} (untangle.title): error [placeholder.text] the title is "
            "still the example text \"Title of the lesson\"; write this lesson's own") in result.out.splitlines()
    assert (f"  modules/14-my-topic/en.md, line {second} (untangle.objectives[2]): error [placeholder.text] item 2 "
            "is still the example text \"Name one thing people can do.\"; write this lesson's own") \
        in result.out.splitlines()


def test_convert_back_to_a_notebook_gives_the_same_lesson(project):
    _without_code_figure(project)
    original = load_module(project / LESSON / "en.ipynb")
    run_cli("convert", str(project / LESSON / "en.ipynb"), root=project)
    (project / LESSON / "en.ipynb").unlink()
    back = run_cli("convert", str(project / LESSON / "en.md"), root=project)
    assert back.code == 0, back.err
    assert back.out.strip() == ("wrote modules/00-sample/en.ipynb; check it (curriculum check), then delete en.md "
                                "so only one copy of the lesson is edited")
    again = load_module(project / LESSON / "en.ipynb")
    assert (again.sections, again.sources, again.title) == (original.sections, original.sources, original.title)
    refused = run_cli("convert", str(project / LESSON / "en.md"), root=project)
    assert refused.code == 1
    assert refused.err.strip() == ("error: modules/00-sample/en.ipynb: en.ipynb already exists; delete it first or "
                                   "add --force to overwrite it")
