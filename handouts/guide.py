"""The trainer's lesson plan: one printable PDF per module with the suggested timing (at clock
times when a start is given), the slide numbers beside each cue, the slide bullets, every
trainer note, each activity with its debrief, the sources its superscripts number, and the
dated facts to re-check before the session. It is the trainer view of a lesson; participants
never get it.

Same pipeline as the handout: the real notebook -> `LessonPlanPreprocessor` (which orders the
cells as the lesson runs and puts their HTML from the tree in place) -> the guide template -> PDF.
"""
from __future__ import annotations

from datetime import date, time
from html import escape
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell

from curriculum.checks.currency import fact_date
from curriculum.languages import Words, language, words
from curriculum.model import AsOf, BulletList, ListItem, Module, block_inlines, plain_text, walk_blocks, walk_inlines
from curriculum.rendering import RenderContext
from curriculum.schedule import DeckMap, Slides, deck_map, schedule

from . import pdf
from .cards import print_cards
from .html import inline_html, list_html
from .deck_numbers import read_deck_map
from .profiles import Profile
from .reuse import PrintMemo, write_once
from .render import CitationOrder, LocalHelp, cell_html, export, minutes
from .sources import short_source


def slide_cue(slides: Slides | None, label: Words) -> str:
    """The boxed "Slide 7" / "Slides 5–6" printed beside a cue."""
    if slides is None:
        return ""
    name = label.slide if slides.first == slides.last else label.slides
    return f' <span class="slide-cue">{escape(name)} {slides}</span>'


def stale_facts(module: Module, day: date, max_age: int) -> list[dict[str, str]]:
    """Each dated ({asof}) fact older than `max_age` days on `day`: the sentence it is in, its
    dates and its section (a sentence with several dated facts is listed once), trainer notes
    included."""
    found: dict[tuple[str, str], list[str]] = {}
    for section in module.sections:
        for cell in section.cells:
            for block in walk_blocks(cell.blocks):
                for inlines in block_inlines(block):
                    for item in walk_inlines(inlines):
                        if not isinstance(item, AsOf):
                            continue
                        try:
                            old = (day - fact_date(item.date)).days > max_age
                        except ValueError:
                            old = True  # `check` reports the bad date; re-check it too
                        if old:
                            text = plain_text(inlines)
                            text = text if len(text) <= 220 else text[:217].rstrip() + "\u2026"
                            found.setdefault((section.title or "", text), []).append(item.date)
    return [{"section": where, "text": text, "dates": ", ".join(dict.fromkeys(dates))}
            for (where, text), dates in found.items()]


class LessonPlanPreprocessor(Preprocessor):
    """The notebook's trainer, activity and discussion cells in lesson order, each section
    opened by its timing and slide numbers, and the bullets each slide shows."""

    def __init__(self, module: Module, start: time | None, slides: DeckMap, recheck: list[dict[str, str]],
                 max_age: int, day: date, local: LocalHelp | None = None, **kwargs):
        super().__init__(**kwargs)
        self.module, self.start, self.slides = module, start, slides
        self.recheck, self.max_age, self.day = recheck, max_age, day
        self.local = local or LocalHelp.generic(module.lang)

    def preprocess(self, nb, resources):
        module, label, slides = self.module, words(self.module.lang), self.slides
        slots = schedule(module, label.introduction, self.start)
        cite = CitationOrder()

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
        for position, section in enumerate(module.sections):
            title = section.title or label.introduction
            own = [s for s in slots if s.section == section.title]
            starts = next((s.starts for s in own if s.starts), None)
            clock = f"{language(module.lang).clock_text(starts)} · " if starts else ""
            span = slides.spans.get(position)
            if section.title is None:
                span = Slides(slides.opening.first, span.last if span else slides.opening.last)
            cells.append(made("section", f"<h2>{escape(title)}{slide_cue(span, label)}</h2>"
                                         f"<p><em>{clock}{minutes(sum(s.minutes for s in own), label)}</em></p>"))
            shown = [(n, p) for n, p in slides.plans.get(position, []) if p.bullets]
            alone = len(shown) == 1 and span == Slides(shown[0][0], shown[0][0])  # the heading says it
            if shown:
                html = [f"<p><strong>{escape(label.on_the_slides)}:</strong></p>"]
                for number, plan in shown:
                    items = BulletList(tuple(ListItem(b.inlines, b.level) for b in plan.bullets), False, 0)
                    html.append(f'<div class="on-slide">{"" if alone else slide_cue(Slides(number, number), label)}'
                                + list_html(items, lambda inlines: inline_html(inlines, cite)) + "</div>")
                cells.append(made("slides", "".join(html)))
            for note in section.trainer_cells:
                cells.append(real("trainer", note.index, cell_html(note, cite, module.folder, module.lang)))
            for item in (*section.activities, *section.discussions):
                heading = f"{label.activity}: {item.activity_name}" if item.is_activity else label.discussion
                length = f" ({minutes(item.minutes, label)})" if item.minutes else ""
                cue = slide_cue(slides.cells.get(item.index), label)
                cells.append(real("activity" if item.is_activity else "discussion", item.index,
                                  f"<h3>{escape(heading + length)}{cue}</h3>" + cell_html(item, cite, module.folder, module.lang)
                                  + print_cards(module, item)))
        nb.cells = cells
        nb.metadata["guide"] = {
            "lang": module.lang,
            "title": module.title,
            "audience": module.audience,
            "total": minutes(module.minutes.total, label),
            "objectives": list(module.objectives),
            "schedule": _table(module, slots, slides, label),
            "clock": self.start is not None,
            "plan_label": label.lesson_plan,
            "trainer_only": label.trainer_only,
            "objectives_label": label.objectives,
            "schedule_label": label.schedule,
            "schedule_note": label.schedule_note,
            "time_label": label.time,
            "part_label": label.part,
            "slides_label": label.slides,
            "minutes_label": label.minutes,
            "recheck_label": label.recheck,
            "recheck_intro": label.recheck_intro.format(days=self.max_age, day=self.day.isoformat()),
            "recheck": self.recheck,
            "sources_label": label.sources,
            "sources": [short_source(module.source(i), module.lang) for i in cite.order if module.source(i)],
            "notice": self.local.notice,
            "local_help": list(self.local.lines),
            "local_help_label": label.local_help,
            "last_reviewed": module.last_reviewed.isoformat(),
            "last_reviewed_label": label.last_reviewed,
        }
        return nb, resources


def _table(module: Module, slots, slides: DeckMap, label: Words) -> list[dict]:
    """The timing table: one row per section with its total and slides, then an indented row
    for its teaching time and each activity and discussion; a total row at the end."""
    rows = []
    for position, section in enumerate(module.sections):
        own = [s for s in slots if s.section == section.title]
        if not own:
            continue
        span = slides.spans.get(position)
        if section.title is None:
            span = Slides(slides.opening.first, span.last if span else slides.opening.last)
        rows.append({"kind": "section", "label": section.title or label.introduction, "starts": _clock(own[0], module.lang),
                     "slides": str(span or ""), "minutes": str(sum(s.minutes for s in own))})
        if len(own) == 1 and own[0].kind == "teaching":
            continue  # a section that is only teaching needs no detail row
        for slot in own:
            if slot.kind == "teaching":
                part, where = label.teaching, slides.content(position)
            elif slot.kind == "activity":
                part, where = f"{label.activity}: {slot.label}", slides.cells.get(slot.cell)
            else:
                part, where = label.discussion, slides.cells.get(slot.cell)
            rows.append({"kind": slot.kind, "label": part, "starts": _clock(slot, module.lang) if slot.minutes else "",
                         "slides": str(where or ""), "minutes": str(slot.minutes) if slot.minutes else "\u2014"})
    rows.append({"kind": "total", "label": label.total, "starts": "",
                 "slides": str(Slides(1, slides.closing.last)) if slides.closing else "",
                 "minutes": str(sum(s.minutes for s in slots))})
    return rows


def _clock(slot, lang: str) -> str:
    """The slot's start as the language file writes clock times ("6:30 pm", "6:30 p. m.")."""
    return language(lang).clock_text(slot.starts) if slot.starts else ""


def guide_html(module: Module, context: RenderContext) -> str:
    config = context.config
    day = context.day()
    recheck = stale_facts(module, day, config.max_fact_age_days)
    deck = context.sibling("slides", f"{module.id}.{module.lang}.pptx")
    numbers = (read_deck_map(deck, module, words(module.lang)) if deck is not None
               else deck_map(module, config.max_bullets_per_slide))
    preprocessor = LessonPlanPreprocessor(module, context.start, numbers,
                                          recheck, config.max_fact_age_days, day, LocalHelp.of(context, module.lang))
    return export(module, "guide", [preprocessor], Profile(config.paper))


def render_guide(module: Module, target: Path, context: RenderContext, memo: PrintMemo | None = None) -> int:
    """Write the lesson plan (or, with `memo`, copy the last build's when its page did not change)."""
    html = guide_html(module, context)
    return write_once(memo, html, target, lambda: pdf.write_pdf(html, base=module.folder, target=target,
                                                                title=module.title, when=context.when(module),
                                                                lang=module.lang))
