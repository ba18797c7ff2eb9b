"""Write content-model blocks as HTML for print: the one place handouts and guides turn the
tree into markup. Nothing here parses Markdown; text is escaped, so what the author typed can
never become markup by accident.

Citations come from the `cite` callback (the handout numbers them in citation order), and a
citation standing alone after a list or paragraph is attached to the end of that block, so a
row of numbers is never printed on a line of its own.
"""
from __future__ import annotations

from html import escape
from typing import Callable

from curriculum.model import (
    AsOf,
    Block,
    BulletList,
    Callout,
    Card,
    Cards,
    Cite,
    Code,
    Emphasis,
    Heading,
    Diagram,
    Image,
    Timeline,
    Inlines,
    Link,
    Paragraph,
    Strong,
    Table,
    Term,
    Text,
)

Cite_ = Callable[[tuple[str, ...]], str]
WORD_JOINER = "\u2060"


def inline_html(inlines: Inlines, cite: Cite_) -> str:
    out: list[str] = []
    for item in inlines:
        if isinstance(item, Text):
            out.append(escape(item.text, quote=False))
        elif isinstance(item, Term):
            out.append(f'<span class="term">{escape(item.text, quote=False)}</span>')
        elif isinstance(item, AsOf):
            out.append(f'<span class="asof">{escape(item.text, quote=False)}</span>' if item.text else "")
        elif isinstance(item, Code):
            out.append(f"<code>{escape(item.text, quote=False)}</code>")
        elif isinstance(item, Strong):
            out.append(f"<strong>{inline_html(item.children, cite)}</strong>")
        elif isinstance(item, Emphasis):
            out.append(f"<em>{inline_html(item.children, cite)}</em>")
        elif isinstance(item, Link):
            out.append(inline_html(item.children, cite))  # on paper, the source list gives the address
        elif isinstance(item, Cite):
            # Glued to the word before it (no space, a word joiner), so a line never starts
            # with a citation: "longer⁵˒⁷." stays on one line.
            if out:
                out[-1] = out[-1].rstrip()
            out.append(WORD_JOINER + cite(item.source_ids))
    return "".join(out).strip()


def _only_citations(inlines: Inlines) -> bool:
    return any(isinstance(i, Cite) for i in inlines) and all(
        isinstance(i, Cite) or (isinstance(i, Text) and not i.text.strip()) for i in inlines)


def list_html(block: BulletList, render_inlines: Callable[[Inlines], str]) -> str:
    """A list, nested by each item's depth (the model keeps lists flat with depths)."""
    top = "ol" if block.ordered else "ul"
    html: list[str] = []
    stack: list[str] = []
    depth = -1
    for item in block.items:
        level = min(item.depth, depth + 1) if stack else 0
        if level > depth:
            tag = top if level == 0 else "ul"
            html.append(f"<{tag}>")
            stack.append(tag)
        else:
            html.append("</li>")
            while depth > level:
                html.append(f"</{stack.pop()}></li>")
                depth -= 1
        html.append("<li>" + render_inlines(item.inlines))
        depth = level
    if stack:
        html.append("</li>")
    while stack:
        html.append(f"</{stack.pop()}>")
        if stack:
            html.append("</li>")
    return "".join(html)


def blocks_html(blocks: tuple[Block, ...], cite: Cite_, picture: Callable[[Image], str],
                drawing: Callable[[Diagram | Timeline], str] | None = None) -> str:
    """HTML for `blocks`; `cite` writes a citation, `picture` an image and `drawing` a picture
    made from data (a diagram or a timeline)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph) and _only_citations(block.inlines) and parts:
            parts[-1] = _attach(parts[-1], inline_html(block.inlines, cite))
        elif isinstance(block, Heading):
            level = min(block.level + 1, 6)
            parts.append(f"<h{level}>{inline_html(block.inlines, cite)}</h{level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{inline_html(block.inlines, cite)}</p>")
        elif isinstance(block, BulletList):
            parts.append(list_html(block, lambda inlines: inline_html(inlines, cite)))
        elif isinstance(block, Image):
            parts.append(f"<figure>{picture(block)}</figure>")
        elif isinstance(block, (Diagram, Timeline)) and drawing is not None:
            parts.append(f'<figure class="drawing">{drawing(block)}</figure>')
        elif isinstance(block, Table):
            head = "".join(f"<th>{inline_html(c, cite)}</th>" for c in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{inline_html(c, cite)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(block, Cards):
            named = f"<p><strong>{escape(block.title)}</strong></p>" if block.title else ""
            parts.append(named + '<ul class="cards">' + "".join(f"<li>{card_html(c, cite)}</li>" for c in block.cards)
                         + "</ul>")
        elif isinstance(block, Callout):
            parts.append(f'<aside class="callout {escape(block.kind)}">{blocks_html(block.blocks, cite, picture, drawing)}</aside>')
    return "\n".join(p for p in parts if p)


def card_html(card: Card, cite: Cite_) -> str:
    """One card in a list (the activity's text, the lesson plan): its title in bold, then its text."""
    body = inline_html(card.body, cite)
    return f"<strong>{inline_html(card.title, cite)}</strong>" + (f" {body}" if body else "")


def _attach(previous: str, citation: str) -> str:
    """`citation` placed inside the last paragraph or list item of `previous`, glued to its
    last word."""
    for closing in ("</li>", "</p>", "</td>"):
        at = previous.rfind(closing)
        if at != -1:
            return previous[:at].rstrip() + citation + previous[at:]
    return previous + citation
