"""The fastest boot: a memory snapshot of Python with the widgets imported and warmed up.

`build_snapshot` runs Pyodide under Node (`make_snapshot.mjs`) from the site's
runtime and bytecode bundle, runs the widgets' warm-up requests, and saves the
interpreter's memory. The worker hands it to `loadPyodide` (Pyodide's private
`_loadSnapshot`), which skips starting Python, Pyodide's bootstrap and every import.

A restored interpreter still needs a standard library zip, but only for modules it
has not imported yet: the *remainder*, the bundle without the bytecode of every
module already in memory (data files such as the zone tables stay, and so do the
`__init__` files of the packages that hold them, which `importlib.resources` needs). Right after
restoring, the worker calls `_orei_boot.restored.settle` (`widgets/_orei_boot`), which empties
the zip import caches, so that the interpreter reads the remainder's own directory,
not the bundle's it remembers, and reseeds `random`.

Pyodide's snapshot is the whole linear memory, about two thirds zeros (the unused
stack, free heap). The site stores it *sparse* (`sparse` below): only the pages that
hold data, which halves what the browser decodes and reads from its cache; the
worker expands it into a zero-filled buffer before handing it to Pyodide.

Both files are cached under `.cache/orei-assets`, keyed by everything that goes
into them, and named by their content.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from orei_site.bundle import BundleError, node_executable
from orei_site.cache import content_sha, publish, staging

HERE = Path(__file__).resolve().parent
MAKER = HERE / "make_snapshot.mjs"
# The sparse format, read by worker.js (`expand`): MAGIC, then the full size and the
# number of runs (little-endian u32), then each run's offset and length, then the
# runs' bytes in order. Runs are whole pages that are not all zeros.
MAGIC = b"OREISNP1"
PAGE = 4096


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What `build_snapshot` made.

    Attributes:
        memory: The snapshot (sparse), `orei-snapshot.<16 hex digits>.bin`.
        remainder: The zip it restores with, `orei-rest.<16 hex digits>.zip`.
    """

    memory: Path
    remainder: Path

    @property
    def files(self) -> tuple[Path, Path]:
        """Both files, for the lists of what to compress, cache and serve."""
        return (self.memory, self.remainder)


def remainder_of(bundle: bytes, imported: set[str]) -> bytes:
    """The bundle without the bytecode of the modules named in `imported`.

    A package that holds data files keeps its `__init__.pyc` even when imported:
    `importlib.resources` asks the zip loader whether the package is one (by that
    entry) before it reads any file of it, so without it every zone table and data
    file not read before the snapshot would be out of reach.

    Args:
        bundle: The bytecode zip.
        imported: Dotted module names that the snapshot holds in memory.

    Returns:
        A zip (stored, fixed timestamps) with every other entry of `bundle`.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as rest:
        entries = source.infolist()
        with_data = _folders_with_data(info.filename for info in entries)
        for info in entries:
            name = info.filename
            if name.endswith(".pyc"):
                module = name.removesuffix(".pyc").replace("/", ".")
                package = name.removesuffix("/__init__.pyc") if "/" in name else ""
                if module.removesuffix(".__init__") in imported and package not in with_data:
                    continue
            rest.writestr(info, source.read(info))
    return out.getvalue()


def _folders_with_data(names: Iterable[str]) -> set[str]:
    """Every folder that has a file other than bytecode in it or below it."""
    folders: set[str] = set()
    for name in names:
        if name.endswith((".pyc", "/")):
            continue
        parts = name.split("/")[:-1]
        folders.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    return folders


def sparse(memory: bytes) -> bytes:
    """`memory` without its all-zero pages, in the format `expand` (and worker.js) reads."""
    zero = bytes(PAGE)
    runs: list[list[int]] = []
    for offset in range(0, len(memory), PAGE):
        if memory[offset : offset + PAGE] == zero:
            continue
        length = min(PAGE, len(memory) - offset)
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1][1] += length
        else:
            runs.append([offset, length])
    header = MAGIC + struct.pack("<II", len(memory), len(runs))
    table = b"".join(struct.pack("<II", offset, length) for offset, length in runs)
    return b"".join([header, table, *(memory[o : o + n] for o, n in runs)])


def expand(data: bytes) -> bytes:
    """The memory that `sparse` stored (what worker.js does before restoring)."""
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError("not a sparse snapshot")
    size, count = struct.unpack_from("<II", data, len(MAGIC))
    memory = bytearray(size)
    at = len(MAGIC) + 8 + 8 * count
    for index in range(count):
        offset, length = struct.unpack_from("<II", data, len(MAGIC) + 8 + 8 * index)
        memory[offset : offset + length] = data[at : at + length]
        at += length
    return bytes(memory)


def _named(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    path = folder / f"{stem}.{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    path.write_bytes(data)
    return path


def build_snapshot(runtime: Path, bundle: Path, cache: Path, *, project: Path) -> Snapshot:
    """Make the snapshot of `bundle`'s interpreter and its remainder zip, cached by content.

    Args:
        runtime: The site's runtime folder (Pyodide's core and the lock).
        bundle: The bytecode zip from `orei_site.bundle.build_bundle`.
        cache: The asset cache folder.
        project: The repository root (where `node_modules` is).

    Returns:
        The snapshot and the remainder, inside the cache.

    Raises:
        BundleError: If Node or the snapshot fails.
    """
    inputs = [
        bundle,
        runtime / "pyodide.asm.wasm",
        runtime / "pyodide.asm.mjs",
        MAKER,
        HERE / "snapshot.py",
    ]
    # The bundle holds the widgets, their warm-up requests and what runs after restoring.
    key = content_sha(inputs)[:24]
    folder = cache / "snapshot" / key
    found = sorted(folder.glob("orei-snapshot.*.bin")), sorted(folder.glob("orei-rest.*.zip"))
    if found[0] and found[1]:
        return Snapshot(found[0][0], found[1][0])
    tmp = staging(folder)
    raw = tmp / "snapshot.bin"
    result = subprocess.run(
        [node_executable(), str(MAKER), str(runtime), str(bundle), str(raw)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    modules = raw.with_name(raw.name + ".modules")
    if result.returncode != 0 or not raw.exists() or not modules.exists():
        shutil.rmtree(tmp, ignore_errors=True)
        # Pyodide prints its whole minified module with an error; its last lines say why.
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-25:])
        raise BundleError(f"making the memory snapshot failed:\n{tail[-4000:]}")
    imported = set(modules.read_text("utf-8").split())
    _named(tmp, "orei-snapshot", ".bin", sparse(raw.read_bytes()))
    _named(tmp, "orei-rest", ".zip", remainder_of(bundle.read_bytes(), imported))
    raw.unlink()
    modules.unlink()
    publish(tmp, folder)
    return Snapshot(next(folder.glob("orei-snapshot.*.bin")), next(folder.glob("orei-rest.*.zip")))
