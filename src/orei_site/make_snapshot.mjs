// @ts-check
// Take the memory snapshot the worker restores instead of starting Python.
//   node make_snapshot.mjs RUNTIME_DIR BUNDLE_ZIP OUT
// Boots Pyodide exactly as the worker's fast path does (the bundle as its standard
// library), imports what the worker calls after restoring, runs the widgets' warm-up
// requests, and saves the interpreter's memory. It also writes the names of the
// modules then imported (OUT.modules), which the remainder zip leaves out.
// The same inputs make the same snapshot: a fixed hash seed, a fixed `random` state
// (the worker reseeds it, `_orei_boot.restored.settle`) and fixed clocks (below).
import { loadPyodide } from "pyodide";
import { writeFileSync } from "node:fs";
import path from "node:path";

const [runtime, bundle, out] = process.argv.slice(2);
// Python and Emscripten read the clock while starting (file times, import caches); a
// clock that starts at the warm-up's instant and ticks once per reading makes them
// read the same values on every build.
let tick = Date.parse("2026-01-01T00:00:00Z");
Date.now = () => (tick += 1);
performance.now = () => tick - Date.parse("2026-01-01T00:00:00Z");
const pyodide = await loadPyodide({
  indexURL: `${path.resolve(runtime)}/`,
  stdLibURL: path.resolve(bundle),
  env: { PYTHONHASHSEED: "0" },
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
// Defined, called and deleted, so that the snapshot's globals hold nothing of it.
pyodide.runPython(`
def prepare():
    import gc
    import random
    import sys

    import _orei_boot.lazy_stdlib  # noqa: F401 - the worker installs it after restoring
    import _orei_boot.restored  # noqa: F401 - the worker calls it after restoring
    from orei_widgets.warm_up import warm_up

    # Seeded before the warm-up too: saving an application draws its id from random,
    # and an id drawn from the boot's entropy would make every build's snapshot differ.
    random.seed(0)
    warm_up()
    random.seed(0)
    gc.collect()
    return "\\n".join(sorted(sys.modules))
`);
const prepare = pyodide.globals.get("prepare");
const imported = prepare();
prepare.destroy();
pyodide.globals.delete("prepare");
writeFileSync(out, pyodide.makeMemorySnapshot());
writeFileSync(`${out}.modules`, `${imported}\n`);
