// @ts-check
// Run pytest inside Pyodide under Node, on the wheels the site ships.
//   node tests/run_in_pyodide.mjs RUNTIME_DIR MOUNT_DIR TEST_WHEEL... -- PYTEST_ARGS...
// RUNTIME_DIR is a built site's runtime folder (its pyodide-lock.json lists the
// orei wheels); MOUNT_DIR (the repository) is mounted at /mnt so the tests and the
// Cabinet Office list in tests/data can be read. Exits with pytest's status.
import { loadPyodide } from "pyodide";
import path from "node:path";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const [runtime, mount, ...wheels] = split === -1 ? args : args.slice(0, split);
const pytestArgs = split === -1 ? [] : args.slice(split + 1);

const pyodide = await loadPyodide({ indexURL: `${path.resolve(runtime)}/` });
await pyodide.loadPackage(["orei"], { messageCallback: () => {} });
await pyodide.loadPackage(
  wheels.map((wheel) => path.resolve(wheel)),
  { messageCallback: () => {} },
);
pyodide.FS.mkdirTree("/mnt");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(mount) }, "/mnt");
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const status = await pyodide.runPythonAsync(`
import sys, orei, pytest
print("orei from", orei.__file__, "on", sys.version.split()[0], sys.platform)
pytest.main(list(pytest_args))
`);
process.exit(Number(status));
