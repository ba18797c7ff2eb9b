"""The web of data flows as data: `modules/web.yml` read into frozen dataclasses.

The file lists the agencies and systems (nodes), the flows between them (what data, since
when, until when, which sources say so, as of when) and named views (the part of the map a
lesson highlights). Words shown to people (node names, what each flow carries, view titles)
come from the `web:` section of each language file, so a drawing in Spanish says Spanish.
`diagrams.py` draws from this; `checks/web.py` turns every problem into a located issue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import CurriculumError
from .languages import FOLDER as LANGUAGE_FOLDER, language
from .markup import typographic
from .model import Source

WEB_FILE = Path("modules") / "web.yml"
#: What a node is: it decides the shape and colour of its box.
KINDS = ("agency", "database", "local", "network")
#: Where a flow stands: "contested" flows are drawn dashed (a court or policy fight is open).
STATUSES = ("active", "contested", "ended")
#: The view of every flow.
WHOLE = "whole"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class WebError(CurriculumError):
    """A problem in web.yml or in a language file's `web:` section, with its line."""

    rule = "web.file"


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    line: int


@dataclass(frozen=True)
class Flow:
    id: str
    source: str  # node id the data leaves
    target: str  # node id it reaches
    sources: tuple[str, ...]  # source ids that document the flow
    as_of: str  # YYYY, YYYY-MM or YYYY-MM-DD: when the sources last showed it
    since: str | None = None
    until: str | None = None
    status: str = "active"
    line: int = 0


@dataclass(frozen=True)
class View:
    id: str
    flows: tuple[str, ...]
    line: int
    #: A scenario ("Where does my data go?"): the flows are steps, in order, numbered on the
    #: drawing, built up one step per slide in the deck.
    steps: bool = False


@dataclass(frozen=True)
class Web:
    path: Path
    nodes: tuple[Node, ...]
    flows: tuple[Flow, ...]
    views: tuple[View, ...]
    sources: tuple[Source, ...]
    scenarios: tuple[View, ...] = ()

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def view(self, view_id: str) -> View | None:
        if view_id == WHOLE:
            return View(WHOLE, tuple(f.id for f in self.flows), 0)
        return next((v for v in self.views + self.scenarios if v.id == view_id), None)

    def view_ids(self) -> tuple[str, ...]:
        return (WHOLE, *(v.id for v in self.views + self.scenarios))

    def flows_of(self, view: View) -> tuple[Flow, ...]:
        """The flows a view shows: a scenario's in the order of its steps."""
        if view.steps:
            return tuple(next(f for f in self.flows if f.id == step) for step in view.flows)
        wanted = set(view.flows)
        return tuple(f for f in self.flows if f.id in wanted)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True)
class FlowWords:
    data: str  # what the flow carries, short enough for an arrow
    program: str = ""  # the program or agreement, for the long description


@dataclass(frozen=True)
class WebWords:
    """A language's words for the web: names, flow labels, view titles and the phrases of the
    generated alt text and long description."""

    lang: str
    nodes: dict[str, str]
    flows: dict[str, FlowWords]
    views: dict[str, str]
    kinds: dict[str, str]
    phrases: dict[str, str]

    def phrase(self, key: str) -> str:
        return self.phrases[key]


#: Phrases every language's `web:` section must define (used by diagrams.py).
PHRASES = ("since", "until", "as_of", "contested", "ended", "sources", "long_description", "alt_map",
           "alt_timeline", "timeline", "flows", "legend_contested", "month_year")


# ---------------------------------------------------------------- reading


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
    """A YAML loader that remembers the line of every mapping (as the key `__line__`)."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = loader.construct_mapping(node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@dataclass(frozen=True)
class Problem:
    line: int
    rule: str
    message: str


def web_path(root: Path) -> Path:
    return root / WEB_FILE


def read_web(path: Path) -> tuple[Web | None, list[Problem]]:
    """The web in `path` and every problem found in it (a Web is returned only without problems)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except OSError as exc:
        return None, [Problem(0, "web.file", f"cannot read the file ({exc.strerror})")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(mark.line + 1 if mark else 0, "web.yaml", f"not valid YAML ({getattr(exc, 'problem', exc)})")]
    if not isinstance(raw, dict):
        return None, [Problem(0, "web.file", "the file must hold 'nodes', 'flows', 'views' and 'sources'")]
    problems: list[Problem] = []
    sources = _sources(raw.get("sources"), problems)
    nodes = _nodes(raw.get("nodes"), problems)
    known_sources = {s.id for s in sources}
    flows = _flows(raw.get("flows"), {n.id for n in nodes}, known_sources, problems)
    views = _views(raw.get("views"), {f.id for f in flows}, problems)
    scenarios = tuple(View(v.id, v.flows, v.line, steps=True) for v in
                      _views(raw.get("scenarios", []), {f.id for f in flows}, problems, "scenario", {v.id for v in views}))
    cited = {s for f in flows for s in f.sources}
    for source in sources:
        if source.id not in cited:
            problems.append(Problem(0, "web.uncited-source", f"source '{source.id}' is listed but no flow cites it; remove it"))
    if problems:
        return None, problems
    return Web(path, nodes, flows, views, sources, scenarios), []


def _items(raw, key: str, problems: list[Problem]) -> list[dict]:
    if not isinstance(raw, list):
        problems.append(Problem(0, f"web.{key}", f"'{key}' must be a list (see docs/authoring.md, 'The web')"))
        return []
    good = [item for item in raw if isinstance(item, dict)]
    if len(good) != len(raw):
        problems.append(Problem(0, f"web.{key}", f"every entry of '{key}' must be a mapping (id: ..., ...)"))
    return good


def _sources(raw, problems: list[Problem]) -> tuple[Source, ...]:
    out: list[Source] = []
    for item in _items(raw, "sources", problems):
        line = item["__line__"]
        missing = [k for k in ("id", "title", "publisher", "date", "url", "accessed") if not item.get(k)]
        if missing:
            problems.append(Problem(line, "web.source", f"the source needs {', '.join(missing)} (copy the entry from the module that cites it)"))
            continue
        if not _DATE.match(str(item["date"])):
            problems.append(Problem(line, "web.bad-date", f"source date {item['date']!r} must be YYYY, YYYY-MM or YYYY-MM-DD"))
            continue
        try:
            accessed = date.fromisoformat(str(item["accessed"]))
        except ValueError:
            problems.append(Problem(line, "web.bad-date", f"accessed {item['accessed']!r} must be YYYY-MM-DD"))
            continue
        out.append(Source(str(item["id"]), typographic(str(item["title"])), typographic(str(item["publisher"])),
                          str(item["date"]), str(item["url"]), accessed))
    return tuple(out)


def _nodes(raw, problems: list[Problem]) -> tuple[Node, ...]:
    out: list[Node] = []
    for item in _items(raw, "nodes", problems):
        line, node_id, kind = item["__line__"], str(item.get("id", "")), item.get("kind")
        if not _ID.match(node_id):
            problems.append(Problem(line, "web.node", f"node id {node_id!r} must be lowercase words joined by hyphens"))
        elif kind not in KINDS:
            problems.append(Problem(line, "web.node", f"node '{node_id}': kind must be one of {', '.join(KINDS)}"))
        elif any(n.id == node_id for n in out):
            problems.append(Problem(line, "web.node", f"node '{node_id}' is listed twice"))
        else:
            out.append(Node(node_id, kind, line))
    return tuple(out)


def _flows(raw, nodes: set[str], known_sources: set[str], problems: list[Problem]) -> tuple[Flow, ...]:
    out: list[Flow] = []
    for item in _items(raw, "flows", problems):
        line, flow_id = item["__line__"], str(item.get("id", ""))
        before = len(problems)
        if not _ID.match(flow_id) or any(f.id == flow_id for f in out):
            problems.append(Problem(line, "web.flow", f"flow id {flow_id!r} must be unique, lowercase words joined by hyphens"))
        for end in ("from", "to"):
            if item.get(end) not in nodes:
                problems.append(Problem(line, "web.unknown-node",
                                        f"flow '{flow_id}': '{end}: {item.get(end)}' is not a node; add it to 'nodes' or fix the id"))
        ids = item.get("sources")
        if not ids or not isinstance(ids, list):
            problems.append(Problem(line, "web.no-source", f"flow '{flow_id}' needs 'sources': a list of source ids that document it"))
            ids = []
        for source_id in ids:
            if source_id not in known_sources:
                problems.append(Problem(line, "web.unknown-source",
                                        f"flow '{flow_id}' cites '{source_id}', which is not in 'sources'; copy its entry from the module that cites it"))
        for key in ("as_of", "since", "until"):
            value = item.get(key)
            if value is None and key != "as_of":
                continue
            if not _DATE.match(str(value if value is not None else "")):
                problems.append(Problem(line, "web.bad-date",
                                        f"flow '{flow_id}': {key} {value!r} must be a date YYYY, YYYY-MM or YYYY-MM-DD (in quotes)"))
        status = item.get("status", "active")
        if status not in STATUSES:
            problems.append(Problem(line, "web.flow", f"flow '{flow_id}': status must be one of {', '.join(STATUSES)}"))
        if len(problems) == before:
            out.append(Flow(flow_id, item["from"], item["to"], tuple(str(s) for s in ids), str(item["as_of"]),
                            _opt(item.get("since")), _opt(item.get("until")), status, line))
    return tuple(out)


def _opt(value) -> str | None:
    return None if value is None else str(value)


def _views(raw, flows: set[str], problems: list[Problem], what: str = "view",
           taken: set[str] = frozenset()) -> tuple[View, ...]:
    """Views (`flows:` a set) or scenarios (`steps:` in order); ids unique across both."""
    out: list[View] = []
    key = "steps" if what == "scenario" else "flows"
    for item in _items(raw, f"{what}s", problems):
        line, view_id, members = item["__line__"], str(item.get("id", "")), item.get(key)
        if not _ID.match(view_id) or view_id == WHOLE or view_id in taken or any(v.id == view_id for v in out):
            problems.append(Problem(line, f"web.{what}", f"{what} id {view_id!r} must be unique, not '{WHOLE}', lowercase with hyphens"))
            continue
        if not isinstance(members, list) or not members:
            problems.append(Problem(line, f"web.{what}", f"{what} '{view_id}' needs '{key}': a list of flow ids"))
            continue
        unknown = [m for m in members if m not in flows]
        if unknown:
            problems.append(Problem(line, f"web.{what}", f"{what} '{view_id}' names unknown flow(s): {', '.join(map(str, unknown))}"))
            continue
        out.append(View(view_id, tuple(members), line))
    return tuple(out)


@lru_cache(maxsize=4)
def _read_version(path: str, stamp: tuple) -> tuple[Web | None, list[Problem]]:
    return read_web(Path(path))


def _cached(path: str, stamp: tuple) -> Web:
    web, problems = _read_version(path, stamp)
    if problems:
        first = problems[0]
        raise WebError(first.message, path, f"line {first.line}" if first.line else None, rule=first.rule)
    return web  # type: ignore[return-value]


def load_web(root: Path) -> Web:
    """The project's web, or a `WebError` naming the first problem (check lists them all)."""
    path = web_path(root)
    try:
        info = path.stat()
    except OSError:
        raise WebError("there is no modules/web.yml, which a diagram draws from", path) from None
    return _cached(str(path), (info.st_mtime_ns, info.st_size))


def read_web_once(path: Path) -> tuple[Web | None, list[Problem]]:
    """`read_web`, once per version of the file in this process: each lesson's check and each
    drawing asks for it."""
    try:
        info = path.stat()
    except OSError:
        return read_web(path)
    return _read_version(str(path), (info.st_mtime_ns, info.st_size))


# ---------------------------------------------------------------- words


def words_problems(web: Web, lang: str) -> list[Problem]:
    """What a language file's `web:` section lacks for `web`."""
    try:
        section = _section(lang)
    except WebError as exc:
        return [Problem(0, "web.words", exc.message)]
    problems = []
    for what, ids in (("nodes", [n.id for n in web.nodes]), ("flows", [f.id for f in web.flows]),
                      ("views", list(web.view_ids())), ("kinds", list(KINDS)), ("phrases", list(PHRASES))):
        table = section.get(what) or {}
        missing = [i for i in ids if i not in table]
        if missing:
            problems.append(Problem(0, "web.words", f"web.{what} has no words for: {', '.join(missing)}"))
    return problems


def _section(lang: str) -> dict:
    path = LANGUAGE_FOLDER / f"{lang}.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise WebError(f"cannot read the language file ({exc})", path) from None
    section = data.get("web") if isinstance(data, dict) else None
    if not isinstance(section, dict):
        raise WebError("the language file has no 'web:' section (copy it from en.yml and translate it)", path)
    return _typed(section, language(lang).quotes)


def _typed(value, quotes: str):
    """`value` with every text in it given typographic quotes (markup.typographic)."""
    if isinstance(value, dict):
        return {key: _typed(item, quotes) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item, quotes) for item in value]
    return typographic(value, quotes) if isinstance(value, str) else value


@lru_cache(maxsize=8)
def web_words(lang: str) -> WebWords:
    """The `web:` section of a language file (a `WebError` if it is missing)."""
    section = _section(lang)
    flows = {}
    for key, value in (section.get("flows") or {}).items():
        flows[key] = FlowWords(**value) if isinstance(value, dict) else FlowWords(str(value))
    return WebWords(lang, dict(section.get("nodes") or {}), flows, dict(section.get("views") or {}),
                    dict(section.get("kinds") or {}), dict(section.get("phrases") or {}))
