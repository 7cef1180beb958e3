// @ts-check
// Started from the <head> of pages that hold a widget (the build adds it there, async):
// the Python worker begins booting while the page is still being parsed, instead of
// after the theme's scripts. The binder adopts this worker and replays what it said.
if (!globalThis.oreiEarlyWorker) {
  const url = new URL("./worker.js", import.meta.url);
  if (new URLSearchParams(location.search).has("orei-debug")) url.searchParams.set("debug", "");
  try {
    const worker = new Worker(url, { type: "module" });
    /** @type {Array<MessageEvent | ErrorEvent>} */
    const said = [];
    worker.onmessage = (event) => said.push(event);
    worker.onerror = (event) => {
      event.preventDefault();
      said.push(event);
    };
    globalThis.oreiEarlyWorker = { worker, said };
  } catch {
    // The binder starts its own worker and reports a failure there.
  }
}
