"""`python -m benchmarks [--browser firefox] [--plain-host] [--runs N] ...` (see `--help`)."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.baseline import write_baseline
from benchmarks.measure import Target, Visit, throttle, visit, wait_for_service_worker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402 - tests/ is on the path now
from site_server import free_port, serve  # noqa: E402

# Chromium as a reader runs it: the tests' flags without the one that keeps Chrome from
# loading its own address-bar WebUI in each new window (`--without-webui` adds it back).
READER_FLAGS = [flag for flag in CHROMIUM_FLAGS if not flag.startswith("--disable-features=")]

# Seconds a new browser is left to finish starting before the first visit (see reader_tab).
STARTUP_S = 3.0

# The widgets the benchmark knows: the page, the result to wait for, the input to type into.
TARGETS = {
    "business-day": Target(
        page="calendar/",
        widget="business-day",
        result="business-day",
        input_name="date",
        values=tuple(f"2026-11-{day:02d}" for day in range(10, 25)),
    ),
    "follow-up": Target(
        page="follow-up/",
        widget="follow-up",
        # The deadline changes with every date typed; the earliest follow-up date does not
        # (two interview days can share it across a weekend or a holiday).
        result="deadline",
        input_name="ended_date",
        values=tuple(f"2026-11-{day:02d}" for day in range(10, 25)),
        state="ended_date=2026-11-09&ended_time=15:00",
    ),
}


@dataclass
class Series:
    """Every visit of one kind (site or baseline) under one network."""

    cold: list[Visit] = field(default_factory=list)
    warm: list[Visit] = field(default_factory=list)


def build(site: Path, address: str) -> None:
    """`mkdocs build --strict` into `site`, for the address it will be served at."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OREI_SITE_URL": address}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def network_conditions(spec: str) -> dict:
    """`MBIT,LATENCY_MS` -> DevTools' Network.emulateNetworkConditions parameters."""
    mbit, latency = (float(part) for part in spec.split(","))
    rate = mbit * 1_000_000 / 8
    return {"latency": latency, "downloadThroughput": rate, "uploadThroughput": rate}


def reader_tab(context, new_window: bool):
    """The tab a visit happens in: the window Chrome opened, once Chrome has finished starting.

    A reader's browser is running before they visit. Chrome loads its own address-bar WebUI
    for each new window, about 0.6 s of CPU on these 2 cores, so a visit in a new window
    (`--new-window`) pays for the window as well as the page.
    """
    pages = context.pages
    if new_window or not pages:
        for extra in pages:
            extra.close()
        return context.new_page()
    for extra in pages[1:]:
        extra.close()
    time.sleep(STARTUP_S)
    return pages[0]


def measure_once(
    playwright,
    url: str,
    target: Target,
    controls,
    network,
    *,
    wait_sw: bool,
    workers: str,
    flags: list[str],
    new_window: bool,
):
    """One cold visit in a new browser profile, then a warm one (a second visit, same profile).

    A persistent profile keeps a disk cache and compiled code as a reader's browser does.
    """
    from benchmarks.measure import PROBE

    with tempfile.TemporaryDirectory(prefix="orei-bench-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=chromium_path(),
            args=flags,
            locale="en-GB",
            timezone_id="Asia/Tokyo",
            service_workers=workers,
        )
        context.add_init_script(PROBE.replace("SELECTOR", repr(target.selector)))
        try:
            page = reader_tab(context, new_window)
            throttle(context, page, network)
            cold = visit(page, url, target, controls)
            cold.service_worker = wait_for_service_worker(page) if wait_sw else False
            if new_window:
                page.close()
                page = context.new_page()
                throttle(context, page, network)
            else:
                page.goto("about:blank")  # the same address again would only move to its fragment
            warm = visit(page, url, target, controls, typing=False)
        finally:
            context.close()
    return cold, warm


def measure(
    playwright,
    urls: dict[str, str],
    target: Target,
    controls,
    network,
    runs: int,
    workers: str = "allow",
    flags: list[str] = READER_FLAGS,
    new_window: bool = False,
):
    """`runs` rounds; each measures every kind, in turns, so load on the machine hits all."""
    series = {kind: Series() for kind in urls}
    for run in range(runs):
        kinds = list(urls) if run % 2 == 0 else list(reversed(urls))
        for kind in kinds:
            cold, warm = measure_once(
                playwright,
                urls[kind],
                target,
                controls,
                network,
                wait_sw=kind == "site" and workers == "allow",
                workers=workers,
                flags=flags,
                new_window=new_window,
            )
            series[kind].cold.append(cold)
            series[kind].warm.append(warm)
    return series


def median(values) -> float:
    """The median, ignoring missing values (NaN when none)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def worst(lists) -> float:
    """The largest value of all the lists (0 when none)."""
    return max((max(values, default=0.0) for values in lists), default=0.0)


def rows(site: Series, base: Series, label: str) -> list[tuple[str, float, float, str]]:
    """The table's rows for one network: (measure, Orei, baseline, unit)."""

    def first(visits):
        return median(v.first_result for v in visits)

    return [
        (f"first result, cold{label} (ms)", first(site.cold), first(base.cold), "ms"),
        (f"first result, warm{label} (ms)", first(site.warm), first(base.warm), "ms"),
        (
            f"first contentful paint, cold{label} (ms)",
            median(v.fcp for v in site.cold),
            median(v.fcp for v in base.cold),
            "ms",
        ),
        (
            f"bytes transferred, cold{label} (kB)",
            median(v.sent_bytes for v in site.cold) / 1000,
            median(v.sent_bytes for v in base.cold) / 1000,
            "kB",
        ),
        (
            f"bytes transferred, warm{label} (kB)",
            median(v.sent_bytes for v in site.warm) / 1000,
            median(v.sent_bytes for v in base.warm) / 1000,
            "kB",
        ),
        (
            f"longest main-thread task, boot{label} (ms)",
            worst(v.boot_long_tasks for v in site.cold + site.warm),
            worst(v.boot_long_tasks for v in base.cold + base.warm),
            "ms",
        ),
        (
            f"longest main-thread task, typing{label} (ms)",
            worst(v.typing_long_tasks for v in site.cold),
            worst(v.typing_long_tasks for v in base.cold),
            "ms",
        ),
        (
            f"recompute in Python, median{label} (ms)",
            median(t for v in site.cold for t in v.python_ms),
            median(t for v in base.cold for t in v.python_ms),
            "ms",
        ),
        (
            f"input to updated result, median{label} (ms)",
            median(t for v in site.cold for t in v.roundtrip_ms),
            median(t for v in base.cold for t in v.roundtrip_ms),
            "ms",
        ),
    ]


def table(all_rows) -> str:
    """A Markdown table with the ratio of Orei to the baseline."""
    lines = ["| Measure | Orei | Baseline | Orei / baseline |", "|---|---:|---:|---:|"]
    for name, ours, theirs, _unit in all_rows:
        ratio = f"{ours / theirs:.2f}" if theirs and theirs == theirs and theirs > 0 else "–"
        lines.append(f"| {name} | {ours:,.1f} | {theirs:,.1f} | {ratio} |")
    return "\n".join(lines)


def measure_other(engine: str, urls: dict[str, str], target: Target, controls, runs: int):
    """Firefox or WebKit: first result and bytes, cold and warm, `runs` rounds in turns."""
    from engines import FirefoxBridge, Xvfb

    from benchmarks.other_engines import firefox_visits, webkit_visits

    series = {kind: Series() for kind in urls}
    if engine == "firefox":
        bridge = FirefoxBridge()
        version, close = f"Firefox {bridge.version.split('/')[-1]}", bridge.close

        def visits(url):
            return firefox_visits(bridge, url, target, controls)
    else:
        xvfb = Xvfb()
        version, close = "WebKitGTK", xvfb.close

        def visits(url):
            return webkit_visits(xvfb.display, url, target, controls)

    try:
        for run in range(runs):
            kinds = list(urls) if run % 2 == 0 else list(reversed(urls))
            for kind in kinds:
                cold, warm = visits(urls[kind])
                series[kind].cold.append(cold)
                series[kind].warm.append(warm)
    finally:
        close()
    if engine == "webkit":
        version = f"WebKitGTK {webkit_version()}"
    return series, version


def webkit_version() -> str:
    """The installed WebKitGTK's version, from its package."""
    found = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "libwebkit2gtk-4.1-0"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split("-")[0] or "?"


def first_rows(site: Series, base: Series, label: str) -> list[tuple[str, float, float, str]]:
    """What Firefox and WebKit give: first result and bytes, cold and warm."""
    return [row for row in rows(site, base, label) if row[0].startswith(("first result", "bytes"))]


def machine(browser) -> str:
    """Cores, memory, architecture and browser, for the README."""
    cores = os.cpu_count()
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "?"
    return (
        f"{cores} cores, {memory}, {platform.machine()} ({platform.system()}), "
        f"{browser}, {sys.executable.split('/')[-1]} {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="cold+warm visits per kind (5)")
    parser.add_argument(
        "--browser",
        choices=("chromium", "firefox", "webkit"),
        default="chromium",
        help="the engine: Chromium (Playwright), Firefox ESR or WebKitGTK (tests/engines.py)",
    )
    parser.add_argument(
        "--without-webui",
        action="store_true",
        help="Chromium with the tests' flag that stops it loading its address-bar WebUI",
    )
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="each visit in a new Chromium window, at once after launch (rounds before "
        "2026-11-30); by default both visits happen in the tab of a browser that has started",
    )
    parser.add_argument(
        "--plain-host",
        action="store_true",
        help="serve no precompressed .br/.gz copies, as a plain static host",
    )
    parser.add_argument("--widget", choices=sorted(TARGETS), default="follow-up")
    parser.add_argument("--page", help="the widget's page, relative to the site root")
    parser.add_argument("--result", help="the data-result slot to wait for")
    parser.add_argument(
        "--throttle",
        nargs="?",
        const="10,40",
        metavar="MBIT,MS",
        help="also measure on a throttled network (default 10 Mbit/s, 40 ms)",
    )
    parser.add_argument(
        "--no-service-worker",
        action="store_true",
        help="block service workers (to measure what the service worker adds or costs)",
    )
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--query", default="", help="append to the site's page URL (?orei-debug)")
    args = parser.parse_args(argv)

    target = TARGETS[args.widget]
    if args.page or args.result:
        target = Target(
            page=args.page or target.page,
            widget=target.widget,
            result=args.result or target.result,
            input_name=target.input_name,
            values=target.values,
            state=target.state,
        )
    site = args.site or ROOT / ".cache" / "bench" / "site"
    port = free_port()
    if not args.site:
        print(f"building the site into {site} …", file=sys.stderr)
        build(site, f"http://127.0.0.1:{port}/")
    baseline = write_baseline(site, target.page, target.widget)

    from playwright.sync_api import sync_playwright

    if args.browser != "chromium" and (
        args.throttle or args.no_service_worker or args.without_webui or args.new_window
    ):
        parser.error(
            "--throttle, --no-service-worker, --without-webui and --new-window are Chromium's"
        )
    networks = [("", None)]
    if args.throttle:
        mbit, ms = args.throttle.split(",")
        networks.append((f", {mbit} Mbit/s {ms} ms", network_conditions(args.throttle)))
    all_rows = []
    flags = CHROMIUM_FLAGS if args.without_webui else READER_FLAGS
    host = "a plain host (no precompressed copies)" if args.plain_host else "brotli/gzip copies"
    with serve(site, port=port) as (base, controls), sync_playwright() as playwright:
        controls.precompressed = not args.plain_host
        fragment = f"#{target.state}" if target.state else ""
        urls = {
            "site": base + target.page + args.query + fragment,
            "baseline": base + baseline + fragment,
        }
        if args.browser != "chromium":
            print(f"measuring in {args.browser}, {args.runs} runs …", file=sys.stderr)
            series, version = measure_other(args.browser, urls, target, controls, args.runs)
            print(
                f"\nOrei `{target.page}` ({target.widget}) against a plain Pyodide page, "
                f"medians of {args.runs} runs, served with {host}; {machine(version)}\n"
            )
            print(table(first_rows(series["site"], series["baseline"], "")))
            return 0
        for label, network in networks:
            print(f"measuring{label or ' unthrottled'}, {args.runs} runs …", file=sys.stderr)
            workers = "block" if args.no_service_worker else "allow"
            series = measure(
                playwright,
                urls,
                target,
                controls,
                network,
                args.runs,
                workers,
                flags,
                new_window=args.new_window,
            )
            all_rows += rows(series["site"], series["baseline"], label)
            if workers == "allow" and not all(v.service_worker for v in series["site"].cold):
                print("note: the service worker was not active before every warm visit",
                      file=sys.stderr)  # fmt: skip
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=flags)
        ui = "without its address-bar WebUI" if args.without_webui else "as a reader runs it"
        ui += ", each visit in a new window" if args.new_window else ", visits in its open tab"
        print(
            f"\nOrei `{target.page}` ({target.widget}) against a plain Pyodide page, "
            f"medians of {args.runs} runs, served with {host}, Chromium {ui}; "
            f"{machine(f'Chromium {browser.version}')}\n"
        )
        browser.close()
        print(table(all_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
