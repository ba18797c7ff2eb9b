"""Sphinx extension for the participant book: keep every page local, link it to its translations
and give glossary terms their definition.

- Readers fear surveillance, so the built book must not ask any other host for anything.
  Themes and extensions can add remote scripts or stylesheets (analytics, MathJax, web fonts);
  any such asset is removed from every page, with a warning in the build log so a new
  dependency cannot slip one in unnoticed.
- Every page links to the same page in the other languages (`untangle_switch`, shown by
  templates/untangle-language-switch.html), or to their home page when a lesson is not translated.
- A glossary term links to the glossary and carries its definition (the link's title), which
  static/untangle-terms.js shows on hover, keyboard focus and tap.
- The theme, Sphinx and sphinx-togglebutton name a few things in English whatever the page's
  language ("Main", "Link to this heading"): screen readers read those names, so every page
  gets its language's words in their place (`ENGLISH_ONLY`, applied by templates/layout.html;
  the toggle buttons, made by script, are renamed by static/untangle-labels.js).

`render.py` writes what these need into the `untangle_book` setting: the other languages and
their lessons, the glossary's definitions, and the labels the templates print.
"""
from __future__ import annotations

import html

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
#: Pages every language's book has under the same name.
SHARED_PAGES = ("glossary", "sources")
TERM_CLASS = "untangle-term"
#: Labels written in English in every language, as they appear in the page (attribute, English
#: text) -> the language file's label that replaces them. Exact strings of the pinned theme
#: versions: tests/test_book.py fails if an upgrade changes one.
ENGLISH_ONLY = {
    ("aria-label", "Announcement"): "theme_announcement",  # pydata-sphinx-theme's banner
    ("aria-label", "Main"): "theme_main_nav",  # sphinx-book-theme's list of lessons
    ("aria-label", "Page"): "theme_page_nav",  # sphinx-book-theme's printed contents
    ("title", "Link to this heading"): "theme_heading_link",  # Sphinx's ¶ links
    ("title", "Link to this term"): "theme_term_link",
}
#: The label of sphinx-togglebutton's buttons (made by its script, renamed by ours).
TOGGLE_LABEL = "theme_toggle_hidden"
#: The labels of our own words that this extension needs from render.py.
THEME_WORDS = (*ENGLISH_ONLY.values(), TOGGLE_LABEL)


def _is_remote(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    return name.startswith(("http://", "https://", "//"))


def keep_assets_local(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("script_files", "css_files"):
        assets = context.get(key) or []
        remote = [a for a in assets if _is_remote(a)]
        for asset in remote:
            LOGGER.warning("removed a remote asset from %s: %s", pagename, getattr(asset, "filename", asset))
        context[key] = [a for a in assets if not _is_remote(a)]


def counterpart(pagename: str, lessons: set[str], root: str) -> str:
    """The page of another language's book that shows what `pagename` shows here."""
    parts = pagename.split("/")
    if pagename in SHARED_PAGES or (len(parts) == 3 and parts[2] == "index" and parts[1] in lessons):
        return pagename
    return root


def language_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Links to this page in the other languages, and the labels our templates print."""
    settings = app.config.untangle_book
    up = "../" * (pagename.count("/") + 1)  # from this page to build/book/
    root = app.config.root_doc
    context["untangle_labels"] = settings.get("labels", {})
    context["untangle_switch"] = [
        {"code": other["code"], "name": other["name"],
         "href": f"{up}{other['code']}/{counterpart(pagename, set(other['lessons']), root)}.html"}
        for other in settings.get("languages", [])
    ]
    labels = settings.get("labels", {})
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<meta name="{name}" content="{html.escape(labels.get(key, ""))}">\n'
        for name, key in (("untangle-tap-again", "term_tap_again"), ("untangle-toggle-label", TOGGLE_LABEL)))
    context["untangle_own_words"] = own_words(labels)


def own_words(labels: dict[str, str]):
    """A function that puts the language's words in place of the theme's English-only labels in
    a rendered page (the identity for English)."""
    pairs = [(f'{attribute}="{english}"', f'{attribute}="{html.escape(labels[key])}"')
             for (attribute, english), key in ENGLISH_ONLY.items() if labels.get(key, english) != english]

    def replace(page: str) -> str:
        for english, own in pairs:
            page = page.replace(english, own)
        return page

    return replace


def mark_terms(app: Sphinx, doctree: nodes.document) -> None:
    """Remember, on the text of each glossary reference, which term it names (the reference
    itself is replaced when it is resolved)."""
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "std" and xref.get("reftype") == "term":
            for child in xref.children:
                if isinstance(child, nodes.Element):
                    child["untangle_term"] = xref["reftarget"]


def define_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each resolved glossary link its definition (its title) and the class that styles it."""
    definitions = app.config.untangle_book.get("definitions", {})
    for inline in doctree.findall(nodes.inline):
        term = inline.get("untangle_term")
        link = inline.parent
        if term and isinstance(link, nodes.reference) and term.casefold() in definitions:
            link["reftitle"] = definitions[term.casefold()]
            link["classes"].append(TERM_CLASS)


def cache_templates(app: Sphinx) -> None:
    """Keep the theme's compiled templates beside the doctrees: each build runs in a new process,
    and compiling the theme's Jinja templates again was a third of an incremental build."""
    from pathlib import Path

    from jinja2 import FileSystemBytecodeCache

    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", cache_templates)
    app.add_config_value("untangle_book", {}, "html", types=[dict])
    app.connect("html-page-context", keep_assets_local, priority=900)
    app.connect("html-page-context", language_switch)
    app.connect("doctree-read", mark_terms)
    app.connect("doctree-resolved", define_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}
