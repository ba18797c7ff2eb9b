"""Imports flow one way: renderers read the core model, never each other; the core never
imports a renderer (except `app`, which ties them together) and nothing imports the CLI."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

RENDERERS = ("book", "slides_builder", "handouts")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", RENDERERS)
def test_a_renderer_never_imports_another(package):
    for path in (ROOT / package).rglob("*.py"):
        others = _imports(path) & (set(RENDERERS) - {package})
        assert not others, f"{path.relative_to(ROOT)} imports {others}"


def test_the_core_imports_no_renderer_except_app():
    for path in (ROOT / "curriculum").rglob("*.py"):
        if path.name == "app.py":
            continue
        assert not _imports(path) & set(RENDERERS), path.relative_to(ROOT)


def test_nothing_imports_the_cli():
    for package in ("curriculum", *RENDERERS):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "cli.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    assert not (node.module or "").endswith("cli"), path.relative_to(ROOT)
