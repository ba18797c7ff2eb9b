"""Project settings from `curriculum.yml`: one typed dataclass, every field with a default.

Each field's metadata gives what it changes (`help`) and, for numbers, the range that makes
sense (`range`); `load_config` enforces both with one clear line, and `settings_table` writes
the table in docs/settings.md from the same metadata, so the docs cannot drift.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

from .errors import LoadError
from .load import read_yaml
from .local import Local, parse_local

CONFIG_FILE = "curriculum.yml"
#: The paper sizes handouts and lesson plans can be printed on.
PAPERS = ("letter", "a4")


def _setting(default, help: str, range: tuple[int, int] | None = None, kind: str | None = None):
    return field(default=default, metadata={"help": help, "range": range, "kind": kind})


def _setting_factory(factory, help: str, kind: str):
    """A setting whose default is an empty mapping or list (validated by `curriculum/local.py`)."""
    return field(default_factory=factory, metadata={"help": help, "range": None, "kind": kind})


@dataclass(frozen=True)
class Config:
    title: str | dict = _setting(
        "", "Book title on the home page and in the browser tab: one text for every language, or one per "
        "language (`{en: ..., es: ...}`); empty: each language file's `site_title`.", kind="text or mapping")
    publisher: str = _setting(
        "Untangle contributors", "Who publishes this copy of the curriculum (book footer and handouts).")
    max_review_age_days: int = _setting(
        180, "A module whose last review is older than this many days is a warning.", (1, 3650))
    max_fact_age_days: int = _setting(
        120, "A time-sensitive fact marked {asof} older than this many days is a warning.", (1, 3650))
    long_sentence_words: int = _setting(
        25, "Sentences longer than this many words are listed by check.", (5, 100))
    max_bullets_per_slide: int = _setting(
        6, "At most this many bullets on one slide; longer sections continue on a new slide.", (1, 12))
    max_bullet_chars: int = _setting(
        160, "A bullet longer than this many characters would overflow its slide (a warning).", (20, 400))
    slide_template: str = _setting(
        "", "An organization's own PowerPoint template (.pptx), relative to the project folder; empty for the "
        "built-in one. It must keep the layout names in slides_builder/layouts.py.", kind="path to a .pptx")
    max_handout_words: int = _setting(
        500, "The handout must fit two pages: handout-tagged text above this many words is an error.", (50, 2000))
    book_url: str = _setting(
        "", "Where build/book/ is published on the web (e.g. https://example.org/untangle). Given, each deck's "
        "sources slide shows the lesson's page there with a QR code; empty: only the page's address inside the "
        "build folder, and no QR code.", kind="web address")
    paper: str = _setting(
        "letter", "Paper for handouts and lesson plans: letter (US Letter) or a4.", kind="letter or a4")
    organization: dict = _setting_factory(
        dict, "The organization running this copy: {name, short_name, logo, accent} (docs/trainers.md, section 7).",
        kind="mapping")
    local_help: list = _setting_factory(
        list, "Local legal help printed on every output instead of the generic referral: a list of "
        "{name, phone, hours, languages, address, url, cost}.", kind="list of mappings")
    hotlines: list = _setting_factory(list, "Hotline numbers: a list of {name, phone}.", kind="list of mappings")

    def site_title(self, lang: str, default: str) -> str:
        if isinstance(self.title, dict):
            return str(self.title.get(lang) or default)
        return self.title or default

    def local(self, root: Path) -> Local:
        """The local layer, validated (a located `LoadError` when it is wrong)."""
        return parse_local({"organization": self.organization or None, "local_help": self.local_help,
                            "hotlines": self.hotlines}, root / CONFIG_FILE, root)

    def template_path(self, root: Path) -> Path | None:
        return (root / self.slide_template).resolve() if self.slide_template else None


def _kind(f) -> str:
    if f.metadata.get("kind"):
        return f.metadata["kind"]
    return {"int": "whole number", "str": "text"}.get(str(f.type), str(f.type))


def load_config(root: Path) -> Config:
    """The settings in `root/curriculum.yml`, or the defaults when there is no such file."""
    path = root / CONFIG_FILE
    if not path.exists():
        return Config()
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise LoadError("settings must be a mapping of names to values, one 'name: value' a line", path)
    lines = {line.split(":")[0].strip(): n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ":" in line and not line.startswith((" ", "#"))}
    known = {f.name: f for f in fields(Config)}
    values = {}
    for key, value in data.items():
        place = f"line {lines[str(key)]}" if str(key) in lines else None
        if key not in known:
            import difflib

            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise LoadError(f"unknown setting '{key}'; {hint}known: {', '.join(known)} (docs/settings.md)", path, place)
        values[key] = _valid(known[key], value, path, place)
    config = Config(**values)
    config.local(root)  # the local layer is checked here, before anything is built
    return config


def _valid(f, value, path: Path, place: str | None):
    """`value` if it fits the setting `f`, else a LoadError saying what fits."""
    default = f.default if f.default is not MISSING else None
    if f.name == "title" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return value
    if type(default) is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise LoadError(f"'{f.name}' must be a whole number, not {value!r} (default {default})", path, place)
    if type(default) is str and not isinstance(value, str):
        raise LoadError(f"'{f.name}' must be str, not {value!r}; put text in quotes", path, place)
    low_high = f.metadata.get("range")
    if low_high and not low_high[0] <= value <= low_high[1]:
        raise LoadError(f"'{f.name}' must be between {low_high[0]} and {low_high[1]}, not {value} "
                        f"(default {default}): {f.metadata.get('help', '')}", path, place)
    if f.name == "paper" and value not in PAPERS:
        raise LoadError(f"'paper' must be one of {', '.join(PAPERS)}, not {value!r}", path, place)
    if f.name == "book_url" and value and not value.startswith(("https://", "http://")):
        raise LoadError(f"'book_url' must start with https://, not {value!r}", path, place)
    if f.name == "slide_template" and value:
        template = (path.parent / value)
        if template.suffix.lower() != ".pptx" or not template.is_file():
            raise LoadError(f"'slide_template' must name a .pptx file in the project; {value} is not one", path, place)
    return value


def settings_table() -> str:
    """The Markdown table of every setting, for docs/settings.md (and `curriculum settings`)."""
    rows = ["| setting | type | default | range | what it changes |", "| --- | --- | --- | --- | --- |"]
    for f in fields(Config):
        low_high = f.metadata.get("range")
        shown = f"{low_high[0]} to {low_high[1]}" if low_high else "-"
        default = "(empty)" if f.default is MISSING or f.default == "" else f.default
        rows.append(f"| `{f.name}` | {_kind(f)} | {default} | {shown} | {f.metadata.get('help', '')} |")
    return "\n".join(rows) + "\n"
