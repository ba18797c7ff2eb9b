"""The local layer on slides: the organization's logo on title slides and local help on the
closing slide (issue 9). The text comes from the core (`RenderContext.local_help`), so the deck
says what the handouts and the book say."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx.util import Emu

INCH = 914400
#: The logo's box: the top-right corner, above the title slide's title and far from the slide
#: number (bottom right), so they can never overlap.
LOGO_BOX = (Emu(int(2.4 * INCH)), Emu(int(1.5 * INCH)))  # width, height at most
LOGO_MARGIN = Emu(int(0.4 * INCH))


@dataclass(frozen=True)
class DeckLocal:
    help_lines: tuple[str, ...] = ()
    notice: str = ""  # the legal notice that sends people to the local help
    logo: Path | None = None
    organization: str = ""

    @classmethod
    def of(cls, context, lang: str) -> "DeckLocal":
        local = context.local()
        org = local.organization
        return cls(tuple(context.local_help(lang)), context.legal_notice(lang)[0],
                   org.logo if org else None, org.name if org else "")

    def closing_text(self, generic: str) -> str:
        """What the closing slide shows: the local help, one line each, or the generic notice."""
        return "\n".join(self.help_lines) if self.help_lines else generic


def place_logo(slide, prs, logo: Path | None) -> None:
    """The logo, scaled into the top-right box, with its organization's name as alt text."""
    if logo is None:
        return
    picture = slide.shapes.add_picture(str(logo), 0, 0)
    width, height = LOGO_BOX
    scale = min(width / picture.width, height / picture.height, 1.0)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = int(prs.slide_width - LOGO_MARGIN - picture.width)
    picture.top = int(LOGO_MARGIN)
    picture.name = "Logo"
    picture._element.nvPicPr.cNvPr.set("descr", "Logo")
