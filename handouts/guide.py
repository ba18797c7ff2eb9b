"""The trainer's lesson plan: one printable PDF per module with the suggested timing (at clock
times when a start is given), the slide bullets, every trainer note, and each activity with
its debrief. It is the trainer view of a lesson; participants never get it.

Same pipeline as the handout: the real notebook -> `LessonPlanPreprocessor` (which orders the
cells as the lesson runs and puts their HTML from the tree in place) -> the guide template -> PDF.
"""
from __future__ import annotations

from datetime import time
from html import escape
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell

from curriculum.languages import words
from curriculum.model import BulletList, ListItem, Module
from curriculum.outline import bullets_of
from curriculum.schedule import schedule

from . import pdf
from .html import inline_html, list_html
from .render import LocalHelp, cell_html, export


class LessonPlanPreprocessor(Preprocessor):
    """The notebook's trainer, activity and discussion cells in lesson order, each section
    opened by its timing and the bullets its slides show."""

    def __init__(self, module: Module, start: time | None, local: LocalHelp | None = None, **kwargs):
        super().__init__(**kwargs)
        self.module, self.start = module, start
        self.local = local or LocalHelp.generic(module.lang)

    def preprocess(self, nb, resources):
        module, label = self.module, words(self.module.lang)
        slots = schedule(module, label.introduction, self.start)
        numbers = module.source_numbers

        def cite(ids: tuple[str, ...]) -> str:
            return "<sup>" + ",".join(str(numbers.get(i, "?")) for i in ids) + "</sup>"

        def made(kind: str, html: str):
            cell = new_markdown_cell(html)
            cell.metadata["kind"] = kind
            return cell

        def real(kind: str, index: int, html: str):
            cell = nb.cells[index]
            cell.cell_type, cell.source = "markdown", html
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            cell.metadata["kind"] = kind
            return cell

        cells = []
        for section in module.sections:
            title = section.title or label.introduction
            minutes = sum(s.minutes for s in slots if s.section == section.title)
            starts = next((s.starts for s in slots if s.section == section.title and s.starts), None)
            clock = f"{starts:%H:%M} · " if starts else ""
            cells.append(made("section", f"<h2>{escape(title)}</h2><p><em>{clock}{minutes} {escape(label.minutes)}</em></p>"))
            bullets = [b for c in section.slide_cells for b in bullets_of((c,))]
            if bullets and (section.title or any(c.tags for c in section.slide_cells)):
                items = BulletList(tuple(ListItem(b.inlines, b.level) for b in bullets), False, 0)
                cells.append(made("slides", f"<p><strong>{escape(label.on_the_slides)}:</strong></p>"
                                            + list_html(items, lambda inlines: inline_html(inlines, cite))))
            for note in section.trainer_cells:
                cells.append(real("trainer", note.index, cell_html(note, cite, module.folder)))
            for item in (*section.activities, *section.discussions):
                heading = (f"{label.activity}: {item.activity_name}" if item.is_activity else label.discussion)
                length = f" ({item.minutes} {label.minutes})" if item.minutes else ""
                cells.append(real("activity" if item.is_activity else "discussion", item.index,
                                  f"<h3>{escape(heading + length)}</h3>" + cell_html(item, cite, module.folder)))
        nb.cells = cells
        nb.metadata["guide"] = {
            "lang": module.lang,
            "title": module.title,
            "audience": module.audience,
            "total": module.minutes.total,
            "objectives": list(module.objectives),
            "schedule": [{"label": s.label, "minutes": s.minutes, "kind": s.kind,
                          "starts": f"{s.starts:%H:%M}" if s.starts else ""} for s in slots],
            "clock": self.start is not None,
            "plan_label": label.lesson_plan,
            "trainer_only": label.trainer_only,
            "objectives_label": label.objectives,
            "schedule_label": label.schedule,
            "schedule_note": label.schedule_note,
            "time_label": label.time,
            "part_label": label.part,
            "minutes_label": label.minutes,
            "notice": self.local.notice,
            "local_help": list(self.local.lines),
            "local_help_label": label.local_help,
            "last_reviewed": module.last_reviewed.isoformat(),
            "last_reviewed_label": label.last_reviewed,
        }
        return nb, resources


def render_guide(module: Module, target: Path, when, start: time | None = None, local: LocalHelp | None = None) -> int:
    html = export(module, "guide", [LessonPlanPreprocessor(module, start, local)])
    return pdf.write_pdf(html, base=module.folder, target=target, title=module.title, when=when, lang=module.lang)
