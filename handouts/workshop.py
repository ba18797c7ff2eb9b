"""The printed parts of a workshop: the one-page agenda, the participant packet and the
facilitator's run of show (issue 9).

The packet is the modules' own handouts (from `render.handout_html`, without their glossaries)
between a cover (workshop, date, place, local help) and the glossary once, an evaluation form
and a sign-in sheet that asks only for a name and a way to stay in touch, all optional. With
two languages (`languages: [es, en]`) each handout is printed in both, back to back, every part
starting on a new sheet. The run of show is the evening at continuous clock times with each
section's slides and what to say, do and ask, the printing counts and a pre-session checklist.
"""
from __future__ import annotations

from datetime import date, timedelta
from html import escape
from math import ceil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from curriculum.checks.currency import dated_facts, fact_date
from curriculum.languages import words
from curriculum.model import Module
from curriculum.outline import plan_section
from curriculum.rendering import WORKSHOP, RenderContext
from curriculum.workshop import Item, Workshop, clock_text, overrun, timetable

from . import pdf
from .cards import print_line
from .render import TEMPLATES, LocalHelp, _glossary, cell_html, handout_html
from .renderer import PDF_LIBRARIES

#: Dated facts older than this are listed on the run of show's checklist.
FACT_DAYS = 90
#: Rows of the sign-in sheet on one page.
SIGN_IN_ROWS = 18
LOCAL = ("organization", "local_help", "hotlines")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES / "workshop")), undefined=StrictUndefined,
                      autoescape=select_autoescape(["j2"]))
    env.filters["clock"] = clock_text
    return env


def _css() -> str:
    return "\n".join((TEMPLATES / name).read_text(encoding="utf-8")
                     for name in ("handout/handout.css", "workshop/workshop.css"))


class _Evening:
    """What every workshop page reads: the workshop, its modules and its timetable, in `lang`."""

    def __init__(self, context: RenderContext, lang: str | None = None):
        self.context, self.workshop = context, context.workshop
        self.lang = lang or self.workshop.lang
        self.label = words(self.lang)
        self.modules = {m.id: m for m in context.curriculum.in_language(self.lang)}
        self.items: tuple[Item, ...] = timetable(self.workshop, self.modules, self.label.introduction,
                                                 self.label.break_label)
        self.local = LocalHelp.of(context, self.lang)
        self.overrun = overrun(self.workshop, self.items)

    def page(self, template: str, **values) -> str:
        w = self.workshop
        organization = self.context.local().organization
        return _environment().get_template(template).render(
            w=w, lang=self.lang, label=self.label, items=self.items, local=self.local, css=_css(),
            day=self.context.language(self.lang).long_date(w.day) if w.day else "",
            ends=self.items[-1].ends if self.items else w.start, overrun=self.overrun,
            overrun_text=self.label.overrun.format(minutes=self.overrun, end=clock_text(w.end, self.lang))
            if self.overrun else "",
            organization=organization.name if organization else self.context.config.publisher,
            logo=organization.logo.as_uri() if organization and organization.logo else "",
            **values)

    @property
    def when(self):
        return max(self.context.when(m) for m in self.modules.values())

    def write(self, parts: list[tuple[str, Path]], target: Path, even: bool = False) -> int:
        return pdf.write_pdf_parts(parts, target, self.workshop.title, self.when, self.lang, even)


class AgendaRenderer:
    name = "agenda"
    scope = WORKSHOP
    settings = LOCAL
    options = ()
    libraries = PDF_LIBRARIES
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return "agenda.pdf"

    def render(self, item: str, context: RenderContext, folder: Path) -> list[str]:
        evening = _Evening(context)
        pages = evening.write([(evening.page("agenda.html.j2"), context.curriculum.root)], folder / self.file_name(item, ""))
        return [f"{context.workshop.path.name}: the agenda takes {pages} pages (aim for 1)"] if pages > 1 else []


class PacketRenderer:
    name = "packet"
    scope = WORKSHOP
    settings = ("publisher", *LOCAL)
    options = ()
    libraries = PDF_LIBRARIES
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return "packet.pdf"

    def render(self, item: str, context: RenderContext, folder: Path) -> list[str]:
        workshop = context.workshop
        evenings = [_Evening(context, code) for code in workshop.languages]
        first = evenings[0]
        root = context.curriculum.root
        parts = [(first.page("cover.html.j2"), root)]
        for module_id in workshop.modules:
            for evening in evenings:  # back to back in each language
                module = evening.modules[module_id]
                parts.append((handout_html(module, None, context.config, local=evening.local), module.folder))
        for evening in evenings:
            parts.append((evening.page("glossary.html.j2", entries=_glossary_once(evening)), root))
        parts.append((first.page("evaluation.html.j2"), root))
        sheets = max(1, ceil(workshop.participants / SIGN_IN_ROWS))
        parts.append((first.page("sign-in.html.j2", sheets=sheets, rows=SIGN_IN_ROWS), root))
        first.write(parts, folder / self.file_name(item, ""), even=True)
        return []


def _glossary_once(evening: _Evening) -> list[dict[str, str]]:
    """The glossary entries every module's handout would print, each term once."""
    glossary = evening.context.glossary(evening.lang)
    found: dict[str, dict[str, str]] = {}
    for module_id in evening.workshop.modules:
        for entry in _glossary(evening.modules[module_id], glossary):
            found.setdefault(entry["term"], entry)
    return sorted(found.values(), key=lambda e: e["term"].casefold())


class RunOfShowRenderer:
    name = "run-of-show"
    scope = WORKSHOP
    settings = ("max_bullets_per_slide", *LOCAL)
    options = ()
    libraries = PDF_LIBRARIES
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return "run-of-show.pdf"

    def render(self, item: str, context: RenderContext, folder: Path) -> list[str]:
        workshop = context.workshop
        evening = _Evening(context)
        trainer = {m.id: m for m in context.curriculum.in_language(workshop.notes_lang)}
        label = words(workshop.notes_lang)
        blocks = [_module_cues(entry, trainer.get(entry.module.id, entry.module), context, workshop.lang)
                  for entry in evening.items if entry.kind == "module"]
        html = evening.page("run-of-show.html.j2", cues=blocks, facts=_old_facts(workshop, trainer.values()),
                            materials=_materials(workshop, evening), tlabel=label)
        evening.write([(html, context.curriculum.root)], folder / self.file_name(item, ""))
        return []


def _module_cues(entry: Item, module: Module, context: RenderContext, lang: str) -> dict:
    """One module's cues: per section, its clock time, slide titles and what to say, do and ask."""
    numbers = module.source_numbers

    def cite(ids):
        return "<sup>" + ",".join(str(numbers.get(i, "?")) for i in ids) + "</sup>"

    starts = {s.section: s.starts for s in reversed(entry.parts)}
    sections = []
    for section in module.sections:
        slides = [p.title for p in plan_section(section, context.config.max_bullets_per_slide) if p.title]
        sections.append({
            "title": section.title or words(module.lang).introduction,
            "starts": clock_text(starts[section.title], lang) if starts.get(section.title) else "",
            "slides": list(dict.fromkeys(slides)),
            "say": [cell_html(c, cite, module.folder, module.lang) for c in section.trainer_cells],
            "do": [(escape(c.activity_name), c.minutes, cell_html(c, cite, module.folder, module.lang)) for c in section.activities],
            "ask": [cell_html(c, cite, module.folder, module.lang) for c in section.discussions],
        })
    return {"title": module.title, "starts": clock_text(entry.starts, lang), "ends": clock_text(entry.ends, lang),
            "minutes": entry.minutes, "estimated": entry.estimated, "sections": sections}


def _old_facts(workshop: Workshop, modules) -> list[dict]:
    """Dated facts more than FACT_DAYS old on the workshop's day (or today): re-check them first."""
    day = workshop.day or date.today()
    facts = []
    for module in modules:
        for place, fact in dated_facts(module):
            try:
                when = fact_date(fact.date)
            except ValueError:
                continue
            if day - when > timedelta(days=FACT_DAYS):
                facts.append({"module": module.id, "place": place, "date": fact.date,
                              "text": fact.text, "days": (day - when).days})
    return sorted(facts, key=lambda f: f["date"])


def _materials(workshop: Workshop, evening: _Evening) -> dict:
    """What to print for the expected participants (a tenth more, at least two, as spares)."""
    spare = max(2, ceil(workshop.participants / 10))
    activities = [{"module": module.title, "name": cell.activity_name, "minutes": cell.minutes,
                   "printed": cell.in_handout, "cards": print_line(module, cell)}
                  for module in (evening.modules[m] for m in workshop.modules) for cell in module.cells
                  if cell.is_activity]
    return {"copies": workshop.participants, "spare": spare,
            "sign_in": max(1, ceil(workshop.participants / SIGN_IN_ROWS)), "activities": activities}
