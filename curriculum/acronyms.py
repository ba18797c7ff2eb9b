"""What counts as an acronym a reader may need explained (ICE, DHS, NCIC, IDs...)."""
from __future__ import annotations

import re

_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])(?:s|'s|’s)?\b")
#: Capitalised words that are not acronyms a reader needs explained.
NOT_ACRONYMS = frozenset({"II", "III", "IV", "VI", "OK", "TV", "AM", "PM"})


def acronyms(text: str) -> list[str]:
    """The acronyms in `text`, in order, without plural or possessive endings."""
    return [a for a in _ACRONYM.findall(text) if a not in NOT_ACRONYMS]
