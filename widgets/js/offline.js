// @ts-check
// Registers Orei's service worker (sw.js, at the site's root) once the page is idle,
// never while the browser asks to save data. On a page with a widget it waits until
// the widget has answered, so the service worker's copy of the runtime comes from the
// browser's cache instead of competing with the first boot.
const root = new URL("../../", import.meta.url);

// Each build registers its own service worker, sw.js?build=VERSION (orei_site.build_info),
// so a changed site is a new worker whose cache replaces the old one.
async function register() {
  try {
    const response = await fetch(new URL("build-info.json", import.meta.url), { cache: "no-cache" });
    const { offline } = await response.json();
    const script = new URL("sw.js", root);
    script.searchParams.set("build", offline.version);
    await navigator.serviceWorker.register(script, { scope: root.pathname });
  } catch {
    // No service worker (a private window, a host that refuses it): the site still works.
  }
}

/** @param {() => void} callback */
function whenIdle(callback) {
  if ("requestIdleCallback" in self) requestIdleCallback(callback, { timeout: 5000 });
  else setTimeout(callback, 1000);
}

/** @param {() => void} callback */
function whenWidgetsAnswered(callback) {
  const waiting = () => document.querySelector("form[data-orei-widget]:not([data-orei-ready])");
  if (!waiting()) return callback();
  const observer = new MutationObserver(() => {
    if (!waiting()) done();
  });
  const timer = setTimeout(() => done(), 20000);
  function done() {
    observer.disconnect();
    clearTimeout(timer);
    callback();
  }
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-orei-ready"] });
}

if ("serviceWorker" in navigator && !navigator.connection?.saveData) {
  const start = () => whenWidgetsAnswered(() => whenIdle(register));
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
}
