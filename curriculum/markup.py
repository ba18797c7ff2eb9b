"""Parse the MyST Markdown of one cell into content-model blocks.

This is the only place that knows Markdown syntax. The book renderer gets MyST text back
from the tree (book/myst.py), so Sphinx sees the same structure the slides and handouts see.
It is also where straight quotes become typographic ones (markdown-it's own smartquotes rule,
with the language's quote marks): every output then prints the same characters.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from .model import (
    AsOf,
    Block,
    BulletList,
    Callout,
    Card,
    Cards,
    Cite,
    Code,
    Diagram,
    Directive,
    Emphasis,
    Heading,
    Image,
    Inline,
    Inlines,
    Link,
    ListItem,
    Paragraph,
    Review,
    Strong,
    Table,
    Term,
    Text,
    Timeline,
    TimelineEvent,
    Unsupported,
    plain_text,
)

#: Roles an author may use inside text.
ROLES = ("src", "term", "review", "asof")
#: Boxes an author may use; any other directive is reported by `check`.
CALLOUTS = ("note", "warning", "tip")

#: An activity's printed cards: one list item per card.
CARDS = "cards"
_CARDS_HOW = "write one line per card: '- **Title** what the card says' (the text after the title is optional)"

#: Directives drawn from data by curriculum/diagrams.py.
DRAWINGS = ("diagram", "timeline")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_EVENT_DATE = re.compile(r"^\s*(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*:\s*")

_TERM_WITH_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<term>[^<>]+)>$", re.S)
_ASOF_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
_OPTION_LINE = re.compile(r"^:[\w-]+:")

#: Opening and closing double quote, opening and closing single quote (the closing single quote
#: is also the apostrophe). A language file may set its own (`quotes:`).
QUOTES = "“”‘’"


@lru_cache(maxsize=8)
def _parser(quotes: str) -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": False, "typographer": True, "quotes": quotes})
        .enable(["table", "smartquotes"])
        .use(myst_role_plugin)
        .use(colon_fence_plugin)
        .use(myst_block_plugin)
    )


@lru_cache(maxsize=8)
def _plain(quotes: str) -> MarkdownIt:
    """Only text and the smartquotes rule: plain text (a title, a label) keeps every other character."""
    return MarkdownIt("zero", {"typographer": True, "quotes": quotes}).enable("smartquotes")


def typographic(text: str, quotes: str = QUOTES) -> str:
    """Plain `text` (not Markdown) with straight quotes and apostrophes made typographic, by the
    same rule as a cell's text: for the metadata, sources, glossary and labels printed beside it."""
    if "'" not in text and '"' not in text:
        return text
    inline = _plain(quotes).parseInline(text)[0]
    return "".join(child.content for child in inline.children or ())

#: Block markup the outputs do not show, with what the author should do instead.
_UNSUPPORTED = {
    "hr": "a horizontal rule (---) is not shown on slides or handouts; start a new '##' section instead",
    "myst_block_break": "a block break (+++) is not used by Untangle; remove it",
    "myst_target": "a MyST target '(name)=' is not used by Untangle; remove it",
    "html_block": "raw HTML is not shown; write it in Markdown",
}


class MarkupError(ValueError):
    """Text the parser cannot accept; `line` is 1-based within the cell."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def parse(text: str, first_line: int = 1, quotes: str = QUOTES) -> tuple[Block, ...]:
    """Blocks of one cell's Markdown; `first_line` numbers lines for messages; straight quotes in
    its text become `quotes`."""
    tokens = _parser(quotes).parse(text)
    blocks, _ = _blocks(tokens, 0, None, first_line, quotes)
    return tuple(blocks)


def _line(token: Token, offset: int) -> int:
    return (token.map[0] if token.map else 0) + offset


def _blocks(tokens: list[Token], i: int, stop: str | None, offset: int, quotes: str) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop and tok.type == stop:
            return blocks, i + 1
        if tok.type == "heading_open":
            inlines, images = _inlines(tokens[i + 1], offset)
            blocks.append(Heading(int(tok.tag[1]), inlines, _line(tok, offset)))
            blocks.extend(images)
            i += 3
        elif tok.type == "paragraph_open":
            inlines, images = _inlines(tokens[i + 1], offset)
            if inlines:
                blocks.append(Paragraph(inlines, _line(tok, offset)))
            blocks.extend(images)
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            items: list[ListItem] = []
            images: list[Image] = []
            i = _list_items(tokens, i + 1, tok.type.replace("_open", "_close"), 0, items, images, offset)
            blocks.append(BulletList(tuple(items), tok.type == "ordered_list_open", _line(tok, offset)))
            blocks.extend(images)
        elif tok.type == "table_open":
            table, i = _table(tokens, i + 1, offset, _line(tok, offset))
            blocks.append(table)
        elif tok.type in ("colon_fence", "fence"):
            blocks.append(_fence(tok, offset, quotes))
            i += 1
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", offset, quotes)
            blocks.append(Callout("note", tuple(inner), _line(tok, offset)))
        elif tok.type == "code_block":
            blocks.append(Paragraph((Code(tok.content.strip()),), _line(tok, offset)))
            i += 1
        elif tok.type in _UNSUPPORTED:
            blocks.append(Unsupported(_UNSUPPORTED[tok.type], _line(tok, offset)))
            i += 1
        else:  # MyST comments ("% ...") and closing tokens: nothing any output shows
            i += 1
    return blocks, i


def _list_items(tokens, i, close, depth, items, images, offset) -> int:
    while i < len(tokens) and tokens[i].type != close:
        tok = tokens[i]
        if tok.type == "paragraph_open":
            inlines, imgs = _inlines(tokens[i + 1], offset)
            items.append(ListItem(inlines, depth))
            images.extend(imgs)
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            i = _list_items(tokens, i + 1, tok.type.replace("_open", "_close"), depth + 1, items, images, offset)
        else:
            i += 1
    return i + 1


def _table(tokens, i, offset, line) -> tuple[Table, int]:
    header: list[Inlines] = []
    rows: list[tuple[Inlines, ...]] = []
    row: list[Inlines] = []
    in_head = False
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(tuple(row))
        elif tok.type == "inline":
            row.append(_inlines(tok, offset)[0])
        i += 1
    return Table(tuple(header), tuple(rows), line), i + 1


def _fence(tok: Token, offset: int, quotes: str) -> Block:
    line = _line(tok, offset)
    match = _DIRECTIVE_INFO.match(tok.info.strip())
    if not match:  # a plain code sample
        return Paragraph((Code(tok.content.rstrip()),), line)
    name = match.group("name")
    if name in DRAWINGS:
        return _drawing(name, match.group("arg").strip(), tok.content, line, quotes)
    if name == CARDS:
        return _cards(match.group("arg").strip(), tok.content, line, quotes)
    if name not in CALLOUTS:
        return Directive(name, line)
    body = "\n".join(l for l in tok.content.splitlines() if not _OPTION_LINE.match(l))
    return Callout(name, parse(body, line + 1, quotes), line)


def _drawing(name: str, arg: str, content: str, line: int, quotes: str) -> Block:
    """A `{diagram}` (what is drawn and the `:highlight:` view) or a `{timeline}` (a title and a
    bullet list of `- YYYY-MM: what happened {src}`id``)."""
    options = {m.group("key"): m.group("value").strip() for m in map(_OPTION.match, content.splitlines()) if m}
    body = "\n".join(l for l in content.splitlines() if not _OPTION_LINE.match(l))
    if name == "diagram":
        if not arg:
            raise MarkupError("a diagram needs a name: ':::{diagram} web' with ':highlight: <view>'", line)
        unknown = sorted(set(options) - {"highlight"})
        if unknown or body.strip():
            raise MarkupError("a diagram takes only a ':highlight: <view>' line (the drawing comes from modules/web.yml)", line)
        return Diagram(arg, options.get("highlight", "whole"), line)
    blocks = parse(body, line + 1 + len(options), quotes)
    if len(blocks) != 1 or not isinstance(blocks[0], BulletList) or blocks[0].ordered:
        raise MarkupError("a timeline holds one bullet list: '- 2008-10: what happened {src}`id`'", line)
    events = []
    for item in blocks[0].items:
        first = item.inlines[0] if item.inlines else None
        found = _EVENT_DATE.match(first.text) if isinstance(first, Text) else None
        if item.depth or not found:
            raise MarkupError("each timeline line starts with a date and a colon: '- 2008-10: ...' "
                              "(YYYY, YYYY-MM or YYYY-MM-DD)", line)
        rest = first.text[found.end():]
        events.append(TimelineEvent(found.group("date"), ((Text(rest),) if rest else ()) + item.inlines[1:]))
    return Timeline(typographic(arg, quotes), tuple(events), line)


def _cards(arg: str, content: str, line: int, quotes: str) -> Cards:
    """A `{cards}` list: each item is one card, its title in bold at the start (or, when nothing
    is bold, the whole line), then the card's text, if any."""
    options = {m.group("key"): m.group("value").strip() for m in map(_OPTION.match, content.splitlines()) if m}
    if (arg or set(options) - {"order", "title"} or options.get("order", "mixed") != "mixed"
            or ("title" in options and not options["title"])):
        raise MarkupError("':::{cards}' takes nothing after it but an optional ':order: mixed' line (the sheet then "
                          "prints the cards out of order) and ':title: …' (the set's name on the sheet); "
                          + _CARDS_HOW, line)
    body = "\n".join(l for l in content.splitlines() if not _OPTION_LINE.match(l))
    blocks = parse(body, line + 1 + len(options), quotes)
    if not blocks:
        raise MarkupError("the cards list is empty; " + _CARDS_HOW, line)
    if len(blocks) != 1 or not isinstance(blocks[0], BulletList):
        raise MarkupError("the cards hold one list and nothing else; " + _CARDS_HOW, line)
    cards = []
    for item in blocks[0].items:
        if item.depth:
            raise MarkupError("a card is one line, not a list inside a list; " + _CARDS_HOW, line)
        cards.append(_card(item.inlines))
    if not cards or any(not plain_text(card.title) for card in cards):
        raise MarkupError("a card has no title; " + _CARDS_HOW, line)
    return Cards(tuple(cards), line, mixed="order" in options, title=typographic(options.get("title", ""), quotes))


def _card(inlines: Inlines) -> Card:
    """One card: a leading bold part is its title ("**Arrest.** Police ..."), without the colon
    or full stop that separates it from the text; otherwise the whole line is the title."""
    blank = [isinstance(i, Text) and not i.text.strip() for i in inlines]
    if False in blank:  # markdown-it leaves empty text around a bold part
        inlines = inlines[blank.index(False):len(blank) - blank[::-1].index(False)]
    if len(inlines) > 1 and isinstance(inlines[0], Strong):
        title = _merge_text(list(inlines[0].children))
        if title and isinstance(title[-1], Text):
            title = title[:-1] + (Text(title[-1].text.rstrip().rstrip(".:").rstrip()),)
        body = inlines[1:]
        if isinstance(body[0], Text):
            body = (Text(body[0].text.lstrip(" .:")),) + body[1:]
        return Card(title, tuple(i for i in body if not (isinstance(i, Text) and not i.text)))
    if len(inlines) == 1 and isinstance(inlines[0], Strong):
        return Card(inlines[0].children)
    return Card(inlines)


def _inlines(inline_token: Token, offset: int) -> tuple[Inlines, list[Image]]:
    """Inline content of one paragraph, and the images it holds (pulled out as blocks)."""
    line = _line(inline_token, offset)
    stack: list[list[Inline]] = [[]]
    openers: list[Token] = []
    images: list[Image] = []
    for tok in inline_token.children or []:
        kind = tok.type
        if kind == "text":
            stack[-1].append(Text(tok.content))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append(Text(" "))
        elif kind == "code_inline":
            stack[-1].append(Code(tok.content))
        elif kind in ("strong_open", "em_open", "link_open"):
            openers.append(tok)
            stack.append([])
        elif kind in ("strong_close", "em_close", "link_close"):
            children = tuple(stack.pop())
            opener = openers.pop()
            if opener.type == "strong_open":
                stack[-1].append(Strong(children))
            elif opener.type == "em_open":
                stack[-1].append(Emphasis(children))
            else:
                stack[-1].append(Link(children, str(opener.attrs.get("href", ""))))
        elif kind == "image":
            images.append(Image(str(tok.attrs.get("src", "")), tok.content.strip(), line))
        elif kind == "myst_role":
            stack[-1].append(_role(tok.meta.get("name", ""), tok.content, line))
    return _merge_text(stack[0]), images


def _role(name: str, content: str, line: int) -> Inline:
    if name == "src":
        ids = tuple(part.strip() for part in content.split(",") if part.strip())
        if not ids:
            raise MarkupError("{src} needs at least one source id", line)
        return Cite(ids)
    if name == "term":
        match = _TERM_WITH_TARGET.match(content.strip())
        if match and match.group("text"):
            return Term(match.group("text"), match.group("term").strip())
        return Term(content.strip(), content.strip())
    if name == "review":
        return Review(content.strip())
    if name == "asof":
        match = _TERM_WITH_TARGET.match(content.strip())
        text, when = (match.group("text"), match.group("term").strip()) if match else ("", content.strip())
        if not _ASOF_DATE.match(when):
            raise MarkupError(
                f"{{asof}} needs a date YYYY-MM or YYYY-MM-DD, not {when!r} "
                "(write {asof}`As of March 2026 <2026-03>` or {asof}`2026-03`)", line)
        return AsOf(text, when)
    close = difflib.get_close_matches(name, ROLES, n=1)
    hint = f"did you mean {{{close[0]}}}? " if close else ""
    raise MarkupError(
        f"unknown role {{{name}}}; {hint}use one of " + ", ".join("{" + r + "}" for r in ROLES), line
    )


def _merge_text(items: list[Inline]) -> Inlines:
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return tuple(merged)

