"""Project settings from `curriculum.yml`: one typed dataclass, every field with a default."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import LoadError
from .load import read_yaml
from .local import Local, parse_local

CONFIG_FILE = "curriculum.yml"


@dataclass(frozen=True)
class Config:
    #: Book title on the home page and in the browser tab: one text for every language, or a
    #: mapping per language (`{en: ..., es: ...}`); empty: each language file's `site_title`.
    title: str | dict = ""
    #: Who publishes this copy of the curriculum (shown in the book footer and on handouts).
    publisher: str = "Untangle contributors"
    #: A module whose last review is older than this is a warning.
    max_review_age_days: int = 180
    #: A time-sensitive fact marked {asof} older than this many days is a warning.
    max_fact_age_days: int = 120
    #: Sentences longer than this many words are listed.
    long_sentence_words: int = 25
    #: At most this many bullets on one slide; longer sections continue on a new slide.
    max_bullets_per_slide: int = 6
    #: A bullet longer than this many characters would overflow its slide.
    max_bullet_chars: int = 160
    #: An organization's own PowerPoint template, relative to the project folder; empty for
    #: the built-in one. It must keep the layout names in slides_builder/layouts.py.
    slide_template: str = ""
    #: The handout must fit two pages: handout-tagged text above this many words is an error.
    max_handout_words: int = 500
    # -- local layer (issue 9, see curriculum/local.py and docs/trainers.md) --
    #: The organization running this copy: {name, short_name, logo, accent}.
    organization: dict = field(default_factory=dict)
    #: Local legal help printed on every output instead of the generic referral:
    #: a list of {name, phone, hours, languages, address, url, cost}.
    local_help: list = field(default_factory=list)
    #: Hotline numbers: a list of {name, phone}.
    hotlines: list = field(default_factory=list)

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


def load_config(root: Path) -> Config:
    """The settings in `root/curriculum.yml`, or the defaults when there is no such file."""
    path = root / CONFIG_FILE
    if not path.exists():
        return Config()
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise LoadError("settings must be a mapping of names to values", path)
    known = {f.name: f for f in fields(Config)}
    values = {}
    for key, value in data.items():
        if key not in known:
            raise LoadError(f"unknown setting '{key}'; known: {', '.join(known)}", path)
        if key == "title" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            values[key] = value
            continue
        expected = type(getattr(Config(), key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise LoadError(f"'{key}' must be {expected.__name__}, not {value!r}", path)
        values[key] = value
    config = Config(**values)
    config.local(root)  # the local layer is checked here, before anything is built
    return config
