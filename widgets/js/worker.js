// @ts-check
/// <reference lib="webworker" />
// The Python side of every widget runs here, off the page's main thread.
// One worker serves the whole visit: Material's instant navigation keeps the
// page's scripts alive, so the binder never starts a second one.
//
// Three ways to boot (README, "How the widgets boot"), each falling back to the next:
// - snapshot (the default): the build's memory snapshot of Python with the widgets
//   imported and warmed up; restoring it skips starting Python and every import.
//   The remainder zip holds what the snapshot has not imported yet.
// - bundle: the standard library, orei, the widgets and their dependencies come
//   precompiled to bytecode in one zip, passed to Pyodide as its standard library;
//   nothing is installed at boot.
// - debug (this worker's URL has ?debug, which the binder adds when the page's
//   URL has ?orei-debug; also the last fallback): Pyodide's own standard library,
//   then the wheels through the lock file, so tracebacks show source lines.

const runtime = new URL("./runtime/", import.meta.url).href;
const debug = new URL(import.meta.url).searchParams.has("debug");

// Online, this worker's requests (the runtime's files among them: Pyodide fetches with
// the global fetch) go to the network as they would with no service worker, so that a
// return visit gains from the browser's caches (HTTP, and compiled code), which it did
// not when sw.js served it from Cache Storage: it was no faster than a first. The header
// tells sw.js to stay out. When the network fails (offline, or the host cannot be
// reached) or answers with an error, the request goes again, without the header, to the
// service worker, which serves the build's own copy.
const NETWORK_FIRST = "Orei-Network-First";
const throughServiceWorker = self.fetch.bind(self);
const BUILD_INFO = new URL("./build-info.json", import.meta.url);

/** @param {Request} request */
function fromNetwork(request) {
  const headers = new Headers(request.headers);
  headers.set(NETWORK_FIRST, "1");
  return throughServiceWorker(new Request(request, { headers }));
}

/** @param {Response} response */
async function json(response) {
  return response.ok ? response.json() : null;
}

// The build's values as the network and as the service worker have them. This worker,
// Pyodide's scripts and the pages' scripts come from the service worker's build; right
// after a deploy, until the new build's service worker takes over, that is the old one,
// and the runtime must then come from the same build: the network only when both agree.
// (With no service worker yet, both are the network's.) Asked to save data, the runtime
// is cached only as it is used, by sw.js, so it goes there.
const route = Promise.all([
  fromNetwork(new Request(BUILD_INFO)).then(json, () => null),
  throughServiceWorker(BUILD_INFO).then(json, () => null),
]).then(([network, kept]) => {
  const sameBuild = Boolean(network && kept) && network.offline?.version === kept.offline?.version;
  /** @type {BuildInfo} */
  const info = kept ?? network ?? {};
  return { networkFirst: sameBuild && !navigator.connection?.saveData, info };
});

/** @type {typeof fetch} */
self.fetch = async (input, init) => {
  const request = new Request(input, init);
  const own = request.method === "GET" && new URL(request.url).origin === self.location.origin;
  if (!own || !(await route).networkFirst) return throughServiceWorker(request);
  try {
    const response = await fromNetwork(request);
    if (response.ok) return response;
    const kept = await throughServiceWorker(request).catch(() => null);
    return kept?.ok ? kept : response;
  } catch {
    return throughServiceWorker(request);
  }
};
/** @typedef {import("pyodide").PyodideAPI} PyodideAPI */
/** @type {((request: string) => string) | null} */
let dispatch = null;

/**
 * The build's values (orei_site.build_info); only those of the fast path are read here.
 * @typedef {{ bundle?: string, snapshot?: string, rest?: string }} BuildInfo
 */

/**
 * What a failure says, for the performance mark and the binder.
 * @param {unknown} error
 */
function describe(error) {
  return error instanceof Error && error.message ? error.message : String(error);
}

// The build's values (orei_site.build_info): the fast path's versioned file names. The
// loader and the Emscripten module need none of them, so they download meanwhile.
/** @returns {Promise<BuildInfo>} */
async function buildInfo() {
  return (await route).info; // {} when neither had it: no fast path, the wheels
}

/** @param {object} message */
function post(message) {
  self.postMessage(message);
}

/** @param {string} name */
async function bytes(name) {
  const response = await fetch(new URL(name, runtime));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// The snapshot as the build stores it (orei_site.snapshot.sparse): a header, a table of
// runs (offset, length) and their bytes; everything between the runs is zeros.
/** @param {ArrayBuffer} buffer */
function expand(buffer) {
  const view = new DataView(buffer);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 8));
  if (magic !== "OREISNP1") throw new Error("the snapshot is not a sparse snapshot");
  const memory = new Uint8Array(view.getUint32(8, true));
  const count = view.getUint32(12, true);
  let at = 16 + 8 * count;
  for (let run = 0; run < count; run += 1) {
    const offset = view.getUint32(16 + 8 * run, true);
    const length = view.getUint32(20 + 8 * run, true);
    memory.set(new Uint8Array(buffer, at, length), offset);
    at += length;
  }
  return memory;
}

// Every download starts here, at once, before any of Pyodide's code is even parsed:
// its loader, its Emscripten module (imported here, not by the loader, so both come
// in parallel) and, on the fast path, the snapshot, which is the largest.
// The build puts Pyodide's files in ./runtime/; TypeScript checks them against the npm
// package they are copied from.
/** @type {Promise<typeof import("pyodide")>} */
// @ts-expect-error ./runtime/ exists only in the built site.
const loader = import("./runtime/pyodide.mjs");
/** @type {Promise<{ default: NonNullable<import("pyodide").PyodideConfig["createPyodideModule"]> }> | null} */
// @ts-expect-error ./runtime/ exists only in the built site.
const emscripten = debug ? null : import("./runtime/pyodide.asm.mjs");
// Filled in by boot() from build-info.json; the snapshot's download starts as soon as
// its name is known.
/** @type {BuildInfo} */
let BUILD = {};
/** @type {Promise<BuildInfo>} */
const info = debug ? Promise.resolve({}) : buildInfo();
/** @type {Promise<Uint8Array | null> | null} */
let snapshot = info.then((build) => (build.snapshot ? bytes(build.snapshot).then(expand) : null));
for (const started of [loader, emscripten, snapshot]) started?.catch(() => {}); // awaited below

// The expanded snapshot is the interpreter's whole memory. Pyodide keeps what it is
// given in its settings for the whole visit, so it gets a thenable that lets go of the
// bytes once they are read.
/** @returns {PromiseLike<Uint8Array>} */
function handOver() {
  return {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, read once by Pyodide.
    then(resolve, reject) {
      const taken = snapshot;
      snapshot = null;
      // Asked for once, by bootSnapshot, which runs only when the build has a snapshot.
      return /** @type {Promise<Uint8Array>} */ (taken).then(resolve, reject);
    },
  };
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

/** @param {import("pyodide").PyodideConfig} options */
async function loadPyodide(options) {
  const { loadPyodide: load } = await loader;
  return load({ ...quiet, ...lockFile(), indexURL: runtime, ...options });
}

/** @param {PyodideAPI} pyodide */
function installLazyStdlib(pyodide) {
  // The bundle holds the part of the standard library the widgets use; the rest is
  // fetched from Pyodide's full standard library if a module is ever asked for.
  const lazy = pyodide.pyimport("_orei_boot.lazy_stdlib");
  lazy.install(new URL("python_stdlib.zip", runtime).href).destroy();
  lazy.destroy();
}

async function bootSnapshot() {
  const pyodide = await loadPyodide({
    stdLibURL: new URL(String(BUILD.rest), runtime).href,
    createPyodideModule: (await /** @type {NonNullable<typeof emscripten>} */ (emscripten)).default,
    _loadSnapshot: handOver(),
  });
  // Pyodide only logs a standard library it could not fetch; without the remainder,
  // the zone tables and later imports would be missing, so boot another way.
  if (!pyodide.FS.readdir("/lib").some((/** @type {string} */ name) => /^python\d+\.zip$/.test(name))) {
    throw new Error(`${BUILD.rest} did not load`);
  }
  performance.mark("orei:runtime-ready");
  // Made with the whole bundle and a fixed random state; restored with the remainder.
  const restored = pyodide.pyimport("_orei_boot.restored");
  restored.settle();
  restored.destroy();
  installLazyStdlib(pyodide);
  post({ type: "progress", stage: "starting", value: 0.9 });
  return pyodide;
}

async function bootFast() {
  const pyodide = await loadPyodide({ stdLibURL: new URL(String(BUILD.bundle), runtime).href });
  performance.mark("orei:runtime-ready");
  installLazyStdlib(pyodide);
  post({ type: "progress", stage: "starting", value: 0.9 });
  return pyodide;
}

async function bootPlain() {
  const pyodide = await loadPyodide({});
  performance.mark("orei:runtime-ready");
  post({ type: "progress", stage: "packages", value: 0.6 });
  await pyodide.loadPackage(["orei-widgets"], {
    messageCallback: () => {},
    errorCallback: () => {},
  });
  post({ type: "progress", stage: "starting", value: 0.9 });
  return pyodide;
}

/** @param {() => Promise<PyodideAPI>} way */
async function attempt(way) {
  try {
    const pyodide = await way();
    dispatch = pyodide.pyimport("orei_widgets").dispatch;
    return pyodide;
  } catch (error) {
    // A missing or broken file: the next way. The mark says why, in the browser's
    // performance panel (and to the benchmark), since the reader sees no difference.
    performance.mark("orei:fallback", { detail: `${way.name}: ${describe(error)}` });
    return null;
  }
}

async function boot() {
  // Pyodide leaves rejected promises of its own behind when a file fails to load; each
  // failure is handled here (the next way, or "failed" for the binder), so none is
  // reported as uncaught. Once Python is ready, such a rejection would be news again.
  /** @param {PromiseRejectionEvent} event */
  const ignore = (event) => event.preventDefault();
  self.addEventListener("unhandledrejection", ignore);
  post({ type: "progress", stage: "runtime", value: 0.15 });
  BUILD = await info;
  let pyodide = null;
  if (BUILD.snapshot && !debug) pyodide = await attempt(bootSnapshot);
  if (!pyodide && BUILD.bundle && !debug) pyodide = await attempt(bootFast);
  if (!pyodide) {
    pyodide = await bootPlain();
    dispatch = pyodide.pyimport("orei_widgets").dispatch;
  }
  // Reached only when a way worked. When every way failed, the listener stays: the
  // binder has told the reader, and Pyodide's own rejections may still arrive.
  self.removeEventListener("unhandledrejection", ignore);
  // Kept for the whole visit on purpose: one proxy, called with strings only,
  // so no call creates proxies that would need destroying.
  performance.mark("orei:ready");
  post({ type: "ready" });
}

const booting = boot().catch((error) => {
  post({ type: "failed", reason: describe(error) });
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
    if (!dispatch) throw new Error("Python is not ready");
    response = JSON.parse(dispatch(JSON.stringify(request)));
    // Read by the benchmark (and visible in the browser's performance panel).
    performance.measure("orei:dispatch", { start, end: performance.now() });
  } catch (error) {
    response = { failure: describe(error) };
  }
  post({ type: "response", id, response });
};
