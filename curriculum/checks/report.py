"""Format check results: one line per issue, grouped by module, then a summary line; or JSON."""
from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from pathlib import Path

from ..errors import cell_hint
from ..model import Curriculum
from . import Issue, Severity
from .language import readability


def summary(issues: list[Issue], modules: int) -> str:
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    warnings = len(issues) - errors
    verdict = "FAILED" if errors else "passed"
    return f"check {verdict}: {modules} module file(s), {errors} error(s), {warnings} warning(s)"


def human_lines(issues: list[Issue], root: Path) -> list[tuple[str, str]]:
    """(style, text) pairs: a heading per module, then `file, place: severity [rule] message`."""
    lines: list[tuple[str, str]] = []
    ordered = sorted(issues, key=lambda i: (i.module or "~", str(i.path), i.severity.value))
    for module, group in groupby(ordered, key=lambda i: i.module or "glossary"):
        lines.append(("bold", f"{module}"))
        for issue in group:
            data = issue.as_dict(root)
            style = "red" if issue.severity is Severity.ERROR else "yellow"
            lines.append((style, f"  {data['file']}, {data['place']}: {data['severity']} [{data['rule']}] "
                                 f"{data['message']}{cell_hint(issue.label)}"))
    return lines


def brief_lines(issues: list[Issue], root: Path) -> list[tuple[str, str]]:
    """What `build` prints before building: every error in full (as `human_lines`), but the
    warnings only as a count per rule, with the commands that show each one."""
    errors = [i for i in issues if i.severity is Severity.ERROR]
    counts = Counter(i.rule for i in issues if i.severity is not Severity.ERROR)
    lines = human_lines(errors, root)
    if counts:
        lines.append(("yellow", "warnings by rule (`curriculum check` lists each one; "
                                "`curriculum build --verbose` prints them here):"))
        lines += [("yellow", f"  {count:>4} {rule}") for rule, count in counts.most_common()]
    return lines


def module_table(curriculum: Curriculum) -> list[dict]:
    """One row per module: the figures an author watches (length, reading level, sources)."""
    rows = []
    for module in curriculum.modules:
        score = readability(module)
        rows.append({
            "module": module.id,
            "lang": module.lang,
            "minutes": module.minutes.total,
            "readability": {"formula": score[0], "score": score[1]} if score else None,
            "sources": len(module.sources),
            "last_reviewed": module.last_reviewed.isoformat(),
        })
    return rows


_SHORT = {"flesch-kincaid-grade": "gr", "szigriszt-pazos": "SP"}


def table_lines(rows: list[dict]) -> list[str]:
    lines = [f"{'module':<34} {'lang':<4} {'min':>4} {'reading':>9} {'sources':>7}  last reviewed"]
    for row in rows:
        score = row["readability"]
        # U.S. school grade (lower is easier) for English; Szigriszt-Pazos (higher is easier) for Spanish.
        reading = f"{score['score']:.1f} {_SHORT.get(score['formula'], '')}" if score else "-"
        lines.append(f"{row['module']:<34} {row['lang']:<4} {row['minutes']:>4} {reading:>9} "
                     f"{row['sources']:>7}  {row['last_reviewed']}")
    return lines


def as_json(issues: list[Issue], root: Path, modules: int, rows: list[dict]) -> str:
    return json.dumps(
        {"summary": summary(issues, modules), "issues": [i.as_dict(root) for i in issues], "modules": rows},
        indent=2,
        ensure_ascii=False,
    )
