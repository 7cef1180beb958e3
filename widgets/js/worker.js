// The Python side of every widget runs here, off the page's main thread.
// One worker serves the whole visit: Material's instant navigation keeps the
// page's scripts alive, so the binder never starts a second one.
import { loadPyodide } from "./runtime/pyodide.mjs";

const runtime = new URL("./runtime/", import.meta.url).href;
let dispatch = null;

function post(message) {
  self.postMessage(message);
}

async function boot() {
  post({ type: "progress", stage: "runtime", value: 0.15 });
  const pyodide = await loadPyodide({
    indexURL: runtime,
    // Python's own prints are not for the reader's console.
    stdout: () => {},
    stderr: () => {},
  });
  post({ type: "progress", stage: "packages", value: 0.6 });
  await pyodide.loadPackage(["orei-widgets"], {
    messageCallback: () => {},
    errorCallback: () => {},
  });
  post({ type: "progress", stage: "starting", value: 0.9 });
  // Kept for the whole visit on purpose: one proxy, called with strings only,
  // so no call creates proxies that would need destroying.
  dispatch = pyodide.pyimport("orei_widgets").dispatch;
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
    response = JSON.parse(dispatch(JSON.stringify(request)));
  } catch (error) {
    response = { failure: String(error && error.message ? error.message : error) };
  }
  post({ type: "response", id, response });
};
