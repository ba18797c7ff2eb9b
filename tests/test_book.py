"""Drive the built book in a real browser (Debian's Chromium through Playwright), served on
127.0.0.1 by `curriculum serve`, as a participant on a phone or a laptop would use it: every
page in both languages, the language switch, glossary definitions, downloads, and axe-core's
accessibility rules at laptop and phone widths."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

from curriculum.load import load_glossary, load_module
from curriculum.model import cards_of, plain_text
from curriculum.languages import language, words

EN = words("en")

from .conftest import ROOT, TRAINER_MARKER, copy_project, real_notebooks, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
#: axe-core, installed at the version tests/axe/package-lock.json pins by `make test` (npm ci).
AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(build: Path):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "curriculum.cli", "serve", "--out", str(build), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visit:
    """A browser page that records every request it makes."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def foreign(self) -> list[str]:
        return [u for u in self.requests
                if urlparse(u).scheme not in ("data", "blob", "about") and urlparse(u).hostname != "127.0.0.1"]


def test_fixture_book_navigation_downloads_and_privacy(fixture_build, browser):
    with serving(fixture_build) as base:
        visit = Visit(browser)
        page = visit.page
        page.goto(base + "/en/index.html", wait_until="networkidle")
        assert page.title().startswith("Test book")
        assert "not legal advice" in page.inner_text("body")
        page.click("nav >> text=Sample lesson about fingerprints")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/lessons/00-sample/index.html")
        body = page.inner_text("main")
        assert TRAINER_MARKER not in page.content()
        assert body.index(EN.objectives) < body.index("How the data moves") < body.index(EN.key_points) < body.index(EN.sources)
        assert "Activity: Follow the prints · 10 minutes" in body
        # The book-only table is here; the slides-only bullets are not.
        assert page.locator("table >> text=Booking").count() == 1
        assert "Prints travel from jail to FBI" not in body
        # A citation jumps to its source at the end of the page.
        page.click("sup.untangle-cite >> nth=0 >> a >> nth=0")
        assert page.url.endswith("#src-report")
        # Glossary links resolve to the glossary page.
        page.click("main a:has-text('FBI') >> nth=0")
        page.wait_for_load_state("networkidle")
        assert "/glossary.html" in page.url and "Federal Bureau of Investigation" in page.inner_text("main")
        page.go_back()
        for label in (EN.download_slides, EN.download_handout, EN.download_guide):
            href = page.get_attribute(f"a:has-text('{label}')", "href")
            response = page.request.get(urllib.parse.urljoin(page.url, href))
            assert response.status == 200 and len(response.body()) > 1000, label
        # The lesson plan is the trainer's PDF, not the handout under another name.
        plan = page.request.get(urllib.parse.urljoin(page.url, page.get_attribute(f"a:has-text('{EN.download_guide}')", "href")))
        handout = page.request.get(urllib.parse.urljoin(page.url, page.get_attribute(f"a:has-text('{EN.download_handout}')", "href")))
        assert plan.body()[:5] == b"%PDF-" and plan.body() != handout.body()
        assert visit.foreign() == []
        visit.context.close()


def test_book_reads_on_a_phone(fixture_build, browser):
    with serving(fixture_build) as base:
        visit = Visit(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        visit.page.goto(base + "/en/lessons/00-sample/index.html", wait_until="networkidle")
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the phone"
        assert visit.page.is_visible("text=What you will learn")
        assert visit.foreign() == []
        visit.context.close()


def test_real_book_every_module_page(real_build, browser):
    with serving(real_build) as base:
        visit = Visit(browser)
        page = visit.page
        page.goto(base + "/en/index.html", wait_until="networkidle")
        for module_id, lang in real_notebooks():
            module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
            label = words(lang)
            response = page.goto(f"{base}/{lang}/lessons/{module_id}/index.html", wait_until="networkidle")
            assert response.status == 200
            assert page.inner_text("h1").strip().startswith(module.title[:40])  # the model's quotes, as typed there
            html = page.content()
            text = page.inner_text("main")
            for cell in module.cells:
                if cell.is_trainer:
                    for block in cell.blocks:
                        sample = plain_text(getattr(block, "inlines", ()))[:60]
                        if len(sample) >= 40:
                            assert sample not in text, f"{module_id}: trainer text in the book: {sample}"
            for link in (label.download_slides, label.download_handout, label.download_guide):
                href = page.get_attribute(f"a:has-text('{link}')", "href")
                assert href, f"{module_id}.{lang}: no link '{link}'"
                assert page.request.get(urllib.parse.urljoin(page.url, href)).status == 200
            cards = [c for cell in module.card_activities for c in cards_of(cell)]
            assert page.locator(".untangle-cards li").count() == len(cards), f"{module_id}.{lang}: the cards"
            if cards:  # the card sheet downloads beside the deck and handout; lessons without cards offer none
                assert plain_text(cards[0].title) in page.inner_text(".untangle-cards")
                href = page.get_attribute(f"a:has-text('{label.download_cards}')", "href")
                sheet = page.request.get(urllib.parse.urljoin(page.url, href))
                assert sheet.status == 200 and sheet.body()[:5] == b"%PDF-"
            else:
                assert page.locator(f"a:has-text('{label.download_cards}')").count() == 0
            assert "{src}" not in html and "{term}" not in html and "{review}" not in html
        for lang in sorted({lang for _, lang in real_notebooks()}):
            for name in ("glossary", "sources"):
                assert page.goto(f"{base}/{lang}/{name}.html").status == 200
        assert visit.foreign() == [], visit.foreign()[:5]
        visit.context.close()


def test_language_choice_and_spanish_pages(real_build, browser):
    langs = sorted({lang for _, lang in real_notebooks()})
    with serving(real_build) as base:
        visit = Visit(browser)
        page = visit.page
        page.goto(base + "/", wait_until="networkidle")
        if len(langs) == 1:
            assert page.url.endswith(f"/{langs[0]}/intro.html")
        else:
            for lang in ("en", "es"):
                # The landing page speaks each language in its own words.
                assert page.get_attribute(f"section:has-text('{words(lang).read_book}')", "lang") == lang
                page.click(f"text={words(lang).read_book}")
                page.wait_for_load_state("networkidle")
                assert page.get_attribute("html", "lang") == lang
                assert words(lang).legal_notice_short[:30] in page.inner_text("body")
                page.go_back()
        assert visit.foreign() == []
        visit.context.close()


# ---------------------------------------------------------------- language switch and titles


def _switch(page, lang: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.click(f"nav.untangle-language-switch a[hreflang='{lang}']")


def test_language_switch_lands_on_the_same_lesson(real_build, browser):
    both = sorted({m for m, lang in real_notebooks() if lang == "es"} & {m for m, lang in real_notebooks() if lang == "en"})
    assert both, "no lesson has both languages"
    with serving(real_build) as base:
        visit = Visit(browser, **PHONE)  # the switch must be there without opening a menu
        page = visit.page
        for module_id in both:
            page.goto(f"{base}/es/lessons/{module_id}/index.html", wait_until="load")
            _switch(page, "en")
            assert page.url == f"{base}/en/lessons/{module_id}/index.html"
            assert page.get_attribute("html", "lang") == "en"
            title = load_module(ROOT / "modules" / module_id / "en.ipynb").title
            assert page.inner_text("h1").strip().startswith(title[:40])
            _switch(page, "es")
            assert page.url == f"{base}/es/lessons/{module_id}/index.html"
        for name in ("glossary", "sources", "intro"):
            page.goto(f"{base}/en/{name}.html", wait_until="load")
            _switch(page, "es")
            assert page.url == f"{base}/es/{name}.html"
        assert visit.foreign() == []
        visit.context.close()


@pytest.fixture(scope="module")
def bilingual_build(tmp_path_factory) -> Path:
    """The fixture project with its lesson in English and Spanish, plus a lesson only in English."""
    project = copy_project(tmp_path_factory.mktemp("bilingual") / "project")
    modules = project / "modules"
    sample = modules / "00-sample"
    notebook = json.loads((sample / "en.ipynb").read_text())
    notebook["metadata"]["untangle"]["lang"] = "es"
    (sample / "es.ipynb").write_text(json.dumps(notebook))
    shutil.copyfile(modules / "glossary.en.yml", modules / "glossary.es.yml")
    shutil.copytree(sample, modules / "01-english-only")
    (modules / "01-english-only" / "es.ipynb").unlink()
    notebook = json.loads((sample / "en.ipynb").read_text())
    notebook["metadata"]["untangle"].update(id="01-english-only", title="A lesson only in English")
    (modules / "01-english-only" / "en.ipynb").write_text(json.dumps(notebook))
    result = run_cli("build", "book", root=project)
    assert result.code == 0, result.err + result.out
    return project / "build"


def test_language_switch_without_a_translation_goes_to_the_other_home(bilingual_build, browser):
    with serving(bilingual_build) as base:
        visit = Visit(browser)
        page = visit.page
        page.goto(f"{base}/en/lessons/01-english-only/index.html", wait_until="networkidle")
        _switch(page, "es")
        assert page.url == f"{base}/es/intro.html"
        assert page.get_attribute("html", "lang") == "es"
        # ...while a translated lesson still switches to itself.
        page.goto(f"{base}/en/lessons/00-sample/index.html", wait_until="networkidle")
        _switch(page, "es")
        assert page.url == f"{base}/es/lessons/00-sample/index.html"
        assert visit.foreign() == []
        visit.context.close()


def test_titles_are_in_the_page_language(real_build, browser):
    with serving(real_build) as base:
        visit = Visit(browser)
        page = visit.page
        for lang in sorted({lang for _, lang in real_notebooks()}):
            site = language(lang).site_title
            others = [language(code).site_title for code in ("en", "es") if code != lang]
            page.goto(f"{base}/{lang}/intro.html", wait_until="networkidle")
            assert page.title() == site  # the home page's tab: the site title, once
            for module_id in sorted(m for m, code in real_notebooks() if code == lang)[:4]:
                page.goto(f"{base}/{lang}/lessons/{module_id}/index.html", wait_until="networkidle")
                module = load_module(ROOT / "modules" / module_id / f"{lang}.ipynb")
                assert page.title().strip() == f"{module.title} \u2014 {site}"
                assert not any(other in page.title() for other in others)
                # The theme's buttons speak the page's language too.
                name = page.eval_on_selector(".bd-header-article .primary-toggle",  # Bootstrap moves the title
                                             "e => e.title || e.dataset.bsOriginalTitle")
                assert name == words(lang).toggle_lessons
            page.goto(f"{base}/{lang}/glossary.html", wait_until="networkidle")
            assert page.title() == f"{words(lang).glossary} \u2014 {site}"
            assert page.get_attribute(".untangle-search .search-button__default-text", "class") is not None
            assert page.inner_text(".untangle-search").strip().startswith(words(lang).search)
        visit.context.close()


# ---------------------------------------------------------------- glossary, search, legal help


def _definition(lang: str, term: str) -> str:
    entry = load_glossary(ROOT / "modules" / f"glossary.{lang}.yml", lang).get(term)
    return f"{entry.full}. {entry.definition}" if entry.full else entry.definition


def test_glossary_term_shows_its_definition_on_focus_hover_and_tap(real_build, browser):
    with serving(real_build) as base:
        for options in (LAPTOP, PHONE):
            visit = Visit(browser, **options)
            page = visit.page
            url = f"{base}/es/lessons/02-287g/index.html"
            page.goto(url, wait_until="networkidle")
            term = page.locator("main a.untangle-term").first
            # Styled as the home page promises: a dotted underline.
            assert term.evaluate("e => getComputedStyle(e).textDecorationStyle") == "dotted"
            tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
            name = term.get_attribute("href").split("#term-")[1]
            shown = term.inner_text().strip()
            entry = load_glossary(ROOT / "modules" / "glossary.es.yml", "es")
            expected = next(_definition("es", e.term) for e in entry.entries
                            if e.term.replace("(", "-").replace(")", "").replace(" ", "-").strip("-") == name
                            or e.term.casefold() == shown.casefold())
            assert not tip.is_visible()
            if options is LAPTOP:
                term.focus()  # a keyboard user tabs to the word
                assert tip.is_visible() and tip.inner_text().startswith(expected)
                page.keyboard.press("Escape")
                assert not tip.is_visible()
                page.mouse.move(0, 0)
                term.hover()
                assert tip.is_visible()
            else:
                term.tap()  # the first tap shows the definition and stays on the page
                assert tip.is_visible() and tip.inner_text().startswith(expected)
                assert words("es").term_tap_again in tip.inner_text()
                assert page.url == url
                box = tip.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the definition runs off the phone"
                # The second tap follows the link to the glossary. (Headless Chromium does not
                # always navigate on a synthetic tap; then the tap must at least be let through.)
                page.evaluate("addEventListener('click', e => { window.letThrough = !e.defaultPrevented; })")
                term.tap()
                try:
                    page.wait_for_url(f"{base}/es/glossary.html#term-*", timeout=3000)
                except PlaywrightTimeout:
                    assert page.evaluate("window.letThrough") is True
            assert visit.foreign() == []
            visit.context.close()


def test_one_search_box_and_legal_help_links(real_build, browser):
    with serving(real_build) as base:
        for options in (LAPTOP, PHONE):
            visit = Visit(browser, **options)
            page = visit.page
            for lang, address in (("en", "immi.org"), ("es", "immi.org/es")):
                page.goto(f"{base}/{lang}/lessons/00-overview/index.html", wait_until="networkidle")
                searches = [b for b in page.locator(".search-button__button").all() if b.is_visible()]
                assert len(searches) == 1, f"{len(searches)} search boxes at {options['viewport']['width']} px"
                page.goto(f"{base}/{lang}/intro.html", wait_until="networkidle")
                for place in (".bd-header-announcement", ".untangle-legal"):
                    link = page.locator(f"{place} a:text-is('{address}')")
                    assert link.get_attribute("href") == f"https://{address}"
            assert visit.foreign() == []
            visit.context.close()


# ---------------------------------------------------------------- accessibility


def _pages(build: Path) -> list[str]:
    """Every page a reader can reach: the landing page and each language's pages (not the
    redirect from <lang>/index.html to the home page, nor Sphinx's empty index)."""
    book = build / "book"
    return sorted(p.relative_to(book).as_posix() for p in book.rglob("*.html")
                  if "_static" not in p.parts and p.name != "genindex.html"
                  and not (p.name == "index.html" and p.parent.parent == book))


#: Start axe without waiting for it; keep only what the test reads (the whole result is megabytes).
START_AXE = """() => {
  window.axeResult = null;
  axe.run(document, {resultTypes: ["violations"]}).then(r => {
    window.axeResult = {passes: r.passes.length, violations: r.violations.map(v => (
      {id: v.id, impact: v.impact, nodes: v.nodes.length, html: v.nodes[0].html}))};
  });
}"""


def test_every_page_passes_axe_at_laptop_and_phone_width(real_build, browser):
    """axe-core's serious and critical rules on every page, a laptop and a phone tab side by side
    (axe takes a second or two a page; the two tabs' renderers run it at the same time)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE.relative_to(ROOT)}): `make test` installs it "
                    "(npm ci --prefix tests/axe)")
    pages = _pages(real_build)
    assert len(pages) == 1 + sum(1 for _ in real_notebooks()) + 4 * len({lang for _, lang in real_notebooks()})
    problems: list[str] = []
    with serving(real_build) as base:
        visits = [(1280, Visit(browser, **LAPTOP)), (390, Visit(browser, **PHONE))]
        for _, visit in visits:
            visit.context.add_init_script(path=str(AXE))  # from the pinned file, never a CDN
        for rel in pages:
            for _, visit in visits:
                assert visit.page.goto(f"{base}/{rel}", wait_until="load").status == 200, rel
                visit.page.evaluate(START_AXE)
            for width, visit in visits:
                visit.page.wait_for_function("window.axeResult !== null", polling=50)
                result = visit.page.evaluate("window.axeResult")
                assert result["passes"], f"axe checked nothing on {rel}"
                for rule in result["violations"]:
                    if rule["impact"] in ("serious", "critical"):
                        problems.append(f"{rel} at {width} px: {rule['id']} ({rule['impact']}, {rule['nodes']} "
                                        f"node(s)): {rule['html'][:160]}")
        for _, visit in visits:
            assert visit.foreign() == []
            visit.context.close()
    assert problems == [], "\n".join(problems[:20])
