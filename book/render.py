"""Write a Jupyter Book source tree from the content model and build it with Sphinx.

Pages are MyST Markdown generated from the model's tree by `myst.py` (trainer cells are never
written, so they cannot leak), plus a home page, a glossary and a sources page. The source
tree, Sphinx's environment and its HTML output live in a cache folder that persists between
builds, and files are only rewritten when their text changes, so a rebuild after editing one
module re-reads and re-writes only what that edit touched.
"""
from __future__ import annotations

import html
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from functools import partial
from pathlib import Path

import yaml

from curriculum.errors import BuildError
from curriculum.languages import Language, Words, language
from curriculum import diagrams
from curriculum.model import Cell, Curriculum, Diagram, Glossary, Module, Source, Timeline, walk_blocks
from curriculum.source_notes import in_language
from curriculum.web import web_words

from . import myst
from .pages import LESSONS, Download, Translation
from .local import PAGE as LOCAL_PAGE
from .local import BookLocal
from .untangle_book import THEME_WORDS

HERE = Path(__file__).parent
STATIC = HERE / "static"
#: Our Jinja templates: the language switch, a labelled search button and the sidebar's landmarks.
TEMPLATES = HERE / "templates"


def page_path(module: Module) -> str:
    """Where a module's page lives inside the book (without the .html suffix)."""
    return f"{LESSONS}/{module.id}/index"


def render_book(
    curriculum: Curriculum,
    lang: str,
    title: str,
    downloads: dict[str, list[Download]],
    translations: list[Translation],
    cache: Path,
    out: Path,
    local: BookLocal = BookLocal(),
) -> list[str]:
    """Build the book for `lang` in `cache` (kept between builds) and copy it to `out`; return
    Sphinx's warnings.

    `downloads` maps a module id to what its page offers (the files are placed in the page's
    downloads/ folder when the build is published); `translations` are the other languages
    every page links to.
    """
    modules = curriculum.in_language(lang)
    glossary = curriculum.glossaries.get(lang) or Glossary(lang, Path("glossary"), ())
    words_ = language(lang)
    label = words_.words
    src = cache / "src"
    written: set[Path] = set()

    def put(rel: str, content: str | bytes) -> None:
        target = src / rel
        written.add(target)
        _write_if_changed(target, content)

    put("_config.yml", _config(title, lang, words_, glossary, translations, local))
    put("_toc.yml", _toc(modules, bool(local.lines)))
    put("intro.md", _home(title, modules, label, local))
    if local.lines:
        put(f"{LOCAL_PAGE}.md", local.page(label))
    put("glossary.md", _glossary_page(glossary, label))
    put("sources.md", _sources_page(modules, label))
    for asset in sorted(STATIC.iterdir()):
        put(f"_static/{asset.name}", asset.read_bytes())
    for template in sorted(TEMPLATES.iterdir()):
        put(f"_templates/{template.name}", template.read_bytes())
    for module in modules:
        folder = f"{LESSONS}/{module.id}"
        put(f"{folder}/index.md", module_page(module, label, downloads.get(module.id, []), local))
        for image in sorted((module.folder / "images").glob("*")) if (module.folder / "images").is_dir() else []:
            put(f"{folder}/images/{image.name}", image.read_bytes())
        for cell in module.cells:
            if cell.figure and cell.in_book:
                put(f"{folder}/figures/cell{cell.number}.png", cell.figure.png)
            for block in _drawings(cell) if cell.in_book else ():
                made = diagrams.drawing_for(block, module.folder.parents[1], module.lang)
                put(f"{folder}/{_drawing_file(cell, block)}", made.svg())
    _remove_stale(src, written)
    warnings = _sphinx(src, cache / "doctrees", cache / "html")
    shutil.copytree(cache / "html", out, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    return warnings


# ---------------------------------------------------------------- pages


def module_page(module: Module, label: Words, downloads: list[Download], local: BookLocal = BookLocal()) -> str:
    esc = myst.escape
    lines = [f"# {esc(module.title)}", "", f"*{esc(module.summary)}*", ""]
    lines += [
        f"**{esc(label.audience)}:** {esc(module.audience)}  ",
        f"**{esc(label.length)}:** {module.minutes.total} {esc(label.minutes)} · "
        f"**{esc(label.last_reviewed)}:** {module.last_reviewed.isoformat()}",
        "",
    ]
    if module.partly_translated:  # say so rather than let English text surprise a reader
        lines += [myst.fenced("note", esc(label.untranslated_notice)), ""]
    if downloads:
        names = {"slides": label.download_slides, "handouts": label.download_handout, "guides": label.download_guide,
                 "cards": label.download_cards}
        # Raw links: the files are placed beside the page when the build is published, so
        # Sphinx must not look for them in the book's source.
        links = "\n".join(f'- <a href="downloads/{html.escape(d.name)}" download>{html.escape(names.get(d.kind, d.name))}</a>'
                          for d in downloads)
        lines += [myst.fenced("container", links, "untangle-downloads"), ""]
    objectives = "\n".join(f"- {esc(text)}" for text in module.objectives)
    lines += [myst.fenced("admonition", objectives, esc(label.objectives), "untangle-objectives"), ""]
    for section in module.sections:
        if section.title:
            lines += [f"## {esc(section.title)}", ""]
        for cell in section.book_cells:
            lines += [_cell(cell, module, label), ""]
    lines += [f"## {esc(label.key_points)}", ""]
    lines += [f"- {esc(text)}" for text in module.key_points] + [""]
    lines += [f"## {esc(label.sources)}", "", _source_list(module.sources, module.lang, label, anchors=True), ""]
    lines += _legal_box(label, local)
    return "\n".join(lines)


def _cell(cell: Cell, module: Module, label: Words) -> str:
    if cell.kind == "code":
        return myst.image(cell.figure.alt, f"figures/cell{cell.number}.png") if cell.figure else ""
    numbers = module.source_numbers
    cite = lambda ids: _cite(ids, numbers)  # noqa: E731
    body = myst.blocks_myst(cell.blocks, cite, lambda image: myst.image(image.alt, image.src),
                            lambda block: _drawing(block, cell, module, cite))
    if cell.is_activity:
        title = f"{label.activity}: {cell.activity_name} · {cell.minutes} {label.minutes}"
        return myst.fenced("admonition", body, myst.escape(title), "untangle-activity")
    if cell.is_discussion:
        title = label.discussion + (f" · {cell.minutes} {label.minutes}" if cell.minutes else "")
        return myst.fenced("admonition", body, myst.escape(title), "untangle-discussion")
    return body


def _drawings(cell: Cell):
    return [b for b in walk_blocks(cell.blocks) if isinstance(b, (Diagram, Timeline))]


def _drawing_file(cell: Cell, block: Diagram | Timeline) -> str:
    """Where a cell's drawing is written beside its page (the SVG the page shows)."""
    return f"drawings/cell{cell.number}-line{block.line}.svg"


def _drawing(block: Diagram | Timeline, cell: Cell, module: Module, cite) -> str:
    """A drawing made from data: its SVG with alt text, a title, and the drawing in words
    (a timeline's events keep their citations) in a box readers can open."""
    made = diagrams.drawing_for(block, module.folder.parents[1], module.lang)
    esc = myst.escape
    if isinstance(block, Timeline):
        items = [f"- **{esc(diagrams.when(e.date, module.lang))}:** {myst.inline_myst(e.inlines, cite)}" for e in block.events]
    else:
        items = [f"- {esc(line)}" for line in made.long]
    words_ = web_words(module.lang)
    # The image directive takes the alt text as written (Markdown's ![...] would drop its punctuation).
    picture = f"```{{image}} {_drawing_file(cell, block)}\n:alt: {' '.join(made.alt.split())}\n```"
    if diagrams.steps_of(block, module.folder.parents[1]):  # a scenario: its steps in the open, in order
        steps = [f"{n}. {esc(line.split('. ', 1)[1])}" for n, line in enumerate(made.long, start=1)]
        return "\n\n".join([f"**{esc(made.title)}**", picture,
                              myst.fenced("container", "\n".join(steps), "untangle-drawing untangle-steps")])
    return "\n\n".join([f"**{esc(made.title)}**", picture,
                          myst.fenced("admonition", "\n".join(items), esc(words_.phrase("long_description")),
                                      "dropdown untangle-drawing")])


def _cite(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    links = ",".join(f'<a href="#src-{html.escape(i)}">{numbers.get(i, "?")}</a>' for i in ids)
    return f'<sup class="untangle-cite">[{links}]</sup>'


def _source_list(sources: tuple[Source, ...], lang: str, label: Words, anchors: bool) -> str:
    items = []
    for source in map(partial(in_language, lang=lang), sources):
        anchor = f' id="src-{html.escape(source.id)}"' if anchors else ""
        items.append(
            f"<li{anchor}>{html.escape(source.publisher)}. "
            f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>. '
            f"{html.escape(source.date)} ({label.accessed} {source.accessed.isoformat()}).</li>"
        )
    return '<ol class="untangle-sources">\n' + "\n".join(items) + "\n</ol>"


def _legal_box(label: Words, local: BookLocal = BookLocal()) -> list[str]:
    """The not-legal-advice notice with where to find help, as a MyST box."""
    return [myst.fenced("admonition", local.box_text(label), myst.escape(label.closing_title), "untangle-legal"), ""]


def _home(title: str, modules: tuple[Module, ...], label: Words, local: BookLocal = BookLocal()) -> str:
    """The language's home page: what the book is, every lesson as a card, where to get help."""
    esc = myst.escape
    lines = [f"# {esc(title)}", "", esc(label.home_intro), "", esc(label.home_how_to), ""]
    cards = "\n".join(f"- [{esc(module.title)}]({page_path(module)}.md) {esc(module.summary)} "
                      f'<span class="untangle-minutes">{module.minutes.total} {html.escape(label.minutes)}</span>'
                      for module in modules)
    lines += [myst.fenced("container", cards, "untangle-lessons"), ""]
    lines += _legal_box(label, local)
    return "\n".join(lines) + "\n"


def _glossary_page(glossary: Glossary, label: Words) -> str:
    lines = [f"# {myst.escape(label.glossary)}", "", myst.escape(label.glossary_page_intro), "", ":::{glossary}"]
    for entry in glossary.entries:
        definition = f"{entry.full}. {entry.definition}" if entry.full else entry.definition
        lines += [entry.term, f"  {myst.escape(definition)}", ""]
    return "\n".join(lines).rstrip() + "\n:::\n"


def _sources_page(modules: tuple[Module, ...], label: Words) -> str:
    lines = [f"# {myst.escape(label.sources)}", "", myst.escape(label.sources_page_intro), ""]
    for module in modules:
        lines += [f"## [{myst.escape(module.title)}]({page_path(module)}.md)", "",
                  _source_list(module.sources, module.lang, label, anchors=False), ""]
    return "\n".join(lines)


def _toc(modules: tuple[Module, ...], local_page: bool = False) -> str:
    chapters = [{"file": page_path(m)} for m in modules] + [{"file": "glossary"}, {"file": "sources"}]
    if local_page:
        chapters.append({"file": LOCAL_PAGE})
    return yaml.safe_dump({"format": "jb-book", "root": "intro", "chapters": chapters}, sort_keys=False)


def _config(title: str, lang: str, words_: Language, glossary: Glossary, translations: list[Translation],
            local: BookLocal = BookLocal()) -> str:
    config = yaml.safe_load((HERE / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = title
    if local.author:
        config["author"] = local.author
    label = words_.words
    sphinx_config = config["sphinx"]["config"]
    theme = sphinx_config["html_theme_options"]
    theme["announcement"] = myst.html_with_links(local.notice_short or label.legal_notice_short)
    theme["search_bar_text"] = label.search
    sphinx_config["language"] = lang
    sphinx_config["untangle_book"] = {
        "languages": [{"code": t.code, "name": t.name, "lessons": sorted(t.lessons)} for t in translations],
        "definitions": {e.term.casefold(): f"{e.full}. {e.definition}" if e.full else e.definition
                        for e in glossary.entries},
        "labels": {"search": label.search, "other_languages": label.other_languages,
                   "term_tap_again": label.term_tap_again, "toggle_lessons": label.toggle_lessons,
                   "toggle_contents": label.toggle_contents, **{key: getattr(label, key) for key in THEME_WORDS}},
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


# ---------------------------------------------------------------- files and Sphinx


def _write_if_changed(target: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _remove_stale(src: Path, written: set[Path]) -> None:
    """Delete pages of modules that no longer exist, so Sphinx does not keep them."""
    for path in sorted(src.rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _sphinx(src: Path, doctrees: Path, out: Path) -> list[str]:
    from jupyter_book.sphinx import build_sphinx

    log = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(log):
        result = build_sphinx(
            src,
            out,
            path_config=src / "_config.yml",
            doctreedir=doctrees,
            noconfig=True,
            confoverrides={"latex_individualpages": False, "external_toc_path": str(src / "_toc.yml")},
            really_quiet=False,
            quiet=True,
            freshenv=False,
        )
    warnings = [line for line in log.getvalue().splitlines() if "WARNING" in line or "ERROR" in line]
    if isinstance(result, BaseException) or result != 0:
        detail = warnings[0] if warnings else str(result)
        raise BuildError(f"the book did not build: {detail}", src)
    if not (out / "index.html").exists():
        shutil.copyfile(out / "intro.html", out / "index.html")
    return warnings
