"""One parse, one tree: a tricky cell shows the same visible text in the book, the deck, the
handout and the lesson plan, because every output is written from the same block tree."""
from __future__ import annotations

import html
import json
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from .conftest import copy_project, run_cli

TRICKY = """Tricky parts
------------

% A MyST comment nobody should see

Type `{src}` to cite, like this sentence does {src}`report`.

Say "stop" and don't sign. Code keeps `"as typed"`.

- Outer item
    - Nested item
- Last item

:::{note}
Boxed words stay boxed.
:::
"""
TABLE = "| Who | What |\n|---|---|\n| Jail | Prints kept |"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def tricky_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("tricky") / "project")
    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"].append({"cell_type": "markdown", "id": "tricky01", "metadata": {"tags": ["handout"]}, "source": TRICKY})
    nb["cells"].append({"cell_type": "markdown", "id": "tricky02", "metadata": {"tags": ["handout"]}, "source": TABLE})
    path.write_text(json.dumps(nb))
    result = run_cli("build", "all", root=project)
    assert result.code == 0, result.err
    build = project / "build"
    book = (build / "book" / "en" / "lessons" / "00-sample" / "index.html").read_text()
    book_text = _flat(html.unescape(re.sub(r"<[^>]+>", " ", book.split('<article', 1)[1])))
    prs = Presentation(str(build / "slides" / "00-sample.en.pptx"))
    slides = _flat(" ".join(s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame)
                   + " " + " ".join(c.text for slide in prs.slides for s in slide.shapes if s.has_table
                                    for row in s.table.rows for c in row.cells))
    handout = _flat(" ".join(p.extract_text() for p in PdfReader(str(build / "handouts" / "00-sample.en.pdf")).pages))
    guide = _flat(" ".join(p.extract_text() for p in PdfReader(str(build / "guides" / "00-sample.en.pdf")).pages))
    return {"book": book_text, "slides": slides, "handout": handout, "guide": guide}


@pytest.mark.parametrize("output", ["book", "slides", "handout", "guide"])
def test_same_visible_text_everywhere(tricky_build, output):
    text = tricky_build[output]
    assert "Tricky parts" in text  # the setext heading is a heading...
    assert "----" not in text  # ...and leaves no stray rule
    assert "A MyST comment" not in text  # a MyST comment is hidden everywhere
    assert "Type {src} to cite" in text  # a role inside a code span is shown as written
    assert "Nested item" in text and "Last item" in text
    assert "Boxed words stay boxed" in text
    assert "{src}`report`" not in text and "`" not in text
    assert "Say \u201cstop\u201d and don\u2019t sign." in text  # typographic quotes, the same characters everywhere
    assert 'Code keeps "as typed"' in text  # ...but never inside code


@pytest.mark.parametrize("output", ["book", "slides", "handout"])
def test_tables_reach_every_participant_output(tricky_build, output):
    assert "Prints kept" in tricky_build[output]


def test_citation_numbers_sit_on_the_sentence(tricky_build):
    assert re.search(r"like this sentence does \[\s?1\s?\]", tricky_build["book"])
    assert re.search(r"like this sentence does\s?\d", tricky_build["handout"])
    assert "like this sentence does." in tricky_build["slides"]  # no citation on slides, no stray space


def test_markup_no_output_can_show_is_a_located_error(project):
    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][0]["source"] = "Before.\n\n***\n\nAfter. {src}`report`"
    path.write_text(json.dumps(nb))
    result = run_cli("check", root=project)
    assert result.code == 1
    assert "en.ipynb, cell 1, line 3: error [structure.unsupported-markup] a horizontal rule" in result.out
