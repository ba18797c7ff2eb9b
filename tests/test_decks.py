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
from .deck_measure import overflowing, shape_boxes

#: The layout each kind of slide must use, by name (never by position in the template).
TITLE, AGENDA, SECTION = "Untangle Title", "Untangle Agenda", "Untangle Section"
CONTENT, TWO, KEY_FACT = "Untangle Content", "Untangle Two Columns", "Untangle Key Fact"
PICTURE_TEXT, FULL_PICTURE = "Untangle Picture and Text", "Untangle Full Picture"
ACTIVITY, DISCUSSION = "Untangle Activity", "Untangle Discussion"
SOURCES, CLOSING = "Untangle Sources", "Untangle Closing"
BODY_LAYOUTS = {AGENDA, CONTENT, TWO, PICTURE_TEXT, ACTIVITY, DISCUSSION}


def _body_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def _cue(label) -> re.Pattern:
    """The timing cue's wording from the language file, with its numbers as \\d+."""
    def pattern(text: str) -> str:
        return re.sub(r"\\\{\w+\\\}", r"\\d+", re.escape(text))

    return re.compile(f"^({pattern(label.slide_time)}|{pattern(label.slide_time_at)})$")


def _deck_properties(path, module):
    label = words(module.lang)
    prs = Presentation(str(path))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == module.title
    assert slides[0].slide_layout.name == TITLE
    total = len(slides)
    cue = _cue(label)
    for n, slide in enumerate(slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.text.strip(), f"slide {n} has no title placeholder"
        assert slide.has_notes_slide and _notes(slide).strip(), f"slide {n} has no notes"
        assert cue.match(_notes(slide).split("\n")[0]), f"slide {n} notes start without a timing cue"
        assert f"{n} / {total}" in _body_text(slide)
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (n, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (n, shape.name)
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.nvPicPr.cNvPr.get("descr"), f"picture on slide {n} has no alt text"
        if slide.slide_layout.name in BODY_LAYOUTS:
            for shape in slide.placeholders:
                if shape.placeholder_format.idx == 1:
                    assert len(shape.text_frame.paragraphs) <= 6, f"slide {n} has too many bullets"
    total_minutes = module.minutes.total
    assert _notes(slides[-1]).split("\n")[0] == label.slide_time_at.format(end=total_minutes, total=total_minutes), \
        "the timing cues do not add up to the lesson's length"
    assert label.legal_notice in _body_text(slides[-1])
    assert slides[-1].slide_layout.name == CLOSING
    titles = [s.shapes.title.text for s in slides]
    assert any(re.fullmatch(rf"{label.activity}: .+", t) for t in titles), titles
    assert label.key_points in titles and label.sources in titles and label.objectives in titles
    return prs


def _layout_of(prs, title: str) -> set[str]:
    return {s.slide_layout.name for s in prs.slides if s.shapes.title.text == title}


def test_fixture_deck_keeps_trainer_notes_off_the_slides(fixture_build):
    module = load_module(ROOT / "tests/fixtures/project/modules/00-sample/en.ipynb")
    prs = _deck_properties(fixture_build / "slides" / "00-sample.en.pptx", module)
    bodies = "\n".join(_body_text(s) for s in prs.slides)
    notes = "\n".join(_notes(s) for s in prs.slides)
    assert TRAINER_MARKER not in bodies
    assert TRAINER_MARKER in notes
    assert "Prints travel from jail to FBI" in bodies  # the slides-only bullets
    assert "| Step |" not in bodies and "Booking" not in bodies  # book-only table stays in the book
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert {p._element.nvPicPr.cNvPr.get("descr") for p in pictures} == {
        "Fingerprints go from the jail to the FBI and on to ICE", "A checkered test figure"}
    assert {s.slide_layout.name for s in prs.slides if any(
        sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)} <= {PICTURE_TEXT, FULL_PICTURE}
    debrief = [s for s in prs.slides if s.shapes.title.text.startswith("Activity")][0]
    assert debrief.slide_layout.name == ACTIVITY
    assert "Who saw the data?" in _notes(debrief)
    assert "Who saw the data?" not in _body_text(debrief)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_real_deck(real_build, module_id, lang):
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    label = words(lang)
    prs = _deck_properties(real_build / "slides" / f"{module_id}.{lang}.pptx", module)
    slides = list(prs.slides)
    bodies = "\n".join(_body_text(s) for s in slides)
    trainer_texts = []
    for cell in module.cells:
        if cell.is_trainer:
            for block in cell.blocks:
                text = plain_text(getattr(block, "inlines", ()))
                if len(text) > 30:
                    assert text[:60] not in bodies, f"trainer text on a slide: {text[:60]}"
                    trainer_texts.append(text[:60])

    # Speaker notes: each trainer paragraph once, on one slide; no two slides in a row alike;
    # no space left where a citation was removed.
    notes = [_notes(s) for s in slides]
    for text in trainer_texts:
        holders = [n for n, note in enumerate(notes, start=1) if text in note]
        assert len(holders) == 1, f"trainer text on slides {holders} (expected exactly one): {text}"
    for n in range(1, len(notes)):
        assert notes[n] != notes[n - 1], f"slides {n} and {n + 1} have the same notes"
    for n, note in enumerate(notes, start=1):
        assert not re.search(r"\w [.,;:](\s|$)", note), f"slide {n} notes: a space before punctuation"

    # One title slide; one sources slide; layouts chosen by name for each kind of slide.
    assert [s.shapes.title.text for s in slides].count(module.title) == 1, "the lesson title repeats"
    sources = [s for s in slides if s.shapes.title.text.startswith(label.sources)]
    assert len(sources) == 1 and sources[0].slide_layout.name == SOURCES
    assert _layout_of(prs, label.objectives) == {AGENDA}
    for slide in slides:
        title = slide.shapes.title.text
        if title.startswith(f"{label.activity}: "):
            assert slide.slide_layout.name == ACTIVITY, title
        if title.startswith(label.discussion):
            assert slide.slide_layout.name == DISCUSSION, title

    # No continuation slide holds a lone leftover bullet.
    for n, slide in enumerate(slides, start=1):
        if slide.shapes.title.text.endswith(f"({label.continued})") and slide.slide_layout.name in BODY_LAYOUTS:
            bullets = [p for sh in slide.placeholders if sh.placeholder_format.idx == 1
                       for p in sh.text_frame.paragraphs if p.text.strip()]
            assert len(bullets) != 1, f"slide {n} continues with a single bullet: {bullets[0].text[:50]}"

    # The sources slide points to the book page (which exists in the build) and its notes
    # hold the full list; without a `book_url` there is no QR code.
    page = f"book/{lang}/lessons/{module_id}/index.html"
    assert label.sources_elsewhere in _body_text(sources[0]) and page in _body_text(sources[0])
    assert (real_build / page).is_file(), f"the sources slide names {page}, which the build does not have"
    for source in module.sources:
        assert source.url in _notes(sources[0]), source.id
    assert not any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in sources[0].shapes)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_real_deck_text_fits_and_reads(real_build, module_id, lang):
    """Every text box holds its text, measured with Carlito (Calibri's metric twin, what
    LibreOffice draws); body text is one size of at least 24 pt; the slide number never
    touches the logo or anything else."""
    prs = Presentation(str(real_build / "slides" / f"{module_id}.{lang}.pptx"))
    sizes = set()
    for n, slide in enumerate(prs.slides, start=1):
        problems = overflowing(slide)
        assert not problems, f"slide {n}: {problems}"
        if slide.slide_layout.name in BODY_LAYOUTS:
            for shape in slide.placeholders:
                if shape.placeholder_format.idx == 1:
                    sizes |= {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
        boxes = shape_boxes(slide)
        number = boxes.pop("Slide number")
        for name, box in boxes.items():
            assert not _overlap(number, box), f"slide {n}: the slide number overlaps {name}"
    assert len(sizes) == 1 and min(sizes) >= 24, f"body sizes {sorted(sizes)}"


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


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
        reader = PdfReader(str(pdf))
        assert len(reader.pages) == len(Presentation(str(deck)).slides), deck.name
        fonts = {str(f["/BaseFont"]) for f in reader.pages[1]["/Resources"]["/Font"].values()}
        assert any("Carlito" in f for f in fonts), f"{deck.name}: LibreOffice drew Calibri with {fonts}"


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
