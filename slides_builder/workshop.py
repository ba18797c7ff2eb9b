"""One deck for a whole workshop: title and agenda, then each module behind a section divider,
break slides a room can read from the back (the time to be back, in large type), local help and
a closing slide. Module slides are made by the same `_Deck` as the per-module decks, so they
look and read the same; speaker notes are in the trainer's language (`trainer_language`).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pptx import Presentation

from curriculum.errors import BuildError
from curriculum.languages import words
from curriculum.model import Module
from curriculum.rendering import WORKSHOP, RenderContext
from curriculum.workshop import clock_text, timetable

from . import fit, layouts
from .local import DeckLocal, place_logo
from .render import DEFAULT_TEMPLATE, _Deck, _plain, _save_reproducibly

BREAK_POINTS = 66  # the time to be back, read from the back row


class WorkshopDeckRenderer:
    name = "deck"
    scope = WORKSHOP
    settings = ("max_bullets_per_slide", "slide_template", "book_url", "organization", "local_help", "hotlines")
    options = ()
    libraries = ("python-pptx", "pillow", "graphviz")
    after = ()

    def file_name(self, item: str, lang: str) -> str:
        return "deck.pptx"

    def render(self, item: str, context: RenderContext, folder: Path) -> list[str]:
        workshop, config = context.workshop, context.config
        template = config.template_path(context.curriculum.root) or DEFAULT_TEMPLATE
        if not template.is_file():
            raise BuildError("the slide template does not exist (setting 'slide_template')", template)
        prs = Presentation(str(template))
        layouts.check_template(prs, template)
        lang, label = workshop.lang, words(workshop.lang)
        modules = {m.id: m for m in context.curriculum.in_language(lang)}
        notes_modules = {m.id: m for m in context.curriculum.in_language(workshop.notes_lang)}
        local = DeckLocal.of(context, lang)
        items = timetable(workshop, modules, label.introduction, label.break_label)
        frame = _Deck(prs, next(iter(modules.values())), label, config.max_bullets_per_slide, config.book_url, local)
        group = ("workshop",)

        when = " · ".join(x for x in (context.language(lang).long_date(workshop.day) if workshop.day else "",
                                      f"{clock_text(workshop.start, lang)}–{clock_text(items[-1].ends, lang)}",
                                      workshop.venue) if x)
        slide = frame._new(layouts.TITLE, workshop.title, group, [f"{label.audience}: {workshop.audience}",
                           f"{label.expected_participants}: {workshop.participants}"], title_lines=3)
        frame._text(slide, layouts.TITLE, layouts.TITLE.body, [[fit.Run(when, 24)]])
        place_logo(slide, prs, local.logo)
        agenda = [_plain(f"{clock_text(i.starts, lang)}  {i.label}"
                         + (f" ({i.minutes} {label.minutes})" if i.kind == "break" else "")) for i in items]
        frame.bullet_slides(layouts.AGENDA, label.agenda, agenda, group, [label.agenda])
        modules_done = 0
        for entry in items:
            if entry.kind == "break":
                self._break_slide(frame, f"{label.break_label} · {entry.minutes} {label.minutes}",
                                  f"{label.back_at} {clock_text(entry.ends, lang)}", group)
                continue
            modules_done += 1
            module = _with_notes(modules[entry.module.id], notes_modules.get(entry.module.id))
            divider = frame._new(layouts.SECTION, entry.label, group, [module.summary])
            frame._text(divider, layouts.SECTION, layouts.SECTION.body,
                        [[fit.Run(f"{label.part} {modules_done} / {len(workshop.modules)} · "
                                  f"{clock_text(entry.starts, lang)}–{clock_text(entry.ends, lang)}", 24)]])
            part = _Deck(prs, module, label, config.max_bullets_per_slide, config.book_url, local)
            part.build()
            part.write_notes()
            _drop_last_slide(prs)  # each module's own closing slide: the workshop has one at the end
        notice = local.notice or label.legal_notice
        frame.bullet_slides(layouts.CONTENT, label.local_help, [_plain(line) for line in local.help_lines]
                            or [_plain(notice)], group, [notice])
        closing = "\n".join((notice, *local.help_lines))
        slide = frame._new(layouts.CLOSING, label.thank_you, group, [closing])
        frame._text(slide, layouts.CLOSING, layouts.CLOSING.body, [[fit.Run(line, 24)] for line in closing.split("\n")])
        for made in frame.entries:  # the workshop's own slides: their notes are their own words
            made.slide.notes_slide.notes_text_frame.text = "\n\n".join(made.fixed) or label.agenda
        frame.number_slides()
        props = prs.core_properties
        props.title, props.author, props.last_modified_by = workshop.title, "Untangle", "Untangle"
        stamp = max(context.when(m) for m in modules.values())
        props.created = props.modified = props.last_printed = stamp.replace(tzinfo=None)
        props.revision = 1
        _save_reproducibly(prs, folder / self.file_name(item, lang), stamp)
        return []

    @staticmethod
    def _break_slide(frame: _Deck, title: str, back: str, group: tuple) -> None:
        """A break: its length as the title and the time to be back in type read from the back row."""
        slide = frame._new(layouts.KEY_FACT, title, group, [back])
        frame._text(slide, layouts.KEY_FACT, layouts.KEY_FACT.body, [[fit.Run(back, BREAK_POINTS, bold=True)]])


def _with_notes(module: Module, notes: Module | None) -> Module:
    """`module` with the trainer cells of its translation `notes` (same sections, by position),
    so the slides are in the participants' language and the notes in the trainer's."""
    if notes is None or notes.lang == module.lang or len(notes.sections) != len(module.sections):
        return module
    sections = []
    for own, other in zip(module.sections, notes.sections):
        cells = tuple(c for c in own.cells if not c.is_trainer) + other.trainer_cells
        sections.append(replace(own, cells=cells))
    return replace(module, sections=tuple(sections))


def _drop_last_slide(prs) -> None:
    slides = prs.slides._sldIdLst
    last = slides[-1]
    prs.part.drop_rel(last.rId)
    slides.remove(last)
