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


def _fake_dot(folder, version: str) -> dict:
    """A PATH where `dot -V` reports `version` and every other call runs the real Graphviz."""
    import os
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "dot"
    script.write_text(f'#!/bin/sh\nif [ "$1" = "-V" ]; then echo "dot - graphviz version {version} (0)" >&2; exit 0; fi\n'
                      f'exec {shutil.which("dot")} "$@"\n')
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_new_graphviz_rebuilds_every_output_that_draws(tmp_path):
    """The drawings come from the `dot` program, not only the Python package: a Graphviz upgrade
    (`dot -V` reports another version) must rebuild the decks, handouts, lesson plans and book."""
    project = copy_project(tmp_path / "p", FIXTURE)
    old, new = _fake_dot(tmp_path / "old", "2.43.0"), _fake_dot(tmp_path / "new", "9.0.0")
    targets = ("slides", "handouts", "large-print", "guides", "book")
    assert run_cli("build", *targets, root=project, env=old).code == 0
    assert "nothing changed" in run_cli("build", *targets, root=project, env=old).err
    upgraded = run_cli("build", *targets, root=project, env=new)
    assert upgraded.code == 0 and f"built {len(targets)} output(s) (" in upgraded.err, upgraded.err
    again = run_cli("build", "slides", "handouts", root=project, env=new)
    assert "nothing changed" in again.err or "built 0 output(s)" in again.err


def test_a_handout_whose_printed_page_did_not_change_is_kept_and_an_edited_one_is_remade(tmp_path):
    """An edit the handout does not print (a book-only table) keeps the published PDF instead of
    laying it out again (seen here by a mark put in the published file, which only a copy
    keeps); a published file that is not the one remembered, or an edit to a printed cell, is
    laid out again."""
    import json

    from pypdf import PdfReader, PdfWriter

    project = copy_project(tmp_path / "p", FIXTURE)
    assert run_cli("build", "handouts", root=project).code == 0
    handout = project / "build" / "handouts" / "00-sample.en.pdf"
    record = project / "build" / ".cache" / "print-memo" / "handouts" / "00-sample.en.pdf.json"

    def mark(remember: bool) -> None:
        writer = PdfWriter(clone_from=handout)
        writer.add_metadata({"/Subject": "marked and remembered" if remember else "marked"})
        writer.write(handout)
        if remember:
            memo = json.loads(record.read_text())
            memo["pdf"] = hashlib.sha256(handout.read_bytes()).hexdigest()
            record.write_text(json.dumps(memo))

    def subject() -> str | None:
        return PdfReader(handout).metadata.get("/Subject")

    notebook = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(notebook.read_text())

    def edit(cell: int, text: str) -> str:
        nb["cells"][cell]["source"] = text
        notebook.write_text(json.dumps(nb))
        return run_cli("build", "handouts", root=project).err

    mark(remember=True)
    assert "built 1 output(s) (" in edit(5, "| Step | Who |\n|---|---|\n| Booking | Jail |\n| Check | ICE, FBI |")
    assert subject() == "marked and remembered"  # copied, not laid out again
    mark(remember=False)  # the published file is not the one the record describes
    edit(5, "| Step | Who |\n|---|---|\n| Booking | Jail |\n| Check | ICE |")
    assert subject() is None
    edit(7, "## What you can do\n\nWrite down the clinic's number today. {src}`agency`")
    text = " ".join(page.extract_text() for page in PdfReader(handout).pages)
    assert "Write down the clinic" in " ".join(text.split())
