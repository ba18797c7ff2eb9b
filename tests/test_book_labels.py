"""The names a screen reader reads on a Spanish book page are Spanish: the theme, Sphinx and
sphinx-togglebutton write some in English whatever the language ("Main", "Announcement", "Link to
this heading", "Toggle hidden content"), and the book puts the language file's words in their
place. English pages keep the theme's own words. Checked in Chromium, after the page's scripts
ran (the toggle buttons are made by script)."""
from __future__ import annotations

from curriculum.languages import words

from .test_book import Visit, browser, serving  # noqa: F401  (browser is a fixture)

#: Pages with every kind of label: a lesson with drawings (toggle buttons), the glossary (term
#: links), the search page and the home page.
PAGES = ("lessons/02-287g/index.html", "glossary.html", "search.html", "intro.html")
#: (what a screen reader meets, where, which attribute, the language file's label).
CHECKED = (
    ("the legal notice banner", ".bd-header-announcement", "aria-label", "theme_announcement"),
    ("the list of lessons", "nav.bd-docs-nav", "aria-label", "theme_main_nav"),
    ("the printed contents", "#jb-print-toc nav", "aria-label", "theme_page_nav"),
    ("each heading's link", "h1 a.headerlink, h2 a.headerlink", "title", "theme_heading_link"),
    ("each glossary term's link", "dt a.headerlink", "title", "theme_term_link"),
    ("a drawing's long-description button", "button.toggle-button", "aria-label", "theme_toggle_hidden"),
)
#: Every name on the page a screen reader may read: labels, titles, placeholders, alt text and
#: the text of visually hidden elements (the skip link).
NAMES = """() => {
  const names = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of ['aria-label', 'title', 'data-bs-title', 'placeholder', 'alt']) {
      if (el.getAttribute(a)) names.push(el.getAttribute(a));
    }
    const cls = typeof el.className === 'string' ? el.className : '';
    if (/sr-only|visually-hidden|skip-link/.test(cls) && el.textContent.trim()) names.push(el.textContent.trim());
  }
  return names;
}"""


def _labels(page, selector: str, attribute: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, f"els => els.map(e => e.getAttribute('{attribute}'))"))


def test_spanish_pages_name_everything_in_spanish_and_english_pages_are_unchanged(real_build, browser):
    with serving(real_build) as base:
        visit = Visit(browser)
        page = visit.page
        seen = {lang: {} for lang in ("en", "es")}
        for path in PAGES:
            names = {}
            for lang in ("en", "es"):
                page.goto(f"{base}/{lang}/{path}", wait_until="load")
                names[lang] = set(page.evaluate(NAMES))
                for what, selector, attribute, key in CHECKED:
                    found = _labels(page, selector, attribute)
                    if found:
                        assert found == {getattr(words(lang), key)}, f"{lang}/{path}: {what}: {found}"
                        seen[lang][key] = found
            # Nothing the English page names is named the same on the Spanish one.
            assert not names["en"] & names["es"], f"{path}: English on the Spanish page: {names['en'] & names['es']}"
        visit.context.close()
    assert set(seen["es"]) == {key for *_, key in CHECKED}  # every kind was on some page
    # English keeps the theme's own words: the language file's English labels are exactly those.
    assert seen["en"] == {"theme_announcement": {"Announcement"}, "theme_main_nav": {"Main"},
                          "theme_page_nav": {"Page"}, "theme_heading_link": {"Link to this heading"},
                          "theme_term_link": {"Link to this term"},
                          "theme_toggle_hidden": {"Toggle hidden content"}}
