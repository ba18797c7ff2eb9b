"""What the CLI commands do: check, then build (load -> check -> render -> publish).

Every output is rendered into a staging folder first and moved into `build/` only when all of
it succeeded, so a failed build leaves the last good outputs untouched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time as clock
from datetime import date, datetime, time, timezone
from pathlib import Path

from rich.console import Console

from .checks import Context, Issue, Severity, run_checks
from .checks.report import as_json, human_lines, module_table, summary, table_lines
from .cache import OutputCache, code_digest
from .config import CONFIG_FILE, Config, load_config
from .errors import BuildError, CheckFailed, LoadError
from .load import load_curriculum
from .model import Curriculum, Module


#: A handout is written for print: one sheet, both sides.
HANDOUT_PAGES = 2


def check(root: Path, ids: list[str] | None, lang: str | None, fmt: str, today: date, console: Console) -> int:
    config = load_config(root)
    failed: list[LoadError] = []
    curriculum = load_curriculum(root, ids, lang, errors=failed)
    issues = [Issue(Severity.ERROR, e.path, e.place or "file", e.rule, e.message, e.path.parent.name)
              for e in failed]
    issues += run_checks(Context(curriculum, config, today, whole=not ids and not lang and not failed))
    rows = module_table(curriculum)
    if fmt == "json":
        print(as_json(issues, root, len(curriculum.modules) + len(failed), rows))
    else:
        out = Console(highlight=False)
        for style, text in human_lines(issues, root):
            out.print(text, style=style, soft_wrap=True, markup=False)
        if rows:
            out.print()
            for line in table_lines(rows):
                out.print(line, style="dim", soft_wrap=True, markup=False)
        out.print(summary(issues, len(curriculum.modules) + len(failed)), style="bold")
    return 1 if any(i.severity is Severity.ERROR for i in issues) else 0


def build_time(module: Module) -> datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else the review date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    reviewed = module.last_reviewed
    return datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=timezone.utc)


def build(root: Path, target: str, ids: list[str] | None, lang: str | None, out: Path | None,
          console: Console, start: time | None = None) -> None:
    started = clock.monotonic()
    out = (out or root / "build").resolve()
    config = load_config(root)
    curriculum = load_curriculum(root, None, lang)  # the book always needs every module
    selected = load_curriculum(root, ids, lang).modules if ids else curriculum.modules
    _check_first(curriculum, config, root, console)
    staging = _staging(out)
    cache = _cache(root, out, start)
    try:
        wanted = {"slides", "handouts", "guides", "book"} if target == "all" else {target}
        if "slides" in wanted:
            _slides(selected, config, root, out, staging, cache, console)
        if "handouts" in wanted:
            _handouts(selected, curriculum, config, out, staging, cache, console)
        if "guides" in wanted:
            _guides(selected, out, staging, cache, console, start)
        if "book" in wanted:
            _books(curriculum, config, out, staging, console)
        _publish(staging, out)
        cache.save()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    console.print(f"[green]built[/green] {', '.join(sorted(wanted))} into {out} in {clock.monotonic() - started:.1f} s")


def _cache(root: Path, out: Path, start: time | None) -> OutputCache:
    """The output cache, keyed by Untangle's code, the settings and the build options."""
    import book
    import handouts
    import slides_builder

    packages = [Path(p.__file__).parent for p in (book, handouts, slides_builder)] + [Path(__file__).parent]
    settings = root / CONFIG_FILE
    shared = "|".join([
        code_digest(packages),
        settings.read_text(encoding="utf-8") if settings.is_file() else "",
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        start.isoformat() if start else "",
    ])
    return OutputCache(out, shared)


def _render_each(kind: str, ext: str, modules, out: Path, staging: Path, cache: OutputCache,
                 console: Console, render, extra: Path | None = None) -> None:
    """Render `render(module, target)` for each module into staging/kind, reusing unchanged outputs."""
    folder = staging / kind
    folder.mkdir(parents=True)
    for n, module in enumerate(modules, start=1):
        name = f"{module.id}.{module.lang}.{ext}"
        reused = cache.reuse(out / kind / name, folder / name, cache.key(module, extra))
        note = "  (unchanged)" if reused else ""
        console.print(f"  {kind:<9}{n:>2}/{len(modules)}  {name}{note}", markup=False)
        if not reused:
            render(module, folder / name)


def _check_first(curriculum: Curriculum, config: Config, root: Path, console: Console) -> None:
    issues = run_checks(Context(curriculum, config, date.today(), whole=True))
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        for style, text in human_lines(errors, root):
            console.print(text, style=style, soft_wrap=True, markup=False)
        first = errors[0]
        raise CheckFailed(
            f"{summary(issues, len(curriculum.modules))}; nothing was built (first: [{first.rule}] "
            f"{first.place}: {first.message})",
            first.path,
        )


def _staging(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    except OSError as exc:
        raise BuildError(f"cannot write to the output folder ({exc.strerror})", out) from None


def _slides(modules, config: Config, root: Path, out: Path, staging: Path, cache: OutputCache,
            console: Console) -> None:
    from slides_builder.render import DEFAULT_TEMPLATE, render_deck

    template = config.template_path(root) or DEFAULT_TEMPLATE
    if not template.is_file():
        raise BuildError("the slide template does not exist (setting 'slide_template')", template)
    _render_each("slides", "pptx", modules, out, staging, cache, console,
                 lambda module, target: render_deck(module, template, target, config.max_bullets_per_slide,
                                                    build_time(module)), extra=template)


def _handouts(modules, curriculum: Curriculum, config: Config, out: Path, staging: Path, cache: OutputCache,
              console: Console) -> None:
    from handouts.render import render_handout

    def render(module: Module, target: Path) -> None:
        glossary = curriculum.glossaries.get(module.lang)
        pages = render_handout(module, glossary, config, target, build_time(module))
        if pages > HANDOUT_PAGES:
            console.print(f"  warning: {module.path}: the handout has {pages} pages (aim for {HANDOUT_PAGES}); "
                          "shorten the cells tagged 'handout'", style="yellow", markup=False, soft_wrap=True)

    _render_each("handouts", "pdf", modules, out, staging, cache, console, render)


def _guides(modules, out: Path, staging: Path, cache: OutputCache, console: Console, start: time | None) -> None:
    from handouts.guide import render_guide

    _render_each("guides", "pdf", modules, out, staging, cache, console,
                 lambda module, target: render_guide(module, target, build_time(module), start))


def _books(curriculum: Curriculum, config: Config, out: Path, staging: Path, console: Console) -> None:
    from book.render import render_book

    for lang in curriculum.languages:
        console.print(f"  book     {lang}")
        downloads = {}
        for module in curriculum.in_language(lang):
            files = [
                folder / f"{module.id}.{lang}.{ext}"
                for folder, ext in ((staging / "slides", "pptx"), (staging / "handouts", "pdf"),
                                    (out / "slides", "pptx"), (out / "handouts", "pdf"))
            ]
            chosen = {}
            for file in files:  # freshly staged files win over published ones
                if file.is_file() and file.suffix not in chosen:
                    chosen[file.suffix] = file
            downloads[module.id] = [chosen[s] for s in (".pptx", ".pdf") if s in chosen]
        with console.status(f"running Sphinx for the {lang} book ..."):
            warnings = render_book(curriculum, lang, config.title, downloads,
                                   out / ".cache" / f"book-{lang}", staging / "book" / lang)
        for line in warnings:
            console.print(f"  {line}", style="yellow", soft_wrap=True, markup=False)
    _language_index(curriculum, staging / "book" / "index.html")


def _language_index(curriculum: Curriculum, target: Path) -> None:
    """`build/book/index.html`: straight to the only language, or a choice of languages."""
    names = {"en": "English", "es": "Español"}
    links = "".join(f'<li><a href="{lang}/index.html" lang="{lang}">{names.get(lang, lang)}</a></li>'
                    for lang in curriculum.languages)
    refresh = (f'<meta http-equiv="refresh" content="0; url={curriculum.languages[0]}/index.html">'
               if len(curriculum.languages) == 1 else "")
    target.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1">{refresh}<title>Untangle</title></head>'
        f"<body><h1>Untangle</h1><ul>{links}</ul></body></html>\n",
        encoding="utf-8",
    )


def _publish(staging: Path, out: Path) -> None:
    """Move each staged output into place: files one by one, book languages as whole folders."""
    for kind in ("slides", "handouts", "guides"):
        staged = staging / kind
        if staged.is_dir():
            (out / kind).mkdir(exist_ok=True)
            for file in sorted(staged.iterdir()):
                os.replace(file, out / kind / file.name)
    staged_book = staging / "book"
    if staged_book.is_dir():
        (out / "book").mkdir(exist_ok=True)
        for item in sorted(staged_book.iterdir()):
            final = out / "book" / item.name
            if item.is_dir():
                old = staging / f"old-{item.name}"
                if final.exists():
                    os.replace(final, old)
                os.replace(item, final)
            else:
                os.replace(item, final)
