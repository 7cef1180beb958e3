// @ts-check
// Give each checkbox of a task list the text of its item as its name.
//
// pymdownx.tasklist wraps only the box in its <label>, so a screen reader
// would announce an unnamed checkbox. Ticks live in the page only: nothing is
// stored, and a reload starts with empty boxes.
//
// A link marked data-orei-ticks (the reflection worksheet's, to My applications)
// carries the ticked questions after its `#`, which browsers never send to a
// server: each as its section heading's id and its place in that list
// (`facts-2`). The applications page offers to keep them with an interview.
(() => {
  "use strict";

  function name() {
    for (const box of document.querySelectorAll(".task-list-control > input[type=checkbox]")) {
      if (box.hasAttribute("aria-label")) continue;
      const item = box.closest(".task-list-item");
      if (item === null) continue;
      const clone = /** @type {Element} */ (item.cloneNode(true));
      // Only this item's own text, not that of a nested list.
      for (const nested of clone.querySelectorAll("ul, ol")) nested.remove();
      const text = (clone.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) box.setAttribute("aria-label", text);
    }
  }

  function ticked() {
    /** @type {string[]} */
    const keys = [];
    for (const list of document.querySelectorAll("ul.task-list")) {
      let heading = list.previousElementSibling;
      while (heading !== null && !/^H[1-6]$/.test(heading.tagName)) {
        heading = heading.previousElementSibling;
      }
      if (heading === null || !heading.id) continue;
      [...list.children].forEach((item, index) => {
        const box = /** @type {HTMLInputElement | null} */ (
          item.querySelector(":scope > .task-list-control > input[type=checkbox]")
        );
        if (box?.checked) keys.push(`${heading.id}-${index + 1}`);
      });
    }
    return keys;
  }

  function carry() {
    const links = /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("a[data-orei-ticks]"));
    if (links.length === 0) return;
    const keys = ticked();
    for (const link of links) {
      const url = new URL(link.href, location.href);
      url.hash = keys.length > 0 ? `worksheet=${keys.join("+")}` : "";
      link.href = url.href;
    }
  }

  document.addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.closest(".task-list")) carry();
  });

  function start() {
    name();
    carry();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
