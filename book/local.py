"""The local layer in the book (issue 9): who publishes it (the footer), the local help in every
legal box and on a "Local help" page, and the one-line notice on every page. The text comes
from the core (`RenderContext.local_help`, `legal_notice`), so the book says what the decks and
handouts say."""
from __future__ import annotations

from dataclasses import dataclass

from curriculum.languages import Words

from . import myst

PAGE = "local-help"


@dataclass(frozen=True)
class BookLocal:
    lines: tuple[str, ...] = ()
    notice: str = ""
    notice_short: str = ""
    author: str = ""  # the footer's "By ...": the organization, else the publisher

    @classmethod
    def of(cls, context, lang: str) -> "BookLocal":
        organization = context.local().organization
        return cls(tuple(context.local_help(lang)), *context.legal_notice(lang),
                   organization.name if organization else context.config.publisher)

    def box_text(self, label: Words) -> str:
        """The legal box's MyST: the notice, then the local help as a list."""
        text = myst.with_links(self.notice or label.legal_notice)
        if self.lines:
            text += "\n\n" + "\n".join(f"- {myst.escape(line)}" for line in self.lines)
        return text

    def page(self, label: Words) -> str:
        """The "Local help" page (only written when local help is set)."""
        lines = [f"# {myst.escape(label.local_help)}", "", myst.escape(label.local_help_page_intro), ""]
        lines += [f"- {myst.escape(line)}" for line in self.lines]
        return "\n".join(lines) + "\n"
