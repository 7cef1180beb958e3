// Compile the browser's Python into one zip of bytecode, with Pyodide itself.
//   node compile_bundle.mjs RUNTIME_DIR OUT_ZIP PACKAGE...
// RUNTIME_DIR is a built site's runtime folder (Pyodide's core, its standard library
// and a lock that lists the site's wheels). The packages are installed, every one of
// their modules is imported, and what that loads from the standard library (plus
// Pyodide's own Python) is compiled, with the packages, by the very CPython that runs
// in the browser, so the bytecode matches it. The widgets' warm-up requests
// (orei_widgets.warm_up) run too, so that imports made inside functions are found.
// The zip holds `.pyc` files (unchecked-hash) and data files, no sources, stored
// uncompressed (the host serves it brotli- or gzip-compressed). A module of the standard
// library that is not in it is still importable: `_orei_lazy_stdlib`, which the worker
// installs, fetches Pyodide's full `python_stdlib.zip` the first time one is asked for.
// `_orei_restored` is what the worker runs after restoring the memory snapshot.
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [runtime, out, ...packages] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: path.resolve(runtime) + "/",
  stdout: () => {},
  stderr: (line) => console.error(line),
});
await pyodide.loadPackage(packages, { messageCallback: () => {} });
pyodide.globals.set("OUT", "/tmp/bundle.zip");
pyodide.globals.set("LAZY", readFileSync(new URL("./lazy_stdlib.py", import.meta.url), "utf8"));
pyodide.globals.set("RESTORED", readFileSync(new URL("./restored.py", import.meta.url), "utf8"));
await pyodide.runPythonAsync(`
import importlib
import importlib.util
import os
import sys
import zipfile
import zoneinfo
from importlib._bootstrap_external import _code_to_hash_pyc

STDLIB = next(p for p in sys.path if p.endswith(".zip"))
SITE = next(p for p in sys.path if p.endswith("site-packages"))
# Pyodide's own Python: parts of it load only when first used (the event loop, the FFI).
WHOLE = ("_pyodide/", "pyodide/")

# Import every module of the installed packages, so that sys.modules holds what they
# need from the standard library.
for folder, dirs, files in os.walk(SITE):
    dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.endswith(".dist-info"))
    relative = os.path.relpath(folder, SITE)
    if relative.split(os.sep)[0] in (".", "tzdata"):
        continue
    for file in sorted(files):
        if file.endswith(".py") and file != "__main__.py":
            parts = relative.split(os.sep) + ([] if file == "__init__.py" else [file[:-3]])
            importlib.import_module(".".join(parts))
zoneinfo.ZoneInfo("Asia/Tokyo")
import tzdata  # noqa
# Some modules are imported inside functions (the .eml export imports email.generator):
# the widgets' warm-up requests take every such path once.
from orei_widgets.warm_up import warm_up

warm_up()

used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(STDLIB + "/"):
        used.add(origin[len(STDLIB) + 1 :])


def pyc(source, filename):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def put(bundle, name, data):
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    bundle.writestr(info, data)


def add(bundle, name, data, base):
    if name.endswith(".py"):
        put(bundle, name[:-3] + ".pyc", pyc(data, f"{base}/{name}"))
    elif not name.endswith((".pyc", "/")):
        put(bundle, name, data)


entries = {}
tops = set()
with zipfile.ZipFile(STDLIB) as stdlib:
    for info in stdlib.infolist():
        name = info.filename
        tops.add(name.split("/")[0].removesuffix(".py"))
        if not info.is_dir() and (name in used or name.startswith(WHOLE)):
            entries[name] = stdlib.read(info)
for folder, dirs, files in os.walk(SITE):
    dirs[:] = sorted(d for d in dirs if d != "__pycache__")
    for file in sorted(files):
        full = os.path.join(folder, file)
        with open(full, "rb") as handle:
            entries[os.path.relpath(full, SITE)] = handle.read()
entries["_orei_lazy_stdlib.py"] = LAZY.replace("TOPS = ()", f"TOPS = {tuple(sorted(tops))!r}").encode()
entries["_orei_restored.py"] = RESTORED.encode()

with zipfile.ZipFile(OUT, "w") as bundle:
    for name in sorted(entries):
        add(bundle, name, entries[name], STDLIB)
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/bundle.zip"));
