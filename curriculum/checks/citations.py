"""Citation rules: every citation resolves, every source is cited and complete, no stray URLs."""
from __future__ import annotations

import difflib
import re
from collections import Counter

from ..languages import all_months
from ..model import Cite, Heading, Link, Table, Text, block_inlines, plain_text, walk_blocks, walk_inlines
from ..tags import Tag
from . import Context, error, warning

URL_IN_TEXT = re.compile(r"https?://[^\s)>\]]+")
#: A count or a percentage ("1,595 places", "76%", "19 states"): the kind of fact that must
#: carry a source. Years alone, lesson numbers ("01") and law sections ("287(g)") are not counts.
_MONTHS = "|".join(map(re.escape, all_months()))
DATE_OR_LABEL = re.compile(
    rf"\b(?:{_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+de\s+(?:{_MONTHS})\b|^\s*\d+\s", re.IGNORECASE)
FIGURE = re.compile(r"(?<![\w.(])(?!(?:1[89]|20)\d\d\b)(?!0\d\b)(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?%|\d{2,})(?![\w(,.]*\()")


def check_curriculum(context: Context):
    yield from _inconsistent_sources(context)


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
                                                f"{{src}}`{source_id}` cites a source that is not in the metadata; "
                                                f"{_valid_ids(source_id, module)}")
                        elif isinstance(item, Link) and item.url.startswith("http"):
                            if item.url.rstrip("/") not in urls:
                                yield error(module, place, "citations.link-not-a-source",
                                            f"the link {item.url} must also be listed as a source")
                        elif isinstance(item, Text):
                            for url in URL_IN_TEXT.findall(item.text):
                                if url.rstrip("/.,;") not in urls:
                                    yield error(module, place, "citations.bare-url",
                                                f"the address {url} in the text has no source entry")
        yield from _uncited_figures(module)
        for n, source in enumerate(module.sources, start=1):
            if source.id not in cited:
                yield error(module, f"metadata 'untangle.sources[{n}]'", "citations.uncited-source",
                            f"source '{source.id}' is never cited; cite it with {{src}}`{source.id}` or remove it")


def _valid_ids(wrong: str, module) -> str:
    """What to write instead: the closest source id, then every id the module lists."""
    ids = [s.id for s in module.sources]
    if not ids:
        return "add the source to the 'sources' list first"
    close = difflib.get_close_matches(wrong, ids, n=1)
    return (f"did you mean '{close[0]}'? " if close else "") + f"sources listed: {', '.join(ids)}"


def _uncited_figures(module):
    """Participant paragraphs and list items that state a figure or a year with no citation.

    Slide bullets summarise cited text and activities use made-up stories, so they are exempt.
    """
    for cell in module.cells:
        if cell.is_trainer or cell.is_activity or cell.is_discussion or Tag.SLIDES_ONLY in cell.tags:
            continue
        for block in walk_blocks(cell.blocks):
            if isinstance(block, (Heading, Table)):
                continue
            for inlines in block_inlines(block):
                text = plain_text(inlines)
                if FIGURE.search(DATE_OR_LABEL.sub(" ", text)) and not any(isinstance(i, Cite) for i in walk_inlines(inlines)):
                    yield warning(module, f"cell {cell.number}, line {getattr(block, 'line', 1)}",
                                  "citations.uncited-figure",
                                  f"\"{text[:60]}...\" states a figure with no {{src}} citation")


def _inconsistent_sources(context: Context):
    """A source id used by several modules must describe the same document the same way."""
    first: dict[tuple[str, str], tuple] = {}
    for module in context.curriculum.modules:
        for n, source in enumerate(module.sources, start=1):
            seen = first.setdefault((source.id, source.url), (source.date, source.title, module.id))
            if (source.date, source.title) != seen[:2]:
                yield warning(module, f"metadata 'untangle.sources[{n}]'", "citations.inconsistent-source",
                              f"source '{source.id}' has a different date or title in {seen[2]}; use the same entry")
