// @ts-check
// Orei's generic widget binder. It knows nothing about any widget: it reads a
// form's state, asks the Python worker for a view, and writes the view into the
// elements the form marks with data-result, data-error-for and data-action.
// Widgets mount through Material's document$, so instant navigation works.

const WORKER_URL = new URL("./worker.js", import.meta.url);
// ?orei-debug in the page's URL: the worker loads plain wheels, for readable tracebacks.
if (new URLSearchParams(location.search).has("orei-debug")) WORKER_URL.searchParams.set("debug", "");
const ALLOWED_ATTRIBUTES = new Set(["href", "download", "aria-disabled", "hidden", "title"]);

/**
 * A form's state as the worker reads it: a field's text, or a checkbox group's list.
 * @typedef {Record<string, string | string[]>} State
 */
/**
 * A file chosen for an action: its bytes as base64, or null when over data-max-bytes.
 * @typedef {{ name: string, size: number, base64: string | null }} Upload
 */
/** @typedef {{ now: number, lang: string, tz: string, links: Record<string, string> }} Context */
/**
 * What the binder asks the worker (orei_widgets.protocol reads it).
 * @typedef {object} WidgetRequest
 * @property {string | undefined} widget
 * @property {string} action
 * @property {State} state
 * @property {Context} context
 * @property {Upload | null} [upload]
 */
/** @typedef {{ filename: string, mime: string, text: string }} Download */
/**
 * The worker's answer, orei_widgets.protocol's View as JSON (`failure`: Python failed).
 * @typedef {object} View
 * @property {string} [failure]
 * @property {Record<string, string>} [results]
 * @property {Record<string, string>} [errors]
 * @property {Record<string, Record<string, string | boolean | null>>} [attrs]
 * @property {Record<string, boolean>} [enabled]
 * @property {Download | null} [download]
 * @property {string | null} [navigate]
 * @property {Record<string, string | string[]>} [values]
 * @property {string | null} [focus]
 */
/**
 * A form control as the binder reads it: an input's properties, which a select, a
 * textarea or a button has too or leaves undefined.
 * @typedef {HTMLInputElement} Field
 */
/** @typedef {{ value?: number }} StatusDetail */
/** @typedef {(state: string, detail: StatusDetail) => void} StatusListener */

/** @type {Worker | null} */
let worker = null;
let workerState = "idle"; // idle | loading | ready | failed
let nextId = 1;
/** @type {Map<number, (view: View | null) => void>} */
const pending = new Map();
/** @type {Set<StatusListener>} */
const statusListeners = new Set();

/**
 * @param {string} state
 * @param {StatusDetail} [detail]
 */
function setWorkerState(state, detail = {}) {
  workerState = state;
  for (const listener of statusListeners) listener(state, detail);
}

function startWorker() {
  if (worker) return;
  setWorkerState("loading", { value: 0.05 });
  // Pages with a widget start the worker from their <head> (early.js); adopt it.
  const early = globalThis.oreiEarlyWorker;
  globalThis.oreiEarlyWorker = { taken: true };
  try {
    worker = early?.worker ? early.worker : new Worker(WORKER_URL, { type: "module" });
  } catch {
    setWorkerState("failed");
    return;
  }
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "progress") setWorkerState("loading", message);
    else if (message.type === "ready") setWorkerState("ready");
    else if (message.type === "failed") failAll();
    else if (message.type === "response") {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      if (resolve) resolve(message.response);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault(); // the reader sees the failure in the widget, not the console
    failAll();
  };
  for (const event of early?.said || []) {
    // By type, not class: a worker that fails to load fires a plain Event named "error".
    if (event.type === "error") worker.onerror(/** @type {ErrorEvent} */ (event));
    else worker.onmessage(/** @type {MessageEvent} */ (event));
  }
}

function failAll() {
  setWorkerState("failed");
  for (const resolve of pending.values()) resolve(null);
  pending.clear();
}

/**
 * @param {WidgetRequest} request
 * @returns {Promise<View | null>}
 */
function ask(request) {
  startWorker();
  if (workerState === "failed") return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    /** @type {Worker} */ (worker).postMessage({ id, request }); // started: not "failed"
  });
}

// --- form state --------------------------------------------------------------

// Buttons are not state: a clicked one's name and value go with its action only, as a
// submitter's do. A file input's value is no state either (its file goes with its action).
/** @param {Field} element */
function isState(element) {
  return Boolean(element.name) && !element.disabled && !/^(button|submit|reset|file)$/.test(element.type);
}

/**
 * @param {HTMLFormElement} form
 * @returns {State}
 */
function readState(form) {
  /** @type {State} */
  const state = {};
  for (const element of /** @type {Iterable<Field>} */ (form.elements)) {
    if (!isState(element)) continue;
    if (element.type === "checkbox" && form.querySelectorAll(`[name="${element.name}"]`).length > 1) {
      state[element.name] ??= [];
      if (element.checked) /** @type {string[]} */ (state[element.name]).push(element.value);
    } else if (element.type === "checkbox") {
      state[element.name] = element.checked ? element.value || "on" : "";
    } else if (element.type === "radio") {
      if (element.checked) state[element.name] = element.value;
      else state[element.name] ??= "";
    } else {
      state[element.name] = element.value;
    }
  }
  return state;
}

// Writes what `params` names into the form; returns what named no field yet (a field
// Python renders later, such as the choice for a repeated time), or null when nothing.
// Fields marked data-store are never written from a link: a link cannot replace what the
// reader keeps.
/**
 * @param {HTMLFormElement} form
 * @param {URLSearchParams} params
 * @returns {URLSearchParams | null}
 */
function writeState(form, params) {
  const written = new Set();
  for (const element of /** @type {Iterable<Field>} */ (form.elements)) {
    if (!isState(element) || !params.has(element.name) || element.hasAttribute("data-store")) continue;
    const values = params.getAll(element.name);
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = values.includes(element.value || "on");
    } else {
      element.value = values[0];
    }
    written.add(element.name);
  }
  const rest = new URLSearchParams([...params].filter(([name]) => !written.has(name)));
  return rest.size > 0 ? rest : null;
}

// Sets the fields a view names (`values`: text, or a list for a checkbox group); returns
// what named no field yet, as URL parameters, for a field Python renders later.
/**
 * @param {HTMLFormElement} form
 * @param {Record<string, unknown>} values
 * @returns {URLSearchParams | null}
 */
function setValues(form, values) {
  const done = new Set();
  for (const element of /** @type {Iterable<Field>} */ (form.elements)) {
    if (!isState(element) || !Object.hasOwn(values, element.name)) continue;
    const value = values[element.name];
    const list = (Array.isArray(value) ? value : [value]).map((item) => String(item ?? ""));
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = list.includes(element.value || "on");
    } else {
      element.value = list[0] ?? "";
    }
    done.add(element.name);
  }
  const rest = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (done.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) rest.append(name, String(item ?? ""));
  }
  return rest.size > 0 ? rest : null;
}

function hashParams() {
  const hash = location.hash.slice(1);
  return hash.includes("=") ? new URLSearchParams(hash) : null;
}

// --- the fragment of a form with data-url-state -----------------------------------
// Its state lives in the URL fragment, which browsers never send to a server, so a
// reload, a bookmark or a shared link opens the same plan. The fragment is the form's
// while it is on the page: the theme's own rewrites (navigation.tracking while the
// reader scrolls, a table-of-contents click) would replace it with a heading's anchor,
// so a same-page URL whose fragment holds no state keeps the form's instead. The
// browser still scrolls to the heading; only the address keeps the plan.

/** @type {{ form: HTMLFormElement | null, path: string, fragment: string, apply: ((params: URLSearchParams) => void) | null }} */
const fragmentOwner = { form: null, path: "", fragment: "", apply: null };

function ownsFragment() {
  return fragmentOwner.form?.isConnected === true;
}

/**
 * @param {string | URL | null | undefined} url
 * @returns {string | URL | null | undefined}
 */
function keepState(url) {
  if (url === undefined || url === null || !ownsFragment() || !fragmentOwner.fragment) return url;
  const next = new URL(url, location.href);
  if (next.origin !== location.origin || next.pathname !== location.pathname) return url;
  if (next.search !== location.search || next.hash.slice(1).includes("=")) return url;
  next.hash = fragmentOwner.fragment;
  return next.href;
}

for (const method of /** @type {const} */ (["pushState", "replaceState"])) {
  const original = history[method];
  history[method] = function (state, unused, url) {
    return original.call(this, state, unused, keepState(url));
  };
}

// A same-document change of the fragment: a second shared link pasted into the tab,
// Back or Forward across entries, or a heading's anchor followed by the browser.
addEventListener("hashchange", () => {
  if (!ownsFragment()) return;
  const params = hashParams();
  if (params && params.toString() !== fragmentOwner.fragment) fragmentOwner.apply?.(params);
  else if (!params && fragmentOwner.fragment) {
    history.replaceState(history.state, "", `#${fragmentOwner.fragment}`);
  }
});

/**
 * @param {State} state
 * @returns {URLSearchParams}
 */
function stateToParams(state) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (Array.isArray(value)) {
      if (value.length === 0) params.append(name, "");
      for (const item of value) if (item !== "") params.append(name, item);
    } else if (value !== "") params.append(name, value);
  }
  return params;
}

/**
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
function readLinks(form) {
  // Pages the widget may open, resolved at build time (data-links, JSON).
  try {
    return JSON.parse(form.dataset.links || "{}");
  } catch {
    return {};
  }
}

/**
 * @param {HTMLFormElement} form
 * @returns {Context}
 */
function context(form) {
  return {
    now: Date.now(),
    lang: document.documentElement.lang || "en",
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "", // empty: not reported
    links: readLinks(form),
  };
}

// --- applying a view -----------------------------------------------------------

// What each result slot last showed: a slot is rewritten only when its view changed,
// so a live region announces what changed, not the whole form, on every keystroke.
const shown = new WeakMap();

/**
 * @param {HTMLFormElement} form
 * @param {View} view
 */
function applyView(form, view) {
  // The selectors' attributes are there: each slot's dataset has the name it is for.
  for (const slot of /** @type {NodeListOf<HTMLElement & { dataset: { result: string } }>} */ (
    form.querySelectorAll("[data-result]")
  )) {
    const html = (view.results ? view.results[slot.dataset.result] : undefined) ?? "";
    if (shown.get(slot) !== html) {
      slot.innerHTML = html;
      shown.set(slot, html);
    }
    slot.hidden = html === "";
  }
  for (const slot of /** @type {NodeListOf<HTMLElement & { dataset: { errorFor: string } }>} */ (
    form.querySelectorAll("[data-error-for]")
  )) {
    const message = view.errors ? view.errors[slot.dataset.errorFor] : undefined;
    slot.textContent = message ?? "";
    slot.hidden = !message;
    for (const field of form.querySelectorAll(`[name="${slot.dataset.errorFor}"]`)) {
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }
  for (const [action, attributes] of Object.entries(view.attrs || {})) {
    for (const element of form.querySelectorAll(`[data-action="${action}"]`)) {
      for (const [name, value] of Object.entries(attributes)) {
        if (!ALLOWED_ATTRIBUTES.has(name)) continue;
        if (name === "href" && value !== null && !/^(mailto:|#|\.{0,2}\/)/.test(/** @type {string} */ (value)))
          continue;
        if (value === null || value === false) element.removeAttribute(name);
        else element.setAttribute(name, value === true ? "" : value);
      }
    }
  }
  for (const [action, enabled] of Object.entries(view.enabled || {})) {
    // Buttons and inputs, and links (<a>), which take `disabled` as a plain property.
    for (const element of /** @type {NodeListOf<HTMLButtonElement>} */ (
      form.querySelectorAll(`[data-action="${action}"]`)
    )) {
      element.disabled = !enabled;
      if (element.tagName === "A") element.setAttribute("aria-disabled", String(!enabled));
    }
  }
}

/** @param {Download} file */
function download({ filename, mime, text }) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A button with data-download-field saves that field's text as it is (data-filename),
// without asking Python: the reader gets it even when Python cannot read it, or run.
/**
 * @param {HTMLFormElement} form
 * @param {HTMLButtonElement} button
 */
function downloadField(form, button) {
  const field = /** @type {Field | RadioNodeList | null} */ (
    form.elements.namedItem(/** @type {string} */ (button.dataset.downloadField))
  );
  if (!field || typeof field.value !== "string") return;
  download({
    filename: button.dataset.filename || "download.txt",
    mime: "text/plain;charset=utf-8",
    text: field.value,
  });
}

// The file chosen in a file input, for its action: its bytes as base64, or only its name
// and size when it is over the input's data-max-bytes (Python then says it is too large).
/**
 * @param {HTMLInputElement} input
 * @returns {Promise<Upload | null>}
 */
async function readUpload(input) {
  const file = input.files?.[0];
  input.value = ""; // choosing the same file again is a new choice
  if (!file) return null;
  const most = Number(input.dataset.maxBytes || Number.POSITIVE_INFINITY);
  if (file.size > most) return { name: file.name, size: file.size, base64: null };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return { name: file.name, size: file.size, base64: btoa(binary) };
}

/** @param {string} href */
function navigate(href) {
  const url = new URL(href, location.href);
  if (url.origin !== location.origin) return;
  // A clicked link goes through Material's instant navigation when it is on, which
  // keeps the worker alive across the move; without it the browser follows the link.
  const link = document.createElement("a");
  link.href = url.href;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

// --- status -------------------------------------------------------------------

/**
 * @param {HTMLFormElement} form
 * @param {string} state
 * @param {StatusDetail} detail
 */
function showStatus(form, state, detail) {
  const status = /** @type {HTMLElement | null} */ (form.querySelector("[data-orei-status]"));
  if (!status) return;
  const text = status.querySelector("[data-status-text]");
  const bar = status.querySelector("progress");
  if (state === "loading") {
    status.hidden = false;
    if (text) text.textContent = status.dataset.textLoading || "Loading…";
    if (bar) bar.value = detail.value ?? bar.value;
  } else if (state === "failed") {
    status.hidden = false;
    status.classList.add("orei-status--failed");
    if (text) text.textContent = status.dataset.textFailed || "The calculator could not start.";
    if (bar) bar.hidden = true;
  } else {
    status.hidden = true;
  }
}

// --- mounting -------------------------------------------------------------------

/** @param {HTMLFormElement} form */
async function mount(form) {
  if (form.dataset.oreiMounted) return;
  form.dataset.oreiMounted = "true";
  form.classList.add("orei-widget--live");
  const widget = form.dataset.oreiWidget;
  const useUrl = form.hasAttribute("data-url-state");
  let latest = 0;
  let inFlight = 0;

  const forget = remember(form);
  // Fields kept in this browser (data-store): only forms that have them load store.js.
  /** @type {ReturnType<typeof import("./store.js").bindStore> | null} */
  let store = null;
  if (form.querySelector("[data-store]")) {
    try {
      const { bindStore } = await import("./store.js");
      store = bindStore(form, { update: () => update(), busy: () => inFlight > 0 });
    } catch {
      store = null; // nothing is kept; the form still works
    }
  }
  // Fragment values for fields that do not exist yet; written once Python renders them.
  /** @type {URLSearchParams | null} */
  let pending = null;
  let params = hashParams();
  // The theme re-renders the page it is on for a link to one of its headings (its first
  // same-page link of a visit): the new form takes the state the old one left.
  const samePage = fragmentOwner.path === location.pathname && fragmentOwner.fragment;
  if (!params && useUrl && samePage) params = new URLSearchParams(fragmentOwner.fragment);
  if (params) pending = writeState(form, params);
  if (params && form.hasAttribute("data-url-once")) {
    // A link's values are an offer to this visit, not a state to keep: a reload or a
    // bookmark does not offer them again.
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  if (useUrl) {
    fragmentOwner.form = form;
    fragmentOwner.path = location.pathname;
    fragmentOwner.fragment = params ? params.toString() : "";
    fragmentOwner.apply = (next) => {
      form.reset(); // a shared link is a whole state: what it leaves out is the default
      pending = writeState(form, next);
      fragmentOwner.fragment = next.toString();
      // The address already says it; rewriting it now, while the browser and the theme
      // still handle this navigation, would add a history entry of its own.
      update({ keepUrl: true });
    };
  }

  /** @type {StatusListener} */
  const listener = (state, detail) => {
    if (!form.isConnected) {
      statusListeners.delete(listener);
      return;
    }
    showStatus(form, state, detail);
  };
  statusListeners.add(listener);
  listener(workerState === "idle" ? "loading" : workerState, { value: 0.05 });

  // While a request is in flight the form is aria-busy: screen readers wait for the
  // settled view, and so can anything else that reads it (the tests do).
  /** @param {number} change */
  function busy(change) {
    inFlight += change;
    if (inFlight > 0) form.setAttribute("aria-busy", "true");
    else {
      form.removeAttribute("aria-busy");
      if (store) store.idle();
    }
  }

  async function update({ keepUrl = false } = {}) {
    const id = ++latest;
    const state = readState(form);
    if (useUrl && !keepUrl) {
      fragmentOwner.fragment = stateToParams(state).toString();
      const url = new URL(location.href);
      url.hash = fragmentOwner.fragment;
      history.replaceState(history.state, "", url);
    }
    busy(+1);
    try {
      const view = await ask({ widget, action: "update", state, context: context(form) });
      if (id !== latest || !view) return; // a newer input has been sent, or Python is unavailable
      if (view.failure) {
        showStatus(form, "failed", {});
        return;
      }
      applyView(form, view);
      form.dataset.oreiReady = "true";
      if (pending) {
        const before = pending.size;
        pending = writeState(form, pending);
        if ((pending ? pending.size : 0) < before) update();
      }
    } finally {
      busy(-1);
    }
  }

  // An action: the form's state, the clicked button's name and value, and a chosen file.
  // Its view may set fields (`values`), which a stored field's storage then follows, and
  // move the focus (`focus`, an element's id in the form).
  /**
   * @param {string} action
   * @param {{ button?: HTMLButtonElement | null, file?: HTMLInputElement | null }} [options]
   */
  async function act(action, { button = null, file = null } = {}) {
    busy(+1);
    const updatesBefore = latest;
    try {
      const state = readState(form);
      if (button?.name) state[button.name] = button.value;
      /** @type {WidgetRequest} */
      const request = { widget, action, state, context: context(form) };
      if (file) {
        request.upload = await readUpload(file);
        if (!request.upload) return;
      }
      const view = await ask(request);
      if (!view || view.failure) return;
      applyView(form, view);
      const names = Object.keys(view.values || {});
      if (names.length > 0) {
        const rest = setValues(form, /** @type {Record<string, string | string[]>} */ (view.values));
        if (rest) pending = new URLSearchParams([...(pending || []), ...rest]);
        if (store) store.written(names);
        // An input made while the action ran was read without these values: ask again.
        if (latest !== updatesBefore) update();
      }
      const target = view.focus ? document.getElementById(view.focus) : null;
      if (target && form.contains(target)) target.focus();
      if (view.download) download(view.download);
      if (view.navigate) navigate(view.navigate);
    } finally {
      busy(-1);
    }
  }

  /**
   * @param {EventTarget | null} element
   * @returns {element is HTMLInputElement}
   */
  const isFile = (element) => /** @type {HTMLInputElement} */ (element).type === "file";
  form.addEventListener("input", (event) => {
    if (isFile(event.target)) return;
    if (event.isTrusted) pending = null; // the reader's own input replaces the link's
    update();
  });
  form.addEventListener("change", (event) => {
    if (isFile(event.target)) {
      if (event.target.dataset.action) act(event.target.dataset.action, { file: event.target });
      return;
    }
    update();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("click", (event) => {
    const button = /** @type {Element} */ (event.target).closest("button");
    if (!button || !form.contains(button)) return;
    if (button.dataset.downloadField) {
      event.preventDefault();
      downloadField(form, button);
    } else if (button.dataset.storeChoice) {
      event.preventDefault();
      if (store) store.choose(button.dataset.storeChoice);
    } else if (button.dataset.action) {
      event.preventDefault();
      if (button.dataset.action === "copy") copy(form, button);
      else if (button.dataset.action === "forget") {
        forget();
        update();
      } else {
        // data-store-clear: the stored fields and their storage go before Python is asked.
        if (button.hasAttribute("data-store-clear") && store) store.clear();
        act(button.dataset.action, { button });
      }
    }
  });
  update();
}

// Fields named in data-remember are kept in localStorage only while the reader
// has ticked the data-remember-toggle box; unticking or "forget" removes them.
/**
 * @param {HTMLFormElement} form
 * @returns {() => void}
 */
function remember(form) {
  const names = (form.dataset.remember || "").split(/\s+/).filter(Boolean);
  const toggle = /** @type {HTMLInputElement | null} */ (form.querySelector("[data-remember-toggle]"));
  const key = `orei:remember:${form.dataset.oreiWidget}`;
  const fields = () => /** @type {Field[]} */ (names.map((name) => form.elements.namedItem(name)).filter(Boolean));
  if (names.length === 0 || !toggle) return () => {};
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    saved = null; // storage blocked or unreadable: start empty
  }
  if (saved && typeof saved === "object") {
    toggle.checked = true;
    for (const field of fields()) if (typeof saved[field.name] === "string") field.value = saved[field.name];
  }
  const store = () => {
    try {
      if (toggle.checked) {
        localStorage.setItem(key, JSON.stringify(Object.fromEntries(fields().map((f) => [f.name, f.value]))));
      } else if (localStorage.getItem(key) !== null) {
        localStorage.removeItem(key);
      }
    } catch {
      // Storage may be blocked; remembering is a convenience, not a requirement.
    }
  };
  form.addEventListener("input", store);
  form.addEventListener("change", store);
  return () => {
    toggle.checked = false;
    for (const field of fields()) field.value = "";
    store();
    const note = /** @type {HTMLElement | null} */ (form.querySelector("[data-forget-status]"));
    if (note) note.textContent = note.dataset.textDone || "";
  };
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLButtonElement} button
 */
async function copy(form, button) {
  const names = (button.dataset.copy || "").split(/\s+/).filter(Boolean);
  const text = names
    .map((name) => /** @type {HTMLElement | null} */ (form.querySelector(`[data-result="${name}"]`)))
    .filter((slot) => slot && !slot.hidden) // a slot this view left empty (a note has no subject)
    // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, with its line breaks, is what a reader pastes.
    .map((slot) => /** @type {HTMLElement} */ (slot).innerText.trim())
    .filter(Boolean)
    .join("\n\n");
  let done = false;
  try {
    await navigator.clipboard.writeText(text);
    done = true;
  } catch {
    // Older browsers, or no permission: copy through a selected, hidden text area.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    try {
      done = document.execCommand("copy");
    } catch {
      done = false;
    }
    area.remove();
  }
  const note = /** @type {HTMLElement | null} */ (form.querySelector(`[data-copy-status]`));
  // The form's markup gives the note both texts.
  if (note) note.textContent = /** @type {string} */ (done ? note.dataset.textDone : note.dataset.textFailed);
}

function mountAll() {
  const forms = /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll("form[data-orei-widget]"));
  if (forms.length === 0) return;
  startWorker();
  for (const form of forms) mount(form).catch(() => {});
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
