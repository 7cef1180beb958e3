"""The fast path's Python: one zip of bytecode, compiled by Pyodide itself.

`build_bundle` runs Pyodide under Node (`compile_bundle.mjs`) to compile the standard
library, `orei`, the widgets and their pure-Python dependencies to `.pyc` with the
CPython that runs in the browser. The worker passes the zip to `loadPyodide` as its
`stdLibURL`, so booting installs nothing and imports read no source. Results are
cached under `.cache/orei-assets`, keyed by everything that goes into them.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from orei_site.cache import content_sha, publish, staging

HERE = Path(__file__).resolve().parent
COMPILER = HERE / "compile_bundle.mjs"
BOOT = HERE.parents[1] / "widgets" / "_orei_boot"


class BundleError(RuntimeError):
    """The bundle could not be compiled; the message has Node's output."""


def node_executable() -> str:
    """Node.js on PATH, which runs Pyodide at build time."""
    node = shutil.which("node")
    if not node:
        raise BundleError("Node.js is needed to compile the Python bundle (it runs Pyodide)")
    return node


def build_bundle(runtime: Path, packages: list[str], cache: Path, *, project: Path) -> Path:
    """Compile the bytecode zip for `packages` (names in `runtime`'s lock), cached by content.

    Args:
        runtime: A runtime folder with Pyodide's core, `python_stdlib.zip`, the lock and
            the wheels it lists.
        packages: The packages to install and compile with the standard library.
        cache: The asset cache folder.
        project: The repository root (where `node_modules` is).

    Returns:
        The zip, named `orei-bundle.<16 hex digits of its content>.zip`.

    Raises:
        BundleError: If Node or the compile fails.
    """
    inputs = sorted(
        [
            runtime / "python_stdlib.zip",
            runtime / "pyodide.asm.wasm",
            COMPILER,
            COMPILER.with_suffix(".py"),
            *BOOT.glob("*.py"),
            *runtime.glob("*.whl"),
        ]
    )
    key = content_sha(inputs, *packages)[:24]
    folder = cache / "bundle" / key
    found = sorted(folder.glob("orei-bundle.*.zip"))
    if found:
        return found[0]
    tmp = staging(folder)
    raw = tmp / "bundle.zip"
    result = subprocess.run(
        [node_executable(), str(COMPILER), str(runtime), str(raw), *packages],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not raw.exists():
        shutil.rmtree(tmp, ignore_errors=True)
        raise BundleError(f"compiling the Python bundle failed:\n{result.stdout}\n{result.stderr}")
    digest = hashlib.sha256(raw.read_bytes()).hexdigest()[:16]
    raw.rename(tmp / f"orei-bundle.{digest}.zip")
    publish(tmp, folder)
    return next(folder.glob("orei-bundle.*.zip"))
