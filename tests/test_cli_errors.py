"""Bad input outside the notebooks: config, glossary, module ids, output folders."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from .conftest import run_cli


def test_bad_yaml_config_names_the_line(project):
    (project / "curriculum.yml").write_text("title: Test\nmax_bullets_per_slide: [8\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.code == 1
    assert result.err.strip().startswith("error: curriculum.yml, line 3: bad YAML")


def test_unknown_setting_is_named(project):
    (project / "curriculum.yml").write_text("titel: Test\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.code == 1 and "unknown setting 'titel'" in result.err


def test_yaml_off_stays_text_when_quoted_and_is_rejected_when_bare(project):
    (project / "curriculum.yml").write_text("title: off\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.code == 1 and "'title' must be str, not False" in result.err


def test_duplicate_glossary_term_is_reported_with_its_line(project):
    glossary = project / "modules" / "glossary.en.yml"
    glossary.write_text(glossary.read_text() + "ICE:\n  definition: again\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.code == 1
    assert "glossary.en.yml, line 7: bad YAML: 'ICE' is defined twice" in result.err


def test_unknown_module_lists_the_known_ones(project):
    result = run_cli("build", "slides", "--module", "99-nothing", root=project)
    assert result.code == 1
    assert "unknown module '99-nothing' (known: 00-sample)" in result.err
    assert not (project / "build" / "slides").exists()


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write to: chmod for a normal user; a read-only mount for root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot make a read-only folder as root here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_unwritable_output_folder(project, read_only_folder):
    result = run_cli("build", "slides", "--out", str(read_only_folder / "out"), root=project)
    assert result.code == 1 and "cannot write to the output folder" in result.err
    assert "Traceback" not in result.err


def test_output_path_that_is_a_file(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("build", "slides", "--out", str(blocker), root=project)
    assert result.code == 1 and "cannot write to the output folder" in result.err
    assert "Traceback" not in result.err


def test_new_module_is_refused_by_check_until_its_example_text_is_replaced(project):
    created = run_cli("new", "01-new-topic", root=project)
    assert created.code == 0, created.err
    result = run_cli("check", "--module", "01-new-topic", "--format", "json", root=project)
    assert result.code == 1
    rules = {i["rule"] for i in json.loads(result.out)["issues"] if i["severity"] == "error"}
    assert rules == {"placeholder.text", "placeholder.source-id", "placeholder.url"}
    again = run_cli("new", "01-new-topic", root=project)
    assert again.code == 1
    assert again.err.strip() == ("error: modules/01-new-topic/en.ipynb: this module already has a 'en' lesson; "
                                 "edit it, or pick another id (curriculum new 15-other-topic)")


def test_new_module_rejects_a_bad_id(project):
    result = run_cli("new", "My Topic", root=project)
    assert result.code == 1 and "is not a module id" in result.err


def test_unknown_language_lists_the_languages(project):
    result = run_cli("build", "all", "--lang", "spanish", root=project)
    assert result.code == 1
    assert result.err.strip() == "error: unknown language 'spanish'; use a two-letter code: en (English), es (Español)"


def test_language_missing_from_a_module_names_the_module_and_the_fix(project):
    result = run_cli("build", "slides", "--module", "00", "--lang", "es", root=project)
    assert result.code == 1
    assert result.err.strip() == ("error: modules: no 'es' notebook (es.ipynb or es.md) in 00-sample; start one "
                                  "with: curriculum translate 00-sample --lang es")
    assert not (project / "build").exists()
