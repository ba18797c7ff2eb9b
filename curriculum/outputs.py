"""The registry of outputs: one line per renderer, as "package.module:Class".

Adding an output (a workshop packet, large print, EPUB) is one new package that implements
`curriculum.rendering.Renderer` plus one line here. The core names renderers only as strings,
so it never imports one (import-linter keeps it that way).
"""
from __future__ import annotations

import importlib
from pathlib import Path

from .errors import BuildError
from .rendering import Renderer

REGISTRY: dict[str, str] = {
    "slides": "slides_builder.renderer:DeckRenderer",
    "handouts": "handouts.renderer:HandoutRenderer",
    "large-print": "handouts.renderer:LargePrintRenderer",
    "guides": "handouts.renderer:GuideRenderer",
    "cards": "handouts.cards:CardSheetRenderer",
    "book": "book.renderer:BookRenderer",
}

#: The outputs of one workshop (scope WORKSHOP): `curriculum workshop NAME` writes them into
#: build/workshops/<name>/ (issue 9; see curriculum/workshop_app.py).
WORKSHOP_REGISTRY: dict[str, str] = {
    "agenda": "handouts.workshop:AgendaRenderer",
    "deck": "slides_builder.workshop:WorkshopDeckRenderer",
    "packet": "handouts.workshop:PacketRenderer",
    "run-of-show": "handouts.workshop:RunOfShowRenderer",
}


def renderer(name: str, registry: dict[str, str] = REGISTRY) -> Renderer:
    """The renderer registered as `name`, ready to use."""
    try:
        module_name, _, class_name = registry[name].partition(":")
    except KeyError:
        raise BuildError(f"unknown output '{name}'; known: {', '.join(registry)}") from None
    instance = getattr(importlib.import_module(module_name), class_name)()
    if not isinstance(instance, Renderer):
        raise BuildError(f"{registry[name]} does not implement curriculum.rendering.Renderer")
    return instance


def ordered(names, registry: dict[str, str] = REGISTRY) -> list[str]:
    """`names` with every renderer after the outputs it reads (`after`), registry order otherwise."""
    wanted = [n for n in registry if n in set(names)]
    done: list[str] = []
    while wanted:
        ready = [n for n in wanted if not set(renderer(n, registry).after) & (set(wanted) - {n})]
        if not ready:
            raise BuildError(f"outputs wait for each other: {', '.join(wanted)}")
        done.append(ready[0])
        wanted.remove(ready[0])
    return done


def published(out: Path) -> frozenset[str]:
    """Build-relative paths ("slides/01-x.en.pptx", "book/en") of the outputs already in `out`."""
    return frozenset(f"{name}/{p.name}" for name in REGISTRY if (out / name).is_dir() for p in (out / name).iterdir())
