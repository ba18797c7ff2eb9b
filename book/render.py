"""Write a Jupyter Book source tree from the content model and build it with Sphinx.

Pages are MyST Markdown written from the model (trainer cells are never written, so they cannot
leak), plus a home page, a glossary and a sources page. The source tree and Sphinx's doctrees
live in a cache folder and files are only rewritten when their text changes, so a rebuild after
editing one module re-reads only that page.
"""
from __future__ import annotations

import html
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import yaml

from curriculum.errors import BuildError
from curriculum.markup import replace_roles
from curriculum.model import Cell, Curriculum, Glossary, Module, Source
from curriculum.words import Words, words

HERE = Path(__file__).parent
STATIC = HERE / "static"
LESSONS = "lessons"


def page_path(module: Module) -> str:
    """Where a module's page lives inside the book (without the .html suffix)."""
    return f"{LESSONS}/{module.id}/index"


def render_book(
    curriculum: Curriculum,
    lang: str,
    title: str,
    downloads: dict[str, list[Path]],
    cache: Path,
    out: Path,
) -> list[str]:
    """Build the book for `lang` into `out`; return Sphinx's warnings.

    `downloads` maps a module id to the deck and handout files its page offers.
    """
    modules = curriculum.in_language(lang)
    glossary = curriculum.glossaries.get(lang) or Glossary(lang, Path("glossary"), ())
    label = words(lang)
    src = cache / "src"
    written: set[Path] = set()

    def put(rel: str, content: str | bytes) -> None:
        target = src / rel
        written.add(target)
        _write_if_changed(target, content)

    put("_config.yml", _config(title, lang, label))
    put("_toc.yml", _toc(modules))
    put("intro.md", _home(title, modules, label))
    put("glossary.md", _glossary_page(glossary, label))
    put("sources.md", _sources_page(modules, label))
    put("_static/untangle.css", (STATIC / "untangle.css").read_bytes())
    for module in modules:
        folder = f"{LESSONS}/{module.id}"
        files = downloads.get(module.id, [])
        for file in files:
            put(f"{folder}/downloads/{file.name}", file.read_bytes())
        put(f"{folder}/index.md", module_page(module, label, [f"downloads/{f.name}" for f in files]))
        for image in sorted((module.folder / "images").glob("*")) if (module.folder / "images").is_dir() else []:
            put(f"{folder}/images/{image.name}", image.read_bytes())
        for cell in module.cells:
            if cell.figure and cell.in_book:
                put(f"{folder}/figures/cell{cell.number}.png", cell.figure.png)
    _remove_stale(src, written)
    return _sphinx(src, cache / "doctrees", out)


# ---------------------------------------------------------------- pages


def module_page(module: Module, label: Words, downloads: list[str]) -> str:
    numbers = module.source_numbers
    lines = [f"# {module.title}", "", f"*{module.summary}*", ""]
    lines += [
        f"**{label.audience}:** {module.audience}  ",
        f"**{label.length}:** {module.minutes.total} {label.minutes} · "
        f"**{label.last_reviewed}:** {module.last_reviewed.isoformat()}",
        "",
    ]
    if downloads:
        names = {".pptx": label.download_slides, ".pdf": label.download_handout}
        lines += [":::{container} untangle-downloads"]
        lines += [f"- [{names.get(Path(d).suffix, Path(d).name)}]({d})" for d in downloads]
        lines += [":::", ""]
    lines += [f":::{{admonition}} {label.objectives}", ":class: untangle-objectives"]
    lines += [f"- {text}" for text in module.objectives] + [":::", ""]
    for section in module.sections:
        if section.title:
            lines += [f"## {section.title}", ""]
        for cell in section.book_cells:
            lines += [_cell(cell, module, numbers, label), ""]
    lines += [f"## {label.key_points}", ""]
    lines += [f"- {text}" for text in module.key_points] + [""]
    lines += [f"## {label.sources}", "", _source_list(module.sources, label, anchors=True), ""]
    lines += _legal_box(label)
    return "\n".join(lines)


def _cell(cell: Cell, module: Module, numbers: dict[str, int], label: Words) -> str:
    if cell.kind == "code":
        if not cell.figure:
            return ""
        return f"![{cell.figure.alt}](figures/cell{cell.number}.png)"
    text = replace_roles(cell.source, cite=lambda ids: _cite(ids, numbers), review=lambda note: "")
    if cell.is_activity:
        return _box(f"{label.activity}: {cell.activity_name} · {cell.minutes} {label.minutes}", "untangle-activity", text)
    if cell.is_discussion:
        title = label.discussion + (f" · {cell.minutes} {label.minutes}" if cell.minutes else "")
        return _box(title, "untangle-discussion", text)
    return text


def _box(title: str, css: str, body: str) -> str:
    fence = "::::" if ":::" in body else ":::"
    return f"{fence}{{admonition}} {title}\n:class: {css}\n{body}\n{fence}"


def _cite(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    links = ",".join(f'<a href="#src-{html.escape(i)}">{numbers.get(i, "?")}</a>' for i in ids)
    return f'<sup class="untangle-cite">[{links}]</sup>'


def _source_list(sources: tuple[Source, ...], label: Words, anchors: bool) -> str:
    items = []
    for source in sources:
        anchor = f' id="src-{html.escape(source.id)}"' if anchors else ""
        items.append(
            f"<li{anchor}>{html.escape(source.publisher)}. "
            f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>. '
            f"{html.escape(source.date)} ({label.accessed} {source.accessed.isoformat()}).</li>"
        )
    return '<ol class="untangle-sources">\n' + "\n".join(items) + "\n</ol>"


def _legal_box(label: Words) -> list[str]:
    """The not-legal-advice notice with where to find help, as a MyST box."""
    return [":::{admonition} " + label.closing_title, ":class: untangle-legal", label.legal_notice, ":::", ""]


def _home(title: str, modules: tuple[Module, ...], label: Words) -> str:
    lines = [f"# {title}", "", label.home_intro, "", label.home_how_to, ""]
    lines += _legal_box(label)
    for module in modules:
        lines.append(f"- [{module.title}]({page_path(module)}.md): {module.summary} "
                     f"({module.minutes.total} {label.minutes})")
    return "\n".join(lines) + "\n"


def _glossary_page(glossary: Glossary, label: Words) -> str:
    lines = [f"# {label.glossary}", "", label.glossary_page_intro, "", ":::{glossary}"]
    for entry in glossary.entries:
        definition = f"{entry.full}. {entry.definition}" if entry.full else entry.definition
        lines += [entry.term, f"  {definition}", ""]
    return "\n".join(lines).rstrip() + "\n:::\n"


def _sources_page(modules: tuple[Module, ...], label: Words) -> str:
    lines = [f"# {label.sources}", "", label.sources_page_intro, ""]
    for module in modules:
        lines += [f"## [{module.title}]({page_path(module)}.md)", "", _source_list(module.sources, label, anchors=False), ""]
    return "\n".join(lines)


def _toc(modules: tuple[Module, ...]) -> str:
    chapters = [{"file": page_path(m)} for m in modules] + [{"file": "glossary"}, {"file": "sources"}]
    return yaml.safe_dump({"format": "jb-book", "root": "intro", "chapters": chapters}, sort_keys=False)


def _config(title: str, lang: str, label: Words) -> str:
    config = yaml.safe_load((HERE / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = title
    sphinx_config = config["sphinx"]["config"]
    sphinx_config["html_theme_options"]["announcement"] = label.legal_notice_short
    sphinx_config["language"] = lang
    sphinx_config["html_static_path"] = ["_static"]
    sphinx_config["html_css_files"] = ["untangle.css"]
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
