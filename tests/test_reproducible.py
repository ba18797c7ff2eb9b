"""Building twice from the same sources gives byte-identical decks and handouts."""
from __future__ import annotations

import hashlib

from .conftest import copy_project, FIXTURE, run_cli


def _digests(build):
    return {p.relative_to(build): hashlib.sha256(p.read_bytes()).hexdigest()
            for kind in ("slides", "handouts") for p in sorted((build / kind).iterdir())}


def test_two_builds_are_byte_identical(tmp_path):
    first = copy_project(tmp_path / "one", FIXTURE)
    second = copy_project(tmp_path / "two", FIXTURE)
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    assert run_cli("build", "slides", root=first, env=env).code == 0
    assert run_cli("build", "handouts", root=first, env=env).code == 0
    assert run_cli("build", "slides", root=second, env=env).code == 0
    assert run_cli("build", "handouts", root=second, env=env).code == 0
    one, two = _digests(first / "build"), _digests(second / "build")
    assert len(one) == 2 and one == two


def test_source_date_epoch_changes_the_stamp(tmp_path):
    project = copy_project(tmp_path / "p", FIXTURE)
    assert run_cli("build", "slides", root=project, env={"SOURCE_DATE_EPOCH": "1767225600"}).code == 0
    early = (project / "build" / "slides" / "00-sample.en.pptx").read_bytes()
    assert run_cli("build", "slides", root=project, env={"SOURCE_DATE_EPOCH": "1798761600"}).code == 0
    late = (project / "build" / "slides" / "00-sample.en.pptx").read_bytes()
    assert early != late


def test_rebuild_reuses_unchanged_outputs_and_redoes_edited_ones(tmp_path):
    import json

    project = copy_project(tmp_path / "p", FIXTURE)
    assert run_cli("build", "slides", root=project).code == 0
    deck = project / "build" / "slides" / "00-sample.en.pptx"
    first = deck.read_bytes()
    again = run_cli("build", "slides", root=project)
    assert "nothing changed" in again.err and deck.read_bytes() == first
    settings = project / "curriculum.yml"
    settings.write_text(settings.read_text() + "max_handout_words: 480\n")  # not a deck setting
    unrelated = run_cli("build", "slides", root=project)
    assert "built 0 output(s), 1 unchanged" in unrelated.err and deck.read_bytes() == first
    notebook = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(notebook.read_text())
    nb["metadata"]["untangle"]["title"] = "A new title"
    notebook.write_text(json.dumps(nb))
    edited = run_cli("build", "slides", root=project)
    assert "built 1 output(s) (" in edited.err and deck.read_bytes() != first
    glossary = project / "modules" / "glossary.en.yml"
    glossary.write_text(glossary.read_text().replace("main federal police", "national police"))
    assert "built 1 output(s) (" in run_cli("build", "slides", root=project).err
