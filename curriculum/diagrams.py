"""Drawings generated from data: the web of data flows and timelines of dated events.

Graphviz lays everything out (no hand-placed coordinates). One `Drawing` holds the Graphviz
source and, from the same data, the alt text and a long description in words, so the book
(SVG), the deck (PNG at projection size) and the handout (PNG at print resolution) show the
same picture and say the same thing to people who cannot see it. The words come from the
language file's `web:` section, so the Spanish drawing is in Spanish.
"""
from __future__ import annotations

import hashlib
import os
import re
import textwrap
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import graphviz

from .languages import language
from .model import Diagram, Timeline, plain_text
from .source_notes import in_language
from .web import WHOLE, Flow, Web, WebError, load_web, web_words

FONT = "DejaVu Sans"
#: Label size in the drawing's own points. A drawing's natural size is what fits it on a slide;
#: tests check that labels stay at least MIN_PROJECTED_PT when the slide is 13.33 in wide.
FONT_PT = 28
MIN_PROJECTED_PT = 18
#: The whole map has many boxes and no arrow labels: larger type keeps it readable when scaled.
WHOLE_FONT_PT = 40
#: Pixels per inch of the decks' PNGs: they fill a 1920-pixel projector. (Paper and the book take
#: the SVG: vector type prints sharp, and nothing has to be drawn twice.)
SLIDE_DPI = 144
#: Timelines wrap after this many events per row, so they stay landscape.
EVENTS_PER_ROW = 3

#: Drawings already made, inside the project (beside the parsed-module memo; ignored by git).
DRAWINGS_FOLDER = ".untangle-cache/drawings"

#: Rows of the map, top to bottom (the three layers of Module 00: federal, systems, local).
LAYERS = (("agency",), ("database", "network"), ("local",))
_COLOURS = {  # kind: (fill, text, shape)
    "agency": ("#1d4e89", "#ffffff", "box"),
    "database": ("#e8eef6", "#10253f", "cylinder"),
    "local": ("#fff1cc", "#3d2c00", "box"),
    "network": ("#e3f2e1", "#173d14", "box"),
}


@dataclass(frozen=True)
class Drawing:
    """One generated picture: Graphviz source plus what it says in words."""

    title: str
    dot: str
    alt: str
    long: tuple[str, ...]  # the long description, one line per arrow or event
    steps: tuple[str, ...] = ()  # a scenario's steps in a few words each ("Jail → ICE: detainer"), for print

    #: Where drawings already made are kept between runs (the project's .untangle-cache/drawings).
    kept_in: Path | None = field(default=None, compare=False)

    def svg(self) -> str:
        return _render(self.dot, "svg", 0, self.kept_in).decode("utf-8")

    def png(self, dpi: int) -> bytes:
        return _render(self.dot, "png", dpi, self.kept_in)

    def png_to_fit(self, width_in: float, height_in: float, dpi: int = SLIDE_DPI) -> bytes:
        """The PNG for a `width_in` x `height_in` area shown at `dpi`: a drawing larger than the
        area is drawn straight at the size it is shown, not at full size and then scaled down
        (a wide timeline was three times the pixels a projector shows)."""
        width_pt, height_pt, _ = svg_geometry(self.svg())
        shrink = min(1.0, width_in * 72 / width_pt, height_in * 72 / height_pt) if width_pt and height_pt else 1.0
        return self.png(max(1, round(dpi * shrink)))


@lru_cache(maxsize=64)
def _render(dot: str, fmt: str, dpi: int, kept_in: Path | None = None) -> bytes:
    """Graphviz's picture of `dot`: every build runs in new processes and the book alone draws a
    dozen pictures, so each is kept on disk by its source and Graphviz's version."""
    source = dot if not dpi else dot.replace("{", f"{{\n\tdpi={dpi}", 1)
    kept = None
    if kept_in is not None:
        from .cache import library_versions

        name = hashlib.sha256(f"{library_versions(('graphviz',))}|{source}".encode()).hexdigest()
        kept = kept_in / f"{name}.{fmt}"
        if kept.is_file():
            return kept.read_bytes()
    try:
        made = graphviz.Source(source).pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise WebError("Graphviz is not installed: run `bash scripts/system-deps.sh build` "
                       "(Debian package 'graphviz')") from None
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            temporary = kept.with_name(f".{kept.name}.{os.getpid()}")
            temporary.write_bytes(made)
            os.replace(temporary, kept)
        except OSError:
            pass  # a read-only project draws again next time
    return made


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _graph(name: str, rankdir: str, font_pt: int = 0) -> graphviz.Digraph:
    font_pt = font_pt or FONT_PT
    graph = graphviz.Digraph(name)
    graph.attr(rankdir=rankdir, fontname=FONT, fontsize=str(font_pt), bgcolor="white", nodesep="0.12",
               ranksep="0.5", pad="0.15")
    graph.attr("node", fontname=FONT, fontsize=str(font_pt), style="filled", penwidth="1.5", margin="0.12,0.06")
    graph.attr("edge", fontname=FONT, fontsize=str(font_pt), penwidth="2", color="#333333", arrowsize="1.2")
    return graph


def when(value: str, lang: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date in words of `lang`."""
    parts = [int(p) for p in value.split("-")]
    lang_info = language(lang)
    if len(parts) == 1:
        return str(parts[0])
    month = lang_info.months[parts[1] - 1]
    if len(parts) == 2:
        return web_words(lang).phrase("month_year").format(month=month, year=parts[0])
    from datetime import date

    return lang_info.long_date(date(*parts))


# ---------------------------------------------------------------- the web


def web_drawing(web: Web, view_id: str, lang: str, upto: int | None = None) -> Drawing:
    """The part `view_id` of the web (or all of it), with its words in `lang`. A scenario's
    arrows are numbered steps; with `upto`, only its first `upto` steps are visible (the later
    ones keep their place, so a deck can build the story one slide at a time)."""
    words = web_words(lang)
    view = web.view(view_id)
    if view is None:
        raise WebError(f"no view '{view_id}' in web.yml (known: {', '.join(web.view_ids())})", web.path)
    flows = web.flows_of(view)
    whole = view_id == WHOLE
    nodes = [n for n in web.nodes if any(n.id in (f.source, f.target) for f in flows)]
    graph = _graph(view_id, "TB", WHOLE_FONT_PT if whole else FONT_PT)
    rows = [layer for layer in LAYERS if any(n.kind in layer for n in nodes)]
    for n, layer in enumerate(rows):  # federal agencies on top, systems in the middle, local offices below
        with graph.subgraph() as row:
            row.attr(rank="same")
            row.node(f"row{n}", "", style="invis", width="0", height="0", margin="0")
            for node in (n for n in nodes if n.kind in layer):
                fill, ink, shape = _COLOURS[node.kind]
                row.node(node.id, _wrap(words.nodes[node.id], 10 if whole else 11), fillcolor=fill, fontcolor=ink, shape=shape,
                         color="#10253f", style="filled,rounded" if node.kind in ("agency", "local") else "filled")
    for n, flow in enumerate(flows, start=1):
        style = {"contested": "dashed", "ended": "dotted"}.get(flow.status, "solid")
        label = "" if whole else _wrap(words.flows[flow.id].data, 14)
        if view.steps:
            label = f"{n}. {label}"
            style = "invis" if upto is not None and n > upto else style
        graph.edge(flow.source, flow.target, label=label, style=style, constraint="false",
                   fontcolor="#ffffff00" if style == "invis" else "#000000")
    for n in range(len(rows) - 1):  # the rows, not the arrows, decide what is above what
        graph.edge(f"row{n}", f"row{n + 1}", style="invis")
    title = words.views[view_id]
    long = tuple(_flow_line(web, flow, lang) for flow in flows)
    if view.steps:
        shown = len(flows) if upto is None else upto
        long = tuple(f"{n}. {line}" for n, line in enumerate(long[:shown], start=1))
        flows = flows[:shown]
    short = "; ".join(f"{words.nodes[f.source]} → {words.nodes[f.target]}: {words.flows[f.id].data}" for f in flows)
    alt = words.phrase("alt_map").format(title=title, count=len(flows), flows=short)
    steps = tuple(f"{words.nodes[f.source]} → {words.nodes[f.target]}: {words.flows[f.id].data}"
                  for f in flows) if view.steps else ()
    return Drawing(title, graph.source, alt, long, steps)


def _flow_line(web: Web, flow: Flow, lang: str) -> str:
    words = web_words(lang)
    said = words.flows[flow.id]
    line = f"{words.nodes[flow.source]} → {words.nodes[flow.target]}: {said.data}"
    extra = [said.program] if said.program else []
    if flow.since:
        extra.append(f"{words.phrase('since')} {when(flow.since, lang)}")
    if flow.until:
        extra.append(f"{words.phrase('until')} {when(flow.until, lang)}")
    if flow.status != "active":
        extra.append(words.phrase(flow.status))
    extra.append(f"{words.phrase('as_of')} {when(flow.as_of, lang)}")
    cited = [in_language(s, lang) for s in map(web.source, flow.sources) if s]
    extra.append(f"{words.phrase('sources')}: " + "; ".join(f"{s.publisher} ({s.date})" for s in cited))
    return f"{line} ({', '.join(extra)})."


# ---------------------------------------------------------------- timelines


def timeline_drawing(timeline: Timeline, lang: str) -> Drawing:
    """Dated events in rows of EVENTS_PER_ROW, read left to right and top to bottom."""
    words = web_words(lang)
    graph = _graph("timeline", "TB")
    graph.attr(nodesep="0.35", ranksep="0.35")
    texts = [_event_text(e.inlines) for e in timeline.events]
    for n, (event, text) in enumerate(zip(timeline.events, texts)):
        label = (f"<<b>{_html(when(event.date, lang))}</b><br/>"
                 + "<br/>".join(_html(l) for l in textwrap.wrap(text, 22, break_long_words=False)) + ">")
        graph.node(f"e{n}", label, shape="box", style="filled,rounded", fillcolor="#e8eef6", color="#1d4e89",
                   fontcolor="#10253f", width="3.2")
    for row_start in range(0, len(texts), EVENTS_PER_ROW):
        with graph.subgraph() as row:
            row.attr(rank="same")
            for n in range(row_start, min(row_start + EVENTS_PER_ROW, len(texts))):
                row.node(f"e{n}")
    for n in range(len(texts) - 1):
        if (n + 1) % EVENTS_PER_ROW:
            graph.edge(f"e{n}", f"e{n + 1}")
        else:  # the next row starts under the first event of this one
            graph.edge(f"e{n + 1 - EVENTS_PER_ROW}", f"e{n + 1}", style="invis", weight="10")
            graph.edge(f"e{n}", f"e{n + 1}", constraint="false", style="dashed")
    title = timeline.title or words.phrase("timeline")
    long = tuple(f"{when(e.date, lang)}: {t}" for e, t in zip(timeline.events, texts))
    alt = words.phrase("alt_timeline").format(title=title, events="; ".join(long))
    return Drawing(title, graph.source, alt, long)


def _event_text(inlines) -> str:
    return plain_text(inlines).rstrip()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- geometry

_SVG_SIZE = re.compile(r'<svg width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')
_FONT_SIZE = re.compile(r'font-size="(?P<size>[\d.]+)"')


def svg_geometry(svg: str) -> tuple[float, float, float]:
    """Width and height of an SVG drawing in points, and its smallest label size in points."""
    size = _SVG_SIZE.search(svg)
    fonts = [float(m.group("size")) for m in _FONT_SIZE.finditer(svg)]
    return float(size.group("w")), float(size.group("h")), min(fonts, default=0.0)


def drawing_for(block: Diagram | Timeline, root: Path, lang: str, upto: int | None = None) -> Drawing:
    """The drawing a `{diagram}` or `{timeline}` block asks for, in `lang` (a scenario up to step
    `upto`); the web is read from the project at `root` (a `WebError` if it cannot be)."""
    made = (web_drawing(load_web(root), block.highlight, lang, upto) if isinstance(block, Diagram)
            else timeline_drawing(block, lang))
    return replace(made, kept_in=root / DRAWINGS_FOLDER)


def steps_of(block: Diagram | Timeline, root: Path) -> int:
    """How many steps a scenario diagram has (0 for a map or a timeline): the deck shows one
    slide per step."""
    if not isinstance(block, Diagram):
        return 0
    view = load_web(root).view(block.highlight)
    return len(view.flows) if view is not None and view.steps else 0
