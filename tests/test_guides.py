"""The trainer's lesson plan: the one printed place where trainer notes belong."""
from __future__ import annotations

from pypdf import PdfReader

from curriculum.languages import words

EN = words("en")

from .conftest import TRAINER_MARKER, run_cli


def _text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def test_guide_holds_the_trainer_notes_and_the_debrief(fixture_build):
    text = _text(fixture_build / "guides" / "00-sample.en.pdf")
    assert EN.lesson_plan.upper() in text.upper() and EN.trainer_only in text
    assert TRAINER_MARKER in text and "Say it slowly" in text
    assert "Who saw the data?" in text  # the activity's debrief
    assert "Prints travel from jail to FBI" in text  # what the slides show


def test_guide_timetable_starts_at_the_given_clock_time(project):
    result = run_cli("build", "guides", "--start", "18:30", root=project)
    assert result.code == 0, result.err
    text = _text(project / "build" / "guides" / "00-sample.en.pdf")
    # 15 teaching minutes shared by the intro and two sections, then a 10-minute activity.
    assert "18:30" in text and "Follow the prints" in text
    assert text.index("18:30") < text.index("Follow the prints")
    assert "18:55" not in text  # the lesson (25 minutes) ends at 18:55; no part starts then


def test_bad_start_time_is_a_usage_error(project):
    result = run_cli("build", "guides", "--start", "half past six", root=project)
    assert result.code == 2 and "is not a clock time like 18:30" in result.err


def test_schedule_parts_add_up_to_the_lesson():
    from datetime import time

    from curriculum.load import load_module
    from curriculum.schedule import schedule

    from .conftest import FIXTURE

    module = load_module(FIXTURE / "modules" / "00-sample" / "en.ipynb")
    slots = schedule(module, "Introduction", time(18, 30))
    assert sum(s.minutes for s in slots) == module.minutes.total == 25
    assert slots[0].starts == time(18, 30)
    activity = next(s for s in slots if s.kind == "activity")
    assert activity.label == "Follow the prints" and activity.minutes == 10
    assert [s.starts for s in slots] == sorted(s.starts for s in slots)
