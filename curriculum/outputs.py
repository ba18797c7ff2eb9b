"""The registry of outputs: one line per renderer, as "package.module:Class".

Adding an output (a workshop packet, large print, EPUB) is one new package that implements
`curriculum.rendering.Renderer` plus one line here. The core names renderers only as strings,
so it never imports one (import-linter keeps it that way).
"""
from __future__ import annotations

import importlib

from .errors import BuildError
from .rendering import Renderer

REGISTRY: dict[str, str] = {
    "slides": "slides_builder.renderer:DeckRenderer",
    "handouts": "handouts.renderer:HandoutRenderer",
    "large-print": "handouts.renderer:LargePrintRenderer",
    "guides": "handouts.renderer:GuideRenderer",
    "book": "book.renderer:BookRenderer",
}


def renderer(name: str) -> Renderer:
    """The renderer registered as `name`, ready to use."""
    try:
        module_name, _, class_name = REGISTRY[name].partition(":")
    except KeyError:
        raise BuildError(f"unknown output '{name}'; known: {', '.join(REGISTRY)}") from None
    instance = getattr(importlib.import_module(module_name), class_name)()
    if not isinstance(instance, Renderer):
        raise BuildError(f"{REGISTRY[name]} does not implement curriculum.rendering.Renderer")
    return instance


def ordered(names) -> list[str]:
    """`names` with every renderer after the outputs it reads (`after`), registry order otherwise."""
    wanted = [n for n in REGISTRY if n in set(names)]
    done: list[str] = []
    while wanted:
        ready = [n for n in wanted if not set(renderer(n).after) & (set(wanted) - {n})]
        if not ready:
            raise BuildError(f"outputs wait for each other: {', '.join(wanted)}")
        done.append(ready[0])
        wanted.remove(ready[0])
    return done
