"""The deck's design rules on their own: the template, the book link and QR code, long titles,
bullets spread over slides and speaker notes spread over the slides they speak to."""
from __future__ import annotations

import json

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from curriculum.model import Text
from curriculum.outline import Bullet, chunk_bullets
from slides_builder import layouts, make_template
from slides_builder.notes import spread

from .conftest import run_cli
from .deck_measure import shape_boxes


def _sources_slide(prs):
    return next(s for s in prs.slides if s.slide_layout.name == layouts.SOURCES.name)


def test_the_shipped_template_is_what_the_generator_makes():
    """`make_template` is the source of the committed .pptx: same bytes, every run."""
    assert make_template.build() == make_template.build()
    assert make_template.TARGET.read_bytes() == make_template.build(), \
        "templates/untangle.pptx is stale: run python -m slides_builder.make_template"


def test_template_has_every_layout_by_name_and_the_logo_clear_of_the_number():
    prs = Presentation(str(make_template.TARGET))
    layouts.check_template(prs, make_template.TARGET)
    names = [layout.name for layout in prs.slide_layouts]
    assert names == [layout.name for layout in layouts.ALL]
    logo = next(s for s in prs.slide_master.shapes if s.name == "Logo")
    left, top, width, height = layouts.number_box(prs)
    assert logo.left + logo.width < left or top + height < logo.top, "the logo overlaps the slide number"


def test_a_template_without_a_layout_is_one_clear_error(project):
    prs = Presentation(str(make_template.TARGET))
    activity = prs.slide_layouts.get_by_name(layouts.ACTIVITY.name)
    prs.slide_layouts.remove(activity)
    prs.save(str(project / "ours.pptx"))
    (project / "curriculum.yml").write_text((project / "curriculum.yml").read_text() + "slide_template: ours.pptx\n")
    result = run_cli("build", "slides", root=project)
    assert result.code != 0
    assert "no layout named 'Untangle Activity'" in result.err and "ours.pptx" in result.err
    assert "Traceback" not in result.err


def test_book_url_puts_the_page_address_and_a_qr_code_on_the_sources_slide(project):
    (project / "curriculum.yml").write_text((project / "curriculum.yml").read_text()
                                            + "book_url: https://example.org/untangle/\n")
    assert run_cli("build", "slides", root=project).code == 0
    prs = Presentation(str(project / "build" / "slides" / "00-sample.en.pptx"))
    slide = _sources_slide(prs)
    page = "https://example.org/untangle/en/lessons/00-sample/index.html"
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert page in text and "Full sources in the handout and the book" in text
    codes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(codes) == 1 and page in codes[0]._element.nvPicPr.cNvPr.get("descr")
    number = shape_boxes(slide)["Slide number"]
    code = codes[0]
    assert code.top + code.height <= number[1] or code.left + code.width <= number[0]
    sources = [s for s in prs.slides if s.shapes.title.text.startswith("Sources")]
    assert len(sources) == 1


def test_a_title_too_long_for_two_lines_is_a_warning_with_the_language_limit(project):
    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if source.startswith("## "):
            long = "## How fingerprints taken at the county jail travel to the FBI and then on to ICE"
            cell["source"] = [long + source[source.index("\n"):] if "\n" in source else long]
            break
    path.write_text(json.dumps(nb))
    result = run_cli("check", "--format", "json", root=project)
    issues = json.loads(result.out)
    issues = issues["issues"] if isinstance(issues, dict) else issues
    found = [i for i in issues if i["rule"] == "slides.long-title"]
    assert found and "at most 55" in found[0]["message"], found


def _bullets(*levels: int) -> list[Bullet]:
    return [Bullet((Text(f"bullet {n}"),), level, None) for n, level in enumerate(levels)]


def test_bullets_spread_evenly_and_no_slide_continues_with_one_bullet():
    assert [len(c) for c in chunk_bullets(_bullets(*[0] * 7), 6)] == [4, 3]
    assert [len(c) for c in chunk_bullets(_bullets(*[0] * 13), 6)] == [5, 5, 3]
    # a sub-bullet stays with its parent when the slide is cut
    chunks = chunk_bullets(_bullets(0, 0, 0, 0, 0, 1, 0), 6)
    assert all(len(c) != 1 for c in chunks[1:])
    assert all(c[0].level == 0 for c in chunks)
    # measured fit wins over the count (here three "tall" bullets fill a slide), and the
    # leftover bullet takes a companion from the slide before
    chunks = chunk_bullets(_bullets(*[0] * 7), 6, fits=lambda b: len(b) <= 3)
    assert [len(c) for c in chunks] == [3, 2, 2]
    # when nothing can move (two tall paragraphs per slide), the short slide comes first
    chunks = chunk_bullets(_bullets(*[0] * 5), 6, fits=lambda b: len(b) <= 2)
    assert [len(c) for c in chunks] == [1, 2, 2]


def test_notes_spread_in_order_and_never_repeat():
    units = ["a" * 300, "b" * 50, "c" * 280, "d" * 60, "e" * 200]
    parts = spread(units, 3)
    assert [u for part in parts for u in part] == units
    assert all(parts)
    assert spread(["only"], 3) == [["only"], [], []]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_placeholder_colour_reads_against_what_is_behind_it():
    """WCAG AA (4.5:1) between each layout placeholder's text colour and the shape or
    background under it, so no text is drawn white on white or orange on orange."""
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    prs = Presentation(str(make_template.TARGET))
    for layout in prs.slide_layouts:
        background = layout._element.find(f".//{{http://schemas.openxmlformats.org/presentationml/2006/main}}bg//{A}srgbClr")
        fills = [(s, s._element.find(f"./{{http://schemas.openxmlformats.org/presentationml/2006/main}}spPr/{A}solidFill/{A}srgbClr"))
                 for s in layout.shapes if not s.is_placeholder]
        for placeholder in layout.placeholders:
            colour = placeholder._element.find(f".//{A}lstStyle/{A}lvl1pPr/{A}defRPr/{A}solidFill/{A}srgbClr")
            if colour is None:
                continue
            x = placeholder.left + placeholder.width // 2
            y = placeholder.top + placeholder.height // 2
            under = background.get("val") if background is not None else "FFFFFF"
            for shape, fill in fills:
                if fill is not None and shape.left <= x <= shape.left + shape.width and \
                        shape.top <= y <= shape.top + shape.height:
                    under = fill.get("val")
            light, dark = sorted((_luminance(colour.get("val")), _luminance(under)), reverse=True)
            ratio = (light + 0.05) / (dark + 0.05)
            assert ratio >= 4.5, f"{layout.name}: {placeholder.name} is {colour.get('val')} on {under} ({ratio:.1f}:1)"
