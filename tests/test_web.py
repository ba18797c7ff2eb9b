"""The web of data flows drawn from modules/web.yml: located errors, a picture in every output,
Spanish words on Spanish drawings, identical bytes on every build, labels readable when projected."""
from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from curriculum import diagrams
from curriculum.load import load_module
from curriculum.model import Diagram, Timeline, walk_blocks
from curriculum.web import load_web, read_web, web_words

from .conftest import ROOT, run_cli
from .pdfs import figure_alts, pages, type_sizes

DRAWN = ["00-overview", "01-secure-communities", "02-287g", "03-ncic-and-nlets", "04-gang-databases",
         "05-mobile-biometrics", "06-drivers-licenses", "10-other-data-trails"]
TIMELINES = ["01-secure-communities", "02-287g", "13-alien-enemies-act"]
SLIDE_WIDTH_IN = 13.333

BROKEN_WEB = """\
nodes:
  - {id: jail, kind: local}
  - {id: ice, kind: agency}
flows:
  - id: to-nowhere
    from: jail
    to: fbi
    sources: [a-source]
    as_of: "2025-01"
  - id: unsourced
    from: ice
    to: jail
    as_of: "2025-01"
  - id: unknown-source
    from: ice
    to: jail
    sources: [not-listed]
    as_of: "2025-01"
  - id: bad-date
    from: jail
    to: ice
    sources: [a-source]
    as_of: "January 2025"
views: []
sources:
  - id: a-source
    title: A title
    publisher: A publisher
    date: "2025"
    url: https://example.org/a
    accessed: "2026-01-01"
"""


def _drawings(module):
    return [(cell, block) for cell in module.cells for block in walk_blocks(cell.blocks)
            if isinstance(block, (Diagram, Timeline))]


def test_web_file_errors_are_located_check_errors(project):
    (project / "modules" / "web.yml").write_text(BROKEN_WEB, encoding="utf-8")
    result = run_cli("check", "--format", "json", root=project)
    assert result.code == 1
    issues = [i for i in json.loads(result.out)["issues"] if i["file"].endswith("web.yml")]
    found = {(i["rule"], i["place"]) for i in issues}
    assert ("web.unknown-node", "line 5") in found  # flow "to-nowhere" names node "fbi"
    assert ("web.no-source", "line 10") in found
    assert ("web.unknown-source", "line 14") in found
    assert ("web.bad-date", "line 19") in found
    assert all(i["severity"] == "error" and i["message"] for i in issues)


def test_unknown_view_and_unsourced_event_are_check_errors(project):
    shutil.copy(ROOT / "modules" / "web.yml", project / "modules" / "web.yml")
    path = next((project / "modules").glob("*/en.ipynb"))
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {},
                        "source": ":::{diagram} web\n:highlight: nowhere\n:::\n\n"
                                  ":::{timeline} Dates\n- 2008-10: Something happened\n:::"})
    path.write_text(json.dumps(nb), encoding="utf-8")
    result = run_cli("check", "--format", "json", root=project)
    assert result.code == 1
    rules = {(i["rule"], i["place"].split(",")[0]) for i in json.loads(result.out)["issues"] if i["severity"] == "error"}
    cell = f"cell {len(nb['cells'])}"
    assert ("web.unknown-view", cell) in rules
    assert ("web.event-without-source", cell) in rules


def test_the_real_web_file_is_valid_and_every_flow_is_sourced():
    web, problems = read_web(ROOT / "modules" / "web.yml")
    assert problems == []
    assert all(flow.sources and all(web.source(s) for s in flow.sources) for flow in web.flows)


@pytest.mark.parametrize("module_id", DRAWN + TIMELINES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_drawn_module_shows_its_picture_in_book_deck_and_handout(real_build, module_id, lang):
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    drawings = _drawings(module)
    assert drawings, "the module has no diagram or timeline"
    expected = {diagrams.drawing_for(block, ROOT, lang).alt for _, block in drawings}
    assert all(alt.strip() for alt in expected)
    # Deck: one picture slide per drawing, alt text set.
    deck = Presentation(str(real_build / "slides" / f"{module_id}.{lang}.pptx"))
    alts = {shape._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert expected <= alts
    # Book: the SVG is published with the page, shown with its alt text and its words.
    folder = real_build / "book" / lang / "lessons" / module_id
    page = (folder / "index.html").read_text(encoding="utf-8")
    shown = [tag for tag in re.findall(r"<img [^>]*>", page) if re.search(r'src="[^"]*cell\d+-line\d+\.svg"', tag)]
    assert len(shown) == len(drawings), shown
    for tag in shown:
        src = re.search(r'src="([^"]+)"', tag).group(1)
        assert (folder / src).resolve().is_file()
        assert html.unescape(re.search(r'alt="([^"]*)"', tag).group(1)) in expected
    assert page.count("untangle-drawing") >= len(drawings)
    # Handout: the diagrams tagged for it are printed as vector drawings (their labels are type on
    # the page, not pixels), each a tagged figure that a screen reader announces by its alt text.
    if module_id in DRAWN:
        handout = real_build / "handouts" / f"{module_id}.{lang}.pdf"
        assert set(figure_alts(handout)) & expected
        assert not any(page.images for page in PdfReader(str(handout)).pages)
        printed = " ".join(pages(handout))
        shown = next(diagrams.drawing_for(block, ROOT, lang) for _, block in drawings
                     if diagrams.drawing_for(block, ROOT, lang).alt in figure_alts(handout))
        labels = re.findall(r">([^<>]{3,})</text>", shown.svg())
        assert labels and all(" ".join(html.unescape(label).split()) in printed for label in labels)
        # Its labels (DejaVu Sans, the drawings' type) are readable on paper: 7.5 pt on the handout,
        # 12 on large print (a drawing is drawn for a slide and shrinks on paper; Poppler rounds
        # sizes down: 11.98 reads 11).
        assert diagrams.FONT == "DejaVu Sans"
        for output, least in (("handouts", 7), ("large-print", 11)):
            assert type_sizes(real_build / output / f"{module_id}.{lang}.pdf")["DejaVu-Sans"] >= least, output


def test_spanish_drawings_say_spanish_words():
    web = load_web(ROOT)
    english = diagrams.web_drawing(web, "booking", "en")
    spanish = diagrams.web_drawing(web, "booking", "es")
    assert "County jail" in english.svg() and "County jail" not in spanish.svg()
    assert ">condado<" in spanish.svg() and ">fichar<" in spanish.svg()  # "Cárcel del condado", "huellas al fichar"
    assert "desde" in " ".join(diagrams.web_drawing(web, "whole", "es").long)
    assert spanish.alt.startswith("Un mapa")


def test_drawings_are_identical_on_every_build(real_build):
    """The deck built by another process holds the same bytes as a drawing made here."""
    web = load_web(ROOT)
    deck = Presentation(str(real_build / "slides" / "00-overview.es.pptx"))
    layout = next(lay for lay in deck.slide_layouts if lay.name == "Untangle Full Picture")
    area = next(p for p in layout.placeholders if p.placeholder_format.idx == 3)
    made = diagrams.web_drawing(web, "whole", "es").png_to_fit(Emu(area.width).inches, Emu(area.height).inches)
    blobs = [shape.image.blob for slide in deck.slides for shape in slide.shapes
             if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert made in blobs
    # Drawn at the size the slide shows it: about as many pixels across as a projector has.
    assert 1000 <= PILImage.open(io.BytesIO(made)).width <= 2000
    diagrams._render.cache_clear()
    assert diagrams.web_drawing(web, "whole", "es").svg() == diagrams.web_drawing(web, "whole", "es").svg()


@pytest.mark.parametrize("module_id", DRAWN + TIMELINES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_projected_labels_are_at_least_18_pt(real_build, module_id, lang):
    """Label size in the drawing × the picture's width on the slide ÷ the drawing's width,
    for a slide shown 13.33 inches wide."""
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    by_alt = {}
    for _, block in _drawings(module):
        drawing = diagrams.drawing_for(block, ROOT, lang)
        by_alt[drawing.alt] = diagrams.svg_geometry(drawing.svg())
    deck = Presentation(str(real_build / "slides" / f"{module_id}.{lang}.pptx"))
    slide_in = deck.slide_width / 914400
    measured = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            alt = shape._element.nvPicPr.cNvPr.get("descr") if shape.shape_type == MSO_SHAPE_TYPE.PICTURE else None
            if alt in by_alt:
                width_pt, _, font_pt = by_alt[alt]
                picture_pt = shape.width / 914400 * 72
                projected = font_pt * picture_pt / width_pt * SLIDE_WIDTH_IN / slide_in
                assert projected >= diagrams.MIN_PROJECTED_PT, f"{alt[:60]}: {projected:.1f} pt"
                measured += 1
    assert measured == len(by_alt)


SCENARIOS = {"02-287g": "booked-287g", "05-mobile-biometrics": "street-scan",
             "06-drivers-licenses": "drivers-license", "10-other-data-trails": "itin-taxes"}


@pytest.mark.parametrize("module_id", sorted(SCENARIOS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_scenarios_build_step_by_step(real_build, module_id, lang):
    """"Where does my data go?": one deck slide per step, each showing one more arrow; the book
    lists the steps in order."""
    web = load_web(ROOT)
    scenario = web.view(SCENARIOS[module_id])
    assert scenario is not None and scenario.steps
    deck = Presentation(str(real_build / "slides" / f"{module_id}.{lang}.pptx"))
    alts = [shape._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    builds = [diagrams.web_drawing(web, scenario.id, lang, upto).alt for upto in range(1, len(scenario.flows) + 1)]
    positions = [alts.index(alt) for alt in builds]
    assert positions == sorted(positions) and len(set(builds)) == len(builds)
    page = (real_build / "book" / lang / "lessons" / module_id / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    start = text.index(diagrams.web_drawing(web, scenario.id, lang).title)
    data = [web_words(lang).flows[f].data for f in scenario.flows]
    found = [text.find(words, start) for words in data]
    assert -1 not in found and found == sorted(found)


def test_decks_and_handouts_with_drawings_are_identical_across_rebuilds(tmp_path):
    """Two builds (SOURCE_DATE_EPOCH set) of a lesson with a map, a scenario and a timeline."""
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    digests = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = run_cli("build", "slides", "handouts", "--module", "02-287g", "--out", str(out), root=ROOT, env=env)
        assert result.code == 0, result.err
        digests.append({p.name: p.read_bytes() for kind in ("slides", "handouts") for p in sorted((out / kind).iterdir())})
    assert len(digests[0]) == 4 and digests[0] == digests[1]


@pytest.mark.parametrize("module_id", sorted(SCENARIOS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_scenarios_print_as_a_strip_of_steps_on_the_handout(real_build, module_id, lang):
    """On paper a scenario is its steps, numbered, a few words each, in the handout's language
    (and the handout still fits two pages: tests/test_handouts.py)."""
    drawing = diagrams.web_drawing(load_web(ROOT), SCENARIOS[module_id], lang)
    assert drawing.steps
    pdf = PdfReader(str(real_build / "handouts" / f"{module_id}.{lang}.pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    start = text.index(drawing.title)
    found = [text.find(" ".join(step.split()), start) for step in drawing.steps]
    assert -1 not in found and found == sorted(found), (drawing.steps, text[start:start + 600])


def _word_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every label line in a Graphviz SVG, measured with the
    drawing's own font (DejaVu Sans, found by fontconfig), independently of Graphviz."""
    from PIL import ImageFont

    path = subprocess.run(["fc-match", "--format=%{file}", diagrams.FONT], capture_output=True, text=True).stdout
    fonts: dict[float, ImageFont.FreeTypeFont] = {}
    shift = re.search(r'transform="scale\(1 1\) rotate\(0\) translate\(([-\d.]+) ([-\d.]+)\)"', svg)
    dx, dy = float(shift.group(1)), float(shift.group(2))
    boxes = []
    for m in re.finditer(r'<text text-anchor="(\w+)" x="([-\d.]+)" y="([-\d.]+)" font-family="[^"]*" '
                         r'font-size="([\d.]+)"[^>]*>([^<]+)</text>', svg):
        anchor, x, y, size, text = m.group(1), float(m.group(2)) + dx, float(m.group(3)) + dy, float(m.group(4)), m.group(5)
        font = fonts.setdefault(size, ImageFont.truetype(path, size=round(size * 10)))
        width = font.getlength(html.unescape(text)) / 10
        left = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
        boxes.append((html.unescape(text), left, y - 0.76 * size, left + width, y + 0.24 * size))
    return boxes


def test_no_words_overlap_or_fall_off_any_drawing():
    """Every view of the web, in both languages: no two labels overlap and none is cut off at the
    picture's edge (Graphviz put some arrows' labels on top of each other, or above the picture)."""
    web = load_web(ROOT)
    for view_id in web.view_ids():
        for lang in ("en", "es"):
            svg = diagrams.web_drawing(web, view_id, lang).svg()
            width, height, _ = diagrams.svg_geometry(svg)
            boxes = _word_boxes(svg)
            assert boxes
            for n, a in enumerate(boxes):
                assert a[1] >= -1 and a[2] >= -1 and a[3] <= width + 1 and a[4] <= height + 1, f"{view_id}.{lang}: {a[0]!r} cut off"
                for b in boxes[n + 1:]:
                    apart = a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5 or a[4] <= b[2] + 0.5 or b[4] <= a[2] + 0.5
                    assert apart, f"{view_id}.{lang}: {a[0]!r} overlaps {b[0]!r}"
