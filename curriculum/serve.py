"""`curriculum serve`: preview the built book on this computer only (127.0.0.1)."""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rich.console import Console

from .errors import CurriculumError


def serve(book: Path, port: int, console: Console) -> None:
    if not (book / "index.html").is_file():
        raise CurriculumError("no built book here; run `curriculum build book` first", book)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(book))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise CurriculumError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port", book) from None
    console.print(f"serving {book} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    with server:
        server.serve_forever()
