"""Rules for drawings made from data: modules/web.yml itself (every problem with its line),
the `web:` words of each language, the sources the file copies from the lessons, and each
`{diagram}` and `{timeline}` in a notebook (known view, dated and cited events)."""
from __future__ import annotations

from ..model import Cite, Diagram, Timeline, walk_blocks, walk_inlines
from ..web import read_web_once, web_path, words_problems
from . import Context, Issue, Severity, error

DRAWN = ("web",)


def check_curriculum(context: Context):
    """web.yml itself: its problems, each language's words for it, the sources it copies."""
    modules = context.curriculum.modules
    path = web_path(context.curriculum.root)
    if not (_uses_web(modules) or path.is_file()):
        return
    web, problems = read_web_once(path)
    for problem in problems:
        yield Issue(Severity.ERROR, path, f"line {problem.line}" if problem.line else "file", problem.rule,
                    problem.message, "web")
    if web is not None:
        for lang in sorted({m.lang for m in modules} or {"en"}):
            for problem in words_problems(web, lang):
                yield Issue(Severity.ERROR, path, f"language '{lang}'", problem.rule, problem.message, "web")
        yield from _copied_sources(web, modules, path)


def check(context: Context):
    """Each `{diagram}` names a known drawing and view; each timeline event is cited."""
    modules = context.curriculum.modules
    path = web_path(context.curriculum.root)
    web = read_web_once(path)[0] if _uses_web(modules) else None
    for module in modules:
        for cell in module.cells:
            for block in walk_blocks(cell.blocks):
                place = f"cell {cell.number}, line {getattr(block, 'line', 0)}"
                if isinstance(block, Diagram):
                    if block.name not in DRAWN:
                        yield error(module, place, "web.unknown-diagram",
                                    f"no diagram named '{block.name}'; use one of: {', '.join(DRAWN)}")
                    elif web is not None and web.view(block.highlight) is None:
                        yield error(module, place, "web.unknown-view",
                                    f"web.yml has no view '{block.highlight}' (known: {', '.join(web.view_ids())})")
                elif isinstance(block, Timeline):
                    for event in block.events:
                        if not any(isinstance(i, Cite) for i in walk_inlines(event.inlines)):
                            yield error(module, place, "web.event-without-source",
                                        f"the timeline event of {event.date} needs a citation: {{src}}`id`")


def _uses_web(modules) -> bool:
    return any(isinstance(b, Diagram) for m in modules for c in m.cells for b in walk_blocks(c.blocks))


def _copied_sources(web, modules, path):
    """A source the file shares with a lesson must say the same thing (copy the entry)."""
    described = {s.id: s for m in modules for s in m.sources}
    for source in web.sources:
        lesson = described.get(source.id)
        if lesson and (lesson.title, lesson.date, lesson.url) != (source.title, source.date, source.url):
            yield Issue(Severity.WARNING, path, f"source '{source.id}'", "web.source-differs",
                        "the lessons describe this source differently; copy the entry from the module's metadata", "web")
