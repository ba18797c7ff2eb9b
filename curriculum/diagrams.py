"""Drawings generated from data: the web of data flows and timelines of dated events.

Graphviz lays everything out (no hand-placed coordinates). One `Drawing` holds the Graphviz
source and, from the same data, the alt text and a long description in words, so the book
(SVG), the deck (PNG at projection size) and the handout (PNG at print resolution) show the
same picture and say the same thing to people who cannot see it. The words come from the
language file's `web:` section, so the Spanish drawing is in Spanish.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import textwrap
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import graphviz

from .cache import keep_file, library_versions
from .languages import language
from .model import Diagram, Timeline, plain_text
from .source_notes import in_language
from .web import WHOLE, Flow, Web, WebError, load_web, web_words

FONT = "DejaVu Sans"
#: Label size in the drawing's own points. A drawing's natural size is what fits it on a slide;
#: tests check that labels stay at least MIN_PROJECTED_PT when the slide is 13.33 in wide.
FONT_PT = 28
MIN_PROJECTED_PT = 18
#: The picture area of the deck's full-picture slide (inches; slides_builder's template): a web
#: drawing is laid out so that its labels keep MIN_PROJECTED_PT there.
SLIDE_PICTURE_IN = (13.33, 5.4)
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
        keep_file(kept, made)
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


def web_drawing(web: Web, view_id: str, lang: str, upto: int | None = None, kept_in: Path | None = None) -> Drawing:
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
    labels = ["" if whole else _wrap(words.flows[f.id].data, 14) for f in flows]
    if view.steps:
        labels = [f"{n}. {label}" for n, label in enumerate(labels, start=1)]

    def layout(arrangement: "_Arrangement", shown: int | None) -> str:
        return _web_source(view_id, whole, nodes, flows, labels, words, arrangement, shown)

    # The arrangement is chosen on the whole drawing, so every step of a scenario keeps its place.
    font_pt = WHOLE_FONT_PT if whole else FONT_PT
    chosen = _clearest(_arrangements(nodes, flows), lambda a: _label_problems(layout(a, None), kept_in, font_pt))
    source = layout(chosen, upto)
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
    return Drawing(title, source, alt, long, steps)


@dataclass(frozen=True)
class _Arrangement:
    """One way to lay a web drawing out: how far apart the rows are, and which arrows within a
    row are laid out right to left (dot puts an arrow's tail left of its head in one row)."""

    ranksep: str
    reversed_in_row: frozenset[str] = frozenset()
    inline: bool = False  # the labels of arrows within a row sit on the arrow, in the row


def _clearest(arrangements: list[_Arrangement], problems) -> _Arrangement:
    """The first arrangement whose words neither overlap nor are cut off, else the one with the
    fewest such problems (the earlier of equals)."""
    best: tuple[float, _Arrangement] | None = None
    for arrangement in arrangements:
        found = problems(arrangement)
        if found == 0:
            return arrangement
        if best is None or found < best[0]:
            best = (found, arrangement)
    return best[1]


def _arrangements(nodes, flows) -> list[_Arrangement]:
    """The arrangements to try, in order of preference: the plain one, every way to turn the
    arrows within a row (at most four of them), the same with their labels on the arrows, then all
    of that again with more room between the rows."""
    row_of = _row_of(nodes)
    in_row = [f.id for f in flows if row_of[f.source] == row_of[f.target]][:4]
    turns = [frozenset(f for n, f in enumerate(in_row) if mask >> n & 1) for mask in range(2 ** len(in_row))]
    return [_Arrangement(ranksep, turned, inline) for ranksep in ("0.5", "0.8") for inline in (False, True)
            for turned in turns if not inline or in_row]


def _row_of(nodes) -> dict[str, int]:
    """Each node's row: federal agencies on top, systems in the middle, local offices below."""
    rows = [layer for layer in LAYERS if any(n.kind in layer for n in nodes)]
    return {n.id: next(r for r, layer in enumerate(rows) if n.kind in layer) for n in nodes}


def _web_source(name: str, whole: bool, nodes, flows, labels, words, arrangement: _Arrangement,
                shown: int | None) -> str:
    """The Graphviz source of a web drawing. Every arrow is laid out from the upper row down, so
    dot keeps room for its label (an arrow that goes up is drawn from its lower end with its head
    turned back); an empty rank on top holds the labels of arrows within the top row."""
    graph = _graph(name, "TB", WHOLE_FONT_PT if whole else FONT_PT)
    graph.attr(ranksep=arrangement.ranksep)
    row_of = _row_of(nodes)
    # With `inline`, the label of an arrow within a row is a borderless box on the arrow, in the row.
    inline = {n: f"label-{n}" for n, (f, label) in enumerate(zip(flows, labels), start=1)
              if arrangement.inline and label and row_of[f.source] == row_of[f.target]}
    for r in range(max(row_of.values()) + 1):
        with graph.subgraph() as row:
            row.attr(rank="same")
            row.node(f"row{r}", "", style="invis", width="0", height="0", margin="0")
            for node in (node for node in nodes if row_of[node.id] == r):
                fill, ink, shape = _COLOURS[node.kind]
                row.node(node.id, _wrap(words.nodes[node.id], 10 if whole else 11), fillcolor=fill, fontcolor=ink,
                         shape=shape, color="#10253f",
                         style="filled,rounded" if node.kind in ("agency", "local") else "filled")
            for n, middle in inline.items():
                if row_of[flows[n - 1].source] == r:
                    hidden = shown is not None and n > shown
                    row.node(middle, labels[n - 1], shape="plaintext", fillcolor="white", margin="0.04,0",
                             fontcolor="#ffffff00" if hidden else "#000000")
    for n, (flow, label) in enumerate(zip(flows, labels), start=1):
        style = {"contested": "dashed", "ended": "dotted"}.get(flow.status, "solid")
        if shown is not None and n > shown:
            style = "invis"
        ink = "#ffffff00" if style == "invis" else "#000000"
        turned = row_of[flow.source] > row_of[flow.target] or flow.id in arrangement.reversed_in_row
        tail, head = (flow.target, flow.source) if turned else (flow.source, flow.target)
        back = {"dir": "back"} if turned else {}
        if n in inline:
            graph.edge(tail, inline[n], style=style, **({"dir": "back"} if back else {"arrowhead": "none"}))
            graph.edge(inline[n], head, style=style, **({"dir": "none"} if back else {}))
        else:
            graph.edge(tail, head, label=label, style=style, fontcolor=ink, **back)
    for n in range(max(row_of.values())):  # the rows, not the arrows, decide what is above what
        graph.edge(f"row{n}", f"row{n + 1}", style="invis")
    if not arrangement.inline and any(label and row_of[f.source] == row_of[f.target] == 0
                                      for f, label in zip(flows, labels)):
        graph.node("above", "", style="invis", width="0", height="0.5", margin="0")
        graph.edge("above", "row0", style="invis")
    return graph.source


def _label_problems(source: str, kept_in: Path | None, font_pt: int) -> float:
    """How many pairs of words overlap in the laid-out drawing, plus how many are cut off at its
    edge, measured on Graphviz's own layout (its JSON gives each text's place and width). A
    drawing too tall or wide for its labels to stay MIN_PROJECTED_PT on a slide is refused."""
    laid_out = json.loads(_render(source, "json", 0, kept_in))
    left, bottom, right, top = (float(v) for v in laid_out["bb"].split(","))
    shrink = min(SLIDE_PICTURE_IN[0] * 72 / (right - left), SLIDE_PICTURE_IN[1] * 72 / (top - bottom), 1)
    if shrink * font_pt < MIN_PROJECTED_PT:
        return math.inf
    boxes = []
    for item in [*laid_out.get("objects", []), *laid_out.get("edges", [])]:
        size = font_pt
        for op in item.get("_ldraw_", []):
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T" and op["text"].strip():
                x, y, width = op["pt"][0], op["pt"][1], op["width"]
                start = {"l": x, "r": x - width}.get(op["align"], x - width / 2)
                boxes.append((start, y - 0.24 * size, start + width, y + 0.76 * size))
    overlapping = sum(a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
                      for n, a in enumerate(boxes) for b in boxes[n + 1:])
    cut_off = sum(b[0] < left - 1 or b[2] > right + 1 or b[1] < bottom - 1 or b[3] > top + 1 for b in boxes)
    return overlapping + cut_off


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
    kept_in = root / DRAWINGS_FOLDER
    made = (web_drawing(load_web(root), block.highlight, lang, upto, kept_in) if isinstance(block, Diagram)
            else timeline_drawing(block, lang))
    return replace(made, kept_in=kept_in)


def steps_of(block: Diagram | Timeline, root: Path) -> int:
    """How many steps a scenario diagram has (0 for a map or a timeline): the deck shows one
    slide per step."""
    if not isinstance(block, Diagram):
        return 0
    view = load_web(root).view(block.highlight)
    return len(view.flows) if view is not None and view.steps else 0
