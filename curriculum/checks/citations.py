"""Citation rules: every citation resolves, every source is cited and complete, no stray URLs."""
from __future__ import annotations

import re
from collections import Counter

from ..model import Cite, Link, Text, block_inlines, walk_blocks, walk_inlines
from . import Context, error

URL_IN_TEXT = re.compile(r"https?://[^\s)>\]]+")


def check(context: Context):
    for module in context.curriculum.modules:
        counts = Counter(s.id for s in module.sources)
        for n, source in enumerate(module.sources, start=1):
            place = f"metadata 'untangle.sources[{n}]'"
            if counts[source.id] > 1:
                yield error(module, place, "citations.duplicate-source", f"source id '{source.id}' is listed twice")
            if not source.url.startswith(("https://", "http://")):
                yield error(module, place, "citations.bad-url", f"source '{source.id}' needs a web address starting https://")
        known = {s.id for s in module.sources}
        urls = {s.url.rstrip("/") for s in module.sources}
        cited: set[str] = set()
        for cell in module.cells:
            for block in walk_blocks(cell.blocks):
                for inlines in block_inlines(block):
                    for item in walk_inlines(inlines):
                        place = f"cell {cell.number}, line {getattr(block, 'line', 1)}"
                        if isinstance(item, Cite):
                            for source_id in item.source_ids:
                                cited.add(source_id)
                                if source_id not in known:
                                    yield error(module, place, "citations.unknown-source",
                                                f"{{src}}`{source_id}` cites a source that is not in the metadata")
                        elif isinstance(item, Link) and item.url.startswith("http"):
                            if item.url.rstrip("/") not in urls:
                                yield error(module, place, "citations.link-not-a-source",
                                            f"the link {item.url} must also be listed as a source")
                        elif isinstance(item, Text):
                            for url in URL_IN_TEXT.findall(item.text):
                                if url.rstrip("/.,;") not in urls:
                                    yield error(module, place, "citations.bare-url",
                                                f"the address {url} in the text has no source entry")
        for n, source in enumerate(module.sources, start=1):
            if source.id not in cited:
                yield error(module, f"metadata 'untangle.sources[{n}]'", "citations.uncited-source",
                            f"source '{source.id}' is never cited; cite it with {{src}}`{source.id}` or remove it")
