"""Read the text of the real handout PDFs, as an organizer printing them would."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from curriculum.load import load_module
from curriculum.model import plain_text
from curriculum.languages import words

from .conftest import ROOT, TRAINER_MARKER, real_notebooks


def _pages(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def _common(path, module):
    label = words(module.lang)
    pages = _pages(path)
    assert 1 <= len(pages) <= 2, f"{len(pages)} pages"
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
    module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
    text = _common(real_build / "handouts" / f"{module_id}.{lang}.pdf", module)
    for cell in module.cells:
        if cell.is_trainer:
            for block in cell.blocks:
                sample = plain_text(getattr(block, "inlines", ()))[:50]
                if len(sample) >= 40:
                    assert " ".join(sample.split()) not in text


def test_build_warns_when_a_handout_runs_past_two_pages(project):
    import json

    from .conftest import run_cli

    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text())
    rows = "\n".join(f"| {n} | |" for n in range(70))
    nb["cells"][5].update(source=f"| Step | Notes |\n|---|---|\n{rows}")
    nb["cells"][5]["metadata"]["tags"] = ["handout"]
    path.write_text(json.dumps(nb))
    result = run_cli("build", "handouts", root=project)
    assert result.code == 0, result.err
    assert "warning:" in result.err and "the handout has" in result.err and "aim for 2" in result.err
