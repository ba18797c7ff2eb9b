"""Shared fixtures: the small fixture project, the real curriculum, and builds of both.

Builds run the real `curriculum` command in a subprocess, as a user would, into temporary
folders; the tests then open what it wrote.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "project"
BROKEN = ROOT / "tests" / "broken"
TRAINER_MARKER = "Facilitator secret: pause here and breathe"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, root: Path | None = None, env: dict | None = None) -> Result:
    """Run `curriculum ARGS` in a fresh process and capture what a user would see."""
    command = [sys.executable, "-m", "curriculum.cli"]
    if root is not None:
        command += ["--root", str(root)]
    merged = {**os.environ, "COLUMNS": "200", **(env or {})}
    done = subprocess.run(command + list(args), capture_output=True, text=True, env=merged, timeout=900)
    return Result(done.returncode, done.stdout, done.stderr)


def copy_project(target: Path, source: Path = FIXTURE) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build", ".venv", ".git", ".untangle-cache"))
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project, free to break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Path:
    """The fixture project, built once: returns its build folder."""
    root = copy_project(tmp_path_factory.mktemp("fixture") / "project")
    result = run_cli("build", "all", root=root)
    assert result.code == 0, result.err
    return root / "build"


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Path:
    """The real curriculum in modules/, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("real") / "build"
    result = run_cli("build", "all", "--out", str(out), root=ROOT)
    assert result.code == 0, result.err + result.out
    return out


def real_notebooks() -> list[tuple[str, str]]:
    """(module id, language) of every notebook in modules/."""
    return sorted((nb.parent.name, nb.stem) for nb in (ROOT / "modules").glob("[0-9][0-9]-*/*.ipynb"))
