// Take the memory snapshot the worker restores instead of starting Python.
//   node make_snapshot.mjs RUNTIME_DIR BUNDLE_ZIP OUT NOW_MS
// Boots Pyodide exactly as the worker's fast path does (the bundle as its standard
// library), imports the lazy standard library and the widgets, runs the widgets'
// warm-up requests at NOW_MS, and saves the interpreter's memory. It also writes the
// names of the modules then imported (OUT.modules), which the remainder zip leaves out.
import { loadPyodide } from "pyodide";
import { writeFileSync } from "node:fs";
import path from "node:path";

const [runtime, bundle, out, now] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: path.resolve(runtime) + "/",
  stdLibURL: path.resolve(bundle),
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.globals.set("NOW_MS", Number(now));
const imported = pyodide.runPython(`
import datetime as dt
import gc
import sys

import _orei_lazy_stdlib  # noqa: F401 - the worker calls it right after restoring
from orei_widgets.warm_up import warm_up

warm_up(dt.datetime.fromtimestamp(NOW_MS / 1000, dt.UTC))
del NOW_MS
gc.collect()
"\\n".join(sorted(sys.modules))
`);
pyodide.globals.delete("warm_up");
writeFileSync(out, pyodide.makeMemorySnapshot());
writeFileSync(out + ".modules", imported + "\n");
