// @ts-check
// Run one Python script inside Pyodide under Node, on a built site's runtime.
//   node benchmarks/pyodide_script.mjs RUNTIME_DIR HOST_DIR SCRIPT.py [ARGS...]
// RUNTIME_DIR is the site's assets/orei/runtime (its pyodide-lock.json lists the orei
// wheel the site ships); HOST_DIR is mounted at /mnt, so ARGS can name files there.
// The script runs as __main__ with sys.argv = [SCRIPT.py, ...ARGS]; exits with its status.
import { loadPyodide } from "pyodide";
import fs from "node:fs";
import path from "node:path";

const [runtime, mount, script, ...args] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL: `${path.resolve(runtime)}/` });
await pyodide.loadPackage(["orei"], { messageCallback: () => {} });
pyodide.FS.mkdirTree("/mnt");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(mount) }, "/mnt");
pyodide.globals.set("script_argv", pyodide.toPy([script, ...args]));
pyodide.globals.set("script_source", fs.readFileSync(script, "utf8"));
const status = await pyodide.runPythonAsync(`
import sys
sys.argv = list(script_argv)
namespace = {"__name__": "__main__", "__file__": sys.argv[0]}
try:
    exec(compile(script_source, sys.argv[0], "exec"), namespace)
    status = 0
except SystemExit as stop:
    status = stop.code or 0
status
`);
process.exit(Number(status));
