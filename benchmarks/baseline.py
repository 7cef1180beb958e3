"""The naive baseline: the widget's own form, driven by plain Pyodide on the main thread.

It is written into the built site, so it loads the very runtime files the site ships
(`assets/orei/runtime/`: Pyodide's core, its `python_stdlib.zip`, the lock and the
wheels), the way a page following Pyodide's documentation would: `loadPyodide`, then
`loadPackage` of the wheels, then one call, all on the page's main thread.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FOLDER = "bench-baseline"

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Baseline: plain Pyodide</title>
<script type="module" src="baseline.js"></script>
</head>
<body>
<h1>Baseline: plain Pyodide on the main thread</h1>
{form}
</body>
</html>
"""

# The binder's reading of a form and writing of a view, cut to what the first result needs.
SCRIPT = """import { loadPyodide } from "../assets/orei/runtime/pyodide.mjs";

const form = document.querySelector("form[data-orei-widget]");
const runtime = new URL("../assets/orei/runtime/", import.meta.url).href;

function readState() {
  const state = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    const group = form.querySelectorAll(`[name="${element.name}"]`).length > 1;
    if (element.type === "checkbox" && group) {
      state[element.name] ??= [];
      if (element.checked) state[element.name].push(element.value);
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

// The same starting state as the site's page: fields given in the URL's fragment.
const params = new URLSearchParams(location.hash.slice(1));
for (const element of form.elements) {
  if (!element.name || !params.has(element.name)) continue;
  const values = params.getAll(element.name);
  if (element.type === "checkbox" || element.type === "radio") {
    element.checked = values.includes(element.value || "on");
  } else {
    element.value = values[0];
  }
}

const pyodide = await loadPyodide({ indexURL: runtime });
await pyodide.loadPackage(PACKAGES);
const dispatch = pyodide.pyimport("orei_widgets").dispatch;

function compute() {
  const request = {
    widget: form.dataset.oreiWidget,
    action: "update",
    state: readState(),
    context: {
      now: Date.now(),
      lang: document.documentElement.lang || "en",
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      links: JSON.parse(form.dataset.links || "{}"),
    },
  };
  const start = performance.now();
  const view = JSON.parse(dispatch(JSON.stringify(request)));
  performance.measure("orei:dispatch", { start, end: performance.now() });
  for (const slot of form.querySelectorAll("[data-result]")) {
    const html = view.results ? view.results[slot.dataset.result] : undefined;
    slot.innerHTML = html ?? "";
    slot.hidden = html === undefined || html === "";
  }
}

form.addEventListener("input", compute);
compute();
"""

FORM = re.compile(r'<form\b[^>]*data-orei-widget="(?P<name>[a-z-]+)".*?</form>', re.S)


def write_baseline(site_dir: Path, page: str, widget: str) -> str:
    """Write the baseline page for `widget`, taking its form from the built `page`.

    Returns:
        The baseline page's path relative to the site root.
    """
    html = (site_dir / page / "index.html").read_text("utf-8")
    forms = [m for m in FORM.finditer(html) if m["name"] == widget]
    if not forms:
        raise SystemExit(f"no form for widget {widget!r} in {page}")
    lang_match = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    lock = json.loads((site_dir / "assets/orei/runtime/pyodide-lock.json").read_text("utf-8"))
    folder = site_dir / FOLDER
    folder.mkdir(exist_ok=True)
    lang = lang_match[1] if lang_match else "en"
    (folder / "index.html").write_text(PAGE.format(lang=lang, form=forms[0][0]), "utf-8")
    script = SCRIPT.replace("PACKAGES", json.dumps(sorted(lock["packages"])))
    (folder / "baseline.js").write_text(script, "utf-8")
    return f"{FOLDER}/"
