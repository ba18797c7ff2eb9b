"""The `curriculum` command: parse options, call the core, print results. Nothing else.

Any `CurriculumError` becomes one line on stderr and exit status 1 (2 for usage mistakes);
`--debug` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date, time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rich.console import Console

from .errors import CurriculumError
from .outputs import REGISTRY

_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$", re.IGNORECASE)


def clock(value: str) -> time:
    """A clock time as people write it: 18:30, 6:30pm, 6:30 PM, 6pm, 18h30, 9.15."""
    match = _CLOCK.match(value.strip())
    if match:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        ampm = (match.group("ampm") or "").lower()[:1]
        if ampm and 1 <= hour <= 12 and minute <= 59:
            return time(hour % 12 + (12 if ampm == "p" else 0), minute)
        if not ampm and hour <= 23 and minute <= 59:
            return time(hour, minute)
    raise argparse.ArgumentTypeError(f"'{value}' is not a clock time like 18:30, 6:30pm or 6pm")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def _version() -> str:
    try:
        return version("untangle-curriculum")
    except PackageNotFoundError:  # run from a source tree that was not installed
        return "unknown (not installed)"


def _command(sub, name: str, help: str, examples: str):
    return sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                          epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def _modules_and_language(command, what: str) -> None:
    command.add_argument("--module", action="append", dest="modules", metavar="ID",
                         help=f"only this module: its id, a unique start of it (02) or a comma list (01,02); "
                              f"repeatable (default: every module){what}")
    command.add_argument("--lang", metavar="CODE", help="only this language, by its two-letter code, e.g. --lang es")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculum", description="Check and build the Untangle curriculum: book, decks, handouts and "
        "trainer guides from the lesson notebooks in modules/.",
        epilog="examples:\n  curriculum check\n  curriculum build slides --module 02\n"
               "  curriculum --root ~/untangle build all\nRun 'curriculum COMMAND --help' for each command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None, metavar="FOLDER",
                        help="the project folder, the one that holds modules/ (default: found from the current "
                             "folder upwards), e.g. --root ~/untangle")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks instead of one-line errors")
    parser.add_argument("--version", action="version", version=f"curriculum {_version()}",
                        help="print the version and stop")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = _command(sub, "build", "build the book, decks, handouts and trainer guides into build/",
                     "  curriculum build                       everything\n"
                     "  curriculum build slides handouts --module 02,03\n"
                     "  curriculum build guides --start 6:30pm  guides with clock times\n"
                     "  curriculum build all --keep-going      build what can be built\n")
    build.add_argument("targets", nargs="*", metavar="OUTPUT", default=["all"],
                       help=f"what to build: {', '.join(REGISTRY)} or all (default: all); several allowed, "
                            "e.g. slides handouts")
    build.add_argument("--keep-going", action="store_true",
                       help="build every output that can be built; list what was skipped and why, exit 1")
    build.add_argument("--verbose", action="store_true",
                       help="print every check warning before building (default: a count per rule; "
                            "'curriculum check' lists them)")
    _modules_and_language(build, "; the book always holds every module")
    build.add_argument("--out", type=Path, default=None, metavar="FOLDER",
                       help="output folder (default: build/ in the project), e.g. --out /tmp/untangle")
    build.add_argument("--start", type=clock, default=None, metavar="TIME",
                       help="clock time the session starts, for the trainer guides' timetable, e.g. 18:30 or "
                            "6:30pm (the guides keep it until a build without --start, which says so)")

    check = _command(sub, "check", "validate the modules and list every problem; exit 1 on errors",
                     "  curriculum check\n  curriculum check --module 14 --lang es\n"
                     "  curriculum check --format json > report.json\n")
    _modules_and_language(check, "")
    check.add_argument("--format", choices=("human", "json"), default="human",
                       help="human: grouped lines and a table (default); json: for other programs")
    check.add_argument("--today", type=_day, default=None, help=argparse.SUPPRESS)

    serve = _command(sub, "serve", "preview the built book on http://127.0.0.1:PORT",
                     "  curriculum serve\n  curriculum serve --port 8080\n")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000), e.g. --port 8080")
    serve.add_argument("--out", type=Path, default=None, metavar="FOLDER",
                       help="the build folder to serve (default: build/), e.g. --out /tmp/untangle")

    workshop = _command(sub, "workshop", "build a workshop (workshops/NAME.yml) into build/workshops/NAME/: agenda, "
                        "deck, participant packet, run of show and an offline zip",
                        "  curriculum workshop new tuesday-evening   writes workshops/tuesday-evening.yml to edit\n"
                        "  curriculum workshop tuesday-evening\n")
    workshop.add_argument("words", nargs="+", metavar="NAME", help="the workshop's file name without .yml, or: new NAME")
    workshop.add_argument("--out", type=Path, default=None, help="output folder (default: build/)")
    listing = _command(sub, "list", "list every module: minutes, languages, translation status, review state",
                       "  curriculum list\n  curriculum list --format json\n")
    listing.add_argument("--format", choices=("human", "json"), default="human",
                         help="human (a table) or json (for scripts)")

    new = _command(sub, "new", "create a module skeleton to fill in (or start a translation of one)",
                   "  curriculum new 14-my-topic\n  curriculum new 14-my-topic --markdown   en.md instead of en.ipynb\n"
                   "  curriculum new 14-my-topic --lang es    same as: curriculum translate 14-my-topic --lang es\n")
    new.add_argument("id", help="NN-slug: two digits, a hyphen and a lowercase name, e.g. 14-my-topic")
    new.add_argument("--lang", default="en", metavar="CODE", help="the language (default: en), e.g. --lang es")
    new.add_argument("--markdown", action="store_true",
                     help="write a MyST Markdown notebook (en.md, no JSON) instead of en.ipynb")

    translate = _command(sub, "translate", "start or update a translation of a module from its English notebook",
                         "  curriculum translate 14-my-topic --lang es\n"
                         "  curriculum translate 14 --lang es --accept   after bringing English changes across\n")
    translate.add_argument("id", help="the module id or a unique start of it, e.g. 14-my-topic or 14")
    translate.add_argument("--lang", required=True, metavar="CODE", help="the language to translate into, e.g. es")
    translate.add_argument("--accept", action="store_true",
                           help="mark every translated cell as up to date with the English as it is now")

    convert = _command(sub, "convert", "write a lesson in the other format: .ipynb (JSON) <-> .md (MyST Markdown)",
                       "  curriculum convert modules/14-my-topic/en.ipynb     writes en.md beside it\n"
                       "  curriculum convert modules/14-my-topic/en.md --force\n")
    convert.add_argument("file", type=Path, help="the lesson file, e.g. modules/14-my-topic/en.ipynb")
    convert.add_argument("--force", action="store_true", help="overwrite the other file if it exists")

    _command(sub, "settings", "print every setting of curriculum.yml: type, default, range and what it changes",
             "  curriculum settings          the same table as docs/settings.md\n")
    return parser


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `modules/`."""
    for folder in (start, *start.parents):
        if (folder / "modules").is_dir():
            return folder
    return start


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(stderr=True, highlight=False)
    root = (args.root or find_root(Path.cwd())).resolve()
    try:
        return _run(args, root, console)
    except CurriculumError as exc:
        if args.debug:
            raise
        console.print("error: " + _relative(exc, root), style="red", soft_wrap=True, markup=False)
        return 1
    except KeyboardInterrupt:
        console.print("stopped")
        return 130


def run() -> None:
    """The `curriculum` command: `main`, then leave without tearing the loaded curriculum down
    object by object (a third of a second for a large one). Output is flushed first; every file
    was written and closed, and every worker stopped, before `main` returned."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _relative(exc: CurriculumError, root: Path) -> str:
    if exc.path is not None:
        try:
            exc.path = exc.path.resolve().relative_to(root)
        except ValueError:
            pass
    return str(exc)


def _show(console: Console, path: Path, root: Path, next_step: str) -> None:
    try:
        path = path.resolve().relative_to(root)
    except ValueError:
        pass
    Console(highlight=False).print(f"wrote {path}; {next_step}", soft_wrap=True, markup=False)


def _run(args, root: Path, console: Console) -> int:
    from . import app

    if args.command == "check":
        return app.check(root, args.modules, args.lang, args.format, args.today or date.today(), console)
    if args.command == "build":
        unknown = [t for t in args.targets if t not in (*REGISTRY, "all")]
        if unknown:
            console.print(f"error: unknown output '{unknown[0]}'; choose from {', '.join(REGISTRY)}, all",
                          style="red", markup=False)
            return 2
        return app.build(root, args.targets, args.modules, args.lang, args.out, console, args.start, args.keep_going,
                         args.verbose)
    if args.command == "serve":
        from .serve import serve

        serve((args.out or root / "build") / "book", args.port, console)
        return 0
    if args.command == "workshop":
        if args.words[0] == "new" and len(args.words) == 2:
            path = app.new_workshop(root, args.words[1])
            console.print(f"created {path.relative_to(root)}; build it with: curriculum workshop {args.words[1]}",
                          soft_wrap=True, markup=False)
            return 0
        if len(args.words) != 1:
            console.print("error: use 'curriculum workshop NAME' or 'curriculum workshop new NAME'", style="red")
            return 2
        return app.build_workshop(root, args.words[0], args.out, console)
    if args.command == "list":
        return app.list_modules(root, args.format, date.today())
    if args.command == "new":
        from .scaffold import new_module

        path, next_step = new_module(root, args.id, args.lang, args.markdown)
        _show(console, path, root, next_step)
        return 0
    if args.command == "translate":
        from .translate import translate

        path, next_step = translate(root, args.id, args.lang, args.accept)
        _show(console, path, root, next_step)
        return 0
    if args.command == "convert":
        from .notebook_files import convert

        target = convert(args.file if args.file.is_absolute() else Path.cwd() / args.file, args.force)
        _show(console, target, root, f"check it (curriculum check), then delete {args.file.name} so only one "
                                     "copy of the lesson is edited")
        return 0
    if args.command == "settings":
        print(app.settings_table(), end="")
        return 0
    return 2


if __name__ == "__main__":
    run()
