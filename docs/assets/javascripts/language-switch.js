// @ts-check
// Keep the reader on the same page when they switch language.
//
// Every page of the guide exists in each language at the same path below that
// language's root (`/reflect/` and `/ja/reflect/`). The selector's links start
// out pointing at those roots; after every page change, including Material's
// instant navigation, which keeps the header, each link is pointed at the
// current page below its own root. The links carry target="_self", so the
// switch is a full page load and the new page brings its own lang and labels.
(() => {
  "use strict";

  const links = [...document.querySelectorAll("a[data-orei-language]")].filter(
    (link) => link instanceof HTMLAnchorElement,
  );
  if (links.length === 0) return;
  // The roots as rendered, e.g. http://host/ and http://host/ja/.
  const roots = new Map(links.map((link) => [link, new URL(link.href)]));

  /** @param {string} href */
  function rootOf(href) {
    let best = null;
    for (const root of roots.values()) {
      if (href.startsWith(root.href) && (best === null || root.href.length > best.href.length)) {
        best = root;
      }
    }
    return best;
  }

  function currentRoot() {
    return rootOf(location.href);
  }

  function update() {
    const here = currentRoot();
    // A page without a canonical address (the 404 page) has no counterpart.
    const known = document.querySelector('link[rel="canonical"]') !== null;
    for (const [link, root] of roots) {
      if (here === null || !known) {
        link.href = root.href;
        continue;
      }
      const rest = location.pathname.slice(here.pathname.length);
      const target = new URL(rest, root);
      target.hash = location.hash;
      link.href = target.href;
    }
  }

  for (const link of links) {
    // The hash follows the reader's scrolling, so refresh just before use too.
    link.addEventListener("pointerenter", update);
    link.addEventListener("focus", update);
    link.addEventListener("click", update);
  }
  window.addEventListener("hashchange", update);

  // Instant navigation keeps <html lang> and the header's labels, so any link into
  // the other language (a search result, say) gets a full page load: Material leaves
  // links with a target to the browser. Capture runs before Material's handler.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target) return;
      const url = new URL(link.href, location.href);
      const from = currentRoot();
      const to = rootOf(url.href);
      if (url.origin === location.origin && from && to && from.href !== to.href) {
        link.target = "_self";
      }
    },
    true,
  );
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(update);
  } else {
    update();
  }
})();
