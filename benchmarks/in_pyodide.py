"""Run a timing script inside Pyodide under Node, on the runtime a built site ships."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_SCRIPT = Path(__file__).with_name("pyodide_script.mjs")


def run_script(site: Path, mount: Path, script: Path, *args: str) -> dict:
    """Run `script` (which prints one JSON object last) in Pyodide; return that object.

    `mount` is mounted at /mnt, so `args` can name files there.
    """
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Node.js is needed to run Pyodide")
    runtime = site / "assets" / "orei" / "runtime"
    result = subprocess.run(
        [node, str(NODE_SCRIPT), str(runtime), str(mount), str(script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    return json.loads(result.stdout.splitlines()[-1])
