"""Workshops and the local layer (issue 9), tested on what organizers get: the example workshop
built for real (agenda, deck, packet, run of show, offline zip), local help in every output,
overrun warnings and one clear error per bad workshop file."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from curriculum.config import load_config
from curriculum.languages import words
from curriculum.load import load_curriculum
from curriculum.workshop import clock_text, read_workshop, timetable

from .conftest import ROOT, copy_project, run_cli

ES, EN = words("es"), words("en")
CLINIC_PHONE = "555-0142"  # the example workshop's placeholder clinic
CLINIC_NAME = "Clínica legal de ejemplo (REEMPLÁCELA)"
HOTLINE_PHONE = "555-0199"
LOCAL_PHONE = "555-0123"
LOCAL = """
organization:
  name: "Example Neighbors Network"
local_help:
  - name: "Example Legal Clinic"
    phone: "555-0123"
    hours: "Tue 9-5"
    languages: [English, Español]
    cost: "Free consultations"
"""


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]


def _es_clock(moment: datetime) -> str:
    """A clock time as the Spanish agenda prints it (its non-breaking spaces read as spaces)."""
    return " ".join(clock_text(moment.time(), "es").split())


def _slide_text(slide) -> str:
    return " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


@pytest.fixture(scope="module")
def example(real_build) -> Path:
    """The example workshop, built beside the real curriculum (whose book the zip carries)."""
    result = run_cli("workshop", "example", "--out", str(real_build), root=ROOT)
    assert result.code == 0, result.err
    return real_build / "workshops" / "example"


@pytest.fixture(scope="module")
def plan():
    workshop = read_workshop(ROOT, "example", load_config(ROOT).local(ROOT))
    modules = {m.id: m for m in load_curriculum(ROOT, list(workshop.modules), workshop.lang).modules}
    return workshop, modules, timetable(workshop, modules, ES.introduction, ES.break_label)


def test_agenda_is_one_page_whose_times_add_up_with_the_break(example, plan):
    workshop, modules, items = plan
    pages = _pages(example / "agenda.pdf")
    assert len(pages) == 1
    text = pages[0]
    clock = datetime(2000, 1, 1, 18, 30)
    position = 0
    for item in items:  # every line starts where the previous one ended, in order on the page
        assert item.starts == clock.time()
        found = text.index(f"{_es_clock(clock)} {item.label[:20]}", position)
        position = found
        clock += timedelta(minutes=item.minutes)
    assert f"{_es_clock(clock)} {ES.ends}" in text
    assert ES.break_label in text and sum(i.minutes for i in items if i.kind == "break") == 10
    assert CLINIC_PHONE in text


def test_one_deck_with_dividers_breaks_local_help_and_closing(example, plan, tmp_path):
    workshop, modules, items = plan
    deck = example / "deck.pptx"
    prs = Presentation(str(deck))
    texts = [_slide_text(s) for s in prs.slides]
    assert workshop.title in texts[0] and texts[1].startswith(ES.agenda)
    for module_id in workshop.modules:  # a divider per module: "Parte n / 3 · times"
        assert any(modules[module_id].title in t and f"{ES.part} " in t for t in texts)
    assert any(f"{ES.back_at} 19:58" in t or ES.back_at in t and ES.break_label.upper() in t.upper() for t in texts)
    assert CLINIC_PHONE in texts[-1] and CLINIC_PHONE in texts[-2]
    assert sum(ES.closing_title in t for t in texts) == 0  # modules' own closings are replaced by one
    # The logo sits on the title slide and never overlaps the slide number.
    title = prs.slides[0]
    logo = next(sh for sh in title.shapes if sh.name == "Logo")
    number = next(sh for sh in title.shapes if sh.name == "Slide number")
    assert logo.top + logo.height < number.top or logo.left + logo.width < number.left
    assert logo.left + logo.width <= prs.slide_width and logo.top >= 0
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in prs.slides)
    profile = tmp_path / "profile"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(deck)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(str(tmp_path / "deck.pdf")).pages) == len(prs.slides)


def test_packet_has_cover_modules_one_glossary_evaluation_and_a_safe_sign_in(example, plan):
    workshop, modules, items = plan
    pages = _pages(example / "packet.pdf")
    assert workshop.title in pages[0] and workshop.venue in pages[0] and CLINIC_PHONE in pages[0]
    text = " ".join(pages)
    for module in modules.values():
        assert module.title in text
    assert sum(p.startswith(ES.glossary) for p in pages) == 1
    assert "ICE" in next(p for p in pages if p.startswith(ES.glossary))
    assert any(ES.evaluation in p and ES.evaluation_learned in p for p in pages)
    sign_in = [p for p in pages if ES.sign_in in p]
    assert sign_in and len(pages) % 2 == 0  # every part starts on a new sheet when printed both sides
    for page in sign_in:
        fields = page.replace(ES.sign_in_note, "").casefold()
        assert ES.sign_in_name.casefold() in fields
        for asked in ("estatus", "status", "nacionalidad", "nationality", "identificación", "pasaporte",
                      "seguro social", "a-number"):
            assert asked not in fields, f"the sign-in sheet asks for {asked}"


def test_run_of_show_has_clock_cues_printing_counts_and_facts_to_recheck(example, plan):
    workshop, modules, items = plan
    text = " ".join(_pages(example / "run-of-show.pdf"))
    assert ES.trainer_only in text and ES.checklist in text and ES.check_facts in text
    assert f"{ES.participant_packet} 30 + 3 {ES.spare}" in text
    assert f"{ES.say}:" in text and f"{ES.do}:" in text and f"{ES.ask}:" in text
    assert "6:30 p. m.–7:15 p. m." in text and "8:08 p. m." in text  # es.yml's clock: US Spanish
    assert re.search(r"00-overview, cell \d+, line \d+: 20\d\d-\d\d", text)  # a dated fact to re-check


def test_offline_zip_opens_in_chromium_with_no_request_off_the_page(example, tmp_path):
    from playwright.sync_api import sync_playwright

    from .test_book import CHROMIUM, CHROMIUM_ARGS

    with zipfile.ZipFile(example / "example-offline.zip") as archive:
        names = archive.namelist()
        assert "index.html" in names and "example/packet.pdf" in names and "book/es/index.html" in names
        archive.extractall(tmp_path)
    requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto((tmp_path / "index.html").as_uri())
        assert page.get_by_role("link", name=ES.participant_packet).count() == 1
        page.locator('a[href="book/es/index.html"]').click()
        page.wait_for_url("**/book/es/intro.html")  # the book's index.html forwards to its home page
        page.wait_for_selector("article h1")
        page.locator("nav a[href*='lessons/']").first.click()
        page.wait_for_load_state("load")
        # The workshop's own clinic (its `local:` block), not the curriculum's help, is in the book.
        legal = page.locator(".untangle-legal").inner_text()
        assert CLINIC_NAME in legal and CLINIC_PHONE in legal
        page.get_by_role("link", name=ES.local_help).first.click()
        page.wait_for_url("**/book/es/local-help.html")
        article = page.locator("article").inner_text()
        assert CLINIC_NAME in article and CLINIC_PHONE in article and HOTLINE_PHONE in article
        assert CLINIC_PHONE in page.locator(".bd-header-announcement").inner_text()
        browser.close()
    off = [url for url in requests if not url.startswith(("file://", "data:", "about:"))]
    assert not off, f"requests left the page: {off[:3]}"
    # The lesson pages still offer the decks and handouts, and the published book is untouched.
    assert any(n.startswith("book/es/lessons/") and n.endswith(".pptx") for n in names)
    assert not (example.parents[1] / "book" / "es" / "local-help.html").exists()


def test_local_help_reaches_book_decks_handouts_and_guides(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "curriculum.yml").write_text((root / "curriculum.yml").read_text() + LOCAL, encoding="utf-8")
    result = run_cli("build", "all", root=root)
    assert result.code == 0, result.err
    build = root / "build"
    pages = list((build / "book" / "en").rglob("*.html"))
    lesson = (build / "book" / "en" / "lessons" / "00-sample" / "index.html").read_text()
    assert LOCAL_PHONE in lesson and "Example Neighbors Network" in lesson  # legal box and footer
    assert (build / "book" / "en" / "local-help.html").is_file()
    assert all(LOCAL_PHONE in p.read_text() for p in pages if p.name in ("intro.html", "glossary.html"))
    for deck in (build / "slides").glob("*.pptx"):
        assert LOCAL_PHONE in _slide_text(Presentation(str(deck)).slides[-1])
    for pdf in [*(build / "handouts").glob("*.pdf"), *(build / "guides").glob("*.pdf")]:
        text = " ".join(_pages(pdf))
        assert LOCAL_PHONE in text and "immi.org" not in text, pdf


def test_without_local_help_the_handout_prints_a_write_in_box(fixture_build):
    text = " ".join(_pages(fixture_build / "handouts" / "00-sample.en.pdf"))
    assert EN.my_local_help in text and "immi.org" in text  # the write-in line, or the box on a roomy page


def _workshop(root: Path, body: str, name: str = "evening") -> None:
    (root / "workshops").mkdir(exist_ok=True)
    (root / "workshops" / f"{name}.yml").write_text(body, encoding="utf-8")


GOOD = 'title: "Evening"\nstart: "18:30"\nmodules: [00-sample]\n'


def test_an_over_long_workshop_prints_its_overrun(project):
    _workshop(project, GOOD + 'end: "18:40"\n')
    result = run_cli("workshop", "evening", root=project)
    assert result.code == 0, result.err
    minutes = load_curriculum(project).modules[0].minutes.total - 10
    assert EN.overrun.format(minutes=minutes, end="6:40 pm") in " ".join(result.err.split())
    agenda = " ".join(_pages(project / "build" / "workshops" / "evening" / "agenda.pdf"))
    assert EN.overrun.format(minutes=minutes, end="6:40 pm") in agenda


@pytest.mark.parametrize("body, place, message", [
    (GOOD.replace("[00-sample]", "[00-sample, 07-nothing]"), "line 3 (modules[2])", "unknown module '07-nothing'"),
    (GOOD.replace('"18:30"', '"25:99"'), "line 2 (start)", "'25:99' is not a clock time"),
    (GOOD + "local:\n  organization:\n    name: X\n    logo: missing.png\n", "line 4 (local.organization.logo)",
     "the logo file 'missing.png' does not exist"),
])
def test_a_bad_workshop_file_is_one_located_error(project, body, place, message):
    _workshop(project, body)
    result = run_cli("workshop", "evening", root=project)
    lines = result.err.strip().splitlines()
    assert result.code == 1 and len(lines) == 1 and "Traceback" not in result.err
    assert lines[0].startswith(f"error: workshops/evening.yml, {place}: {message}"), lines[0]
    assert not (project / "build" / "workshops").exists()


def test_a_bad_local_layer_in_settings_is_located(project):
    (project / "curriculum.yml").write_text("local_help:\n  - name: Clinic\n    phone: call us\n", encoding="utf-8")
    result = run_cli("check", root=project)
    assert result.code == 1
    assert "error: curriculum.yml, local_help[1].phone: 'call us' is not a phone number" in result.err


def test_workshop_new_writes_a_file_that_builds(project):
    result = run_cli("workshop", "new", "my-evening", root=project)
    assert result.code == 0, result.err
    assert read_workshop(project, "my-evening").modules == ("00-sample",)


def test_list_shows_minutes_languages_and_review_state(project):
    result = run_cli("list", "--format", "json", root=project)
    assert result.code == 0, result.err
    row = json.loads(result.out)["modules"][0]
    module = load_curriculum(project).modules[0]
    assert row["module"] == "00-sample" and row["languages"] == ["en"]
    assert row["minutes"] == module.minutes.total and row["last_reviewed"] == module.last_reviewed.isoformat()
    assert {"estimated_minutes", "review_marks", "oldest_dated_fact", "translations"} <= set(row)
    human = run_cli("list", root=project)
    assert "00-sample" in human.out and str(module.minutes.total) in human.out


def test_check_warns_only_when_a_module_cannot_fit_its_minutes(project):
    path = project / "modules" / "00-sample" / "en.ipynb"
    notebook = json.loads(path.read_text())
    trainer = next(c for c in notebook["cells"] if "trainer" in c["metadata"].get("tags", []))
    # 1602 words to say (13 minutes), the 10-minute activity and the discussion, which gives no
    # minutes and so counts as DISCUSSION_MINUTES (5): 28 minutes in all.
    trainer["source"] = "".join(trainer["source"]) + "\n\n" + "Say this to the group slowly. " * 260

    def timing(teaching: int) -> list[str]:
        notebook["metadata"]["untangle"]["minutes"]["teaching"] = teaching
        path.write_text(json.dumps(notebook))
        result = run_cli("check", "--format", "json", root=project)
        return [i["message"] for i in json.loads(result.out)["issues"] if i["rule"] == "timing.unrealistic"]

    assert timing(15) == []  # 25 declared: it fits
    assert timing(120) == []  # 130 declared: room for questions is not a mistake
    overrun = timing(5)  # 15 declared for 28 minutes of talk, activity and discussion: it cannot fit
    assert len(overrun) == 1 and "declares 15 minutes" in overrun[0] and "take about 28" in overrun[0]
    assert "raise 'minutes'" in overrun[0]


def test_the_real_curriculum_fits_its_declared_minutes():
    """No module of the real curriculum declares fewer minutes than its text, activities and
    discussions take (the warning used to fire on modules that simply left room to spare)."""
    result = run_cli("check", "--format", "json", root=ROOT)
    assert [i for i in json.loads(result.out)["issues"] if i["rule"] == "timing.unrealistic"] == []


def test_bilingual_workshop_prints_each_handout_in_both_languages(real_build, tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "modules").symlink_to(ROOT / "modules")
    _workshop(root, 'title: "Bilingüe"\nstart: "18:30"\nlanguages: [es, en]\ntrainer_language: en\n'
                    'modules: [02-287g]\n')
    result = run_cli("workshop", "evening", "--out", str(real_build), root=root)
    assert result.code == 0, result.err
    pages = _pages(real_build / "workshops" / "evening" / "packet.pdf")
    curriculum = load_curriculum(ROOT, ["02-287g"])
    es, en = (next(m for m in curriculum.modules if m.lang == code) for code in ("es", "en"))
    first = [n for n, p in enumerate(pages) if es.title in p][0]
    second = [n for n, p in enumerate(pages) if en.title in p][0]
    assert first < second and (second - first) % 2 == 0  # back to back, each starting a new sheet
    prs = Presentation(str(real_build / "workshops" / "evening" / "deck.pptx"))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert es.title in _slide_text(prs.slides[0]) or es.title in " ".join(_slide_text(s) for s in prs.slides)
    trainer_en = [c for c in en.cells if c.is_trainer][0]
    from curriculum.model import plain_text, walk_blocks, Paragraph

    sentence = next(plain_text(b.inlines) for b in walk_blocks(trainer_en.blocks) if isinstance(b, Paragraph))
    assert sentence[:40] in notes  # speaker notes in the trainer's language


@pytest.mark.parametrize("lang, clock, expected", [
    ("en", time(18, 30), "6:30 pm"), ("en", time(0, 5), "12:05 am"), ("en", time(12, 0), "12:00 pm"),
    ("es", time(18, 30), "6:30 p. m."), ("es", time(9, 5), "9:05 a. m."), ("es", time(0, 0), "12:00 a. m."),
])
def test_clock_times_follow_the_language_file(lang, clock, expected):
    written = clock_text(clock, lang)
    assert written.replace("\u00a0", " ") == expected
    assert " " not in written  # non-breaking: a time never wraps across two lines of a table


def test_a_new_languages_clock_rule_is_one_file(tmp_path, monkeypatch):
    """A 24-hour language needs only its file: `clock: "{HH}:{mm}"`; a bad rule is a located error."""
    from curriculum import languages

    for name, clock in (("xx", '"{HH}h{mm}"'), ("yy", '"{hour}:{mm}"')):
        text = (languages.FOLDER / "en.yml").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^clock: .*$", f"clock: {clock}", text)
        (tmp_path / f"{name}.yml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(languages, "FOLDER", tmp_path)
    languages.language.cache_clear()
    try:
        assert languages.language("xx").clock_text(time(7, 5)) == "07h05"
        with pytest.raises(Exception, match=r"yy\.yml.*'clock' may use only"):
            languages.language("yy")
    finally:
        languages.language.cache_clear()
