// @ts-check
// Compile the browser's Python into one zip of bytecode, with Pyodide itself.
//   node compile_bundle.mjs RUNTIME_DIR OUT_ZIP PACKAGE...
// RUNTIME_DIR is a built site's runtime folder (Pyodide's core, its standard library
// and a lock that lists the site's wheels). The packages are installed, every one of
// their modules is imported, and what that loads from the standard library (plus
// Pyodide's own Python) is compiled, with the packages, by the very CPython that runs
// in the browser, so the bytecode matches it. The widgets' warm-up requests
// (orei_widgets.warm_up) run too, so that imports made inside functions are found.
// What goes into the zip, and how, is compile_bundle.py's docstring.
import { loadPyodide } from "pyodide";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [runtime, out, ...packages] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: `${path.resolve(runtime)}/`,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
await pyodide.loadPackage(packages, { messageCallback: () => {} });
// The Python that runs around the widgets' own (widgets/_orei_boot) and the compiler
// itself (compile_bundle.py, a Python file ruff checks) go into Pyodide's file system.
const boot = new URL("../../widgets/_orei_boot/", import.meta.url);
pyodide.FS.mkdirTree("/tmp/_orei_boot");
for (const name of readdirSync(boot).filter((file) => file.endsWith(".py"))) {
  pyodide.FS.writeFile(`/tmp/_orei_boot/${name}`, readFileSync(new URL(name, boot)));
}
pyodide.FS.mkdirTree("/tmp/compiler");
pyodide.FS.writeFile("/tmp/compiler/compile_bundle.py", readFileSync(new URL("./compile_bundle.py", import.meta.url)));
await pyodide.runPythonAsync(`
import sys
sys.path.insert(0, "/tmp/compiler")
import compile_bundle
compile_bundle.main("/tmp/bundle.zip", "/tmp/_orei_boot")
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/bundle.zip"));
