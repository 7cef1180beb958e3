// The Python side of every widget runs here, off the page's main thread.
// One worker serves the whole visit: Material's instant navigation keeps the
// page's scripts alive, so the binder never starts a second one.
//
// Two ways to boot (README, "Performance"):
// - fast (the default): the standard library, orei, the widgets and their
//   dependencies come precompiled to bytecode in one zip, passed to Pyodide as
//   its standard library; nothing is installed at boot.
// - debug (this worker's URL has ?debug, which the binder adds when the page's
//   URL has ?orei-debug): Pyodide's own standard library, then the wheels
//   through the lock file, so tracebacks show source lines.
// If the fast boot fails for any reason, the worker boots the debug way.
import { loadPyodide } from "./runtime/pyodide.mjs";

// Written by the build (orei_site.assets): the bundle's versioned file name.
const BUILD = { bundle: null };

const runtime = new URL("./runtime/", import.meta.url).href;
const debug = new URL(import.meta.url).searchParams.has("debug");
let dispatch = null;

function post(message) {
  self.postMessage(message);
}

const quiet = {
  // Python's own prints are not for the reader's console.
  stdout: () => {},
  stderr: () => {},
};

// Pyodide fetches its lock file itself and, when that fails, leaves the rejected promise
// without a handler: an uncaught error in the console. Fetched here, the failure reaches
// the reader as the widget's message instead. Packages resolve against the runtime folder.
function lockFile() {
  const contents = fetch(new URL("pyodide-lock.json", runtime)).then((response) => {
    if (!response.ok) throw new Error(`pyodide-lock.json: HTTP ${response.status}`);
    return response.text();
  });
  contents.catch(() => {});
  return { lockFileContents: contents, packageBaseUrl: runtime };
}

async function bootFast() {
  const pyodide = await loadPyodide({
    ...quiet,
    ...lockFile(),
    indexURL: runtime,
    stdLibURL: new URL(BUILD.bundle, runtime).href,
  });
  performance.mark("orei:runtime-ready");
  // The bundle holds the part of the standard library the widgets use; the rest is
  // fetched from Pyodide's full standard library if a module is ever asked for.
  const lazy = pyodide.pyimport("_orei_lazy_stdlib");
  lazy.install(new URL("python_stdlib.zip", runtime).href).destroy();
  lazy.destroy();
  post({ type: "progress", stage: "starting", value: 0.9 });
  return pyodide;
}

async function bootPlain() {
  const pyodide = await loadPyodide({ ...quiet, ...lockFile(), indexURL: runtime });
  performance.mark("orei:runtime-ready");
  post({ type: "progress", stage: "packages", value: 0.6 });
  await pyodide.loadPackage(["orei-widgets"], {
    messageCallback: () => {},
    errorCallback: () => {},
  });
  post({ type: "progress", stage: "starting", value: 0.9 });
  return pyodide;
}

async function boot() {
  post({ type: "progress", stage: "runtime", value: 0.15 });
  let pyodide = null;
  if (BUILD.bundle && !debug) {
    // Pyodide leaves a rejected promise of its own behind when the bundle fails to load;
    // the fallback below handles the failure, so it is not reported as uncaught.
    const ignore = (event) => event.preventDefault();
    self.addEventListener("unhandledrejection", ignore);
    try {
      pyodide = await bootFast();
      dispatch = pyodide.pyimport("orei_widgets").dispatch;
      self.removeEventListener("unhandledrejection", ignore);
    } catch {
      pyodide = null; // a missing or broken bundle: boot the plain way below
    }
  }
  if (!pyodide) {
    pyodide = await bootPlain();
    dispatch = pyodide.pyimport("orei_widgets").dispatch;
  }
  // Kept for the whole visit on purpose: one proxy, called with strings only,
  // so no call creates proxies that would need destroying.
  performance.mark("orei:ready");
  post({ type: "ready" });
}

const booting = boot().catch((error) => {
  post({ type: "failed", reason: String(error && error.message ? error.message : error) });
  return Promise.reject(error);
});
booting.catch(() => {});

self.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    await booting;
  } catch {
    return; // "failed" has been posted; the binder tells the reader.
  }
  let response;
  try {
    const start = performance.now();
    response = JSON.parse(dispatch(JSON.stringify(request)));
    // Read by the benchmark (and visible in the browser's performance panel).
    performance.measure("orei:dispatch", { start, end: performance.now() });
  } catch (error) {
    response = { failure: String(error && error.message ? error.message : error) };
  }
  post({ type: "response", id, response });
};
