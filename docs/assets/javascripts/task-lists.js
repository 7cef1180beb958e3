// @ts-check
// Give each checkbox of a task list the text of its item as its name.
//
// pymdownx.tasklist wraps only the box in its <label>, so a screen reader
// would announce an unnamed checkbox. Ticks live in the page only: nothing is
// stored, and a reload starts with empty boxes.
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

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(name);
  } else {
    name();
  }
})();
