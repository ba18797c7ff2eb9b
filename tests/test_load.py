"""The loader turns a valid notebook into the content model the renderers rely on."""
from __future__ import annotations

from datetime import date

from curriculum.load import load_curriculum, load_module
from curriculum.model import Cite, Image, Paragraph, Term, walk_inlines
from curriculum.tags import Tag

from .conftest import FIXTURE, TRAINER_MARKER


def test_valid_module_becomes_a_model():
    module = load_module(FIXTURE / "modules" / "00-sample" / "en.ipynb")
    assert module.id == "00-sample" and module.lang == "en"
    assert module.minutes.total == 25
    assert module.last_reviewed == date(2026, 11, 1)
    assert [s.id for s in module.sources] == ["report", "agency"]
    assert [s.title for s in module.sections] == [None, "How the data moves", "What you can do"]


def test_cells_are_sorted_into_sections_by_their_tags():
    module = load_module(FIXTURE / "modules" / "00-sample" / "en.ipynb")
    intro, moves, can_do = module.sections
    assert TRAINER_MARKER in intro.trainer_cells[0].source
    assert all(TRAINER_MARKER not in c.source for c in intro.book_cells)
    assert [c.tags for c in moves.slide_cells] == [frozenset({Tag.SLIDES_ONLY})]
    activity = can_do.activities[0]
    assert activity.title == "Activity: Follow the prints" and activity.minutes == 10
    assert not activity.source.startswith("###")  # the title line is lifted out of the body
    assert can_do.discussions and can_do.handout_cells


def test_citations_terms_images_and_figures_are_parsed():
    module = load_module(FIXTURE / "modules" / "00-sample" / "en.ipynb")
    moves = module.sections[1]
    first = moves.cells[0]
    inlines = [i for b in first.blocks if isinstance(b, Paragraph) for i in walk_inlines(b.inlines)]
    assert Cite(("report", "agency")) in inlines
    assert Term("FBI", "FBI") in inlines
    images = [b for b in first.blocks if isinstance(b, Image)]
    assert images and images[0].src == "images/flow.png" and images[0].alt.startswith("Fingerprints")
    figure = next(c.figure for c in moves.cells if c.figure)
    assert figure.png.startswith(b"\x89PNG") and figure.alt == "A checkered test figure"


def test_glossary_is_loaded_per_language():
    curriculum = load_curriculum(FIXTURE)
    glossary = curriculum.glossaries["en"]
    assert glossary.get("ice").full == "U.S. Immigration and Customs Enforcement"
