"""The local layer: who runs this copy of the curriculum and where participants find help nearby.

Organizers set it in `curriculum.yml` (and may override it per workshop): the organization
(name, short name, logo, accent colour), one or more local legal-help entries and optional
hotlines. When it is set, every output prints it where it would otherwise send people to the
generic national referral; `help_lines` is the one place that turns it into text, so the
book, the decks, the handouts and the guides say the same thing.

Every mistake is a `LoadError` naming the file and the key ("local_help[1].phone").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LoadError

#: The keys of the local layer in curriculum.yml (and under `local:` in a workshop file).
KEYS = ("organization", "local_help", "hotlines")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]{5,}[0-9](\s*(ext\.?|x)\s*[0-9]+)?$", re.IGNORECASE)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LOGO_TYPES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Organization:
    name: str
    short_name: str = ""
    logo: Path | None = None  # absolute, checked to exist
    accent: str = ""  # "#rrggbb"

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Helper:
    """One place that gives legal help (a clinic, a nonprofit, a bar referral line)."""

    name: str
    phone: str = ""
    hours: str = ""
    languages: tuple[str, ...] = ()
    address: str = ""
    url: str = ""
    cost: str = ""  # e.g. "Free consultations", in the organizer's words


@dataclass(frozen=True)
class Hotline:
    name: str
    phone: str


@dataclass(frozen=True)
class Local:
    organization: Organization | None = None
    helpers: tuple[Helper, ...] = ()
    hotlines: tuple[Hotline, ...] = ()

    @property
    def has_help(self) -> bool:
        return bool(self.helpers or self.hotlines)

    def overridden(self, other: "Local") -> "Local":
        """This layer with whatever `other` sets (a workshop's overrides) taking its place."""
        return Local(other.organization or self.organization, other.helpers or self.helpers,
                     other.hotlines or self.hotlines)


def parse_local(data: dict, path: Path, root: Path, prefix: str = "") -> Local:
    """The local layer from the mapping that holds `organization`, `local_help`, `hotlines`
    (other keys are the caller's business); `prefix` locates errors ("local.")."""
    organization = data.get("organization")
    helpers = data.get("local_help") or []
    hotlines = data.get("hotlines") or []
    if organization is not None and not isinstance(organization, dict):
        raise LoadError("'organization' must be a mapping with name, short_name, logo, accent", path,
                        f"{prefix}organization")
    for key, value in (("local_help", helpers), ("hotlines", hotlines)):
        if not isinstance(value, list):
            raise LoadError(f"'{key}' must be a list (one '- name: ...' entry each)", path, f"{prefix}{key}")
    return Local(
        _organization(organization, path, root, f"{prefix}organization") if organization else None,
        tuple(_helper(item, path, f"{prefix}local_help[{n}]") for n, item in enumerate(helpers, start=1)),
        tuple(_hotline(item, path, f"{prefix}hotlines[{n}]") for n, item in enumerate(hotlines, start=1)),
    )


def _fields(item, path: Path, place: str, known: tuple[str, ...], required: tuple[str, ...]) -> dict:
    if not isinstance(item, dict):
        raise LoadError(f"must be a mapping with {', '.join(known)}", path, place)
    unknown = sorted(set(item) - set(known))
    if unknown:
        raise LoadError(f"unknown key '{unknown[0]}'; known: {', '.join(known)}", path, place)
    for key in required:
        if not str(item.get(key) or "").strip():
            raise LoadError(f"'{key}' is required", path, place)
    values = {}
    for key, value in item.items():
        if key == "languages":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise LoadError("'languages' must be a list of language names, e.g. [English, Español]", path,
                                f"{place}.languages")
            values[key] = tuple(value)
        elif not isinstance(value, (str, int)) or isinstance(value, bool):
            raise LoadError(f"'{key}' must be text, not {value!r}", path, f"{place}.{key}")
        else:
            values[key] = str(value).strip()
    return values


def _phone(value: str, path: Path, place: str) -> str:
    if value and not _PHONE.match(value):
        raise LoadError(f"'{value}' is not a phone number (digits with spaces, dashes or "
                        "parentheses, e.g. 555-0100)", path, place)
    return value


def _organization(item, path: Path, root: Path, place: str) -> Organization:
    values = _fields(item, path, place, ("name", "short_name", "logo", "accent"), ("name",))
    logo = None
    if values.get("logo"):
        logo = (root / values["logo"]).resolve()
        if logo.suffix.lower() not in _LOGO_TYPES:
            raise LoadError(f"the logo must be a PNG or JPEG file, not '{values['logo']}'", path, f"{place}.logo")
        if not logo.is_file():
            raise LoadError(f"the logo file '{values['logo']}' does not exist (the path is relative to "
                            f"{root.name}/)", path, f"{place}.logo")
    accent = values.get("accent", "")
    if accent and not _COLOUR.match(accent):
        raise LoadError(f"'accent' must be a colour like \"#1d4e89\", not '{accent}' (quote it: # starts a "
                        "YAML comment)", path, f"{place}.accent")
    return Organization(values["name"], values.get("short_name", ""), logo, accent.lower())


def _helper(item, path: Path, place: str) -> Helper:
    values = _fields(item, path, place, ("name", "phone", "hours", "languages", "address", "url", "cost"),
                     ("name",))
    if not (values.get("phone") or values.get("address") or values.get("url")):
        raise LoadError("give at least a phone, an address or a url, so people can reach it", path, place)
    _phone(values.get("phone", ""), path, f"{place}.phone")
    return Helper(**values)


def _hotline(item, path: Path, place: str) -> Hotline:
    values = _fields(item, path, place, ("name", "phone"), ("name", "phone"))
    return Hotline(values["name"], _phone(values["phone"], path, f"{place}.phone"))


def help_lines(local: Local, hours: str, languages: str) -> list[str]:
    """The local help as lines of plain text, one place or hotline a line (empty when unset).
    `hours` and `languages` are the labels in the output's language."""
    lines = []
    for helper in local.helpers:
        parts = [helper.name, helper.phone, helper.address, helper.url]
        if helper.hours:
            parts.append(f"{hours}: {helper.hours}")
        if helper.languages:
            parts.append(f"{languages}: {', '.join(helper.languages)}")
        parts.append(helper.cost)
        lines.append(" · ".join(p for p in parts if p))
    lines.extend(f"{hotline.name}: {hotline.phone}" for hotline in local.hotlines)
    return lines
