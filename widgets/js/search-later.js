// Inlined by the build into the <head> of pages that hold a widget, before the theme's
// scripts (orei_site.hints). Material starts its search worker as soon as its bundle
// runs, and building the English and Japanese index then competes for the CPU with
// Python's boot, which the reader is waiting for. Here the search worker starts once every
// widget has answered, or as soon as the reader goes to the search field, or after 5 s
// (a widget that never answers must not cost the reader their search).
(() => {
  const Real = globalThis.Worker;
  if (!Real || globalThis.oreiSearchLater) return;
  // Why the search worker was let go (answered, search, timeout): for the tests, and for
  // anyone who wonders in the console.
  const later = { reason: null };
  let release;
  const released = new Promise((resolve) => {
    release = (reason) => {
      later.reason ??= reason;
      resolve();
    };
  });
  globalThis.oreiSearchLater = later;
  setTimeout(() => release("timeout"), 5000);

  addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-md-component=search-query]")) {
      release("search");
    }
  });
  addEventListener("DOMContentLoaded", () => {
    const waiting = () => document.querySelector("form[data-orei-widget]:not([data-orei-ready])");
    if (!waiting()) return release("answered");
    const observer = new MutationObserver(() => {
      if (waiting()) return;
      observer.disconnect();
      release("answered");
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-orei-ready"] });
  });

  // What Material uses of a Worker: postMessage, its "message" events, terminate.
  class LaterWorker extends EventTarget {
    #worker = null;
    #queued = [];
    #ended = false;

    constructor(url, options) {
      super();
      released.then(() => {
        if (this.#ended) return;
        this.#worker = new Real(url, options);
        for (const type of ["message", "messageerror", "error"]) {
          this.#worker.addEventListener(type, (event) => this.dispatchEvent(new event.constructor(type, event)));
        }
        for (const args of this.#queued) this.#worker.postMessage(...args);
        this.#queued = null;
      });
    }

    postMessage(...args) {
      if (this.#worker) this.#worker.postMessage(...args);
      else this.#queued.push(args);
    }

    terminate() {
      this.#ended = true;
      this.#worker?.terminate();
    }
  }

  // Only Material's search worker waits; any other (Orei's own) starts at once.
  const search = /\/workers\/search\.[^/]*\.js$/;
  globalThis.Worker = function Worker(url, options) {
    return search.test(new URL(url, location.href).pathname) ? new LaterWorker(url, options) : new Real(url, options);
  };
  globalThis.Worker.prototype = Real.prototype;
})();
