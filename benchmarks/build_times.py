"""Print how long the everyday commands take on this machine, for the real curriculum.

    .venv/bin/python benchmarks/build_times.py

Figures, not pass/fail: compare them across changes. Measures `curriculum check`, a cold
`build all` (empty output folder), a warm rebuild with nothing changed, and a rebuild after
editing one module (the copy of the project lives in a temporary folder).
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, *args: str, root: Path) -> float:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "curriculum.cli", "--root", str(root), *args],
                          capture_output=True, text=True)
    elapsed = time.monotonic() - started
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    print(f"{label:<34} {elapsed:7.2f} s  ({status})")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", "build", ".git", "__pycache__"))
        modules = sorted(p for p in (root / "modules").iterdir() if p.is_dir())
        print(f"{len(modules)} modules, {len(list(root.glob('modules/*/*.ipynb')))} notebooks")
        timed("check", "check", root=root)
        timed("build all (cold)", "build", "all", root=root)
        timed("build all (warm, no change)", "build", "all", root=root)
        notebook = modules[0] / "en.ipynb"
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + " Edited."
        notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
        timed("build all (one module edited)", "build", "all", root=root)
        timed("build slides --module (one)", "build", "slides", "--module", modules[0].name, root=root)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory of a child process':<34} {peak:7.0f} MiB")


if __name__ == "__main__":
    main()
