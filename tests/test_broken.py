"""Every broken notebook in tests/broken gives one located message and a failing exit status,
and a failed build leaves the last good build untouched."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import BROKEN, run_cli

CASES = yaml.safe_load((BROKEN / "cases.yml").read_text(encoding="utf-8"))
NOTEBOOK = Path("modules") / "00-sample" / "en.ipynb"


def test_every_notebook_in_the_corpus_has_an_expectation():
    assert sorted(p.stem for p in BROKEN.glob("*.ipynb")) == sorted(CASES)


def _break(project: Path, case: str) -> None:
    shutil.copyfile(BROKEN / f"{case}.ipynb", project / NOTEBOOK)


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_the_rule_and_place(project, case):
    _break(project, case)
    result = run_cli("check", "--format", "json", root=project)
    assert result.code == 1, result.out
    expected = CASES[case]
    errors = [i for i in json.loads(result.out)["issues"] if i["severity"] == "error"]
    matches = [i for i in errors if i["rule"] == expected["rule"] and i["place"] == expected["place"]]
    assert matches, f"{case}: got {errors}"
    assert expected["message"] in matches[0]["message"]
    assert matches[0]["file"] == str(NOTEBOOK)
    assert "Traceback" not in result.err


@pytest.mark.parametrize("case", ["corrupt-json", "unknown-tag", "missing-image", "bad-date"])
def test_build_fails_with_one_line_and_keeps_the_last_good_build(project, case):
    good = run_cli("build", "all", root=project)
    assert good.code == 0, good.err
    before = {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file() and ".cache" not in p.parts}
    _break(project, case)
    result = run_cli("build", "all", root=project)
    assert result.code == 1
    assert "Traceback" not in result.err
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("error: ") and str(NOTEBOOK) in last
    after = {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert after == before
    assert not list((project / "build").glob(".staging-*"))


def test_human_output_is_grouped_with_a_summary_line(project):
    _break(project, "unknown-source")
    result = run_cli("check", root=project)
    lines = result.out.strip().splitlines()
    assert lines[0] == "00-sample"
    assert any("error [citations.unknown-source]" in line and "cell 8, line 3" in line for line in lines)
    assert lines[-1].startswith("check FAILED: 1 module file(s), 1 error(s)")


def test_debug_shows_the_traceback(project):
    _break(project, "corrupt-json")
    result = run_cli("--debug", "build", root=project)
    assert result.code != 0 and "Traceback" in result.err
