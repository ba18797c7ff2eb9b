"""Print how long the everyday commands take on this machine, for the real curriculum.

    .venv/bin/python benchmarks/build_times.py            # the curriculum as it is
    .venv/bin/python benchmarks/build_times.py --scale 5  # every module copied five times

Figures, not pass/fail: compare them across changes (targets: docs/architecture.md). Measures
`curriculum check`, a cold `build all` (empty output folder), a rebuild with nothing changed,
a rebuild after editing one sentence, a rebuild after changing one setting, and the peak
memory of the build processes. The copy of the project lives in a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import re
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
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
    print(f"{label:<36} {elapsed:7.2f} s  ({status})", flush=True)
    return elapsed


def scale(root: Path, times: int) -> None:
    """Copy every module `times - 1` more times under new ids, so the curriculum is `times` as big."""
    originals = sorted(p for p in (root / "modules").iterdir() if p.is_dir())
    number = len(originals)
    for copy in range(1, times):
        for folder in originals:
            new_id = f"{number:02d}-{folder.name[3:]}-copy{copy}"
            number += 1
            target = root / "modules" / new_id
            shutil.copytree(folder, target)
            for notebook in target.glob("*.ipynb"):
                nb = json.loads(notebook.read_text(encoding="utf-8"))
                nb["metadata"]["untangle"]["id"] = new_id
                notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1, help="copy the curriculum this many times")
    times = parser.parse_args().scale
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", "build", ".git", "__pycache__",
                                                                  ".untangle-cache"))
        if times > 1:
            scale(root, times)
        modules = sorted(p for p in (root / "modules").iterdir() if p.is_dir())
        print(f"{len(modules)} modules, {len(list(root.glob('modules/*/*.ipynb')))} notebooks")
        timed("check (first run)", "check", root=root)
        timed("check", "check", root=root)
        timed("build all (cold)", "build", "all", root=root)
        timed("build all (nothing changed)", "build", "all", root=root)
        notebook = modules[len(modules) // 2] / "en.ipynb"
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        first = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and not c["metadata"].get("tags"))
        first["source"] = "".join(first["source"]) + " This sentence was edited."
        notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        timed("build all (one sentence edited)", "build", "all", root=root)
        settings = root / "curriculum.yml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(re.sub(r"^publisher: .*$", 'publisher: "Another organization"', text, flags=re.M),
                            encoding="utf-8")
        timed("build all (publisher setting changed)", "build", "all", root=root)
        timed("build slides --module (one, cold)", "build", "slides", "--module", modules[0].name,
              "--out", str(Path(tmp) / "one"), root=root)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory of one process':<36} {peak:7.0f} MiB")


if __name__ == "__main__":
    main()
