"""Compile the browser's Python into one zip of bytecode; runs inside Pyodide under Node.

`compile_bundle.mjs` boots Pyodide on a built site's runtime, installs the site's
wheels, copies `widgets/_orei_boot` into Pyodide's file system and calls `main`. Every
module of the installed packages is imported, and the widgets' warm-up requests run
(they reach the imports made inside functions, such as the `.eml` export's
`email.generator`); what that loaded from the standard library (plus Pyodide's own
Python), the packages and `_orei_boot` are then compiled to `.pyc` by the very CPython
that runs in the browser, so the bytecode matches it.

The zip holds unchecked-hash `.pyc` files and data files, no sources, stored
uncompressed (hosts serve it brotli- or gzip-compressed), with fixed timestamps so the
same inputs give the same bytes. `_orei_boot/stdlib_tops.txt` lists the full standard
library's top-level names, for the finder that fetches what the bundle left out.
"""

from __future__ import annotations

import importlib
import os
import sys
import zipfile
import zoneinfo
from pathlib import Path

# Pyodide's own Python: parts of it load only when first used (the event loop, the FFI).
WHOLE = ("_pyodide/", "pyodide/")
BOOT = "_orei_boot"
STAMP = (2026, 1, 1, 0, 0, 0)


def _stdlib_zip() -> str:
    return next(p for p in sys.path if p.endswith(".zip"))


def _site_packages() -> str:
    return next(p for p in sys.path if p.endswith("site-packages"))


def import_everything(site: str) -> None:
    """Import every module of the installed packages, then run the widgets' warm-up."""
    for folder, dirs, names in os.walk(site):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.endswith(".dist-info"))
        relative = os.path.relpath(folder, site)
        if relative.split(os.sep)[0] in (".", "tzdata"):
            continue
        for name in sorted(names):
            if name.endswith(".py") and name != "__main__.py":
                parts = relative.split(os.sep) + ([] if name == "__init__.py" else [name[:-3]])
                importlib.import_module(".".join(parts))
    zoneinfo.ZoneInfo("Asia/Tokyo")
    importlib.import_module("tzdata")
    from orei_widgets.warm_up import warm_up

    warm_up()


def stdlib_used(stdlib: str) -> set[str]:
    """The standard library's files that the imported modules came from."""
    used = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(stdlib + "/"):
            used.add(origin[len(stdlib) + 1 :])
    return used


def bytecode(source: bytes, shown_as: str, scratch: Path) -> bytes:
    """`source` compiled to an unchecked-hash `.pyc`; tracebacks name `shown_as`."""
    import py_compile  # only now: what the bundle holds is read before, without it

    source_file, compiled = scratch / "module.py", scratch / "module.pyc"
    source_file.write_bytes(source)
    py_compile.compile(
        str(source_file),
        cfile=str(compiled),
        dfile=shown_as,
        doraise=True,
        optimize=0,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    return compiled.read_bytes()


def collect(stdlib: str, site: str, boot: Path) -> dict[str, bytes]:
    """Every file of the bundle, sources still as sources, by their path in the zip."""
    used = stdlib_used(stdlib)
    entries: dict[str, bytes] = {}
    tops = set()
    with zipfile.ZipFile(stdlib) as library:
        for info in library.infolist():
            name = info.filename
            tops.add(name.split("/")[0].removesuffix(".py"))
            if not info.is_dir() and (name in used or name.startswith(WHOLE)):
                entries[name] = library.read(info)
    for folder, dirs, names in os.walk(site):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            full = Path(folder) / name
            entries[full.relative_to(site).as_posix()] = full.read_bytes()
    for path in sorted(boot.glob("*.py")):
        entries[f"{BOOT}/{path.name}"] = path.read_bytes()
    entries[f"{BOOT}/stdlib_tops.txt"] = "\n".join(sorted(tops)).encode() + b"\n"
    return entries


def write_zip(out: str, entries: dict[str, bytes], stdlib: str) -> None:
    """Write the entries, `.py` as `.pyc`, in name order, stored, with fixed timestamps."""
    import tempfile  # only now: what the bundle holds is read before, without it

    with tempfile.TemporaryDirectory() as scratch, zipfile.ZipFile(out, "w") as bundle:
        for name in sorted(entries):
            data = entries[name]
            if name.endswith(".py"):
                name, data = name[:-3] + ".pyc", bytecode(data, f"{stdlib}/{name}", Path(scratch))
            elif name.endswith((".pyc", "/")):
                continue
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data)


def main(out: str, boot: str) -> None:
    """Import and warm everything, then write the bundle to `out`."""
    stdlib, site = _stdlib_zip(), _site_packages()
    import_everything(site)
    write_zip(out, collect(stdlib, site, Path(boot)), stdlib)
