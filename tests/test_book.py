"""Drive the built book in a real browser (Debian's Chromium through Playwright), served on
127.0.0.1 by `curriculum serve`, as a participant on a phone or a laptop would use it."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from curriculum.load import load_module
from curriculum.model import plain_text
from curriculum.languages import words

EN = words("en")

from .conftest import ROOT, TRAINER_MARKER, real_notebooks

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


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
        for label in (EN.download_slides, EN.download_handout):
            href = page.get_attribute(f"a:has-text('{label}')", "href")
            response = page.request.get(urllib.parse.urljoin(page.url, href))
            assert response.status == 200 and len(response.body()) > 1000, label
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
            heading = page.inner_text("h1").strip().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
            assert heading.startswith(module.title[:40])  # Sphinx curls the quotes
            html = page.content()
            text = page.inner_text("main").replace("\u2019", "'")
            for cell in module.cells:
                if cell.is_trainer:
                    for block in cell.blocks:
                        sample = plain_text(getattr(block, "inlines", ()))[:60]
                        if len(sample) >= 40:
                            assert sample not in text, f"{module_id}: trainer text in the book: {sample}"
            for link in (label.download_slides, label.download_handout):
                href = page.get_attribute(f"a:has-text('{link}')", "href")
                assert href, f"{module_id}.{lang}: no link '{link}'"
                assert page.request.get(urllib.parse.urljoin(page.url, href)).status == 200
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
            for name in ("English", "Español"):
                page.click(f"text={name}")
                page.wait_for_load_state("networkidle")
                lang = page.get_attribute("html", "lang")
                assert lang == ("en" if name == "English" else "es")
                assert words(lang).legal_notice_short[:30] in page.inner_text("body")
                page.go_back()
        assert visit.foreign() == []
        visit.context.close()
