// @ts-check
// Stock Firefox for pytest, through puppeteer-core over WebDriver BiDi.
// pytest (tests/engines.py) starts this once per session and speaks JSON lines on
// stdin/stdout: one request per line, {"id", "cmd", ...}, one answer per line,
// {"id", "ok", "value"} or {"id", "ok": false, "error"}. Each page lives in its own
// browser context (a BiDi user context: its own storage and service workers), with
// the time zone and locale emulated, a proxy that records every request, and
// downloads saved into a folder the test reads.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

/** A request's fields, as tests/engines.py sends them (JSON, so not checked here). */
/** @typedef {Record<string, any>} Request */
/**
 * @typedef {object} Entry
 * @property {import("puppeteer-core").BrowserContext} context
 * @property {import("puppeteer-core").Page} page
 * @property {{ console: string[], pageErrors: string[] }} seen
 * @property {boolean} owner whether closing the page closes its context
 */

/** @type {import("puppeteer-core").Browser | null} */
let browser = null;
/** @type {Map<number, Entry>} */
const pages = new Map();
let nextPage = 1;

// Runs in every document before its own scripts: policy violations become console
// errors, which the test collects (Firefox does not report them over BiDi itself).
const REPORT_CSP_VIOLATIONS = `
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.effectiveDirective + " blocked " + (event.blockedURI || "inline"));
});`;

/** @param {number} id */
function entry(id) {
  const found = pages.get(id);
  if (!found) throw new Error(`no page ${id}`);
  return found;
}

function launched() {
  if (!browser) throw new Error("no browser: launch first");
  return browser;
}

/** @type {Record<string, (request: Request) => Promise<unknown>>} */
const commands = {
  async launch({ executablePath, prefs }) {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath,
      headless: true,
      extraPrefsFirefox: prefs,
    });
    return await browser.version();
  },

  // A page in a new browser context, or in the context of page `sameContextAs` (a
  // second visit with the first one's cache, as `make bench` measures). `proxy` and
  // `downloadDir` are optional; `preload` is a script to run before the page's own.
  async newPage({ zone, locale, proxy, downloadDir, preload, sameContextAs }) {
    const owner = !sameContextAs;
    let context;
    if (owner) {
      /** @type {import("puppeteer-core").BrowserContextOptions} */
      const options = {};
      // host:port, as BiDi wants it; nothing bypasses it, not even 127.0.0.1.
      if (proxy) Object.assign(options, { proxyServer: proxy, proxyBypassList: [] });
      if (downloadDir) options.downloadBehavior = { policy: "allow", downloadPath: downloadDir };
      context = await launched().createBrowserContext(options);
    } else {
      context = entry(sameContextAs).context;
    }
    const page = await context.newPage();
    await page.emulateTimezone(zone);
    await page.emulateLocale(locale);
    await page.evaluateOnNewDocument(REPORT_CSP_VIOLATIONS);
    if (preload) await page.evaluateOnNewDocument(preload);
    /** @type {Entry["seen"]} */
    const seen = { console: [], pageErrors: [] };
    page.on("console", (message) => {
      if (message.type() === "error") seen.console.push(message.text());
    });
    page.on("pageerror", (error) => seen.pageErrors.push(String(error)));
    const id = nextPage++;
    pages.set(id, { context, page, seen, owner });
    return id;
  },

  async goto({ page, url, timeout, waitUntil = "load" }) {
    await entry(page).page.goto(url, { waitUntil, timeout });
    return null;
  },

  async waitFor({ page, selector, timeout }) {
    await entry(page).page.waitForSelector(selector, { timeout });
    return null;
  },

  async fill({ page, selector, value }) {
    await entry(page).page.locator(selector).fill(value);
    return null;
  },

  async click({ page, selector }) {
    await entry(page).page.locator(selector).click();
    return null;
  },

  async evaluate({ page, expression }) {
    return await entry(page).page.evaluate(expression);
  },

  async seen({ page }) {
    return entry(page).seen;
  },

  async closePage({ page }) {
    const found = entry(page);
    pages.delete(page);
    if (found.owner) await found.context.close();
    else await found.page.close();
    return null;
  },

  async close() {
    if (browser) await browser.close();
    browser = null;
    return null;
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, cmd, ...args } = JSON.parse(line);
  let answer;
  try {
    const command = commands[cmd];
    if (!command) throw new Error(`no command ${cmd}`);
    const value = await command(args);
    answer = { id, ok: true, value: value ?? null };
  } catch (error) {
    answer = { id, ok: false, error: error instanceof Error && error.stack ? error.stack : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  if (cmd === "close") break;
}
process.exit(0);
