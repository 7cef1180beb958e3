// Fields a form marks with data-store, kept in this browser's localStorage, and only while
// the reader has ticked the form's box marked data-store-toggle. Loaded by the binder for
// the forms that have such fields; it knows nothing of any widget.
//
// Keys: `orei:store:WIDGET` holds the revision, a count of writes made by any tab; each
// field's text is under `orei:store:WIDGET:NAME`, exactly as the field holds it (the
// binder never parses it). A tab remembers the revision it last read or wrote. It writes
// only while the stored revision is still that one; otherwise another tab has written
// since, and nothing is overwritten: when this tab has nothing of its own to keep, it
// takes the other tab's version (the `storage` event tells it), and when it has, the
// reader chooses in the element marked data-store-conflict (buttons with
// data-store-choice="load" or "keep"). Unticking the box removes every key; so does
// a button marked data-store-clear, which also empties the fields.

const PREFIX = "orei:store:";

/**
 * @param {HTMLFormElement} form
 * @param {{ update: () => void, busy: () => boolean }} binder  Asks Python again; true while a request is in flight.
 */
export function bindStore(form, { update, busy }) {
  const revisionKey = `${PREFIX}${form.dataset.oreiWidget}`;
  /** @param {string} name */
  const fieldKey = (name) => `${revisionKey}:${name}`;
  const fields = [
    .../** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */ (form.querySelectorAll("[data-store][name]")),
  ];
  const toggle = /** @type {HTMLInputElement | null} */ (form.querySelector("[data-store-toggle]"));
  const status = /** @type {HTMLElement | null} */ (form.querySelector("[data-store-status]"));
  const conflictBox = /** @type {HTMLElement | null} */ (form.querySelector("[data-store-conflict]"));
  /** @type {Storage | null} */
  let storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(revisionKey); // throws where storage is blocked
  } catch {
    storage = null;
  }
  /** @type {number | null} */
  let revision = null; // the revision this tab last read or wrote; null while not kept
  let conflict = false;
  let otherTabChanged = false; // a change seen while a request was in flight

  /** @param {string | null} kind */
  function say(kind) {
    if (!status) return;
    const key = kind ? `text${kind[0].toUpperCase()}${kind.slice(1)}` : "";
    status.textContent = kind ? status.dataset[key] || "" : "";
  }

  function storedRevision() {
    const raw = storage?.getItem(revisionKey) ?? null;
    if (raw === null) return null;
    const number = Number.parseInt(raw, 10);
    return Number.isFinite(number) ? number : 0;
  }

  function fill() {
    for (const field of fields) field.value = storage?.getItem(fieldKey(field.name)) ?? "";
  }

  /** @param {boolean} shown */
  function showConflict(shown) {
    conflict = shown;
    if (conflictBox) conflictBox.hidden = !shown;
  }

  /** @param {string} kind */
  function adopt(kind) {
    revision = storedRevision();
    fill();
    if (toggle) toggle.checked = true;
    showConflict(false);
    say(kind);
    update();
  }

  // Writes the fields and a new revision; false when another tab wrote first or it failed.
  function write() {
    if (!storage || !toggle?.checked) return false;
    const current = storedRevision();
    if (current !== revision) {
      showConflict(true);
      return false;
    }
    try {
      for (const field of fields) storage.setItem(fieldKey(field.name), field.value);
      storage.setItem(revisionKey, String((current ?? 0) + 1)); // last: other tabs react to it
    } catch {
      say("full"); // quota: nothing is lost, the page still holds the change
      return false;
    }
    revision = (current ?? 0) + 1;
    say(null);
    return true;
  }

  function remove() {
    revision = null;
    if (!storage) return;
    try {
      storage.removeItem(revisionKey); // first: other tabs then read no half-removed fields
      for (const field of fields) storage.removeItem(fieldKey(field.name));
    } catch {
      // Removing cannot fail where reading worked; nothing else to do if it does.
    }
  }

  if (!storage) {
    say("unavailable");
  } else if (storedRevision() !== null) {
    revision = storedRevision();
    fill();
    if (toggle) toggle.checked = true;
  }

  if (toggle) {
    toggle.addEventListener("change", () => {
      if (!storage) return;
      if (toggle.checked) {
        write(); // another tab's kept applications are not overwritten: the reader chooses
      } else {
        remove();
        showConflict(false);
        say(null);
      }
    });
  }

  /** @param {StorageEvent} event */
  function onStorage(event) {
    if (!form.isConnected) {
      removeEventListener("storage", onStorage);
      return;
    }
    if (!storage || event.storageArea !== storage) return;
    if (event.key !== null && event.key !== revisionKey) return; // the revision is written last
    const current = storedRevision();
    if (current === null) {
      if (revision !== null) {
        revision = null;
        if (toggle) toggle.checked = false;
        showConflict(false);
        say("removed");
      }
      return;
    }
    if (current === revision) return;
    if (busy() || conflict) {
      otherTabChanged = true; // decided once this tab's request has answered
      return;
    }
    if (revision === null && fields.some((field) => field.value !== "")) showConflict(true);
    else adopt("updated");
  }
  addEventListener("storage", onStorage);

  return {
    // After a view has set `names`: a stored field among them is written.
    /** @param {string[]} names */
    written(names) {
      if (fields.some((field) => names.includes(field.name))) write();
    },
    // When no request is in flight: what another tab did meanwhile is taken now.
    idle() {
      if (!storage) {
        if (toggle) toggle.disabled = true; // the view may have enabled it
        return;
      }
      if (!otherTabChanged || conflict) return;
      otherTabChanged = false;
      const current = storedRevision();
      if (current === null || current === revision) return;
      if (revision === null && fields.some((field) => field.value !== "")) showConflict(true);
      else adopt("updated");
    },
    /** @param {string} choice "load" or "keep" */
    choose(choice) {
      if (!storage) return;
      if (choice === "load") {
        if (storedRevision() === null) {
          showConflict(false);
          return;
        }
        adopt("updated");
      } else if (choice === "keep") {
        revision = storedRevision();
        if (toggle) toggle.checked = true;
        showConflict(false);
        write();
      }
    },
    // "Delete everything": every key, every stored field's text, and the box unticked.
    clear() {
      remove();
      for (const field of fields) field.value = "";
      if (toggle) toggle.checked = false;
      showConflict(false);
      say(null);
    },
  };
}
