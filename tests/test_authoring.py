"""Issue 13: pictures, settings, placeholders, messages and CLI habits. Each test breaks the
fixture project the way an author would and asserts the exact line a person reads, and that
the last good build is untouched."""
from __future__ import annotations

import json
from dataclasses import fields
import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from curriculum.cli import _parser, clock
from curriculum.config import Config

from .conftest import ROOT, run_cli

NOTEBOOK = Path("modules") / "00-sample" / "en.ipynb"
PICTURE = Path("modules") / "00-sample" / "images" / "flow.png"


def _published(project: Path) -> dict:
    return {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file() and ".cache" not in p.parts}


def _edit(project: Path, change) -> None:
    nb = json.loads((project / NOTEBOOK).read_text(encoding="utf-8"))
    change(nb)
    (project / NOTEBOOK).write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _build_fails_and_keeps_the_last_build(project: Path, line: str) -> None:
    """A good build, then `line` is the last thing the failing build prints, and nothing changed."""
    before = _published(project)
    result = run_cli("build", "slides", "handouts", root=project)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert line in result.err.strip().splitlines()[-1]
    assert _published(project) == before
    assert not list((project / "build").glob(".staging-*"))


@pytest.fixture
def built(project):
    result = run_cli("build", "slides", "handouts", root=project)
    assert result.code == 0, result.err
    return project


# ---------------------------------------------------------------- pictures


def test_truncated_picture_is_a_check_error_and_no_renderer_reads_it(built):
    data = (built / PICTURE).read_bytes()
    (built / PICTURE).write_bytes(data[: len(data) // 2])
    result = run_cli("check", root=built)
    assert result.code == 1
    line = next(l for l in result.out.splitlines() if "images.damaged" in l)
    assert line.startswith("  modules/00-sample/en.ipynb, cell 3, line 5: error [images.damaged] images/flow.png is "
                           "damaged (")
    assert line.endswith('save or export the picture again (the cell that begins "## How the data moves")')
    _build_fails_and_keeps_the_last_build(built, "[images.damaged] cell 3, line 5: images/flow.png is damaged")


def test_picture_path_that_climbs_out_of_the_module_is_refused(built, tmp_path):
    (tmp_path / "secret.png").write_bytes((built / PICTURE).read_bytes())
    _edit(built, lambda nb: nb["cells"][2].update(source=nb["cells"][2]["source"].replace(
        "images/flow.png", "../../../secret.png")))
    result = run_cli("check", "--format", "json", root=built)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "images.outside-module")
    assert issue["message"] == ("../../../secret.png points outside the module folder; copy the picture into "
                                "00-sample/images/ and write images/<name>")
    _build_fails_and_keeps_the_last_build(built, "../../../secret.png points outside the module folder")


def test_symlinked_picture_that_leads_outside_is_refused(built, tmp_path):
    (tmp_path / "host.png").write_bytes((built / PICTURE).read_bytes())
    (built / PICTURE).unlink()
    os.symlink(tmp_path / "host.png", built / PICTURE)
    result = run_cli("check", "--format", "json", root=built)
    assert result.code == 1
    assert "images.outside-module" in {i["rule"] for i in json.loads(result.out)["issues"]}


def test_picture_that_is_not_what_its_name_says(built):
    (built / PICTURE).write_bytes(b"GIF89a" + b"\x00" * 40)
    result = run_cli("check", "--format", "json", root=built)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "images.damaged")
    assert "images/flow.png" in issue["message"] and issue["place"] == "cell 3, line 5"


def test_missing_picture_lists_the_images_folder(project):
    (project / PICTURE.parent / "map.png").write_bytes((project / PICTURE).read_bytes())
    _edit(project, lambda nb: nb["cells"][2].update(source=nb["cells"][2]["source"].replace("flow.png", "flw.png")))
    result = run_cli("check", "--format", "json", root=project)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "images.missing-file")
    assert issue["message"] == "the image images/flw.png does not exist; images/ has: flow.png, map.png"


# ---------------------------------------------------------------- settings


def test_zero_bullets_per_slide_is_one_clear_line(built):
    (built / "curriculum.yml").write_text("title: Test book\nmax_bullets_per_slide: 0\n", encoding="utf-8")
    before = _published(built)
    result = run_cli("build", "slides", root=built)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.strip() == (
        "error: curriculum.yml, line 2: 'max_bullets_per_slide' must be between 1 and 12, not 0 (default 6): "
        "At most this many bullets on one slide; longer sections continue on a new slide.")
    assert _published(built) == before


def test_setting_of_the_wrong_type_and_a_misspelt_one(project):
    (project / "curriculum.yml").write_text("max_bullet_chars: lots\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.err.strip() == ("error: curriculum.yml, line 1: 'max_bullet_chars' must be a whole number, "
                                  "not 'lots' (default 160)")
    (project / "curriculum.yml").write_text("max_bulets_per_slide: 4\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.err.strip().startswith("error: curriculum.yml, line 1: unknown setting 'max_bulets_per_slide'; "
                                         "did you mean 'max_bullets_per_slide'?")


def test_every_setting_says_what_it_changes():
    assert [f.name for f in fields(Config) if not f.metadata.get("help")] == []  # declare new ones with _setting()


def test_settings_table_in_the_docs_is_current():
    result = run_cli("settings", root=ROOT)
    assert result.code == 0
    assert result.out in (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert result.out.count("\n") == 2 + len(fields(Config))  # header, rule, one row per setting


# ---------------------------------------------------------------- messages


def test_tag_typo_suggests_the_tag(project):
    _edit(project, lambda nb: nb["cells"][3]["metadata"].update(tags=["slide-only"]))
    result = run_cli("check", root=project)
    assert ("  modules/00-sample/en.ipynb, cell 4: error [load.tag] unknown tag 'slide-only'; did you mean "
            "'slides-only'? known tags: trainer, slides-only, book-only, handout, activity, discussion "
            "(the cell that begins \"- Prints travel from jail to FBI\")") in result.out.splitlines()


def test_role_typo_suggests_the_role(project):
    _edit(project, lambda nb: nb["cells"][0].update(source="Intro {scr}`report`"))
    issue = json.loads(run_cli("check", "--format", "json", root=project).out)["issues"][0]
    assert (issue["place"], issue["message"]) == ("cell 1, line 1", "unknown role {scr}; did you mean {src}? use one "
                                                  "of {src}, {term}, {review}, {asof}")


def test_unknown_citation_lists_the_sources(project):
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\nAsk. {src}`agncy`"))
    result = run_cli("check", "--format", "json", root=project)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "citations.unknown-source")
    assert issue["message"] == ("{src}`agncy` cites a source that is not in the metadata; did you mean 'agency'? "
                                "sources listed: report, agency")
    assert issue["cell_begins"] == "## What you can do"


def test_json_mistake_is_reported_on_the_line_to_fix(project):
    lines = (project / NOTEBOOK).read_text(encoding="utf-8").splitlines()
    n = next(i for i, l in enumerate(lines) if l.strip().startswith('"title": "Sample lesson'))
    lines[n] = lines[n].rstrip(",")  # a missing comma at the end of that line
    (project / NOTEBOOK).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", root=project)
    issue = json.loads(result.out)["issues"][0]
    assert issue["place"] == f"line {n + 1}"
    assert issue["message"] == ("not valid notebook JSON (Expecting ',' delimiter); fix that line in a text editor, "
                                "or bring back the last saved version (git restore en.ipynb, or JupyterLab's "
                                "File > Revert Notebook to Checkpoint)")
    assert "Jupyter or" not in issue["message"]


def test_long_bullet_in_a_slides_only_cell_is_told_to_shorten(project):
    long = "A bullet that keeps going " * 8
    _edit(project, lambda nb: nb["cells"][3].update(source=f"- {long.strip()}\n- Short"))
    result = run_cli("check", "--format", "json", root=project)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "slides.overflow")
    assert issue["message"].endswith("at most 160); shorten it to a few words (the full sentence can go in the "
                                     "book text)")
    assert "add a 'slides-only' cell" not in issue["message"]


def test_outside_a_project_suggests_cd_or_root(tmp_path):
    done = subprocess.run([sys.executable, "-m", "curriculum.cli", "check"], cwd=tmp_path, capture_output=True,
                          text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"error: {tmp_path} is not an Untangle project (it has no modules/ folder); "
                                   "cd into the project folder or pass --root PATH/TO/PROJECT")


# ---------------------------------------------------------------- placeholders


def test_placeholder_sources_block_only_their_module(built):
    run_cli("new", "01-new-topic", root=built)
    before = _published(built)
    result = run_cli("build", "slides", "--module", "00", root=built)
    assert result.code == 0, result.err
    assert "[placeholder.url] https://example.org/replace-with-the-real-address is an example address; put the " \
           "real address of 'Title of the source'" in result.err
    assert _published(built) == before  # 00-sample's deck did not change
    refused = run_cli("build", "slides", "--module", "01", root=built)
    assert refused.code == 1
    assert "nothing was built" in refused.err.strip().splitlines()[-1]
    assert _published(built) == before


def test_example_addresses_in_sources_are_errors(project):
    _edit(project, lambda nb: nb["metadata"]["untangle"]["sources"][0].update(url="https://www.example.com/r"))
    result = run_cli("check", "--format", "json", root=project)
    issue = next(i for i in json.loads(result.out)["issues"] if i["rule"] == "placeholder.url")
    assert issue["place"] == "metadata 'untangle.sources[1]'"
    assert issue["message"] == "https://www.example.com/r is an example address; put the real address of " \
                               "'A report on data'"


# ---------------------------------------------------------------- CLI habits


def test_version():
    result = run_cli("--version")
    assert result.code == 0 and re.fullmatch(r"curriculum \d+\.\d+\.\d+\n", result.out)


def test_every_option_has_help_and_every_command_an_example():
    parser = _parser()
    commands = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict)).choices
    for name, command in commands.items():
        assert "examples:\n  curriculum " in (command.epilog or ""), name
        for action in command._actions:
            if action.help is not None and action.help != "==SUPPRESS==":
                assert action.help.strip(), (name, action.dest)
            assert action.help, (name, action.dest)


@pytest.mark.parametrize("typed, expected", [("6:30", "06:30"), ("6:30pm", "18:30"), ("18:30", "18:30"),
                                             ("6pm", "18:00"), ("12:15 PM", "12:15"), ("12am", "00:00")])
def test_lenient_clock_times(typed, expected):
    assert clock(typed).strftime("%H:%M") == expected


@pytest.mark.parametrize("typed", ["25:00", "13pm", "6:75", "half past six"])
def test_impossible_clock_times_are_refused(typed):
    with pytest.raises(Exception, match="is not a clock time like 18:30, 6:30pm or 6pm"):
        clock(typed)


def test_plain_build_says_it_replaces_guides_built_with_a_start_time(project):
    timed = run_cli("build", "guides", "--start", "6:30pm", root=project)
    assert timed.code == 0, timed.err
    plain = run_cli("build", "guides", root=project)
    assert plain.code == 0
    assert ("note: the trainer guides were built with --start 18:30; this build replaces them with guides without "
            "clock times. To keep the times, build them with: curriculum build guides --start 18:30") in plain.err
    again = run_cli("build", "guides", "--start", "7pm", root=project)
    assert "note:" not in again.err


# ---------------------------------------------------------------- isolation and staging


def _neighbour_with_a_typo(project: Path) -> None:
    """Lesson 14 by another author: a copy of the sample with a tag typo."""
    folder = project / "modules" / "14-neighbour"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "flow.png").write_bytes((project / PICTURE).read_bytes())
    nb = json.loads((project / NOTEBOOK).read_text(encoding="utf-8"))
    nb["metadata"]["untangle"]["id"] = "14-neighbour"
    nb["cells"][3]["metadata"]["tags"] = ["slide-only"]
    (folder / "en.ipynb").write_text(json.dumps(nb, indent=1), encoding="utf-8")


def test_broken_neighbour_never_blocks_another_modules_deck(built):
    _neighbour_with_a_typo(built)
    before = _published(built)
    result = run_cli("build", "slides", "--module", "00", root=built)
    assert result.code == 0, result.err
    assert "modules/14-neighbour/en.ipynb, cell 4: error [load.tag] unknown tag 'slide-only'" in result.err
    assert _published(built) == before  # the sample's deck is current and kept
    keep = run_cli("build", "slides", "--keep-going", root=built)
    assert keep.code == 1
    assert "slides/14-neighbour.en.pptx: 14-neighbour/en has errors" in keep.err
    assert (built / "build" / "slides" / "00-sample.en.pptx").read_bytes() == before[
        built / "build" / "slides" / "00-sample.en.pptx"]
    assert not (built / "build" / "slides" / "14-neighbour.en.pptx").exists()


def test_staging_folder_left_by_a_killed_build_is_removed(built):
    leftover = built / "build" / ".staging-killed"
    (leftover / "slides").mkdir(parents=True)
    (leftover / "slides" / "half.pptx").write_bytes(b"half")
    old = leftover.stat().st_mtime - 3600
    os.utime(leftover, (old, old))
    (built / NOTEBOOK).write_text((built / NOTEBOOK).read_text(encoding="utf-8").replace(
        "Say it slowly.", "Say it slowly and clearly."), encoding="utf-8")
    result = run_cli("build", "slides", root=built)
    assert result.code == 0, result.err
    assert not leftover.exists() and not list((built / "build").glob(".staging-*"))
