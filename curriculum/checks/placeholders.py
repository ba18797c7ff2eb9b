"""Placeholder rule: the example text of `curriculum new`, its `replace-me` source and
example addresses (example.org, example.com, example.net: reserved for examples) are errors,
so an unedited skeleton or a half-filled source is never published."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..scaffold import PLACEHOLDERS, SOURCE_ID
from . import Context, error

_EXAMPLE_HOST = re.compile(r"(^|\.)example\.(com|org|net)$|\.(example|invalid)$")
_PLACEHOLDER_ID = re.compile(rf"^{re.escape(SOURCE_ID)}$|^replace[-_]", re.IGNORECASE)


def is_example_url(url: str) -> bool:
    return bool(_EXAMPLE_HOST.search((urlsplit(url).hostname or "").lower()))


def check(context: Context):
    for module in context.curriculum.modules:
        details = {"title": module.title, "summary": module.summary, "audience": module.audience}
        for name, value in details.items():
            if value in PLACEHOLDERS:
                yield error(module, f"metadata 'untangle.{name}'", "placeholder.text",
                            f"the {name} is still the example text \"{value}\"; write this lesson's own")
        for name in ("objectives", "key_points"):
            for n, value in enumerate(getattr(module, name), start=1):
                if value in PLACEHOLDERS:
                    yield error(module, f"metadata 'untangle.{name}[{n}]'", "placeholder.text",
                                f"item {n} is still the example text \"{value}\"; write this lesson's own")
        for n, source in enumerate(module.sources, start=1):
            place = f"metadata 'untangle.sources[{n}]'"
            if _PLACEHOLDER_ID.search(source.id):
                yield error(module, place, "placeholder.source-id",
                            f"source id '{source.id}' is a placeholder; name the real source (e.g. "
                            f"'ice-287g-2025') here and in every {{src}} that cites it")
            if is_example_url(source.url):
                yield error(module, place, "placeholder.url",
                            f"{source.url} is an example address; put the real address of '{source.title}'")
            for field in ("title", "publisher"):
                if getattr(source, field) in PLACEHOLDERS:
                    yield error(module, place, "placeholder.text",
                                f"the source {field} is still the example text \"{getattr(source, field)}\"")
        for cell in module.cells:
            found = [p for p in PLACEHOLDERS if p in cell.source or (cell.title and p in cell.title)]
            if found:
                yield error(module, f"cell {cell.number}", "placeholder.text",
                            f"still holds the example text \"{found[0]}\" from curriculum new; write your own")
