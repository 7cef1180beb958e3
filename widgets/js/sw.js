// @ts-check
/// <reference lib="webworker" />
// Orei's service worker: after a first visit, the whole guide and its widgets work
// offline, or with the host gone. While the network answers, the Python worker takes the
// runtime from it and the browser's HTTP cache (worker.js says why); this cache serves
// what the network does not.
// The build copies this file to the site's root as sw.js; offline.js registers it as
// sw.js?build=VERSION, VERSION changing with any file of the site. When it installs it
// reads what to keep from that build's build-info.json (orei_site.build_info): the
// pages and their assets, and the runtime files of the fast path. Each build gets its
// own cache; activating a new build deletes the others.
// This script runs as a service worker, whose global scope TypeScript cannot infer.
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = new URL(self.location.href).searchParams.get("build") || "dev";
const CACHE = `orei-${VERSION}`;
const INFO = new URL("assets/orei/build-info.json", sw.registration.scope);

function saveData() {
  return Boolean(self.navigator.connection?.saveData);
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(INFO, { cache: "no-cache" });
      const { offline } = await response.json();
      // A build newer than this worker's: leave the install to the worker it registers.
      if (offline.version !== VERSION) throw new Error(`build ${offline.version}, not ${VERSION}`);
      const cache = await caches.open(CACHE);
      await cache.addAll(offline.pages);
      // The runtime is large: not when the browser asks to save data (it is cached
      // on first use instead, by the fetch handler below).
      if (!saveData()) await cache.addAll(offline.runtime);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("orei-") && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

// The address a page is kept under: without its fragment or query. A page's address can
// carry what the reader typed (the e-mail handoff's `#company=…`), which must not be
// written to disk unasked; the cache is matched without them anyway.
/** @param {Request} request */
function pageKey(request) {
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  return url.href;
}

/** @param {Request} request */
async function fromNetworkFirst(request) {
  // Pages (and what a page asks for without a cache): the newest build when online, the
  // cached one when not.
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(pageKey(request), response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request, { ignoreSearch: true })) || (await cache.match("404.html"));
    if (cached) return cached;
    throw error;
  }
}

/** @param {Request} request */
async function fromCacheFirst(request) {
  // Assets and the runtime: the build's own copy, else the network (and keep it).
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && !request.headers.has("range")) {
    cache.put(request, response.clone());
  }
  return response;
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // The Python worker asks the network first (worker.js), and asks again without this
  // header when that fails: then this worker answers from its cache.
  if (request.headers.has("Orei-Network-First")) return;
  // A page asks for the newest build-info.json with cache "no-cache" (offline.js, to
  // register the newest build's worker): the network first for it too.
  const newest = request.mode === "navigate" || request.cache === "no-cache";
  event.respondWith(newest ? fromNetworkFirst(request) : fromCacheFirst(request));
});
