"""The `curriculum` command: parse options, call the core, print results. Nothing else.

Any `CurriculumError` becomes one line on stderr and exit status 1 (2 for usage mistakes);
`--debug` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date, time
from pathlib import Path

from rich.console import Console

from .errors import CurriculumError
from .outputs import REGISTRY



def _clock(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a clock time like 18:30") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="curriculum", description="Build and check the Untangle curriculum.")
    parser.add_argument("--root", type=Path, default=None, help="the project folder (default: found from here)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the book, decks, handouts and trainer guides into build/")
    build.add_argument("targets", nargs="*", metavar="OUTPUT", default=["all"],
                       help=f"what to build: {', '.join(REGISTRY)} or all (default: all); several allowed")
    build.add_argument("--keep-going", action="store_true",
                       help="build every output that can be built; list what was skipped and why, exit 1")
    build.add_argument("--module", action="append", dest="modules", metavar="ID", help="only this module (repeatable)")
    build.add_argument("--lang", help="only this language (e.g. en)")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: build/)")
    build.add_argument("--start", type=_clock, default=None, metavar="HH:MM",
                       help="clock time the session starts, for the trainer guides' timetable")

    check = sub.add_parser("check", help="validate every module; exit 1 on errors")
    check.add_argument("--module", action="append", dest="modules", metavar="ID")
    check.add_argument("--lang")
    check.add_argument("--format", choices=("human", "json"), default="human")
    check.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)

    serve = sub.add_parser("serve", help="preview the built book on http://127.0.0.1:PORT")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", type=Path, default=None)

    # -- workshops and the module list (issue 9) --
    workshop = sub.add_parser("workshop", help="build a workshop (workshops/NAME.yml) into build/workshops/NAME/; "
                                               "'workshop new NAME' starts one")
    workshop.add_argument("words", nargs="+", metavar="NAME", help="NAME, or: new NAME")
    workshop.add_argument("--out", type=Path, default=None, help="output folder (default: build/)")
    listing = sub.add_parser("list", help="every module: minutes, languages, translation status, review")
    listing.add_argument("--format", choices=("human", "json"), default="human")

    new = sub.add_parser("new", help="create a module that already passes check")
    new.add_argument("id", help="NN-slug, e.g. 14-my-topic")
    new.add_argument("--lang", default="en")
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


def _relative(exc: CurriculumError, root: Path) -> str:
    if exc.path is not None:
        try:
            exc.path = exc.path.resolve().relative_to(root)
        except ValueError:
            pass
    return str(exc)


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
        return app.build(root, args.targets, args.modules, args.lang, args.out, console, args.start, args.keep_going)
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

        path = new_module(root, args.id, args.lang)
        console.print(f"created {path.relative_to(root)}; check it with: curriculum check --module {args.id}",
                      soft_wrap=True, markup=False)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
