"""Sphinx extension for the participant book: keep every page local and readable offline.

Readers fear surveillance, so the built book must not ask any other host for anything.
Themes and extensions can add remote scripts or stylesheets (analytics, MathJax, web fonts);
this extension removes any such asset from every page and fails loudly in the build log
so a new dependency cannot slip one in unnoticed.
"""
from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def _is_remote(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    return name.startswith(("http://", "https://", "//"))


def keep_assets_local(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("script_files", "css_files"):
        assets = context.get(key) or []
        remote = [a for a in assets if _is_remote(a)]
        for asset in remote:
            LOGGER.warning("removed a remote asset from %s: %s", pagename, getattr(asset, "filename", asset))
        context[key] = [a for a in assets if not _is_remote(a)]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", keep_assets_local, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
