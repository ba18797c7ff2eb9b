"""Render one module into a PowerPoint deck with speaker notes.

Slide order: title, objectives, the sections (content slides, then their activities and
discussions), key points, sources, closing notice. Every slide has a real title placeholder,
speaker notes and a slide number; trainer cells only ever reach the notes.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Pt

from curriculum.model import (
    AsOf,
    BulletList,
    Cell,
    Emphasis,
    Heading,
    Inlines,
    Link,
    Module,
    Paragraph,
    Strong,
    Table,
    Term,
    Text,
    Code,
    plain_text,
    walk_blocks,
    without_marks,
)
from curriculum.outline import Bullet, SlidePlan, activity_bullets, chunk_bullets, plan_section
from curriculum.languages import Words, words

from . import layouts
from .local import DeckLocal, place_logo

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "untangle.pptx"
INCH = 914400
MARGIN = Emu(int(0.6 * INCH))
TOP = Emu(int(1.55 * INCH))
BOTTOM = Emu(int(0.75 * INCH))
SOURCES_PER_SLIDE = 6
TABLE_ROWS_PER_SLIDE = 7


def render_deck(module: Module, template: Path, target: Path, max_bullets: int, when: datetime,
                local: DeckLocal | None = None) -> None:
    """Write the deck for `module` to `target`, byte-identical for the same input and `when`."""
    prs = Presentation(str(template))
    layouts.check_template(prs, template)
    deck = _Deck(prs, module, words(module.lang), max_bullets, local)
    deck.build()
    deck.number_slides()
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = module.title, "Untangle", "Untangle"
    props.created = props.modified = props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    _save_reproducibly(prs, target, when)


class _Deck:
    def __init__(self, prs, module: Module, label: Words, max_bullets: int, local: DeckLocal | None = None):
        self.prs, self.module, self.label, self.max_bullets = prs, module, label, max_bullets
        self.local = local or DeckLocal()

    # ------------------------------------------------------------ slide kinds

    def build(self) -> None:
        module, label = self.module, self.label
        intro = next((s for s in module.sections if s.title is None), None)
        subtitle = f"{module.summary}\n{module.minutes.total} {label.minutes}"
        intro_notes = _notes(intro.trainer_cells) if intro else ""
        place_logo(self.title_slide(module.title, subtitle, intro_notes or f"{label.audience}: {module.audience}"),
                   self.prs, self.local.logo)
        timing = (f"{module.minutes.teaching} {label.minutes} + {label.activity.lower()} "
                  f"{module.minutes.activities} {label.minutes}.")
        self.bullet_slides(label.objectives, [_plain_bullet(o) for o in module.objectives],
                          f"{label.audience}: {module.audience}\n{label.length}: {timing}")
        for section in module.sections:
            notes = _notes(section.trainer_cells)
            for plan in plan_section(section, self.max_bullets):
                title = plan.title or module.title
                if plan.part > 1:
                    title = f"{title} ({label.continued})"
                self.plan_slide(plan, title, notes or f"{section.title or module.title}.")
            for cell in section.activities:
                self.bullet_slides(f"{label.activity}: {cell.activity_name} ({cell.minutes} {label.minutes})",
                                  activity_bullets(cell), _activity_notes(cell, notes))
            for cell in section.discussions:
                minutes = f" ({cell.minutes} {label.minutes})" if cell.minutes else ""
                self.bullet_slides(f"{label.discussion}{minutes}", activity_bullets(cell),
                                  _activity_notes(cell, notes))
        self.bullet_slides(label.key_points, [_plain_bullet(k) for k in module.key_points],
                          f"{label.key_points}. {label.last_reviewed}: {module.last_reviewed.isoformat()}.")
        sources = [f"{s.publisher}. {s.title} ({s.date}). {s.url}" for s in module.sources]
        for n in range(0, len(sources), min(SOURCES_PER_SLIDE, self.max_bullets)):
            title = label.sources if n == 0 else f"{label.sources} ({label.continued})"
            self.bullet_slide(title, [_plain_bullet(s) for s in sources[n : n + min(SOURCES_PER_SLIDE, self.max_bullets)]],
                              f"{label.sources}: {label.accessed} {module.sources[0].accessed.isoformat()}.",
                              size=14)
        notice = self.local.notice or label.legal_notice
        self.title_slide(label.closing_title, self.local.closing_text(notice), notice, layout=layouts.SECTION)

    def title_slide(self, title: str, subtitle: str, notes: str, layout=layouts.TITLE):
        slide = self._new(layout, title, notes)
        body = slide.placeholders[layout.body]
        body.text_frame.text = subtitle
        body.text_frame.word_wrap = True
        for paragraph in body.text_frame.paragraphs:
            paragraph.font.size = Pt(20)
        return slide

    def bullet_slides(self, title: str, bullets: list[Bullet], notes: str) -> None:
        """As many slides as the bullets need, the later ones titled "(continued)"."""
        for n, chunk in enumerate(chunk_bullets(bullets, self.max_bullets) or [[]]):
            part = title if n == 0 else f"{title} ({self.label.continued})"
            self.bullet_slide(part, chunk, notes)

    def bullet_slide(self, title: str, bullets: list[Bullet], notes: str, size: int | None = None):
        slide = self._new(layouts.CONTENT, title, notes)
        frame = slide.placeholders[layouts.CONTENT.body].text_frame
        frame.word_wrap = True
        size = size or (24 if len(bullets) <= 4 else 20)
        for n, bullet in enumerate(bullets):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.level = bullet.level
            _add_runs(paragraph, without_marks(bullet.inlines), Pt(size - 4 * bullet.level))
        return slide

    def plan_slide(self, plan: SlidePlan, title: str, notes: str) -> None:
        if plan.bullets:
            self.bullet_slide(title, list(plan.bullets), notes)
        elif plan.table is not None:
            self.table_slides(plan.table, title, notes)
        elif plan.image is not None:
            self.picture_slide(title, str(self.module.folder / plan.image.src), plan.image.alt, notes)
        elif plan.figure is not None:
            self.picture_slide(title, io.BytesIO(plan.figure.png), plan.figure.alt, notes)
        else:
            self._new(layouts.SECTION, title, notes)

    def picture_slide(self, title: str, picture, alt: str, notes: str) -> None:
        slide = self._new(layouts.VISUAL, title, notes)
        box_w = self.prs.slide_width - 2 * MARGIN
        box_h = self.prs.slide_height - TOP - BOTTOM
        pic = slide.shapes.add_picture(picture, MARGIN, TOP)
        scale = min(box_w / pic.width, box_h / pic.height)
        pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
        pic.left = int(MARGIN + (box_w - pic.width) / 2)
        pic.top = int(TOP + (box_h - pic.height) / 2)
        pic._element.nvPicPr.cNvPr.set("descr", alt)

    def table_slides(self, table: Table, title: str, notes: str) -> None:
        rows = list(table.rows)
        chunks = [rows[i : i + TABLE_ROWS_PER_SLIDE] for i in range(0, len(rows), TABLE_ROWS_PER_SLIDE)] or [[]]
        for n, chunk in enumerate(chunks):
            slide = self._new(layouts.VISUAL, title if n == 0 else f"{title} ({self.label.continued})", notes)
            cols = max(len(table.header), *(len(r) for r in chunk)) if chunk else len(table.header)
            height = Emu(int(0.5 * INCH) * (len(chunk) + 1))
            shape = slide.shapes.add_table(len(chunk) + 1, cols, MARGIN, TOP,
                                           self.prs.slide_width - 2 * MARGIN, height)
            for r, row in enumerate([table.header, *chunk]):
                for c in range(cols):
                    cell = shape.table.cell(r, c)
                    cell.text = plain_text(row[c]) if c < len(row) else ""
                    for paragraph in cell.text_frame.paragraphs:
                        paragraph.font.size = Pt(14)

    # ------------------------------------------------------------ helpers

    def _new(self, layout: layouts.Layout, title: str, notes: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts.get_by_name(layout.name))
        slide.placeholders[layout.title].text_frame.text = title
        slide.notes_slide.notes_text_frame.text = notes
        return slide

    def number_slides(self) -> None:
        """A visible "n / total" on every slide (python-pptx does not fill number placeholders)."""
        total = len(self.prs.slides)
        width, height = Emu(int(1.4 * INCH)), Emu(int(0.4 * INCH))
        for n, slide in enumerate(self.prs.slides, start=1):
            box = slide.shapes.add_textbox(self.prs.slide_width - width - Emu(int(0.2 * INCH)),
                                           self.prs.slide_height - height - Emu(int(0.1 * INCH)), width, height)
            box.name = "Slide number"
            paragraph = box.text_frame.paragraphs[0]
            paragraph.text = f"{n} / {total}"
            paragraph.font.size = Pt(12)


def _plain_bullet(text: str) -> Bullet:
    return Bullet((Text(text),), 0, None)  # type: ignore[arg-type]


def _add_runs(paragraph, inlines: Inlines, size, bold: bool = False, italic: bool = False) -> None:
    for item in inlines:
        if isinstance(item, (Text, Code, Term, AsOf)):
            run = paragraph.add_run()
            run.text = item.text
            run.font.size, run.font.bold, run.font.italic = size, bold or None, italic or None
        elif isinstance(item, Strong):
            _add_runs(paragraph, item.children, size, True, italic)
        elif isinstance(item, (Emphasis,)):
            _add_runs(paragraph, item.children, size, bold, True)
        elif isinstance(item, Link):
            _add_runs(paragraph, item.children, size, bold, italic)


def _notes(cells: tuple[Cell, ...]) -> str:
    """Trainer cells as plain speaker-notes text (lists become "- " lines)."""
    lines: list[str] = []
    for cell in cells:
        for block in walk_blocks(cell.blocks):
            if isinstance(block, (Paragraph, Heading)):
                lines.append(plain_text(block.inlines))
            elif isinstance(block, BulletList):
                lines.extend("  " * item.depth + "- " + plain_text(item.inlines) for item in block.items)
        lines.append("")
    return "\n".join(lines).strip()


def _activity_notes(cell: Cell, section_notes: str) -> str:
    steps = _notes((cell,))
    return (steps + ("\n\n" + section_notes if section_notes else "")).strip()


def _save_reproducibly(prs, target: Path, when: datetime) -> None:
    """Save with fixed zip timestamps, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    prs.save(buffer)
    stamp = when.astimezone(timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, source.read(info.filename))
