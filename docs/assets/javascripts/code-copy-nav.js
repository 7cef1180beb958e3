// @ts-check
// Take the landmark role off the small <nav> Material puts in each code block.
//
// It holds one "copy" button; as a navigation landmark it would add an unnamed
// entry per code block to a screen reader's list of landmarks, next to the
// real ones (the site's navigation, the table of contents). The button stays.
(() => {
  "use strict";

  function unmark() {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  }

  // Material adds the buttons after each page is shown, including after instant navigation.
  new MutationObserver(unmark).observe(document.body, { childList: true, subtree: true });
  unmark();
})();
