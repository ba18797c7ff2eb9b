"""A workshop: modules run in order for one evening, for one community (`workshops/<name>.yml`).

Organizers write one small file (title, date, start time, venue, languages, audience, expected
participants, modules in order, breaks, optional local-help overrides); `read_workshop` turns
it into a validated `Workshop`, and `timetable` into a continuous run of clock times. Each
module is planned with the larger of its declared and estimated length (`timing.planned`), and
`overrun` says by how many minutes the evening runs past its end time.

Every mistake is a `LoadError` naming the file, the line and the key, and how to fix it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from .errors import LoadError
from .languages import available, language
from .load import module_folders, read_yaml
from .local import KEYS as LOCAL_KEYS
from .local import Local, parse_local
from .model import Module
from .schedule import Slot, schedule
from .timing import planned

FOLDER = "workshops"
FIELDS = ("title", "date", "start", "end", "venue", "languages", "trainer_language", "audience",
          "participants", "modules", "breaks", "local")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
#: A workshop name: the file stem and its folder in build/workshops/.
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Break:
    after: str  # module id
    minutes: int


@dataclass(frozen=True)
class Workshop:
    name: str  # the file's stem: the folder in build/workshops/
    path: Path
    title: str
    start: time
    modules: tuple[str, ...]
    languages: tuple[str, ...] = ("en",)
    trainer_language: str = ""
    day: date | None = None
    end: time | None = None
    venue: str = ""
    audience: str = ""
    participants: int = 20
    breaks: tuple[Break, ...] = ()
    local: Local = Local()

    @property
    def lang(self) -> str:
        """The participants' language: the first listed."""
        return self.languages[0]

    @property
    def notes_lang(self) -> str:
        """The language of the deck's speaker notes and the run of show."""
        return self.trainer_language or self.lang


@dataclass(frozen=True)
class Item:
    """One line of the agenda: a module (with its own timed parts) or a break."""

    kind: str  # "module" or "break"
    label: str
    starts: time
    minutes: int
    module: Module | None = None  # the module as planned (its minutes may be the estimate)
    estimated: bool = False  # planned with the estimate because the declared minutes were fewer
    parts: tuple[Slot, ...] = ()

    @property
    def ends(self) -> time:
        return _add(self.starts, self.minutes)


def _add(start: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def workshop_path(root: Path, name: str) -> Path:
    return root / FOLDER / f"{name}.yml"


def workshop_names(root: Path) -> list[str]:
    folder = root / FOLDER
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def read_workshop(root: Path, name: str, base: Local = Local()) -> Workshop:
    """The workshop `name`, validated; `base` is the project's local layer, which the file's
    `local:` block overrides."""
    path = workshop_path(root, name)
    if not path.is_file():
        known = ", ".join(workshop_names(root)) or "none yet"
        raise LoadError(f"no workshop '{name}' (known: {known}); start one with: curriculum workshop new {name}",
                        path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise LoadError("a workshop file must be a mapping (title: ..., start: ..., modules: [...])", path)
    lines = _key_lines(path)

    def fail(key: str, message: str, item: str = ""):
        raise LoadError(message, path, f"line {lines.get(key, 1)} ({key}{item})")

    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        fail(unknown[0], f"unknown key '{unknown[0]}'; known: {', '.join(FIELDS)}")
    for key in ("title", "start", "modules"):
        if data.get(key) in (None, "", []):
            fail(key, f"'{key}' is required")
    text = {}
    for key in ("title", "venue", "audience", "trainer_language"):
        value = data.get(key, "")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            fail(key, f"'{key}' must be text")
        text[key] = str(value).strip()
    start = _clock(data["start"], lambda m: fail("start", m))
    end = _clock(data["end"], lambda m: fail("end", m)) if data.get("end") is not None else None
    day = data.get("date")
    if day is not None and not isinstance(day, date):
        try:
            day = date.fromisoformat(str(day))
        except ValueError:
            fail("date", f"'{day}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-12")
    languages = data.get("languages", ["en"])
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
        fail("languages", "'languages' must be a list of language codes, e.g. [es] or [es, en]")
    for code in [*languages, *([text["trainer_language"]] if text["trainer_language"] else [])]:
        if code not in available():
            key = "languages" if code in languages else "trainer_language"
            fail(key, f"unknown language '{code}' (languages with a file: {', '.join(available())})")
    participants = data.get("participants", 20)
    if not isinstance(participants, int) or isinstance(participants, bool) or participants < 1:
        fail("participants", "'participants' must be a whole number above 0 (how many people you expect)")
    modules = _modules(root, data["modules"], lambda m, item="": fail("modules", m, item))
    breaks = _breaks(data.get("breaks") or [], modules, lambda m, item="": fail("breaks", m, item))
    local = base
    if data.get("local") is not None:
        if not isinstance(data["local"], dict):
            fail("local", f"'local' must be a mapping with {', '.join(LOCAL_KEYS)}")
        extra = sorted(set(data["local"]) - set(LOCAL_KEYS))
        if extra:
            fail("local", f"unknown key 'local.{extra[0]}'; known: {', '.join(LOCAL_KEYS)}")
        try:
            local = base.overridden(parse_local(data["local"], path, root, "local."))
        except LoadError as exc:
            raise LoadError(exc.message, path, f"line {lines.get('local', 1)} ({exc.place})") from None
    return Workshop(name, path, text["title"], start, modules, tuple(languages), text["trainer_language"], day,
                    end, text["venue"], text["audience"], participants, breaks, local)


def _clock(value, fail) -> time:
    """A clock time from "18:30", "6:30 pm" or "6pm" (YAML reads an unquoted 18:30 as 1110)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)
    match = _CLOCK.match(str(value).strip())
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower().replace(".", "")
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour < 24 and minute < 60 and (half or match[2]):
            return time(hour, minute)
    fail(f"'{value}' is not a clock time; write it like \"18:30\" or \"6:30 pm\"")
    raise AssertionError  # fail() raises


def _modules(root: Path, value, fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        fail("'modules' must be a list of module ids, e.g. [00-overview, 02-287g]")
    known = [f.name for f in module_folders(root / "modules")]
    found = []
    for n, word in enumerate((str(v).zfill(2) if isinstance(v, int) else v.strip() for v in value), start=1):
        matches = [k for k in known if k == word] or [k for k in known if k.startswith(word)]
        if len(matches) != 1:
            why = "matches several modules" if matches else "unknown module"
            fail(f"{why} '{word}' (known: {', '.join(matches or known)})", f"[{n}]")
        if matches[0] in found:
            fail(f"'{matches[0]}' is listed twice", f"[{n}]")
        found.append(matches[0])
    return tuple(found)


def _breaks(value, modules: tuple[str, ...], fail) -> tuple[Break, ...]:
    if not isinstance(value, list):
        fail("'breaks' must be a list like [{after: 02-287g, minutes: 10}]")
    breaks = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"after", "minutes"}:
            fail("each break needs exactly 'after' (a module of this workshop) and 'minutes'", f"[{n}]")
        after = str(item["after"]).strip()
        matches = [m for m in modules if m == after] or [m for m in modules if m.startswith(after)]
        if len(matches) != 1:
            fail(f"'after: {after}' is not one of this workshop's modules ({', '.join(modules)})", f"[{n}]")
        minutes = item["minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
            fail("'minutes' must be a whole number from 1 to 120", f"[{n}]")
        breaks.append(Break(matches[0], minutes))
    return tuple(breaks)


def _key_lines(path: Path) -> dict[str, int]:
    """The line of each top-level key, for error messages."""
    lines = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^([A-Za-z_]+)\s*:", line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def timetable(workshop: Workshop, modules: dict[str, Module], teaching_label: str,
              break_label: str) -> tuple[Item, ...]:
    """The evening at clock times: each module (with its parts timed), then its break, if any."""
    items: list[Item] = []
    clock = workshop.start
    for module_id in workshop.modules:
        module = modules[module_id]
        plan = planned(module)
        items.append(Item("module", module.title, clock, plan.minutes.total, plan, plan is not module,
                          tuple(schedule(plan, teaching_label, clock))))
        clock = items[-1].ends
        for pause in (b for b in workshop.breaks if b.after == module_id):
            items.append(Item("break", break_label, clock, pause.minutes))
            clock = items[-1].ends
    return tuple(items)


def overrun(workshop: Workshop, items: tuple[Item, ...]) -> int:
    """Minutes the timetable runs past the workshop's end (0 when it fits or has no end)."""
    if workshop.end is None or not items:
        return 0
    day = date(2000, 1, 1)
    total = sum(i.minutes for i in items)
    finish = datetime.combine(day, workshop.start) + timedelta(minutes=total)
    end = datetime.combine(day, workshop.end)
    if end <= datetime.combine(day, workshop.start):
        end += timedelta(days=1)
    return max(0, int((finish - end).total_seconds() // 60))


def clock_text(value: time, lang: str) -> str:
    """A clock time as people reading `lang` expect it: the language file's `clock` rule."""
    return language(lang).clock_text(value)
