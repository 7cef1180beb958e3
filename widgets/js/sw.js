// Orei's service worker: after a first visit, the whole guide and its widgets work
// offline, and a second visit boots Python without asking the network.
// The build (orei_site.offline) writes this file to the site's root as sw.js and fills
// in BUILD: a version that changes with any file, the pages and their assets, and
// the runtime files of the fast path. Each build gets its own cache; activating a new
// build deletes the others.
const BUILD = { version: "dev", pages: [], runtime: [] };
const CACHE = `orei-${BUILD.version}`;

function saveData() {
  return Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(BUILD.pages);
      // The runtime is large: not when the browser asks to save data (it is cached
      // on first use instead, by the fetch handler below).
      if (!saveData()) await cache.addAll(BUILD.runtime);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("orei-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function fromNetworkFirst(request) {
  // Pages: the newest build when online, the cached one when not.
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request, { ignoreSearch: true })) || (await cache.match("404.html"));
    if (cached) return cached;
    throw error;
  }
}

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

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === "navigate" ? fromNetworkFirst(request) : fromCacheFirst(request));
});
