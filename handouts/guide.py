"""The trainer's lesson plan: one printable PDF per module with the suggested timing (at clock
times when a start is given), the slide bullets, every trainer note, and each activity with
its debrief. It is the trainer view of a lesson; participants never get it."""
from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from nbformat.v4 import new_markdown_cell, new_notebook

from curriculum.model import Module
from curriculum.outline import bullets_of
from curriculum.schedule import schedule
from curriculum.words import words

from . import markdown
from .render import cell_markdown, print_notebook


def guide_notebook(module: Module, start: time | None):
    label = words(module.lang)
    slots = schedule(module, label.introduction, start)
    numbers = module.source_numbers

    def cite(ids: tuple[str, ...]) -> str:
        return "<sup>" + ",".join(str(numbers.get(i, "?")) for i in ids) + "</sup>"

    def cell(kind: str, text: str):
        made = new_markdown_cell(text)
        made.metadata["kind"] = kind
        return made

    cells = []
    for section in module.sections:
        title = section.title or label.introduction
        minutes = sum(s.minutes for s in slots if s.section == section.title)
        starts = next((s.starts for s in slots if s.section == section.title and s.starts), None)
        clock = f"{starts:%H:%M} · " if starts else ""
        cells.append(cell("section", f"## {markdown.escape(title)}\n\n*{clock}{minutes} {label.minutes}*"))
        bullets = [b for c in section.slide_cells for b in bullets_of((c,))]
        if bullets and (section.title or any(c.tags for c in section.slide_cells)):
            items = "\n".join("    " * b.level + "- " + markdown.inline_markdown(b.inlines, cite) for b in bullets)
            cells.append(cell("slides", f"**{label.on_the_slides}:**\n\n{items}"))
        for note in section.trainer_cells:
            cells.append(cell("trainer", cell_markdown(note, cite, module.folder)))
        for item in (*section.activities, *section.discussions):
            heading = (f"### {label.activity}: {markdown.escape(item.activity_name)}" if item.is_activity
                       else f"### {label.discussion}")
            length = f" ({item.minutes} {label.minutes})" if item.minutes else ""
            cells.append(cell("activity" if item.is_activity else "discussion",
                              heading + length + "\n\n" + cell_markdown(item, cite, module.folder)))
    nb = new_notebook(cells=cells)
    nb.metadata["guide"] = {
        "lang": module.lang,
        "title": module.title,
        "audience": module.audience,
        "total": module.minutes.total,
        "objectives": list(module.objectives),
        "schedule": [{"label": s.label, "minutes": s.minutes, "kind": s.kind,
                      "starts": f"{s.starts:%H:%M}" if s.starts else ""} for s in slots],
        "clock": start is not None,
        "plan_label": label.lesson_plan,
        "trainer_only": label.trainer_only,
        "objectives_label": label.objectives,
        "schedule_label": label.schedule,
        "schedule_note": label.schedule_note,
        "time_label": label.time,
        "part_label": label.part,
        "minutes_label": label.minutes,
        "notice": label.legal_notice,
        "last_reviewed": module.last_reviewed.isoformat(),
        "last_reviewed_label": label.last_reviewed,
    }
    return nb


def render_guide(module: Module, target: Path, when: datetime, start: time | None = None) -> None:
    print_notebook(guide_notebook(module, start), "guide", module, target, when)
