"""`python -m benchmarks.keystroke`: the widgets' Python per keystroke, host and Pyodide.

Times a whole plan (a timeline a year long, holiday tables warm) and every mail of the
generator in Japanese, on the host's CPython and inside Pyodide under Node on the
runtime a built site ships (`keystroke_timing.py` says what each line times). The
budget is a frame, 16 ms, in the browser. `--site DIR` reuses a built site; otherwise
the site is built into a temporary folder first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmarks.in_pyodide import run_script

TIMING = Path(__file__).with_name("keystroke_timing.py")
FRAME_MS = 16.0


def run_host(rounds: int) -> dict:
    """The timings in this interpreter."""
    sys.path.insert(0, str(TIMING.parent))
    from keystroke_timing import measure

    return {"python": sys.version.split()[0], "medians_ms": measure(rounds)}


def table(host: dict, browser: dict) -> str:
    """A Markdown table of the medians, host beside Pyodide, against a frame."""
    lines = [
        f"| Per keystroke | CPython {host['python']} (ms) | Pyodide, CPython "
        f"{browser['python']} (ms) | within a frame ({FRAME_MS:.0f} ms) |",
        "|---|---:|---:|---|",
    ]
    for key, host_ms in host["medians_ms"].items():
        browser_ms = browser["medians_ms"][key]
        within = "yes" if browser_ms < FRAME_MS else "NO"
        lines.append(f"| {key} | {host_ms:.2f} | {browser_ms:.2f} | {within} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Time both sides and print the table; exit 1 if the browser misses a frame."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.keystroke", description=__doc__)
    parser.add_argument("--rounds", type=int, default=51, help="rounds per median (51)")
    parser.add_argument("--site", type=Path, help="a built site to take the runtime from")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            from site_server import free_port

            from benchmarks.__main__ import build

            site = Path(scratch) / "site"
            print(f"building the site into {site} …", file=sys.stderr)
            build(site, f"http://127.0.0.1:{free_port()}/")
        host = run_host(args.rounds)
        browser = run_script(site, Path(scratch), TIMING, str(args.rounds))
    print(table(host, browser))
    return 0 if all(ms < FRAME_MS for ms in browser["medians_ms"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
