"""Fill one or two pages on purpose.

A handout is laid out, looked at, and laid out again until it is what an organizer would print:
- at most two pages (large print may run longer), the lesson's picture shrinking before any
  text is squeezed and left out only as the last resort;
- no second page that holds nothing but the sources, the notice or the write-in boxes: spacing
  is tightened (type never shrinks) to bring it back to one page;
- a last page with room left gets the "My local legal help" box and write-in lines for
  questions and notes, so it never ends half empty.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .pdf import Layout
from .profiles import Profile
from .render import Variant

#: Parts that may spill onto a second page without earning it.
TAIL = {"sources", "notice", "local-help", "notes-lines"}
#: Tighter spacing and leaving out the help box pull back at most this share of a page (measured
#: on the real handouts: a spill of 15% came back, spills of 34% and more never did), so a
#: longer spill is not laid out again in vain.
PULL_BACK_SHARE = 0.25
PICTURE_HEIGHTS = (3.4, 2.7, 2.1)  # inches, largest first
CSS_PX_PER_IN = 96


def _candidates(has_picture: bool) -> list[Variant]:
    heights = PICTURE_HEIGHTS if has_picture else (None,)
    out = [Variant(tight=False, local_help=True, picture_in=heights[0])]
    out += [Variant(tight=True, local_help=True, picture_in=h) for h in heights]
    out += [Variant(tight=True, local_help=False, picture_in=h) for h in heights]
    if has_picture:
        out.append(Variant(tight=True, local_help=False, picture_in=None))
    return out


def first_variant(has_picture: bool) -> Variant:
    """The layout `fit` tries first."""
    return _candidates(has_picture)[0]


def fit(attempt: Callable[[Variant], Layout], profile: Profile, has_picture: bool) -> Layout:
    """The best layout `attempt` gives for this profile (see the module docstring)."""
    attempt = _once_each(attempt)
    limit = profile.max_pages
    candidates = _candidates(has_picture)
    chosen, layout = candidates[0], attempt(candidates[0])
    if limit is not None and layout.pages > limit:
        for variant in candidates[1:]:
            chosen, layout = variant, attempt(variant)
            if layout.pages <= limit:
                break
    if layout.pages == 2 and not (layout.parts_on(2) - TAIL) and layout.used_share(2) <= PULL_BACK_SHARE:
        for variant in (replace(chosen, tight=True), replace(chosen, tight=True, local_help=False)):
            tighter = attempt(variant)
            if tighter.pages == 1:
                chosen, layout = variant, tighter
                break
    return _fill(attempt, chosen, layout, profile)


def _once_each(attempt: Callable[[Variant], Layout]) -> Callable[[Variant], Layout]:
    """`attempt` laid out at most once per variant: a handout that spilled onto a third page comes
    back to the variant with the help box that it already tried (a layout is ~0.1 s)."""
    layouts: dict[Variant, Layout] = {}

    def once(variant: Variant) -> Layout:
        if variant not in layouts:
            layouts[variant] = attempt(variant)
        return layouts[variant]

    return once


def _fill(attempt, chosen: Variant, layout: Layout, profile: Profile) -> Layout:
    """The help box (if it was left out) and write-in lines in the room left on the last page,
    each only if the page count stays the same."""
    if not chosen.local_help:
        helped = attempt(replace(chosen, local_help=True))
        if helped.pages == layout.pages:
            chosen, layout = replace(chosen, local_help=True), helped
    if profile.large:
        return layout  # large print runs as long as it needs; no page of empty lines
    line = 1.7 * profile.body_pt / 72 * CSS_PX_PER_IN  # .notes-lines .line is 1.7rem tall
    free = layout.free_height(layout.pages) - 3.2 * line  # its heading and margins
    lines = min(int(free // line), 12)
    if lines < 2:
        return layout
    filled = attempt(replace(chosen, notes_lines=lines))
    return filled if filled.pages == layout.pages else layout
