"""Print profiles: the paper and the type size a PDF is made for.

The stylesheet sizes everything in rem, so a profile only sets the page size and the root size:
11 pt for a standard handout (sources and footers at 0.75 of it, 8.25 pt) and 16 pt for large
print (which may run past two pages). Black and white is the only colour scheme: every box is
drawn with black rules, nothing depends on colour.
"""
from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZES = {"letter": "letter", "a4": "A4"}


@dataclass(frozen=True)
class Profile:
    paper: str = "letter"
    large: bool = False

    @property
    def body_pt(self) -> int:
        return 16 if self.large else 11

    @property
    def max_pages(self) -> int | None:
        """The pages a handout should fit (large print may run longer)."""
        return None if self.large else 2

    def css(self) -> str:
        return f"@page {{ size: {PAGE_SIZES[self.paper]}; }} html {{ font-size: {self.body_pt}pt; }}"
