"""The workshop use cases: `curriculum workshop NAME`, `curriculum workshop new NAME` and
`curriculum list`.

A workshop build reads the workshop file, loads and checks only its modules, runs every
WORKSHOP renderer of `outputs.WORKSHOP_REGISTRY` into a staging folder, adds the offline bundle
(the published book plus the workshop's files) and only then swaps
`build/workshops/<name>/` whole, so a failed build leaves the last good one in place.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time as clock
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console

from . import bundle, outputs
from .checks import Context, Severity, run_checks
from .checks.currency import dated_facts, fact_date
from .checks.report import human_lines
from .config import load_config
from .errors import BuildError, CheckFailed, CurriculumError, LoadError
from .languages import words
from .load import load_curriculum, notebooks
from .model import Review, block_inlines, walk_blocks, walk_inlines
from .rendering import RenderContext, epoch_from_environment
from .timing import estimated_minutes
from .workshop import NAME, clock_text, overrun, read_workshop, timetable, workshop_path

OUTPUT_FOLDER = "workshops"


def build_workshop(root: Path, name: str, out: Path | None, console: Console) -> int:
    started = clock.monotonic()
    out = (out or root / "build").resolve()
    config = load_config(root)
    workshop = read_workshop(root, name, config.local(root))
    curriculum = load_curriculum(root, list(workshop.modules), None)
    present = {(m.id, m.lang) for m in curriculum.modules}
    for code in workshop.languages:
        missing = [m for m in workshop.modules if (m, code) not in present]
        if missing:
            raise LoadError(f"module '{missing[0]}' has no '{code}' notebook (modules/{missing[0]}/{code}.ipynb); "
                            "choose another module or language", workshop.path, "modules")
    issues = run_checks(Context(curriculum, config, date.today(), whole=False))
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        for style, text in human_lines(errors, root):
            console.print(text, style=style, soft_wrap=True, markup=False)
        first = errors[0]
        raise CheckFailed(f"{len(errors)} error(s) in this workshop's modules; nothing was built (first: "
                          f"[{first.rule}] {first.place}: {first.message})", first.path)
    label = words(workshop.lang)
    items = timetable(workshop, {m.id: m for m in curriculum.in_language(workshop.lang)}, label.introduction,
                      label.break_label)
    late = overrun(workshop, items)
    context = RenderContext(curriculum, config, workshop.start, published=out, epoch=epoch_from_environment(),
                            workshop=workshop)
    own_help = workshop.local != config.local(root)
    if not own_help:
        _ensure_book(root, out, workshop.languages, console)
    target = out / OUTPUT_FOLDER / name
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target.parent))
    try:
        folder = staging / name
        folder.mkdir()
        book = staging / "book" if own_help else out / "book"
        warnings = _render(name, context, folder, console, _book_context(root, context) if own_help else None, book)
        bundle.write_bundle(book, folder, workshop, folder / bundle.file_name(name))
        console.print(f"  {'bundle':<12} {bundle.file_name(name)}", markup=False, highlight=False)
        _publish(folder, target, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for line in warnings:
        console.print(f"  warning: {line}", style="yellow", soft_wrap=True, markup=False)
    if late:
        console.print(f"warning: {label.overrun.format(minutes=late, end=clock_text(workshop.end, workshop.lang))}",
                      style="yellow", soft_wrap=True, markup=False)
    ends = items[-1].ends if items else workshop.start
    console.print(f"[green]built[/green] workshop '{name}' ({clock_text(workshop.start, 'en')} to "
                  f"{clock_text(ends, 'en')}, "
                  f"{len(workshop.modules)} modules) into {target} in {clock.monotonic() - started:.1f} s")
    return 0


def _render(name: str, context: RenderContext, folder: Path, console: Console,
            book_context: RenderContext | None, book: Path) -> list[str]:
    """Run the workshop's renderers side by side, one process each (the PDFs take seconds each),
    and, given `book_context`, the book of each of its languages with its own local help."""
    names = outputs.ordered(outputs.WORKSHOP_REGISTRY, outputs.WORKSHOP_REGISTRY)
    warnings: list[str] = []
    with ProcessPoolExecutor(min(len(names), os.cpu_count() or 1),
                             mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(_render_one, output, name, context, folder): output for output in names}
        if book_context is not None:
            futures |= {pool.submit(_render_book, code, book_context, book): f"book ({code})"
                        for code in context.workshop.languages}
        for future in as_completed(futures):
            file_name, found, error = future.result()
            if error:
                raise BuildError(f"{futures[future]} for workshop '{name}': {error}")
            console.print(f"  {futures[future]:<12} {file_name}", markup=False, highlight=False)
            warnings += found
    return warnings


def _render_one(output: str, name: str, context: RenderContext, folder: Path) -> tuple[str, list[str], str | None]:
    """One renderer (in a worker); a user error comes back as its message."""
    renderer = outputs.renderer(output, outputs.WORKSHOP_REGISTRY)
    try:
        return renderer.file_name(name, context.workshop.lang), renderer.render(name, context, folder), None
    except CurriculumError as exc:
        return output, [], str(exc)


def _book_context(root: Path, context: RenderContext) -> RenderContext:
    """What the book renderer needs to write the workshop's own book: every module of its
    languages, the workshop (whose local help it prints), the published decks and handouts its
    pages offer, and, for the language switch, only the languages the zip carries."""
    workshop, out = context.workshop, context.published
    curriculum = load_curriculum(root, None, None, errors=[])  # a notebook that fails to load is check's business
    published = {rel for rel in outputs.published(out) if not rel.startswith("book/")}
    modules = tuple(m for m in curriculum.modules if m.lang in workshop.languages)
    return replace(context, curriculum=replace(curriculum, modules=modules),
                   available=frozenset(published | {f"book/{code}" for code in workshop.languages}),
                   translations=frozenset((nb.parent.name, nb.stem) for nb in notebooks(root / "modules")
                                          if nb.stem in workshop.languages))


def _render_book(code: str, context: RenderContext, book: Path) -> tuple[str, list[str], str | None]:
    """The book in `code` with the workshop's local help (in a worker), into `book/<code>`, with
    the decks and handouts its lesson pages offer copied from the published build. Sphinx's own
    warnings are the book build's business, so they are not repeated here."""
    renderer = outputs.renderer("book")
    try:
        renderer.render(code, context, book)
    except CurriculumError as exc:
        return "book", [], str(exc)
    for source, place in renderer.linked(context.published):
        if place.startswith(f"book/{code}/"):
            target = book / place.removeprefix("book/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(context.published / source, target)
    return f"book/{code}", [], None


def _ensure_book(root: Path, out: Path, languages, console: Console) -> None:
    """The offline bundle carries the book: build it first when it is not in `out` yet."""
    if all((out / "book" / code / "index.html").is_file() for code in languages):
        return
    from .app import build

    for code in languages:
        console.print(f"  building the book ({code}) for the offline bundle", markup=False, highlight=False)
        # Quiet: the modules' warnings are `check`'s business; a failure still raises.
        if build(root, ["book"], None, code, out, Console(stderr=True, quiet=True)) != 0:
            raise BuildError("the book could not be built for the offline bundle", out / "book")


def _publish(folder: Path, target: Path, staging: Path) -> None:
    """Swap the workshop's folder whole."""
    if target.exists():
        os.replace(target, staging / "old")
    os.replace(folder, target)


EXAMPLE = """\
# A workshop: modules run in order for one evening. Build it with:
#   .venv/bin/curriculum workshop {name}
# Every key is explained in docs/trainers.md ("Workshops").
title: "{title}"
date: {day}
start: "18:30"
end: "20:30"
venue: "Write the place here"
languages: [en]          # [es] for Spanish; [es, en] prints every handout in both
audience: "Community members. No legal background needed."
participants: 25
modules: [{modules}]
breaks:
  - after: {first}
    minutes: 10
# local:               # overrides the local help in curriculum.yml for this workshop
#   local_help:
#     - name: "Your clinic"
#       phone: "555-0100"
"""


def new_workshop(root: Path, name: str) -> Path:
    """`workshops/<name>.yml` with every key shown once, ready to edit and build."""
    if not NAME.match(name):
        raise LoadError(f"'{name}' is not a workshop name: use lowercase letters, digits and hyphens, "
                        "e.g. church-basement-jan")
    path = workshop_path(root, name)
    if path.exists():
        raise LoadError("this workshop already exists; edit it or choose another name", path)
    folders = sorted(p.name for p in (root / "modules").iterdir() if p.is_dir() and p.name[:2].isdigit())
    chosen = folders[:2] or ["00-overview"]
    path.parent.mkdir(exist_ok=True)
    path.write_text(EXAMPLE.format(name=name, title=name.replace("-", " ").capitalize(),
                                   day=(date.today() + timedelta(days=14)).isoformat(),
                                   modules=", ".join(chosen), first=chosen[0]), encoding="utf-8")
    return path


# ---------------------------------------------------------------- curriculum list


def module_rows(root: Path, today: date) -> list[dict]:
    """One row per module: what exists, in which languages, how current it is."""
    config = load_config(root)
    curriculum = load_curriculum(root)
    issues = run_checks(Context(curriculum, config, today, whole=False))
    behind = {(i.module, i.path.stem) for i in issues if i.rule.startswith("translation.")}
    rows = []
    for module_id in dict.fromkeys(m.id for m in curriculum.modules):
        versions = {m.lang: m for m in curriculum.modules if m.id == module_id}
        main = versions.get("en") or next(iter(versions.values()))
        reviews = sum(1 for m in versions.values() for c in m.cells for b in walk_blocks(c.blocks)
                      for inl in block_inlines(b) for i in walk_inlines(inl) if isinstance(i, Review))
        facts = []
        for m in versions.values():
            for _, fact in dated_facts(m):
                try:
                    facts.append(fact_date(fact.date))
                except ValueError:
                    pass
        rows.append({
            "module": module_id,
            "title": main.title,
            "minutes": main.minutes.total,
            "estimated_minutes": estimated_minutes(main),
            "languages": sorted(versions),
            "translations": {code: ("behind" if (module_id, code) in behind else "current")
                             for code in sorted(versions) if code != main.lang},
            "last_reviewed": max(m.last_reviewed for m in versions.values()).isoformat(),
            "review_marks": reviews,
            "oldest_dated_fact": min(facts).isoformat() if facts else None,
        })
    return rows


def list_modules(root: Path, fmt: str, today: date) -> int:
    rows = module_rows(root, today)
    if fmt == "json":
        print(json.dumps({"modules": rows}, indent=2, ensure_ascii=False))
        return 0
    out = Console(highlight=False)
    out.print(f"{'module':<32} {'min':>4} {'est':>4}  {'languages':<14} {'reviewed':<10} {'marks':>5}  oldest fact",
              markup=False)
    for row in rows:
        langs = ", ".join(f"{c}{'*' if row['translations'].get(c) == 'behind' else ''}" for c in row["languages"])
        out.print(f"{row['module']:<32} {row['minutes']:>4} {row['estimated_minutes']:>4}  {langs:<14} "
                  f"{row['last_reviewed']:<10} {row['review_marks']:>5}  {row['oldest_dated_fact'] or '-'}",
                  markup=False, soft_wrap=True)
    out.print("min: declared minutes; est: estimated from the spoken text, activities and discussions; "
              "*: translation behind the English", style="dim", markup=False)
    return 0

