"""The trainer's lesson plan: the one printed place where trainer notes belong."""
from __future__ import annotations

import re
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

from curriculum.config import Config
from curriculum.languages import words
from curriculum.load import load_module
from curriculum.model import Curriculum
from curriculum.rendering import RenderContext
from curriculum.schedule import deck_map, schedule

from .conftest import FIXTURE, ROOT, TRAINER_MARKER, real_notebooks, run_cli
from .pdfs import pdfinfo

EN = words("en")


def _text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _module(module_id: str, lang: str):
    return load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")


def test_guide_holds_the_trainer_notes_and_the_debrief(fixture_build):
    text = _text(fixture_build / "guides" / "00-sample.en.pdf")
    assert EN.lesson_plan.upper() in text.upper() and EN.trainer_only in text
    assert TRAINER_MARKER in text and "Say it slowly" in text
    assert "Who saw the data?" in text  # the activity's debrief
    assert "Prints travel from jail to FBI" in text  # what the slides show


def test_guide_timetable_starts_at_the_given_clock_time(project):
    result = run_cli("build", "guides", "--start", "18:30", root=project)
    assert result.code == 0, result.err
    text = _text(project / "build" / "guides" / "00-sample.en.pdf").replace("\u00a0", " ")
    # 15 teaching minutes shared by the intro and two sections, then a 10-minute activity;
    # times as the English language file writes them (6:30 pm, not 18:30).
    assert "6:30 pm" in text and "Follow the prints" in text and "18:30" not in text
    assert text.index("6:30 pm") < text.index("Follow the prints")
    assert "6:55 pm" not in text  # the lesson (25 minutes) ends at 6:55; no part starts then


def test_bad_start_time_is_a_usage_error(project):
    result = run_cli("build", "guides", "--start", "half past six", root=project)
    assert result.code == 2 and "is not a clock time like 18:30" in result.err


def test_schedule_parts_add_up_to_the_lesson():
    from datetime import time

    module = load_module(FIXTURE / "modules" / "00-sample" / "en.ipynb")
    slots = schedule(module, "Introduction", time(18, 30))
    assert sum(s.minutes for s in slots) == module.minutes.total == 25
    assert slots[0].starts == time(18, 30)
    activity = next(s for s in slots if s.kind == "activity")
    assert activity.label == "Follow the prints" and activity.minutes == 10
    assert [s.starts for s in slots] == sorted(s.starts for s in slots)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_timing_table_adds_up_and_lists_every_activity_and_discussion(module_id, lang):
    """Each section's row is the sum of its detail rows and of the minutes its heading shows;
    the total is the lesson's length; every activity and discussion has a row."""
    from handouts.guide import _table

    module = _module(module_id, lang)
    label = words(lang)
    slots = schedule(module, label.introduction)
    rows = _table(module, slots, deck_map(module, Config().max_bullets_per_slide), label)
    assert rows[-1]["kind"] == "total" and int(rows[-1]["minutes"]) == module.minutes.total
    sections = [n for n, r in enumerate(rows) if r["kind"] == "section"]
    for n, start in enumerate(sections):
        end = sections[n + 1] if n + 1 < len(sections) else len(rows) - 1
        detail = rows[start + 1 : end]
        if detail:
            assert int(rows[start]["minutes"]) == sum(int(r["minutes"]) for r in detail if r["minutes"].isdigit())
    items = [c for c in module.cells if c.is_activity or c.is_discussion]
    assert len([r for r in rows if r["kind"] in ("activity", "discussion")]) == len(items)


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_real_guide(real_build, module_id, lang):
    """Correct plurals, section headings whose minutes match the table, slide numbers, a
    sources list for the superscripts, tagged PDF/UA."""
    module = _module(module_id, lang)
    label = words(lang)
    path = real_build / "guides" / f"{module_id}.{lang}.pdf"
    text = _text(path)
    assert not re.search(rf"\b1 {label.minutes}\b", text)
    assert f"{label.slides} 1\u2013" in text or f"{label.slide} 1" in text
    slots = schedule(module, label.introduction)
    for section in module.sections:
        if section.title:
            total = sum(s.minutes for s in slots if s.section == section.title)
            unit = label.minute if total == 1 else label.minutes
            assert re.search(re.escape(" ".join(section.title.split())) + rf".{{0,40}}? {total} {unit}", text), section.title
    assert label.sources in text
    assert pdfinfo(path)["Tagged"] == "yes"


def test_guide_superscripts_match_its_sources_list():
    from handouts.guide import guide_html

    module = _module("01-secure-communities", "en")
    context = RenderContext(Curriculum(ROOT, (module,), {}), Config(), today=date(2026, 12, 5))
    html = guide_html(module, context)
    cited = {int(n) for sup in re.findall(r"<sup>([\d,]+)</sup>", html) for n in sup.split(",")}
    listed = re.search(r'<section class="guide-sources">.*?</section>', html, re.S).group(0).count("<li>")
    assert cited and cited == set(range(1, listed + 1))


def test_guide_lists_the_facts_to_recheck():
    from handouts.guide import guide_html

    module = _module("01-secure-communities", "en")
    fresh = RenderContext(Curriculum(ROOT, (module,), {}), Config(max_fact_age_days=100000), today=date(2026, 12, 5))
    stale = RenderContext(Curriculum(ROOT, (module,), {}), Config(max_fact_age_days=30), today=date(2026, 12, 5))
    assert EN.recheck not in guide_html(module, fresh)
    html = guide_html(module, stale)
    assert EN.recheck in html and "2025-05" in html


@pytest.mark.parametrize(("module_id", "lang"), real_notebooks())
def test_slide_numbers_match_the_deck(real_build, module_id, lang):
    """The lesson plan reads its slide numbers from the real deck: every activity and
    discussion points at its own slide, every section's first slide carries its heading (or a
    drawing of it), and the closing ends the deck; the printed guide shows those numbers."""
    from handouts.deck_numbers import read_deck_map

    module = _module(module_id, lang)
    label = words(lang)
    deck = real_build / "slides" / f"{module_id}.{lang}.pptx"
    slides = list(Presentation(str(deck)).slides)
    numbers = read_deck_map(deck, module, label)
    assert numbers.closing is not None and numbers.closing.last == len(slides)
    assert slides[numbers.closing.first - 1].shapes.title.text.startswith(label.key_points)
    for cell in module.cells:
        if cell.is_activity or cell.is_discussion:
            title = slides[numbers.cells[cell.index].first - 1].shapes.title.text
            assert title.startswith(label.activity if cell.is_activity else label.discussion)
            if cell.is_activity:
                assert cell.activity_name in title
    guide = _text(real_build / "guides" / f"{module_id}.{lang}.pdf")
    for position, section in enumerate(module.sections):
        span = numbers.spans.get(position)
        if section.title and span and numbers.plans[position]:
            assert section.title in guide
