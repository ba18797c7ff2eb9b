"""Write content-model blocks as plain CommonMark for nbconvert's Markdown filter.

MyST roles do not exist there, so citations become superscript numbers and glossary terms
plain words; review marks disappear.
"""
from __future__ import annotations

import re
from typing import Callable

from curriculum.model import (
    AsOf,
    Block,
    BulletList,
    Callout,
    Cite,
    Code,
    Emphasis,
    Heading,
    Image,
    Inlines,
    Link,
    Paragraph,
    Strong,
    Table,
    Term,
    Text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>$|#])")


def escape(text: str) -> str:
    """Text with Markdown (and nbconvert's math) characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def inline_markdown(inlines: Inlines, cite: Callable[[tuple[str, ...]], str]) -> str:
    out: list[str] = []
    for item in inlines:
        if isinstance(item, Text):
            out.append(escape(item.text))
        elif isinstance(item, (Term, AsOf)):
            out.append(escape(item.text))
        elif isinstance(item, Code):
            out.append(f"`{item.text}`")
        elif isinstance(item, Strong):
            out.append(f"**{inline_markdown(item.children, cite)}**")
        elif isinstance(item, Emphasis):
            out.append(f"*{inline_markdown(item.children, cite)}*")
        elif isinstance(item, Link):
            out.append(inline_markdown(item.children, cite))  # on paper, the source list gives the address
        elif isinstance(item, Cite):
            out.append(cite(item.source_ids))
    return "".join(out).strip()


def blocks_markdown(
    blocks: tuple[Block, ...], cite: Callable[[tuple[str, ...]], str], picture: Callable[[Image], str]
) -> str:
    """Markdown for `blocks`; `cite` writes a citation and `picture` an image."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append("#" * min(block.level + 1, 6) + " " + inline_markdown(block.inlines, cite))
        elif isinstance(block, Paragraph):
            parts.append(inline_markdown(block.inlines, cite))
        elif isinstance(block, BulletList):
            lines = []
            for n, item in enumerate(block.items, start=1):
                marker = f"{n}." if block.ordered and item.depth == 0 else "-"
                lines.append("    " * item.depth + f"{marker} {inline_markdown(item.inlines, cite)}")
            parts.append("\n".join(lines))
        elif isinstance(block, Image):
            parts.append(picture(block))
        elif isinstance(block, Table):
            header = "| " + " | ".join(inline_markdown(c, cite) for c in block.header) + " |"
            rule = "|" + "---|" * len(block.header)
            rows = ["| " + " | ".join(inline_markdown(c, cite) for c in row) + " |" for row in block.rows]
            parts.append("\n".join([header, rule, *rows]))
        elif isinstance(block, Callout):
            inner = blocks_markdown(block.blocks, cite, picture)
            parts.append("\n".join("> " + line if line else ">" for line in inner.splitlines()))
    return "\n\n".join(p for p in parts if p)
