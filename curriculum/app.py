"""What the CLI commands do: check, then build (load -> check -> render -> publish).

Every output is rendered into a staging folder first and moved into `build/` only when all of
it succeeded, so a failed build leaves the last good outputs untouched. Outputs come from the
renderers in `outputs.REGISTRY`; modules render in a pool of processes, one per core, and an
output whose inputs did not change is kept as it is.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time as clock
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path

from rich.console import Console

from . import cache, outputs
from .checks import Context, Issue, Severity, run_checks
from .checks.report import as_json, brief_lines, human_lines, module_table, summary, table_lines
from .config import CONFIG_FILE, load_config, settings_table  # noqa: F401 (settings_table: for the CLI)
from .errors import BuildError, CheckFailed, CurriculumError, LoadError
from .languages import FOLDER as LANGUAGE_FOLDER
from .load import MEMO_FOLDER, load_curriculum, module_folders, notebooks, resolve_ids
from .rendering import LANGUAGE, MODULE, Job, RenderContext, epoch_from_environment
from .workshop_app import build_workshop, list_modules, new_workshop  # noqa: F401  (issue 9: the CLI calls them here)

#: A handout is written for print: one sheet, both sides.
HANDOUT_PAGES = 2
LAST_BUILD = "last-build.json"
#: Up to this many per-module jobs share the one module worker started with the build; more
#: start a worker per remaining core.
FEW_JOBS = 6


def check(root: Path, ids: list[str] | None, lang: str | None, fmt: str, today: date, console: Console) -> int:
    config = load_config(root)
    failed: list[LoadError] = []
    curriculum = load_curriculum(root, ids, lang, errors=failed)
    issues = _load_issues(failed)
    issues += run_checks(Context(curriculum, config, today, whole=not ids and not lang and not failed), root / MEMO_FOLDER)
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


def _load_issues(failed: list[LoadError]) -> list[Issue]:
    return [Issue(Severity.ERROR, e.path, e.place or "file", e.rule, e.message, e.path.parent.name, e.label)
            for e in failed]


@dataclass
class _Plan:
    """What a build will do: jobs to render, outputs kept as they are, and what is skipped."""

    jobs: list[Job] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "what: why"
    expected: list[str] = field(default_factory=list)  # every build-relative output path
    dropped: list[str] = field(default_factory=list)  # optional outputs a module no longer has (its cards)


def build(root: Path, targets: list[str], ids: list[str] | None, lang: str | None, out: Path | None,
          console: Console, start: time | None = None, keep_going: bool = False, verbose: bool = False) -> int:
    """Build `targets` ("slides", "book", ... or "all"); return the exit status (1 when
    --keep-going skipped something). Check errors are printed in full, warnings as a count per
    rule unless `verbose`."""
    started = clock.monotonic()
    out = (out or root / "build").resolve()
    names = outputs.ordered(outputs.REGISTRY if "all" in targets else targets)
    renderers = {name: outputs.renderer(name) for name in names}
    if ids:  # prefixes and comma lists become full ids; an unknown module is an error before anything else
        ids = resolve_ids(module_folders(root / "modules"), ids, root / "modules")
        if lang:  # so is a chosen module without that language
            notebooks(root / "modules", ids, lang)
    fingerprint = _fingerprint(root, names, renderers, ids, lang, start)
    if _nothing_changed(out, fingerprint, console, started, verbose):
        return 0
    workers = _Workers.start(renderers)
    finished = False
    try:
        status = _build(root, names, renderers, ids, lang, out, console, start, keep_going, fingerprint, workers,
                        started, verbose)
        finished = True
        return status
    finally:
        if workers:
            workers.stop(abandon=not finished)


def _build(root, names, renderers, ids, lang, out, console, start, keep_going, fingerprint, workers, started,
           verbose) -> int:
    config = load_config(root)
    failed: list[LoadError] = []
    curriculum = load_curriculum(root, None, lang, errors=failed)
    issues = _load_issues(failed) + run_checks(Context(curriculum, config, date.today(), whole=not lang and not failed),
                                               root / MEMO_FOLDER)
    broken = {(i.module, i.path.stem) for i in issues if i.severity is Severity.ERROR}
    _print_issues(issues, root, console, verbose)
    context = RenderContext(curriculum, config, start, published=out, epoch=epoch_from_environment(),
                            translations=_translations(root))
    wanted = {m.id for m in curriculum.modules if not ids or m.id in ids} | {e.path.parent.name for e in failed
                                                                             if not ids or e.path.parent.name in ids}
    plan = _plan(renderers, context, wanted, broken, lang, out, failed)
    context = replace(context, available=frozenset(plan.expected) | (outputs.published(out) - set(plan.dropped)))
    if plan.skipped and not keep_going:
        first = next(i for i in issues if i.severity is Severity.ERROR and (i.module, i.path.stem) in broken)
        raise CheckFailed(f"{summary(issues, len(curriculum.modules) + len(failed))}; nothing was built (first: "
                          f"[{first.rule}] {first.place}: {first.message}; --keep-going builds the rest)", first.path)
    timed = _guides_start(out, renderers, start, console)
    staging = _staging(out)
    try:
        context = replace(context, staged=staging)
        warnings = _render(plan.jobs, renderers, context, console, workers)
        for line in warnings:
            console.print(f"  warning: {line}", style="yellow", soft_wrap=True, markup=False)
        _publish(staging, out, renderers)
        for rel in plan.dropped:  # a lesson whose cards were removed: its old sheet must not stay linked
            (out / rel).unlink(missing_ok=True)
        _link_outputs(out)
        _finish_outputs(context, out)
        plan_cache(plan, out)
        timed()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _remember(root, out, fingerprint, plan, issues, warnings)
    kept = f", {len(plan.kept)} unchanged" if plan.kept else ""
    console.print(f"[green]built[/green] {len(plan.jobs)} output(s){kept} ({', '.join(names)}) into {out} "
                  f"in {clock.monotonic() - started:.1f} s")
    if plan.skipped:
        console.print(f"skipped {len(plan.skipped)} output(s):", style="red")
        for line in plan.skipped:
            console.print(f"  {line}", style="red", soft_wrap=True, markup=False)
        return 1
    return 0


# ---------------------------------------------------------------- planning


def _plan(renderers, context: RenderContext, wanted: set[str], broken: set[tuple[str, str]], lang: str | None,
          out: Path, failed: list[LoadError]) -> _Plan:
    plan = _Plan()
    curriculum = context.curriculum
    output_cache = cache.OutputCache(out)
    keys: dict[tuple[str, str, str], str] = {}
    languages = sorted({m.lang for m in curriculum.modules} | {e.path.stem for e in failed})
    if lang:
        languages = [lang]
    known = {(m.id, m.lang) for m in curriculum.modules} | broken
    lessons = [(module_id, code) for code in languages for module_id in sorted(wanted) if (module_id, code) in known]
    plan.dropped = _dropped(curriculum, lessons)
    for name, renderer in renderers.items():
        if renderer.scope == MODULE:
            items = [(i, c) for i, c in lessons if _wanted(renderer, curriculum, i, c)]
        else:
            items = [(code, code) for code in languages]
        for item, code in items:
            rel = f"{name}/{renderer.file_name(item, code)}"
            plan.expected.append(rel)
            blocked = ({(item, code)} if renderer.scope == MODULE else
                       {(m.id, m.lang) for m in curriculum.modules if m.lang == code} |
                       {(e.path.parent.name, e.path.stem) for e in failed if e.path.stem == code}) & broken
            if blocked:
                plan.skipped.append(f"{rel}: {', '.join(f'{i}/{c}' for i, c in sorted(blocked))} has errors")
                continue
            key = _key(renderer, item, code, context, keys)
            keys[(name, item, code)] = key
            if output_cache.unchanged(rel, key, out / rel):
                plan.kept.append(rel)
            else:
                plan.jobs.append(Job(name, item, code, key))
    plan.cache = output_cache  # type: ignore[attr-defined]
    return plan


def _dropped(curriculum, lessons: list[tuple[str, str]]) -> list[str]:
    """The optional outputs (a lesson's card sheet) these lessons no longer have, whichever
    outputs this build makes: a book built alone must not go on linking a sheet whose cards the
    author took out."""
    optional = [(name, outputs.renderer(name)) for name in outputs.REGISTRY]
    return [f"{name}/{renderer.file_name(i, c)}" for name, renderer in optional if renderer.scope == MODULE
            for i, c in lessons if not _wanted(renderer, curriculum, i, c)]


def _wanted(renderer, curriculum, module_id: str, code: str) -> bool:
    """Whether an optional output (one with `wants(module)`, like the card sheets) has something
    to write for this module; a module that failed to load is planned, so its error is reported."""
    wants = getattr(renderer, "wants", None)
    module = next((m for m in curriculum.modules if (m.id, m.lang) == (module_id, code)), None)
    return wants is None or module is None or wants(module)


def plan_cache(plan: _Plan, out: Path) -> None:
    plan.cache.save()  # type: ignore[attr-defined]


def _key(renderer, item: str, code: str, context: RenderContext, keys: dict) -> str:
    """The hash of everything `renderer` reads for `item`."""
    config = context.config
    parts = [renderer.name, cache.code_digest("curriculum"), *(cache.code_digest(p) for p in _packages(renderer)),
             cache.library_versions(tuple(renderer.libraries)), cache.font_digest(), str(context.epoch),
             json.dumps({s: getattr(config, s) for s in renderer.settings}, sort_keys=True, default=str),
             json.dumps({o: str(getattr(context, o)) for o in renderer.options}, sort_keys=True)]
    curriculum = context.curriculum
    files = [cache.language_file(code), curriculum.root / "modules" / f"glossary.{code}.yml"]
    modules = [m for m in curriculum.modules if (m.id == item if renderer.scope == MODULE else True) and m.lang == code]
    for module in modules:
        files.extend(cache.module_files(module))
    parts.extend(keys.get((after, m.id, code), "") for after in renderer.after for m in modules)
    links = getattr(renderer, "links", {})  # which linked outputs exist changes the pages' links
    parts.extend(sorted(rel for rel in context.available | {f"{k}/" for k in links} if rel.split("/")[0] in links
                        and f".{code}." in rel))
    if renderer.scope == LANGUAGE:  # a product of a whole language links the other languages' items
        parts.append(json.dumps(sorted(context.translations)))
        parts.extend(sorted(rel for rel in context.available if rel.startswith(f"{renderer.name}/")))
    if "slide_template" in renderer.settings and config.slide_template:
        files.append(config.template_path(curriculum.root))
    return cache.OutputCache.key(parts, [f for f in files if f.is_file()])


def _packages(renderer) -> list[str]:
    return [type(renderer).__module__.split(".")[0]]


# ---------------------------------------------------------------- rendering

def _run(job: Job, context: RenderContext) -> tuple[Job, list[str], str | None]:
    """Render one job (in a worker); a user error comes back as its message, not an exception."""
    renderer = outputs.renderer(job.renderer)
    folder = context.staged / renderer.name
    folder.mkdir(parents=True, exist_ok=True)
    item = job.item
    if renderer.scope == MODULE:
        item = context.curriculum.modules[0]
    try:
        return job, renderer.render(item, context, folder), None
    except CurriculumError as exc:
        return job, [], str(exc)


class _Workers:
    """The worker processes of one build. They are started (forked) before the modules are
    loaded and checked, and load their renderers' libraries (Sphinx, WeasyPrint, python-pptx)
    meanwhile: one for the outputs made once per language (the book), one for the per-module
    outputs; a build with many module jobs adds a worker per remaining core."""

    def __init__(self, renderers):
        self.module_names = [n for n, r in renderers.items() if r.scope == MODULE]
        language_names = [n for n, r in renderers.items() if r.scope == LANGUAGE]
        self.language = self._pool(1, language_names) if language_names else None
        #: The module workers' pools, each with the number of jobs it has not finished.
        self.outstanding: dict[ProcessPoolExecutor, int] = {}
        self.pool_of: dict[Future, ProcessPoolExecutor] = {}
        self.add_module_workers(1)

    @classmethod
    def start(cls, renderers) -> "_Workers | None":
        """The workers, or None on a single core (everything then runs in this process)."""
        return cls(renderers) if (os.cpu_count() or 1) > 1 else None

    @staticmethod
    def _pool(size: int, names: list[str]) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("fork"), initializer=_warm,
                                   initargs=(names,))
        pool.submit(_ready)  # fork now, not at the first job, so loading overlaps the checks
        return pool

    def add_module_workers(self, count: int) -> None:
        if count > 0 and self.module_names:
            self.outstanding[self._pool(count, self.module_names)] = 0

    def submit(self, scope: str, job: Job, context: RenderContext) -> Future | None:
        """Render `job` on the least busy pool for `scope` (None when there is none)."""
        pool = self.language if scope == LANGUAGE else min(self.outstanding, key=self.outstanding.__getitem__,
                                                           default=None)
        if pool is None:
            return None
        future = pool.submit(_run, job, context)
        if pool in self.outstanding:
            self.outstanding[pool] += 1
            self.pool_of[future] = pool
        return future

    def finished(self, future: Future) -> None:
        pool = self.pool_of.pop(future, None)
        if pool is not None:
            self.outstanding[pool] -= 1

    def stop(self, abandon: bool) -> None:
        """Shut every worker down; when the build stopped early (bad input), without waiting for
        a worker still loading its libraries, so the error reaches the author at once."""
        for pool in filter(None, (self.language, *self.outstanding)):
            if abandon:
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


def _ready() -> None:
    """Nothing: submitted to start a worker."""


def _warm(names: list[str]) -> None:
    for name in names:
        warm = getattr(outputs.renderer(name), "warm", None)
        if warm:
            warm()


def _waits_for(job: Job, jobs: list[Job], renderers) -> set[Job]:
    """The jobs of this build whose output `job` reads (its renderer's `after`): for a per-module
    output, the same lesson's; for a per-language one, that language's."""
    scope = renderers[job.renderer].scope
    return {other for other in jobs if other.renderer in renderers[job.renderer].after and other.lang == job.lang
            and (scope != MODULE or renderers[other.renderer].scope != MODULE or other.item == job.item)}


def _render(jobs: list[Job], renderers, context: RenderContext, console: Console, workers: _Workers | None) -> list[str]:
    """Run the jobs across the workers, each as soon as the outputs it reads are done (a lesson
    plan right after its own deck): the per-language ones in their worker, the per-module ones in
    the module workers (more of them when there are many)."""
    curriculum = context.curriculum
    if workers and sum(renderers[j.renderer].scope == MODULE for j in jobs) > FEW_JOBS:
        workers.add_module_workers((os.cpu_count() or 1) - 1)
    waiting = {job: _waits_for(job, jobs, renderers) for job in jobs}
    running: dict[Future, Job] = {}
    warnings: list[str] = []

    def launch() -> None:
        ready = [job for job, needs in waiting.items() if not needs]
        # Per-language jobs first: they take longest.
        for job in sorted(ready, key=lambda j: renderers[j.renderer].scope != LANGUAGE):
            del waiting[job]
            scope = renderers[job.renderer].scope
            part = context.only(tuple(m for m in curriculum.modules if m.lang == job.lang and
                                      (scope == LANGUAGE or m.id == job.item)))
            future = workers.submit(scope, job, part) if workers else None
            running[future or _Done(_run(job, part))] = job

    launch()
    done = 0
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            job = running.pop(future)
            if workers:
                workers.finished(future)
            _, job_warnings, error = future.result()
            done += 1
            if error:
                raise BuildError(f"{job.renderer} for {job.item} ({job.lang}): {error}")
            console.print(f"  {done:>3}/{len(jobs)}  {job.renderer:<9} {renderers[job.renderer].file_name(job.item, job.lang)}",
                          markup=False, highlight=False)
            warnings.extend(job_warnings)
            for needs in waiting.values():
                needs.discard(job)
        launch()
    return sorted(warnings)


class _Done(Future):
    """A job run in this process (a single core), as a finished future."""

    def __init__(self, result):
        super().__init__()
        self.set_result(result)


# ---------------------------------------------------------------- nothing changed


def _fingerprint(root: Path, names, renderers, ids, lang, start) -> str:
    """One hash of every input of this build command: when it matches the last build's, the
    build has nothing to do."""
    digest = hashlib.sha256()
    settings = root / CONFIG_FILE
    for part in (json.dumps([names, ids, lang, str(start), os.environ.get("SOURCE_DATE_EPOCH", ""),
                             date.today().isoformat()]),
                 cache.code_digest("curriculum"), cache.font_digest(),
                 *(cache.code_digest(p) for r in renderers.values() for p in _packages(r)),
                 *(cache.library_versions(tuple(r.libraries)) for r in renderers.values()),
                 settings.read_bytes() if settings.is_file() else b""):
        digest.update(part if isinstance(part, bytes) else part.encode())
    modules = root / "modules"
    for path in sorted(p for p in modules.rglob("*") if p.is_file()) if modules.is_dir() else []:
        digest.update(str(path.relative_to(modules)).encode())
        digest.update(path.read_bytes())
    for path in sorted(LANGUAGE_FOLDER.glob("*.yml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _nothing_changed(out: Path, fingerprint: str, console: Console, started: float, verbose: bool) -> bool:
    try:
        last = json.loads((out / ".cache" / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if last.get("fingerprint") != fingerprint or not all((out / rel).exists() for rel in last.get("outputs", [])):
        return False
    for style, text in last.get("issues" if verbose else "brief", []):
        console.print(text, style=style, soft_wrap=True, markup=False)
    for line in last.get("warnings", []):
        console.print(f"  warning: {line}", style="yellow", soft_wrap=True, markup=False)
    console.print(f"{last.get('summary', '')}; nothing changed since the last build ({out}), "
                  f"{clock.monotonic() - started:.1f} s", soft_wrap=True, markup=False)
    return True


def _remember(root: Path, out: Path, fingerprint: str, plan: _Plan, issues: list[Issue], warnings: list[str]) -> None:
    if plan.skipped:
        return  # a partial build must be tried again
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    record = {"fingerprint": fingerprint, "outputs": plan.expected, "warnings": warnings,
              "issues": human_lines(issues, root), "brief": brief_lines(issues, root),
              "summary": f"check: {errors} error(s), {len(issues) - errors} warning(s)"}
    (out / ".cache" / LAST_BUILD).write_text(json.dumps(record, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- messages, staging and publishing


def _print_issues(issues: list[Issue], root: Path, console: Console, verbose: bool) -> None:
    for style, text in (human_lines if verbose else brief_lines)(issues, root):
        console.print(text, style=style, soft_wrap=True, markup=False)
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    console.print(f"check: {errors} error(s), {len(issues) - errors} warning(s)", markup=False, highlight=False)


#: The clock time the published trainer guides were built with (`--start`), if any.
GUIDES_START = "guides-start.txt"


def _guides_start(out: Path, renderers, start: time | None, console: Console):
    """Say so when this build replaces trainer guides that had clock times (`--start`) with
    guides that have none; return what records this build's start once it is published."""
    record = out / ".cache" / GUIDES_START
    if "guides" not in renderers:
        return lambda: None
    before = record.read_text(encoding="utf-8").strip() if record.is_file() else ""
    if before and start is None:
        console.print(f"note: the trainer guides were built with --start {before}; this build replaces them with "
                      f"guides without clock times. To keep the times, build them with: curriculum build guides "
                      f"--start {before}", style="yellow", soft_wrap=True, markup=False)

    def remember() -> None:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(start.strftime("%H:%M") if start else "", encoding="utf-8")
    return remember


def _staging(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob(".staging-*"):  # left by a build that was killed
            if old.is_dir() and clock.time() - old.stat().st_mtime > 10:
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    except OSError as exc:
        raise BuildError(f"cannot write to the output folder ({exc.strerror})", out) from None


def _publish(staging: Path, out: Path, renderers) -> None:
    """Move each staged output into place: files one by one, folders (a book language) whole."""
    for name in renderers:
        staged = staging / name
        if not staged.is_dir():
            continue
        (out / name).mkdir(exist_ok=True)
        for item in sorted(staged.iterdir()):
            final = out / name / item.name
            if item.is_dir():
                old = staging / f"old-{name}-{item.name}"
                if final.exists():
                    os.replace(final, old)
            os.replace(item, final)


def _link_outputs(out: Path) -> None:
    """Place the files an output links (a lesson page's deck and handout) inside it, as hard
    links where the file system allows, after every publish so a deck rebuilt alone still
    reaches the book."""
    for name in outputs.REGISTRY:
        renderer = outputs.renderer(name)
        if not hasattr(renderer, "linked"):
            continue
        for source, target in renderer.linked(out):
            final = out / target
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary = final.with_name(f".{final.name}.tmp")
            temporary.unlink(missing_ok=True)
            try:
                os.link(out / source, temporary)
            except OSError:
                shutil.copyfile(out / source, temporary)
            os.replace(temporary, final)


def _finish_outputs(context: RenderContext, out: Path) -> None:
    """Let each output write what spans all its items (the book's language chooser), after every
    publish, so a one-language build keeps the other languages listed."""
    for name in outputs.REGISTRY:
        finish = getattr(outputs.renderer(name), "finish", None)
        if finish and (out / name).is_dir():
            finish(context, out)


def _translations(root: Path) -> frozenset[tuple[str, str]]:
    """(module id, language) of every notebook, whatever this build loads."""
    return frozenset((nb.parent.name, nb.stem) for nb in notebooks(root / "modules"))
