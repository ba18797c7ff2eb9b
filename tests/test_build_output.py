"""What `curriculum build` prints before it builds: a trainer reads every error in full, but the
warnings (about 180 on the real curriculum, mostly dated facts to re-check) only as a count per
rule and the command that lists them; `--verbose` and `curriculum check` still show each one."""
from __future__ import annotations

import json
import re
from collections import Counter

from .conftest import ROOT, run_cli

#: The most lines `build` may print before its first output line, on the real curriculum.
MOST_LINES = 12


def _before_build(out: str) -> list[str]:
    """The lines printed before the outputs are listed (the check part of the build's output)."""
    lines = out.splitlines()
    return lines[:next(n for n, l in enumerate(lines) if l.startswith("check: ")) + 1]


def test_build_sums_up_warnings_per_rule_and_verbose_prints_each(tmp_path):
    checked = json.loads(run_cli("check", "--format", "json", root=ROOT).out)["issues"]
    warnings = [i for i in checked if i["severity"] == "warning"]
    counts = Counter(i["rule"] for i in warnings)
    assert len(warnings) > MOST_LINES  # otherwise the summary proves nothing

    brief = run_cli("build", "slides", "--module", "00", "--out", str(tmp_path / "a"), root=ROOT)
    assert brief.code == 0, brief.err
    lines = _before_build(brief.err)
    assert len(lines) <= MOST_LINES, lines
    assert "curriculum check" in brief.err and "--verbose" in brief.err
    for rule, count in counts.items():
        assert re.search(rf"^\s+{count} {re.escape(rule)}$", brief.err, re.MULTILINE), rule
    assert f"check: 0 error(s), {len(warnings)} warning(s)" in brief.err
    assert not any(w["message"] in brief.err for w in warnings)

    verbose = run_cli("build", "slides", "--module", "00", "--out", str(tmp_path / "b"), "--verbose", root=ROOT)
    assert verbose.code == 0, verbose.err
    flat = " ".join(verbose.err.split())
    assert all(" ".join(w["message"].split()) in flat for w in warnings)

    # A build with nothing to do replays the same short form (and the full one with --verbose).
    again = run_cli("build", "slides", "--module", "00", "--out", str(tmp_path / "a"), root=ROOT)
    assert "nothing changed" in again.err and _before_build(again.err)[:-1] == lines[:-1]
    again = run_cli("build", "slides", "--module", "00", "--out", str(tmp_path / "a"), "--verbose", root=ROOT)
    assert all(" ".join(w["message"].split()) in " ".join(again.err.split()) for w in warnings)


def test_build_prints_each_error_in_full_on_its_own_line(project):
    path = project / "modules" / "00-sample" / "en.ipynb"
    notebook = json.loads(path.read_text())
    notebook["cells"][3]["metadata"]["tags"] = ["slide-only"]
    path.write_text(json.dumps(notebook))
    result = run_cli("build", "slides", "--keep-going", root=project)
    assert result.code == 1
    assert ("  modules/00-sample/en.ipynb, cell 4: error [load.tag] unknown tag 'slide-only'; did you mean "
            "'slides-only'? known tags: trainer, slides-only, book-only, handout, activity, discussion "
            "(the cell that begins \"- Prints travel from jail to FBI\")") in result.err.splitlines()
