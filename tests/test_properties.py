"""Property-based tests: whatever mangled notebook or metadata the loader is given, it either
loads it or raises the project's own LoadError, never anything else."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.errors import LoadError
from curriculum.load import load_module
from curriculum.markup import parse

from .conftest import FIXTURE

SAMPLE = json.loads((FIXTURE / "modules" / "00-sample" / "en.ipynb").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

PATHS = [
    ("metadata", "untangle"), ("metadata", "untangle", "id"), ("metadata", "untangle", "minutes"),
    ("metadata", "untangle", "minutes", "teaching"), ("metadata", "untangle", "sources"),
    ("metadata", "untangle", "sources", 0), ("metadata", "untangle", "sources", 0, "date"),
    ("metadata", "untangle", "last_reviewed"), ("metadata", "untangle", "objectives"),
    ("cells",), ("cells", 0), ("cells", 2, "source"), ("cells", 3, "metadata"),
    ("cells", 3, "metadata", "tags"), ("cells", 6, "outputs"), ("cells", 8, "metadata", "untangle"),
    ("cells", 6, "outputs", 0), ("cells", 6, "outputs", 0, "data", "image/png"),
    ("cells", 6, "metadata", "untangle", "alt"), ("nbformat",), ("metadata",),
]


def _load_text(tmp: Path, text: str):
    path = tmp / "00-sample" / "en.ipynb"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        return load_module(path)
    except LoadError as exc:
        assert exc.path == path and str(exc).startswith(str(path))
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), value=json_values)
def test_any_value_anywhere_loads_or_raises_load_error(tmp_path, where, value):
    nb = copy.deepcopy(SAMPLE)
    target = nb
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    _load_text(tmp_path, json.dumps(nb))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(json.dumps(SAMPLE))), junk=st.text(max_size=5))
def test_truncated_or_garbled_json_raises_load_error(tmp_path, cut, junk):
    text = json.dumps(SAMPLE)
    _load_text(tmp_path, text[:cut] + junk)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #*_`{}[]()!:|-\n>1.src term review <>")), max_size=120))
def test_markdown_parser_never_crashes(text):
    try:
        parse(text)
    except ValueError:  # MarkupError, which the loader turns into a LoadError
        pass
