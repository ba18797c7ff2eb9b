"""Render one module into a PowerPoint deck with speaker notes.

Slide order: title, what you will learn, the sections (their slides, then their activities and
discussions), key points, one sources slide, the closing notice. Each kind of slide uses its
own layout of the template, by name (`layouts.py`). Text is measured with the real font
(`fit.py`): bullets go on as many slides as they need, spread evenly, and titles shrink a
little rather than run into the text. Every slide has a real title placeholder, speaker notes
with a timing cue (`notes.py`) and a slide number; trainer cells only ever reach the notes.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image as PILImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from curriculum import diagrams
from curriculum.languages import Words, words
from curriculum.model import (
    AsOf,
    BulletList,
    Cards,
    Cell,
    Code,
    Emphasis,
    Inlines,
    Link,
    Module,
    Paragraph,
    Section,
    Strong,
    Table,
    Term,
    Text,
    plain_text,
    walk_blocks,
    without_marks,
)
from curriculum.outline import Bullet, SlidePlan, activity_bullets, bullets_of, chunk_bullets, plan_section
from curriculum.schedule import schedule
from curriculum.source_notes import in_language

from . import fit, layouts
from . import notes as speaker
from .local import DeckLocal, place_logo

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "untangle.pptx"
TABLE_ROWS_PER_SLIDE = 7
TABLE_SIZE = 18
MIN_TITLE = 26  # a long title shrinks to this size at most (`check` asks to shorten it)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def book_page(module: Module, book_url: str) -> str:
    """The lesson's page in the book: its web address when `book_url` is set, otherwise its
    place in the build folder."""
    page = f"{module.lang}/lessons/{module.id}/index.html"
    return f"{book_url.rstrip('/')}/{page}" if book_url else f"book/{page}"


def render_deck(module: Module, template: Path, target: Path, max_bullets: int, when: datetime,
                book_url: str = "", local: DeckLocal | None = None) -> None:
    """Write the deck for `module` to `target`, byte-identical for the same input and `when`."""
    prs = Presentation(str(template))
    layouts.check_template(prs, template)
    deck = _Deck(prs, module, words(module.lang), max_bullets, book_url, local)
    deck.build()
    deck.write_notes()
    deck.number_slides()
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = module.title, "Untangle", "Untangle"
    props.created = props.modified = props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    _save_reproducibly(prs, target, when)


@dataclass
class _Entry:
    """A slide and what its notes are made of."""

    slide: object
    group: tuple  # the slides that share the trainer text of a part of the lesson
    timing: tuple  # the slides that share the minutes of a part of the schedule
    fixed: list[str] = field(default_factory=list)  # notes of its own (debrief, audience...)


class _Deck:
    def __init__(self, prs, module: Module, label: Words, max_bullets: int, book_url: str,
                 local: DeckLocal | None = None):
        self.prs, self.module, self.label = prs, module, label
        self.max_bullets, self.book_url = max_bullets, book_url
        self.local = local or DeckLocal()
        self.entries: list[_Entry] = []
        self.units: dict[tuple, list[str]] = {}  # group -> trainer paragraphs
        self.minutes: dict[tuple, float] = {}  # group -> minutes the schedule gives it

    # ------------------------------------------------------------ the deck, slide kind by kind

    def build(self) -> None:
        module, label = self.module, self.label
        teaching = {s.section: s.minutes for s in schedule(module, label.introduction) if s.kind == "teaching"}
        intro = next((s for s in module.sections if s.title is None), None)
        self.minutes[("intro",)] = teaching.get(None, 0)
        if intro is not None:
            self.units[("intro",)] = speaker.paragraphs(intro.trainer_cells)
        self.title_slide()
        timing = (f"{module.minutes.teaching} {label.minutes} + {label.activity.lower()} "
                  f"{module.minutes.activities} {label.minutes}.")
        self.bullet_slides(layouts.AGENDA, label.objectives, [_plain(o) for o in module.objectives],
                           ("intro",), [f"{label.length}: {timing}"])
        titled = [s for s in module.sections if s.title]
        for section in module.sections:
            part = titled.index(section) + 1 if section.title else 0
            self.section_slides(section, part, len(titled), teaching.get(section.title, 0))
        self.bullet_slides(layouts.CONTENT, label.key_points, [_plain(k) for k in module.key_points], ("end",),
                           [f"{label.last_reviewed}: {module.last_reviewed.isoformat()}."], [label.key_points_note])
        self.sources_slide()
        notice = self.local.notice or label.legal_notice
        closing = "\n".join((notice, *self.local.help_lines))  # the notice, then each local contact
        slide = self._new(layouts.CLOSING, label.closing_title, ("end",), [closing])
        size = _size(self._layout(layouts.CLOSING), layouts.CLOSING.body, 24)
        self._text(slide, layouts.CLOSING, layouts.CLOSING.body, [[fit.Run(line, size)] for line in closing.split("\n")])

    def title_slide(self) -> None:
        module = self.module
        slide = self._new(layouts.TITLE, module.title, ("intro",),
                          [f"{self.label.audience}: {module.audience}"], title_lines=3)
        self._text(slide, layouts.TITLE, layouts.TITLE.body, [[fit.Run(module.summary, 24)]])
        self._text(slide, layouts.TITLE, layouts.TITLE.second,
                   [[fit.Run(f"{module.minutes.total} {self.label.minutes}", 20)]])
        place_logo(slide, self.prs, self.local.logo)

    def section_slides(self, section: Section, part: int, parts: int, minutes: int) -> None:
        content = ("section", section.title) if section.title else ("intro",)
        if section.title:
            self.minutes[content] = minutes
        own, by_activity = speaker.trainer_groups(section)
        start = len(self.entries)
        title = section.title or self.label.introduction
        plans = plan_section(section, self.max_bullets, self._fits(layouts.CONTENT))
        if section.title and all(not (p.bullets or p.image or p.figure or p.table) for p in plans):
            slide = self._new(layouts.SECTION, title, content)
            self._text(slide, layouts.SECTION, layouts.SECTION.body,
                       [[fit.Run(self.label.part_of.format(n=part, total=parts), 24)]])
        else:
            self.plan_slides(plans, title, content)
        for cell in section.cells:
            if not (cell.is_activity or cell.is_discussion):
                continue
            group = ("cell", cell.index)
            self.units[group] = speaker.paragraphs(by_activity.get(cell.index, []))
            if cell.minutes:
                self.minutes[group] = cell.minutes
            # without minutes of its own, it shares the section's teaching time
            self.activity_slides(cell, group, timing=group if cell.minutes else content)
        if not section.title:
            return  # the introduction's notes are spread from the title slide on (see build)
        if section.trainer_cells and not (own and by_activity) and len(self.entries) > start:
            # The author did not place trainer notes both before and after an activity: spread
            # all of them over every slide of the section, in order.
            merged = ("merged", section.title)
            for entry in self.entries[start:]:
                entry.group = merged
            self.units[merged] = speaker.paragraphs(section.trainer_cells)
        else:
            self.units[content] = speaker.paragraphs(own)

    def plan_slides(self, plans: list[SlidePlan], title: str, group: tuple) -> None:
        """Bullets, tables and pictures of a section. A tall picture takes the section's last
        bullets beside it: all of them when they fit there, else as many of the last ones as
        fit, leaving at least two on the slide before."""
        plans = list(plans)
        tall = next((p for p in plans if (p.image or p.figure) and _tall(self._picture_source(p))), None)
        beside: list[Bullet] = []
        last = next((n for n in range(len(plans) - 1, -1, -1) if plans[n].bullets), None)
        if tall is not None and last is not None:
            bullets, fits = list(plans[last].bullets), self._fits(layouts.PICTURE_TEXT)
            cut = next((c for c in [0, *range(2, len(bullets) - 1)]
                        if bullets[c].level == 0 and fits(bullets[c:])), None)
            if cut is not None:
                beside = bullets[cut:]
                if cut:
                    plans[last] = replace(plans[last], bullets=tuple(bullets[:cut]))
                else:
                    del plans[last]
        shown = 0
        for plan in plans:
            heading = title if shown == 0 or not plan.bullets else f"{title} ({self.label.continued})"
            shown += 1
            if plan.bullets:
                self.bullets_slide(self._layout_for(plan, len(plans)), heading, list(plan.bullets), group)
            elif plan.table is not None:
                self.table_slides(plan.table, heading, group)
            elif plan.drawing is not None:
                self.drawing_slides(plan.drawing, heading, group)
            else:
                alt = plan.image.alt if plan.image else plan.figure.alt
                self.picture_slide(heading, self._picture_source(plan), alt, group, beside if plan is tall else [])

    def _layout_for(self, plan: SlidePlan, count: int) -> layouts.Layout:
        """A lone short statement is a key fact; many one-line bullets go in two columns."""
        bullets = plan.bullets
        if count == 1 and len(bullets) == 1 and self._fits(layouts.KEY_FACT, 36)(list(bullets)):
            return layouts.KEY_FACT
        if len(bullets) >= 6 and all(b.level == 0 for b in bullets) and all(
                self._lines(layouts.TWO_COLUMNS, layouts.TWO_COLUMNS.body, b) == 1 for b in bullets):
            return layouts.TWO_COLUMNS
        return layouts.CONTENT

    def bullet_slides(self, layout: layouts.Layout, title: str, bullets: list[Bullet], group: tuple,
                      last: list[str] | None = None, first: list[str] | None = None) -> None:
        """As many slides as the bullets need, the later ones titled "(continued)"; `first` and
        `last` are notes for the first and the last of them."""
        chunks = chunk_bullets(bullets, self.max_bullets, self._fits(layout)) or [[]]
        done = 0
        for n, chunk in enumerate(chunks):
            heading = title if n == 0 else f"{title} ({self.label.continued})"
            fixed = (first or [] if n == 0 else []) + (last or [] if n == len(chunks) - 1 else [])
            slide = self.bullets_slide(layout, heading, chunk, group, fixed)
            if layout is layouts.AGENDA and done:
                for paragraph in slide.placeholders[layout.body].text_frame.paragraphs:
                    _number_from(paragraph, done + 1)
            done += len(chunk)

    def bullets_slide(self, layout: layouts.Layout, title: str, bullets: list[Bullet], group: tuple,
                      fixed: list[str] | None = None, timing: tuple | None = None):
        slide = self._new(layout, title, group, fixed, timing=timing)
        size = _size(self._layout(layout), layout.body, 36 if layout is layouts.KEY_FACT else 24)
        if layout is layouts.TWO_COLUMNS:
            half = -(-len(bullets) // 2)
            self._bullets(slide.placeholders[layout.body], bullets[:half], size)
            self._bullets(slide.placeholders[layout.second], bullets[half:], size)
        else:
            self._bullets(slide.placeholders[layout.body], bullets, size)
        return slide

    def activity_slides(self, cell: Cell, group: tuple, timing: tuple) -> None:
        label = self.label
        layout = layouts.ACTIVITY if cell.is_activity else layouts.DISCUSSION
        title = f"{label.activity}: {cell.activity_name}" if cell.is_activity else label.discussion
        debrief = [plain_text(without_marks(b.inlines)) for b in bullets_of((cell,))
                   if b not in activity_bullets(cell)]
        chunks = chunk_bullets(activity_bullets(cell), self.max_bullets, self._fits(layout)) or [[]]
        self._name_cards(cell, chunks, layout)
        for n, chunk in enumerate(chunks):
            heading = title if n == 0 else f"{title} ({label.continued})"
            slide = self.bullets_slide(layout, heading, chunk, group, debrief if n == len(chunks) - 1 else None,
                                       timing)
            if cell.minutes:
                box = [[fit.Run(str(cell.minutes), 36)], [fit.Run(label.minutes, 18)]]
                if layout is layouts.DISCUSSION:
                    box = [[fit.Run(f"{cell.minutes} {label.minutes}", 24)]]
                self._text(slide, layout, layout.second, box)
                if layout.timer is not None:
                    self._text(slide, layout, layout.timer, [[fit.Run(f"{cell.minutes}:00", 40)]])

    def _name_cards(self, cell: Cell, chunks: list[list[Bullet]], layout: layouts.Layout) -> None:
        """Name each set of the activity's cards (in their printed order, so an ordering
        activity's answer is not on the screen) on one line under the sentence or step that hands
        them out, when that line fits the slide as it is: never a slide more, so the lesson plan's
        slide numbers hold."""
        blocks = list(walk_blocks(cell.blocks))
        for at in (n for n, b in enumerate(blocks) if isinstance(b, Cards) and n):
            before = blocks[at - 1]
            anchor = (before.inlines if isinstance(before, Paragraph) else
                      before.items[-1].inlines if isinstance(before, BulletList) and before.items else None)
            titles = " · ".join(plain_text(without_marks(c.title)) for c in blocks[at].printed)
            self._add_under(anchor, titles, cell, chunks, layout)

    def _add_under(self, anchor, text: str, cell: Cell, chunks: list[list[Bullet]], layout: layouts.Layout) -> None:
        """`text` as a bullet one level under the bullet showing `anchor`, if the slide still fits."""
        for chunk in chunks:
            for n, bullet in enumerate(chunk):
                if anchor is not None and bullet.inlines == anchor:
                    named = chunk[:n + 1] + [Bullet((Text(text),), bullet.level + 1, cell)] + chunk[n + 1:]
                    if len(named) <= self.max_bullets and self._fits(layout)(named):
                        chunk[:] = named
                    return

    def picture_slide(self, title: str, source, alt: str, group: tuple, beside: list[Bullet]) -> None:
        layout = layouts.PICTURE_TEXT if _tall(source) else layouts.FULL_PICTURE
        slide = self._new(layout, title, group)
        if layout is layouts.PICTURE_TEXT:
            if not beside and self._fits(layout)([_plain(alt)]):
                beside = [_plain(alt)]  # the picture's description, as its caption
            self._bullets(slide.placeholders[layout.body], beside, _size(self._layout(layout), layout.body, 24))
        self._place_picture(slide, layout.picture, source, alt)

    def drawing_slides(self, block, title: str, group: tuple) -> None:
        """A picture generated from data, on the full-picture layout so its labels stay readable
        when projected, with its description in words in the notes; a scenario builds up one
        step per slide."""
        root = self.module.folder.parents[1]
        steps = diagrams.steps_of(block, root)
        for upto in range(1, steps + 1) if steps else [None]:
            drawing = diagrams.drawing_for(block, root, self.module.lang, upto)
            slide = self._new(layouts.FULL_PICTURE, drawing.title or title, group, list(drawing.long))
            area = slide.placeholders[layouts.FULL_PICTURE.picture]
            picture = drawing.png_to_fit(Emu(area.width).inches, Emu(area.height).inches)
            self._place_picture(slide, layouts.FULL_PICTURE.picture, io.BytesIO(picture), drawing.alt)

    def table_slides(self, table: Table, title: str, group: tuple) -> None:
        rows = list(table.rows)
        chunks = [rows[i : i + TABLE_ROWS_PER_SLIDE] for i in range(0, len(rows), TABLE_ROWS_PER_SLIDE)] or [[]]
        for n, chunk in enumerate(chunks):
            slide = self._new(layouts.CONTENT, title if n == 0 else f"{title} ({self.label.continued})", group)
            body = slide.placeholders[layouts.CONTENT.body]
            cols = max(len(table.header), *(len(r) for r in chunk)) if chunk else len(table.header)
            height = Emu(int(Pt(TABLE_SIZE) * 2.2) * (len(chunk) + 1))
            shape = slide.shapes.add_table(len(chunk) + 1, cols, body.left, body.top, body.width, height)
            for r, row in enumerate([table.header, *chunk]):
                for c in range(cols):
                    cell = shape.table.cell(r, c)
                    cell.text = plain_text(row[c]) if c < len(row) else ""
                    for paragraph in cell.text_frame.paragraphs:
                        paragraph.font.size = Pt(TABLE_SIZE)
            body._element.getparent().remove(body._element)

    def sources_slide(self) -> None:
        """One slide: where the full list is, and the book page (with a QR code when the book
        has a web address). The full list goes in this slide's notes."""
        module, label = self.module, self.label
        listed = [f"{n}. {s.publisher}. {s.title} ({s.date}). {s.url} ({label.accessed} {s.accessed.isoformat()})"
                  for n, s in enumerate((in_language(s, module.lang) for s in module.sources), start=1)]
        slide = self._new(layouts.SOURCES, label.sources, ("end",), ["\n".join(listed)])
        page = book_page(module, self.book_url)
        size = _size(self._layout(layouts.SOURCES), layouts.SOURCES.body, 24)
        self._text(slide, layouts.SOURCES, layouts.SOURCES.body,
                   [[fit.Run(label.sources_elsewhere, size)], [fit.Run(page, size, bold=True)]])
        if self.book_url:
            import segno

            buffer = io.BytesIO()
            segno.make(page, error="m").save(buffer, kind="png", scale=12, border=2)
            buffer.seek(0)
            self._place_picture(slide, layouts.SOURCES.picture, buffer, label.qr_alt.format(url=page))

    # ------------------------------------------------------------ speaker notes

    def write_notes(self) -> None:
        """Each slide: its timing cue, the trainer paragraphs spread to it, its own notes."""
        label, total = self.label, self.module.minutes.total
        groups: dict[tuple, list[_Entry]] = {}
        timings: dict[tuple, int] = {}
        for entry in self.entries:
            groups.setdefault(entry.group, []).append(entry)
            timings[entry.timing] = timings.get(entry.timing, 0) + 1
        parts = {g: speaker.spread(self.units.get(g, []), len(es)) for g, es in groups.items()}
        seen: dict[tuple, int] = {}
        elapsed = 0.0
        for entry in self.entries:
            n = seen[entry.group] = seen.get(entry.group, -1) + 1
            minutes = self.minutes.get(entry.timing, 0) / timings[entry.timing]
            start, end = round(elapsed), round(elapsed + minutes)
            elapsed += minutes
            cue = (label.slide_time.format(minutes=max(1, round(minutes)), start=start, end=end, total=total)
                   if end > start else label.slide_time_at.format(end=end, total=total))
            text = "\n\n".join([cue, *parts[entry.group][n], *entry.fixed])
            entry.slide.notes_slide.notes_text_frame.text = text

    # ------------------------------------------------------------ helpers

    def _new(self, layout: layouts.Layout, title: str, group: tuple, fixed: list[str] | None = None,
             title_lines: int = 2, timing: tuple | None = None):
        slide = self.prs.slides.add_slide(self._layout(layout))
        heading = slide.placeholders[layout.title]
        heading.text_frame.text = title
        heading.text_frame.word_wrap = True
        size = _size(self._layout(layout), layout.title, 36)
        box = fit.Box.of(heading)
        while size > MIN_TITLE and fit.line_count([fit.Run(title, size, True)], box.width) > title_lines:
            size -= 2
        for paragraph in heading.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
        self.entries.append(_Entry(slide, group, timing or group, list(fixed or [])))
        return slide

    def _layout(self, layout: layouts.Layout):
        return self.prs.slide_layouts.get_by_name(layout.name)

    def _fits(self, layout: layouts.Layout, size: int | None = None):
        """Whether bullets fit the body of `layout` at its body size, measured with the font."""
        found = self._layout(layout)
        shape = next(p for p in found.placeholders if p.placeholder_format.idx == layout.body)
        box = fit.Box.of(shape)
        size = size or _size(found, layout.body, 24)

        indents = [_indent(found, layout.body, level) for level in (0, 1)]

        def fits(bullets: list[Bullet]) -> bool:
            paragraphs = [(_runs(b.inlines, size), indents[min(b.level, 1)]) for b in bullets]
            return fit.height(paragraphs, box.width, fit.SPACE_BEFORE) <= box.height

        return fits

    def _lines(self, layout: layouts.Layout, idx: int, bullet: Bullet) -> int:
        found = self._layout(layout)
        shape = next(p for p in found.placeholders if p.placeholder_format.idx == idx)
        size = _size(found, idx, 24)
        return fit.line_count(_runs(bullet.inlines, size), fit.Box.of(shape).width - fit.indent_pt(bullet.level))

    def _bullets(self, placeholder, bullets: list[Bullet], size: float) -> None:
        frame = placeholder.text_frame
        frame.word_wrap = True
        for n, bullet in enumerate(bullets):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.level = bullet.level
            _add_runs(paragraph, without_marks(bullet.inlines), Pt(size))

    def _text(self, slide, layout: layouts.Layout, idx: int, paragraphs: list[list[fit.Run]]) -> None:
        """Plain paragraphs in a placeholder, shrunk together until they fit its box."""
        placeholder = slide.placeholders[idx]
        box = fit.Box.of(placeholder)
        scale = 1.0
        while scale > 0.6 and fit.height([([fit.Run(r.text, r.size * scale, r.bold) for r in runs], 0)
                                          for runs in paragraphs], box.width, fit.SPACE_BEFORE) > box.height:
            scale -= 0.05
        frame = placeholder.text_frame
        frame.word_wrap = True
        for n, runs in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            for item in runs:
                run = paragraph.add_run()
                run.text = item.text
                run.font.size = Pt(round(item.size * scale))
                if item.bold:
                    run.font.bold = True

    def _picture_source(self, plan: SlidePlan):
        if plan.image is not None:
            return str(self.module.folder / plan.image.src)
        return io.BytesIO(plan.figure.png)

    def _place_picture(self, slide, idx: int, source, alt: str) -> None:
        """The picture as large as the layout's picture area allows, centred, never cropped."""
        area = slide.placeholders[idx]
        left, top, width, height = area.left, area.top, area.width, area.height
        area._element.getparent().remove(area._element)
        pic = slide.shapes.add_picture(source, left, top)
        scale = min(width / pic.width, height / pic.height)
        pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
        pic.left, pic.top = int(left + (width - pic.width) / 2), int(top + (height - pic.height) / 2)
        pic._element.nvPicPr.cNvPr.set("descr", alt)

    def number_slides(self) -> None:
        """A visible "n / total" on every slide, where the master keeps the slide number (python-
        pptx does not fill number placeholders); empty placeholders are removed."""
        total = len(self.prs.slides)
        left, top, width, height = layouts.number_box(self.prs)
        for n, slide in enumerate(self.prs.slides, start=1):
            for shape in list(slide.placeholders):
                if shape.placeholder_format.idx != 0 and shape.has_text_frame and not shape.text_frame.text.strip():
                    shape._element.getparent().remove(shape._element)
            box = slide.shapes.add_textbox(left, top, width, height)
            box.name = "Slide number"
            frame = box.text_frame
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = frame.paragraphs[0]
            paragraph.text = f"{n} / {total}"
            paragraph.alignment = PP_ALIGN.RIGHT
            paragraph.font.size = Pt(14)
            paragraph.font.color.rgb = RGBColor.from_string("FFFFFF" if _dark(slide.slide_layout) else "5B6675")


def _tall(source) -> bool:
    """Pictures taller than wide (diagrams read top to bottom) go beside the text."""
    with PILImage.open(source) as image:
        width, height = image.size
    if hasattr(source, "seek"):
        source.seek(0)
    return width / height < 1.25


def _dark(layout) -> bool:
    fill = layout._element.find(f".//{{http://schemas.openxmlformats.org/presentationml/2006/main}}bg//{A}srgbClr")
    if fill is None:
        return False
    r, g, b = (int(fill.get("val")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 128


def _size(layout, idx: int, default: float) -> float:
    """The font size the layout gives placeholder `idx` (its first level), in points."""
    for shape in layout.placeholders:
        if shape.placeholder_format.idx == idx:
            found = shape._element.find(f".//{A}lstStyle/{A}lvl1pPr/{A}defRPr")
            if found is not None and found.get("sz"):
                return int(found.get("sz")) / 100
    return default


def _indent(layout, idx: int, level: int) -> float:
    """The left margin (points) the layout gives paragraphs of `level` in placeholder `idx`;
    without one, the template's bullet indent."""
    for shape in layout.placeholders:
        if shape.placeholder_format.idx == idx:
            found = shape._element.find(f".//{A}lstStyle/{A}lvl{level + 1}pPr")
            if found is not None and found.get("marL") is not None:
                return int(found.get("marL")) / fit.EMU_PER_PT
    return fit.indent_pt(level)


def _number_from(paragraph, start: int) -> None:
    """Continue a numbered list on the next slide (3., 4. ... instead of 1., 2. again)."""
    from pptx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml('<a:buAutoNum xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                         f'type="arabicPeriod" startAt="{start}"/>'))


def _plain(text: str) -> Bullet:
    return Bullet((Text(text),), 0, None)  # type: ignore[arg-type]


def _runs(inlines: Inlines, size: float, bold: bool = False) -> list[fit.Run]:
    """The runs `_add_runs` writes, for measuring."""
    out: list[fit.Run] = []
    for item in without_marks(inlines):
        if isinstance(item, (Text, Code, Term, AsOf)):
            out.append(fit.Run(item.text, size, bold))
        elif isinstance(item, Strong):
            out.extend(_runs(item.children, size, True))
        elif isinstance(item, (Emphasis, Link)):
            out.extend(_runs(item.children, size, bold))
    return out


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
