"""Turn notebooks and glossaries into the content model, or fail with one located message.

The loader only accepts what the model can represent: valid notebook JSON of nbformat 4, the
`untangle` metadata with the right types, known tags, parseable Markdown. Content rules
(citations, glossary, reading level...) are `checks`, which run on the loaded model.
"""
from __future__ import annotations

import base64
import binascii
import difflib
import hashlib
import json
import gc
import pickle
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import markup
from .cache import keep_file
from .errors import LoadError
from .languages import FOLDER as LANGUAGE_FOLDER, all_activity_labels, language
from .model import (
    Cell,
    Curriculum,
    Figure,
    Glossary,
    GlossaryEntry,
    Heading,
    Minutes,
    Module,
    Section,
    Source,
    TermList,
    TermRule,
    plain_text,
)
from .tags import EXCLUSIVE, Tag

METADATA_KEY = "untangle"
MODULE_FOLDER = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2}$")
SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------- discovery


def module_folders(modules_dir: Path) -> list[Path]:
    """Every `NN-slug` folder, in order."""
    if not modules_dir.is_dir():
        raise LoadError(f"{modules_dir.parent} is not an Untangle project (it has no modules/ folder); cd into "
                        "the project folder or pass --root PATH/TO/PROJECT")
    return sorted(p for p in modules_dir.iterdir() if p.is_dir() and MODULE_FOLDER.match(p.name))


#: A lesson is a Jupyter notebook (`en.ipynb`) or the same notebook as MyST Markdown (`en.md`).
NOTEBOOK_SUFFIXES = (".ipynb", ".md")


def is_notebook(path: Path) -> bool:
    return path.suffix in NOTEBOOK_SUFFIXES and bool(LANGUAGE.match(path.stem)) and path.is_file()


def notebooks(modules_dir: Path, ids: list[str] | None = None, lang: str | None = None) -> list[Path]:
    """The notebooks to load, restricted to `ids` and `lang`; an unknown id or language, or a
    chosen module without that language, is an error that lists what there is."""
    folders = module_folders(modules_dir)
    if ids:
        folders = [dict((f.name, f) for f in folders)[i] for i in resolve_ids(folders, ids, modules_dir)]
    if lang:
        check_language_code(lang)
    found = [nb for folder in folders for nb in sorted(folder.iterdir()) if is_notebook(nb)
             and (not lang or nb.stem == lang)]
    if lang:
        lacking = [f.name for f in folders if not any(nb.parent == f for nb in found)]
        if lacking and (ids or not found):
            shown = ", ".join(lacking[:8]) + (f" and {len(lacking) - 8} more" if len(lacking) > 8 else "")
            raise LoadError(f"no '{lang}' notebook ({lang}.ipynb or {lang}.md) in {shown}; start one with: "
                            f"curriculum translate {lacking[0]} --lang {lang}", modules_dir)
    return found


def check_language_code(lang: str) -> None:
    """A language given on the command line must have a language file; list those that do."""
    from .languages import available, language as language_of

    if lang in available():
        return
    known = ", ".join(f"{code} ({language_of(code).name})" for code in available())
    raise LoadError(f"unknown language '{lang}'; use a two-letter code: {known}")


def resolve_ids(folders: list[Path], wanted: list[str], modules_dir: Path) -> list[str]:
    """Module ids from what a person typed: full ids, unique prefixes ("02" for "02-287g"),
    comma lists ("01,02"); anything else is an error listing the known ids."""
    known = [f.name for f in folders]
    found: list[str] = []
    for word in (w.strip() for item in wanted for w in item.split(",")):
        matches = [k for k in known if k == word] or [k for k in known if k.startswith(word)]
        if len(matches) != 1:
            why = "matches several modules" if matches else "unknown module"
            hint = ", ".join(matches or known) or "none yet"
            raise LoadError(f"{why} '{word}' (known: {hint})", modules_dir)
        if matches[0] not in found:
            found.append(matches[0])
    return found


def load_curriculum(
    root: Path, ids: list[str] | None = None, lang: str | None = None, errors: list[LoadError] | None = None
) -> Curriculum:
    """Every module (or those in `ids`/`lang`). With an `errors` list, a notebook that fails to
    load is recorded there and skipped, so `check` can report all of them; without, it raises."""
    modules_dir = root / "modules"
    loaded = []
    memo = _ModelMemo(root / MEMO_FOLDER)
    for path in notebooks(modules_dir, ids, lang):
        try:
            twin = path.with_suffix(".ipynb")
            if path.suffix == ".md" and twin.is_file():
                raise LoadError(f"both {twin.name} and {path.name} hold this lesson; keep one "
                                f"(curriculum convert writes one from the other), delete the other", path)
            loaded.append(memo.load(path))
        except LoadError as exc:
            if errors is None:
                raise
            errors.append(exc)
    memo.save()
    modules = tuple(loaded)
    langs = sorted({m.lang for m in modules} | ({lang} if lang else set()))
    for code in langs:
        language(code)  # a language with notebooks but no language file is an error here
    glossaries = {code: load_glossary(modules_dir / f"glossary.{code}.yml", code) for code in langs}
    term_lists = {code: load_term_list(modules_dir / f"terms.{code}.yml", code) for code in langs}
    return Curriculum(root=root, modules=modules, glossaries=glossaries, term_lists=term_lists)


# ---------------------------------------------------------------- notebooks

#: Where parsed modules are remembered between runs (inside the project, ignored by git).
MEMO_FOLDER = ".untangle-cache"


class _ModelMemo:
    """Parsed modules keyed by the notebook's bytes and the parser's own code, so a command
    re-parses only the notebooks that changed since the last run. Losing it costs time only."""

    def __init__(self, folder: Path):
        self.file = folder / "models.pickle"
        self.parser = _digest(sorted(Path(__file__).parent.glob("*.py")) + sorted(LANGUAGE_FOLDER.glob("*.yml")))
        try:
            saved = unpickle(self.file.read_bytes())
            self.saved = saved["entries"] if saved.get("parser") == self.parser else {}
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            self.saved = {}
        self.used: dict[str, tuple[str, Module]] = {}

    def load(self, path: Path) -> Module:
        try:
            key = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise LoadError(f"cannot read the notebook ({exc.strerror})", path) from None
        entry = self.saved.get(str(path))
        module = entry[1] if entry and entry[0] == key else load_module(path)
        self.used[str(path)] = (key, module)
        return module

    def save(self) -> None:
        if self.used.keys() - self.saved.keys() or any(self.saved.get(k, (None,))[0] != v[0] for k, v in self.used.items()):
            keep_file(self.file, pickle.dumps({"parser": self.parser, "entries": {**self.saved, **self.used}}))


def unpickle(data: bytes):
    """pickle.loads with the cycle collector paused: it would otherwise scan the growing heap
    again and again while a memo of many parsed modules is rebuilt (three times slower)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if was_on:
            gc.enable()


def _digest(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()



def load_module(path: Path) -> Module:
    """The `Module` a notebook (.ipynb or MyST .md) holds, or a `LoadError` naming the file and the cell."""
    nb = notebook_dict(path)
    if not isinstance(nb, dict):
        raise LoadError("not a notebook (the file holds no JSON object)", path)
    version = nb.get("nbformat")
    if version != 4:
        raise LoadError(
            f"nbformat version {version!r}; Untangle reads version 4 (re-save it in Jupyter)", path,
            rule="load.nbformat",
        )
    meta = _field(nb, "metadata", dict, path, "notebook")
    info = meta.get(METADATA_KEY)
    if info is None:
        raise LoadError(
            f"the notebook metadata has no '{METADATA_KEY}' key (see docs/authoring.md, section 2)",
            path,
            "notebook metadata",
            rule="load.metadata",
        )
    details = myst_detail_lines(path.read_text(encoding="utf-8")) if path.suffix == ".md" else ()
    try:
        with _rule("load.metadata"):
            head = _metadata(info, path)
    except LoadError as exc:
        exc.place = detail_place(exc.place, details)
        raise
    cells = _field(nb, "cells", list, path, "notebook")
    lines = myst_cell_lines(path.read_text(encoding="utf-8"), cells) if path.suffix == ".md" else ()
    try:
        with _rule("load.cell"):
            quotes = _quotes(head["lang"])
            loaded = [_cell(i, c, path, quotes) for i, c in enumerate(cells)]
            sections = _sections(loaded, path)
    except LoadError as exc:
        exc.place = file_place(exc.place, lines)
        raise
    return Module(path=path, sections=sections, **head,
                  cell_hashes=tuple(text_hash(cell_text(c)) for c in cells),
                  english_hashes=tuple(english_hash(c) for c in cells), cell_lines=lines, detail_lines=details)


def myst_detail_lines(raw: str) -> tuple[tuple[str, int], ...]:
    """The line of each lesson detail in a Markdown lesson's front matter ("untangle.title",
    "untangle.sources[2]"), so a message about a detail names the line to edit."""
    found: list[tuple[str, int]] = []
    inside, key, items = False, "", 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if number > 1 and line.strip() == "---":
            break
        if line and not line[0].isspace():
            inside = line.startswith(f"{METADATA_KEY}:")
            if inside:
                found.append((METADATA_KEY, number))
            continue
        if not inside:
            continue
        match = re.match(r"^  (?P<key>[A-Za-z_]+):", line)
        if match:
            key, items = match["key"], 0
            found.append((f"{METADATA_KEY}.{key}", number))
        elif re.match(r"^  (  )?- ", line):
            items += 1
            found.append((f"{METADATA_KEY}.{key}[{items}]", number))
    return tuple(found)


_DETAIL_PLACE = re.compile(rf"^metadata '(?P<key>{METADATA_KEY}[^']*)'$")


def detail_place(place: str | None, details: tuple[tuple[str, int], ...]) -> str | None:
    """"metadata 'untangle.sources[2]'" as the line it is on in a Markdown lesson."""
    match = _DETAIL_PLACE.match(place or "")
    line = dict(details).get(match["key"]) if match and details else None
    return f"line {line} ({match['key']})" if line else place


def myst_cell_lines(raw: str, cells: list) -> tuple[int, ...]:
    """The line of a Markdown lesson where each cell's text starts (0 for an empty cell), so
    a message can name the line an author sees in a text editor rather than a cell number."""
    text_lines = [line.strip() for line in raw.splitlines()]
    found, cursor = [], 0
    for cell in cells:
        first = next((l.strip() for l in cell_text(cell).splitlines() if l.strip()), "") if isinstance(cell, dict) else ""
        at = next((n for n in range(cursor, len(text_lines)) if first and text_lines[n] == first), None)
        found.append(at + 1 if at is not None else 0)
        cursor = at + 1 if at is not None else cursor
    return tuple(found)


_CELL_PLACE = re.compile(r"^cell (?P<cell>\d+)(?:, line (?P<line>\d+))?$")


def file_place(place: str | None, cell_lines: tuple[int, ...]) -> str | None:
    """"cell 8, line 3" as the file line it is in a Markdown lesson: "line 59 (cell 8)"."""
    match = _CELL_PLACE.match(place or "")
    if not match or not cell_lines or int(match["cell"]) > len(cell_lines) or not cell_lines[int(match["cell"]) - 1]:
        return place
    start = cell_lines[int(match["cell"]) - 1]
    return f"line {start + int(match['line'] or 1) - 1} (cell {match['cell']})"


def notebook_dict(path: Path) -> Any:
    """The notebook at `path` as plain JSON-like data, whichever of the two formats it is in."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LoadError(f"cannot read the notebook ({exc.strerror})", path) from None
    except UnicodeDecodeError:
        raise LoadError("the notebook is not UTF-8 text; save it again as UTF-8", path) from None
    if path.suffix == ".md":
        return _myst_dict(raw, path)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        line, ended = _json_mistake_line(raw, exc.pos)
        why = "the file ends too early, as if cut off while saving" if ended else exc.msg
        raise LoadError(
            f"not valid notebook JSON ({why}); fix that line in a text editor, or bring back the last "
            f"saved version (git restore {path.name}, or JupyterLab's File > Revert Notebook to Checkpoint)",
            path,
            f"line {line}",
            rule="load.json",
        ) from None


def _json_mistake_line(raw: str, pos: int) -> tuple[int, bool]:
    """The line a person must fix: the JSON parser points at the token after the mistake
    (often the start of the next line, or the end of the file), so step back over blank space."""
    end = len(raw.rstrip())
    ended = pos >= end
    back = min(pos, end)
    while back > 0 and raw[back - 1].isspace():
        back -= 1
    if not ended and "\n" not in raw[back:pos]:
        back = pos  # the mistake is on the line the parser names
    return raw.count("\n", 0, max(back - 1, 0)) + 1, ended


def _myst_dict(raw: str, path: Path) -> dict:
    """A MyST Markdown notebook (jupytext's `md:myst` format) as notebook data. Dates written
    bare in the YAML front matter (`last_reviewed: 2026-11-01`) are read as the same text."""
    import warnings

    import jupytext

    front = re.match(r"\A---[ \t]*\n(.*?)^---[ \t]*$", raw, re.S | re.M)
    if not front:
        raise LoadError("a Markdown lesson starts with its details between two '---' lines "
                        "(see docs/authoring.md, section 2)", path, "line 1", rule="load.metadata")
    try:
        yaml.load(front.group(1), Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LoadError(f"bad YAML in the lesson details: {exc.problem or exc.context}; check the indentation "
                        "and put text with ':' in quotes", path, f"line {mark.line + 2 if mark else 1}",
                        rule="load.metadata") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = jupytext.reads(raw, fmt="md:myst")
    except Exception as exc:  # jupytext raises many kinds; each is one unreadable file to report
        raise LoadError(f"not a MyST Markdown notebook ({exc}); compare it with docs/authoring.md, section 2",
                        path, rule="load.json") from None
    return _plain(dict(nb))


def _plain(value: Any) -> Any:
    """Notebook nodes as dicts and lists, YAML dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- translations

#: In a translation, each cell's metadata holds the hash of the English text it was made from:
#: `"untangle": {"english": "<hash>"}` (written by `curriculum translate`).
ENGLISH_HASH = "english"


def text_hash(text: str) -> str:
    """A short hash of a cell's text, blind to spacing at its ends."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def cell_text(raw: dict) -> str:
    source = raw.get("source", "")
    return "".join(s for s in source if isinstance(s, str)) if isinstance(source, list) else str(source)


def english_hash(raw: dict) -> str | None:
    own = (raw.get("metadata") or {}).get(METADATA_KEY) or {}
    value = own.get(ENGLISH_HASH) if isinstance(own, dict) else None
    return value if isinstance(value, str) else None



@contextmanager
def _rule(name: str):
    """Label the LoadErrors raised inside with `name`, unless they carry a more precise one."""
    try:
        yield
    except LoadError as exc:
        if exc.rule == LoadError.rule:
            exc.rule = name
        raise


def _where(what: str) -> str:
    return f"metadata '{METADATA_KEY}.{what}'" if what else f"metadata '{METADATA_KEY}'"


def _field(obj: dict, key: str, kind: type, path: Path, place: str, required: bool = True) -> Any:
    if key not in obj:
        if required:
            raise LoadError(f"'{key}' is missing", path, place)
        return None
    value = obj[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise LoadError(
            f"'{key}' must be {_KIND_NAMES[kind]}, not {type(value).__name__}", path, place
        )
    return value


_KIND_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}


def _text(obj: dict, key: str, path: Path, place: str) -> str:
    value = _field(obj, key, str, path, place).strip()
    if not value:
        raise LoadError(f"'{key}' is empty", path, place)
    return value


def _texts(obj: dict, key: str, path: Path, place: str) -> tuple[str, ...]:
    values = _field(obj, key, list, path, place)
    if not values:
        raise LoadError(f"'{key}' needs at least one item", path, place)
    for n, value in enumerate(values, start=1):
        if not isinstance(value, str) or not value.strip():
            raise LoadError(f"'{key}' item {n} must be non-empty text", path, place)
    return tuple(v.strip() for v in values)


def _date(value: Any, key: str, path: Path, place: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise LoadError(f"'{key}' must be a date written YYYY-MM-DD, not {value!r}", path, place)


def _metadata(info: Any, path: Path) -> dict[str, Any]:
    place = _where("")
    if not isinstance(info, dict):
        raise LoadError("must be a mapping of fields", path, place)
    minutes = _field(info, "minutes", dict, path, place)
    for key in ("teaching", "activities"):
        value = _field(minutes, key, int, path, _where("minutes"))
        if value <= 0:
            raise LoadError(f"'{key}' must be more than 0 minutes", path, _where("minutes"))
    lang = _text(info, "lang", path, place)
    if not LANGUAGE.match(lang):
        raise LoadError(f"'lang' must be a two-letter language code, not {lang!r}", path, place)
    quotes = _quotes(lang)

    def typed(text: str) -> str:
        return markup.typographic(text, quotes)

    return {
        "id": _text(info, "id", path, place),
        "lang": lang,
        "title": typed(_text(info, "title", path, place)),
        "summary": typed(_text(info, "summary", path, place)),
        "audience": typed(_text(info, "audience", path, place)),
        "minutes": Minutes(minutes["teaching"], minutes["activities"]),
        "objectives": tuple(map(typed, _texts(info, "objectives", path, place))),
        "key_points": tuple(map(typed, _texts(info, "key_points", path, place))),
        "last_reviewed": _date(info.get("last_reviewed"), "last_reviewed", path, place),
        "sources": _sources(_field(info, "sources", list, path, place), path, quotes),
    }


def _quotes(lang: str) -> str:
    """The quote marks of `lang` (see markup.typographic); a language without a file is
    reported by `load_curriculum`, once, with the file to add."""
    try:
        return language(lang).quotes
    except LoadError:
        return markup.QUOTES


def _sources(items: list, path: Path, quotes: str) -> tuple[Source, ...]:
    sources = []
    for n, item in enumerate(items, start=1):
        place = _where(f"sources[{n}]")
        if not isinstance(item, dict):
            raise LoadError("each source must be a mapping (id, title, publisher, ...)", path, place)
        published = _text(item, "date", path, place)
        if not SOURCE_DATE.match(published):
            raise LoadError(f"'date' must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}", path, place)
        sources.append(
            Source(
                id=_text(item, "id", path, place),
                title=markup.typographic(_text(item, "title", path, place), quotes),
                publisher=markup.typographic(_text(item, "publisher", path, place), quotes),
                date=published,
                url=_text(item, "url", path, place),
                accessed=_date(item.get("accessed"), "accessed", path, place),
            )
        )
    return tuple(sources)


def _source_text(cell: dict, path: Path, place: str) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise LoadError("'source' must be text", path, place)


def _cell(index: int, raw: Any, path: Path, quotes: str) -> Cell:
    place = f"cell {index + 1}"
    if not isinstance(raw, dict):
        raise LoadError("a cell must be a JSON object", path, place)
    try:
        return _cell_of(index, raw, path, place, quotes)
    except LoadError as exc:
        exc.label = exc.label or cell_label(cell_text(raw))
        raise


def cell_label(text: str) -> str:
    """A cell's heading or first words, shown beside its number: Jupyter does not number
    Markdown cells, so "cell 8" alone is hard to find."""
    first = next((line.strip() for line in str(text).splitlines() if line.strip()), "")
    return first if len(first) <= 50 else first[:47].rstrip() + "..."


def _cell_of(index: int, raw: dict, path: Path, place: str, quotes: str) -> Cell:
    kind = raw.get("cell_type")
    meta = raw.get("metadata", {})
    if not isinstance(meta, dict):
        raise LoadError("cell metadata must be a mapping", path, place)
    tags = _tags(meta.get("tags", []), path, place)
    own = meta.get(METADATA_KEY, {})
    if not isinstance(own, dict):
        raise LoadError(f"cell metadata '{METADATA_KEY}' must be a mapping", path, place)
    minutes = _field(own, "minutes", int, path, place, required=False)
    if minutes is not None and minutes <= 0:
        raise LoadError("'minutes' must be more than 0", path, place)
    text = _source_text(raw, path, place).rstrip()  # the same in .ipynb and .md (which drops the last newline)
    if kind == "code":
        return Cell(index, "code", tags, text, figure=_figure(raw, own, path, place))
    if kind == "raw":
        raise LoadError("raw cells are not used by Untangle; make it a Markdown cell", path, place)
    if kind != "markdown":
        raise LoadError(f"unknown cell type {kind!r}", path, place)
    try:
        blocks = markup.parse(text, quotes=quotes)
    except markup.MarkupError as exc:
        raise LoadError(str(exc), path, f"{place}, line {exc.line}", rule="load.markup") from None
    title = None
    if Tag.ACTIVITY in tags:
        first = blocks[0] if blocks else None
        if not (isinstance(first, Heading) and first.level == 3):
            raise LoadError("an activity cell must start with a '### Activity: ...' heading", path, place)
        if minutes is None:
            raise LoadError(
                f"an activity needs its length in the cell metadata: \"{METADATA_KEY}\": {{\"minutes\": 15}}",
                path,
                place,
            )
        title = plain_text(first.inlines)
        text, blocks = _drop_first_line(text), blocks[1:]
    return Cell(index, "markdown", tags, text, blocks, title=title, minutes=minutes, name=_activity_name(title))


def _activity_name(title: str | None) -> str | None:
    """"Activity: Map it" -> "Map it": each output prints the label in its own language."""
    head, sep, rest = (title or "").partition(":")
    return rest.strip() if sep and head.strip().casefold() in all_activity_labels() else title


def _tags(tags: Any, path: Path, place: str) -> frozenset[Tag]:
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise LoadError("cell tags must be a list of words", path, place)
    found = set()
    for tag in tags:
        try:
            found.add(Tag(tag))
        except ValueError:
            close = difflib.get_close_matches(tag, Tag.names(), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise LoadError(
                f"unknown tag '{tag}'; {hint}known tags: {', '.join(Tag.names())}", path, place, rule="load.tag"
            ) from None
    exclusive = found & EXCLUSIVE
    if exclusive and len(found) > 1:
        only = next(iter(exclusive)).value
        raise LoadError(f"tag '{only}' cannot be combined with other tags", path, place)
    return frozenset(found)


def _figure(raw: dict, own: dict, path: Path, place: str) -> Figure | None:
    outputs = raw.get("outputs") or []
    if not isinstance(outputs, list):
        raise LoadError("'outputs' must be a list; re-run the cell or clear its output", path, place)
    for output in outputs:
        data = output.get("data", {}) if isinstance(output, dict) else {}
        png = data.get("image/png") if isinstance(data, dict) else None
        if png:
            if isinstance(png, list) and all(isinstance(p, str) for p in png):
                png = "".join(png)
            if not isinstance(png, str):
                raise LoadError("the stored figure is not PNG data; re-run the cell", path, place)
            try:
                image = base64.b64decode(png, validate=False)
            except (binascii.Error, ValueError):
                raise LoadError("the stored figure is not valid PNG data; re-run the cell", path, place) from None
            alt = own.get("alt", "")
            if not isinstance(alt, str):
                raise LoadError("'alt' must be text", path, place)
            return Figure(image, alt.strip())
    return None


def _drop_first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return "\n".join(lines[1:]).strip()


def _sections(cells: list[Cell], path: Path) -> tuple[Section, ...]:
    """Split cells into sections at each `##` heading (which must open its cell)."""
    sections: list[Section] = []
    title: str | None = None
    heading_cell: int | None = None
    current: list[Cell] = []
    for cell in cells:
        headings = [b for b in cell.blocks if isinstance(b, Heading) and b.level <= 2]
        if not headings:
            current.append(cell)
            continue
        first = headings[0]
        if len(headings) > 1 or cell.blocks[0] is not first:
            raise LoadError("put each '##' heading at the top of its own cell", path, f"cell {cell.number}, line {first.line}")
        if first.level == 1:
            raise LoadError("do not use '#' headings: the title comes from the metadata; use '##'", path, f"cell {cell.number}")
        if cell.tags & {Tag.TRAINER, Tag.SLIDES_ONLY}:
            raise LoadError("a section heading cannot be in a trainer or slides-only cell", path, f"cell {cell.number}")
        if title is not None or current:
            sections.append(Section(title, tuple(current), heading_cell))
        title, heading_cell, current = plain_text(first.inlines), cell.index, []
        rest = cell.blocks[1:]
        if rest:
            current.append(Cell(cell.index, cell.kind, cell.tags, _drop_first_line(cell.source), rest))
    sections.append(Section(title, tuple(current), heading_cell))
    return tuple(sections)


def read_notebook(path: Path):
    """The notebook as nbformat reads it (.ipynb or MyST .md), for exporters that work on the
    real notebook (the content comes from the model: this is the container nbconvert expects)."""
    import nbformat

    nb = nbformat.from_dict(notebook_dict(path))
    for cell in nb.get("cells", []):
        if isinstance(cell.get("source"), list):  # JSON may split text into lines; nbformat keeps one text
            cell["source"] = "".join(cell["source"])
    return nb


# ---------------------------------------------------------------- glossary and YAML


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 10x faster
    """A YAML loader that refuses a key given twice instead of silently keeping the last."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{key}' is defined twice", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml(path: Path) -> Any:
    """Parsed YAML, or a `LoadError` with the line of the mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LoadError(f"cannot read it ({exc.strerror})", path) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}" if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"bad YAML: {problem}", path, place) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"bad YAML: {exc}", path) from None


def _keyed_yaml(path: Path, shape: str) -> tuple[dict, dict[str, int]]:
    """A YAML file that maps keys to entries, and the line of each key (for messages)."""
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise LoadError(shape, path)
    return data, _key_lines(path)


def load_glossary(path: Path, lang: str) -> Glossary:
    if not path.exists():
        return Glossary(lang, path, ())
    data, lines = _keyed_yaml(path, "the glossary must map each term to its definition")
    quotes = _quotes(lang)
    entries = []
    for term, body in data.items():
        place = f"line {lines.get(str(term), 0)}"
        if not isinstance(body, dict) or not isinstance(body.get("definition"), str):
            raise LoadError(f"term '{term}' needs a 'definition' (text)", path, place)
        full = body.get("full")
        if full is not None and not isinstance(full, str):
            raise LoadError(f"term '{term}': 'full' must be text", path, place)
        entries.append(GlossaryEntry(str(term), markup.typographic(body["definition"].strip(), quotes),
                                     full and markup.typographic(full, quotes), lines.get(str(term), 0)))
    return Glossary(lang, path, tuple(sorted(entries, key=lambda e: e.term.casefold())))


def load_term_list(path: Path, lang: str) -> TermList:
    """`modules/terms.<lang>.yml`: for each legal term, the one rendering to use and the
    variants `check` flags, so a translation says "orden de arresto" the same way everywhere."""
    if not path.exists():
        return TermList(lang, path, ())
    data, lines = _keyed_yaml(path, "the term list must map each term to its 'use' and 'avoid' wordings")
    rules = []
    for concept, body in data.items():
        place = f"line {lines.get(str(concept), 0)}"
        if not isinstance(body, dict) or not isinstance(body.get("use"), str):
            raise LoadError(f"term '{concept}' needs 'use' (the wording to use, as text)", path, place)
        avoid = body.get("avoid", [])
        if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
            raise LoadError(f"term '{concept}': 'avoid' must be a list of wordings", path, place)
        rules.append(TermRule(str(concept), body["use"].strip(), tuple(a.strip() for a in avoid),
                              lines.get(str(concept), 0)))
    return TermList(lang, path, tuple(rules))


def _key_lines(path: Path) -> dict[str, int]:
    """Line number of each top-level key, for messages about a glossary entry."""
    lines = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^(['\"]?)([^\s#'\"][^:]*?)\1:\s*$", line)
        if match:
            lines[match.group(2)] = n
    return lines
