// @ts-check
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
  /** @type {{ reason: string | null }} */
  const later = { reason: null };
  /** @type {(reason: string) => void} */
  let release = () => {};
  /** @type {Promise<void>} */
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
    /** @type {Worker | null} */
    #worker = null;
    /** @type {any[][] | null} */
    #queued = [];
    #ended = false;

    /**
     * @param {string | URL} url
     * @param {WorkerOptions} [options]
     */
    constructor(url, options) {
      super();
      released.then(() => {
        if (this.#ended) return;
        const worker = new Real(url, options);
        this.#worker = worker;
        for (const type of ["message", "messageerror", "error"]) {
          // The same kind of event again (MessageEvent, ErrorEvent), now from this object.
          const again = /** @param {any} event */ (event) => this.dispatchEvent(new event.constructor(type, event));
          worker.addEventListener(type, again);
        }
        for (const args of this.#queued ?? []) worker.postMessage(.../** @type {[any]} */ (args));
        this.#queued = null;
      });
    }

    /** @param {any[]} args */
    postMessage(...args) {
      if (this.#worker) this.#worker.postMessage(.../** @type {[any]} */ (args));
      else this.#queued?.push(args);
    }

    terminate() {
      this.#ended = true;
      this.#worker?.terminate();
    }
  }

  // Only Material's search worker waits; any other (Orei's own) starts at once.
  const search = /\/workers\/search\.[^/]*\.js$/;
  /**
   * @param {string | URL} url
   * @param {WorkerOptions} [options]
   */
  function Worker(url, options) {
    return search.test(new URL(url, location.href).pathname) ? new LaterWorker(url, options) : new Real(url, options);
  }
  Worker.prototype = Real.prototype;
  // Called with `new`, it returns the worker it made; TypeScript cannot type such a
  // constructor function as the Worker class.
  globalThis.Worker = /** @type {any} */ (Worker);
})();
