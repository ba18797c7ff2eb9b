"""Open the real decks with python-pptx and check what a trainer would see."""
from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from curriculum.load import load_module
from curriculum.model import plain_text
from curriculum.languages import words

from .conftest import ROOT, TRAINER_MARKER, real_notebooks


def _body_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _deck_properties(path, module):
    label = words(module.lang)
    prs = Presentation(str(path))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == module.title
    assert slides[0].slide_layout.name == "Title Slide"
    total = len(slides)
    for n, slide in enumerate(slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.text.strip(), f"slide {n} has no title placeholder"
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), f"slide {n} has no notes"
        assert f"{n} / {total}" in _body_text(slide)
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (n, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (n, shape.name)
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.nvPicPr.cNvPr.get("descr"), f"picture on slide {n} has no alt text"
        if slide.placeholders and 1 in [p.placeholder_format.idx for p in slide.placeholders]:
            body = slide.placeholders[1].text_frame
            assert len(body.paragraphs) <= 6, f"slide {n} has {len(body.paragraphs)} bullets"
    assert label.legal_notice in _body_text(slides[-1])
    titles = [s.shapes.title.text for s in slides]
    assert any(re.match(rf"{label.activity}: .+ \(\d+ {label.minutes}\)", t) for t in titles), titles
    assert label.key_points in titles and label.sources in titles and label.objectives in titles
    return prs


def test_fixture_deck_keeps_trainer_notes_off_the_slides(fixture_build):
    module = load_module(ROOT / "tests/fixtures/project/modules/00-sample/en.ipynb")
    prs = _deck_properties(fixture_build / "slides" / "00-sample.en.pptx", module)
    bodies = "\n".join(_body_text(s) for s in prs.slides)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert TRAINER_MARKER not in bodies
    assert TRAINER_MARKER in notes
    assert "Prints travel from jail to FBI" in bodies  # the slides-only bullets
    assert "| Step |" not in bodies and "Booking" not in bodies  # book-only table stays in the book
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert {p._element.nvPicPr.cNvPr.get("descr") for p in pictures} == {
        "Fingerprints go from the jail to the FBI and on to ICE", "A checkered test figure"}
    debrief = [s for s in prs.slides if s.shapes.title.text.startswith("Activity")][0]
    assert "Who saw the data?" in debrief.notes_slide.notes_text_frame.text
    assert "Who saw the data?" not in _body_text(debrief)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_real_deck(real_build, module_id, lang):
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    prs = _deck_properties(real_build / "slides" / f"{module_id}.{lang}.pptx", module)
    bodies = "\n".join(_body_text(s) for s in prs.slides)
    for cell in module.cells:
        if cell.is_trainer:
            for block in cell.blocks:
                text = plain_text(getattr(block, "inlines", ()))
                if len(text) > 30:
                    assert text[:60] not in bodies, f"trainer text on a slide: {text[:60]}"


def test_every_deck_opens_in_libreoffice(real_build, tmp_path):
    """Many community groups use LibreOffice, not PowerPoint: every deck must open there and
    show every slide (converted to PDF, one page per slide)."""
    from pypdf import PdfReader
    import subprocess

    decks = sorted((real_build / "slides").glob("*.pptx"))
    profile = tmp_path / "profile"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, decks)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for deck in decks:
        pdf = tmp_path / (deck.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice could not open {deck.name}"
        assert len(PdfReader(str(pdf)).pages) == len(Presentation(str(deck)).slides), deck.name


def test_tables_become_real_powerpoint_tables(project):
    import json

    from .conftest import run_cli

    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][5]["metadata"]["tags"] = []  # the book-only table now goes to the slides too
    path.write_text(json.dumps(nb))
    assert run_cli("build", "slides", root=project).code == 0
    prs = Presentation(str(project / "build" / "slides" / "00-sample.en.pptx"))
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert len(tables) == 1
    cells = [[c.text for c in row.cells] for row in tables[0].rows]
    assert cells == [["Step", "Who"], ["Booking", "Jail"], ["Check", "ICE"]]
