"""Read the real handout PDFs, as an organizer printing them and a participant reading them would."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from curriculum.load import load_module
from curriculum.model import plain_text
from curriculum.languages import words

from .conftest import ROOT, TRAINER_MARKER, copy_project, real_notebooks, run_cli
from .pdfs import lines, pages as _pages, pdfinfo, size_of, sized_text

#: English notes about a source's copy that must never reach a Spanish page.
BOILERPLATE = ("copy at", "copy on", "copy in", "undated", "archived", "title taken", "page address",
               "press release", "access year", "text on", "opinion on", "updated")


def _common(path, module, max_pages: int | None = 2):
    label = words(module.lang)
    pages = _pages(path)
    assert 1 <= len(pages) <= (max_pages or 99), f"{path.name}: {len(pages)} pages"
    text = " ".join(pages)
    assert " ".join(module.title.split()) in text
    assert label.key_points in text and label.sources in text
    for point in module.key_points:
        assert " ".join(point.split())[:50] in text
    assert " ".join(label.legal_notice.split())[:80] in text
    for page in pages:  # the short notice and the review date are in every page's footer
        assert label.legal_notice_short[:35] in page
        assert module.last_reviewed.isoformat() in page
    return text


def _sizes_ok(path, module, body: float, smallest: float):
    """What participants read is at least `body` pt; nothing is under `smallest` pt."""
    runs = sized_text(path)
    tiny = [(t, s) for t, s in runs if s < smallest]
    assert not tiny, f"{path.name}: text under {smallest} pt: {tiny[:3]}"
    for point in module.key_points:
        assert size_of(runs, point) >= body, f"{path.name}: key point under {body} pt"
    assert size_of(runs, words(module.lang).legal_notice) >= body


def test_fixture_handout(fixture_build):
    module = load_module(ROOT / "tests/fixtures/project/modules/00-sample/en.ipynb")
    text = _common(fixture_build / "handouts" / "00-sample.en.pdf", module)
    assert TRAINER_MARKER not in text
    assert "Ask a local legal group for help" in text
    assert "Federal Bureau of Investigation" in text  # the glossary of terms used
    assert "Example Center" in text and "https://reports.test/report" in text
    assert "Draw the jail" not in text  # the activity is not tagged for the handout


def test_letter_size(fixture_build):
    page = PdfReader(str(fixture_build / "handouts" / "00-sample.en.pdf")).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_real_handout(real_build, module_id, lang):
    """Letter, at most two pages, 11 pt text (sources and footers ≥ 8 pt), tagged, and the
    last page of a two-page handout ends with the local-help box rather than half empty."""
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    path = real_build / "handouts" / f"{module_id}.{lang}.pdf"
    text = _common(path, module)
    for cell in module.cells:
        if cell.is_trainer:
            for block in cell.blocks:
                sample = plain_text(getattr(block, "inlines", ()))[:50]
                if len(sample) >= 40:
                    assert " ".join(sample.split()) not in text
    _sizes_ok(path, module, body=11, smallest=8)
    info = pdfinfo(path)
    assert info["Tagged"] == "yes" and info["Page size"].startswith("612 x 792")
    pages = _pages(path)
    if len(pages) == 2:
        assert words(lang).my_local_help in pages[1]
    # A citation is attached to its sentence: no line of bare citation numbers.
    assert not [line for line in lines(path) if re.fullmatch(r"[\d,\s]+", line)]


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_large_print(real_build, module_id, lang):
    """The large-print handout: 16 pt text, nothing under 12 pt; it may run longer."""
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    path = real_build / "large-print" / f"{module_id}.{lang}.pdf"
    _common(path, module, max_pages=None)
    _sizes_ok(path, module, body=16, smallest=12)
    assert pdfinfo(path)["Tagged"] == "yes"
    assert len(_pages(path)) >= len(_pages(real_build / "handouts" / f"{module_id}.{lang}.pdf"))


@pytest.mark.parametrize("module_id", sorted({m for m, lang in real_notebooks() if lang == "es"}))
def test_spanish_handout_has_no_english_boilerplate(real_build, module_id):
    module = load_module(ROOT / "modules" / module_id / "es.ipynb")
    text = " ".join(_pages(real_build / "handouts" / f"{module_id}.es.pdf"))
    sources = text[text.index(words("es").sources):]
    found = [phrase for phrase in BOILERPLATE if phrase in sources.casefold()]
    assert not found, f"English notes in the Spanish sources: {found}"
    assert words("es").my_local_help in text or len(_pages(real_build / "handouts" / f"{module_id}.es.pdf")) == 1
    assert module.title.split()[0] in text


def test_the_lesson_picture_is_printed_beside_its_steps(fixture_build, real_build):
    """The sample lesson's picture is on its handout's first page; a lesson without a picture
    prints none."""
    page = PdfReader(str(fixture_build / "handouts" / "00-sample.en.pdf")).pages[0]
    assert len(page.images) >= 1
    assert not any(len(p.images) for p in PdfReader(str(real_build / "handouts" / "07-municipal-ids.en.pdf")).pages)


def test_a4_profile_keeps_every_handout_to_two_pages(tmp_path):
    root = copy_project(tmp_path / "a4", ROOT)
    (root / "curriculum.yml").write_text((root / "curriculum.yml").read_text() + "\npaper: a4\n")
    result = run_cli("build", "handouts", root=root)
    assert result.code == 0, result.err
    for module_id, lang in real_notebooks():
        path = root / "build" / "handouts" / f"{module_id}.{lang}.pdf"
        assert pdfinfo(path)["Page size"].startswith("595.")  # A4: 595.28 x 841.89 pt
        assert 1 <= len(_pages(path)) <= 2, path.name


def test_unknown_paper_is_a_clear_error(project):
    (project / "curriculum.yml").write_text((project / "curriculum.yml").read_text() + "\npaper: legal\n")
    result = run_cli("build", "handouts", root=project)
    assert result.code != 0 and "'paper' must be one of letter, a4" in result.err
    assert "Traceback" not in result.err


def test_build_warns_when_a_handout_runs_past_two_pages(project):
    import json

    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    rows = "\n".join(f"| {n} | |" for n in range(70))
    nb["cells"][5].update(source=f"| Step | Notes |\n|---|---|\n{rows}")
    nb["cells"][5]["metadata"]["tags"] = ["handout"]
    path.write_text(json.dumps(nb))
    result = run_cli("build", "handouts", root=project)
    assert result.code == 0, result.err
    assert "warning:" in result.err and "the handout has" in result.err and "aim for 2" in result.err


def test_source_notes_are_printed_in_the_handout_language():
    from curriculum.source_notes import local_field

    assert local_field("U.S. Department of Homeland Security (copy at scribd.com)", "es") == \
        "U.S. Department of Homeland Security (copia en scribd.com)"
    assert local_field("List of Pro Bono Legal Service Providers (undated page; date is the access year)", "es") == \
        "List of Pro Bono Legal Service Providers (página sin fecha; la fecha es el año de consulta)"
    assert local_field("Find Legal Services (undated page; its text matches a December 2020 archived copy)", "es") == \
        "Find Legal Services (página sin fecha)"  # a note no phrase matches is dropped
    assert local_field("National Immigration Law Center (The Torch)", "es") == "National Immigration Law Center (The Torch)"
    assert local_field("NPR (copy at KTEP, an NPR member station)", "en") == "NPR (copy at KTEP, an NPR member station)"
