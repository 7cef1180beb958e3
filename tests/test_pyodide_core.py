"""The core tests, run once more inside Pyodide under Node, on the wheels the site ships.

The host runs every test on the source tree; this runs the same core test files
in CPython 3.14 compiled to WebAssembly, importing `orei` from the wheel in the
built site, so the code that ships is the code that was tested. Test files for
the browser, the site build and the widgets (`test_browser_*`, `test_site_*`,
`test_widget_*`, and this one) need the host and are left out.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from orei_site.assets import pip_download_pure
from orei_site.cache import publish, staging

ROOT = Path(__file__).resolve().parent.parent
# Pure wheels for pytest inside Pyodide; hypothesis after 6.155.7 ships compiled wheels only.
REQUIREMENTS = ("pytest==9.2.0", "hypothesis==6.155.7", "icalendar==7.3.2")
HOST_ONLY = ("test_browser_*", "test_site_*", "test_widget_*", "test_pyodide_*")

pytestmark = pytest.mark.pyodide


def tool_wheels(cache: Path = ROOT / ".cache" / "pyodide-test-wheels") -> list[Path]:
    """Download the test tools' pure wheels once, keyed by the requirement list."""
    key = hashlib.sha256("\n".join(REQUIREMENTS).encode()).hexdigest()[:12]
    folder = cache / key
    if not folder.exists():
        tmp = staging(folder)
        pip_download_pure(list(REQUIREMENTS), tmp, deps=True)
        publish(tmp, folder)
    # The site's own lock provides tzdata; loading a second copy would be refused.
    return sorted(p for p in folder.glob("*.whl") if not p.name.startswith("tzdata-"))


def test_core_tests_pass_inside_pyodide(site_dir):
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide"
    ignores = [f"--ignore-glob=/mnt/tests/{pattern}" for pattern in HOST_ONLY]
    result = subprocess.run(
        [
            node, str(ROOT / "tests" / "run_in_pyodide.mjs"),
            str(site_dir / "assets" / "orei" / "runtime"), str(ROOT),
            *map(str, tool_wheels()),
            "--", "/mnt/tests", "-q", "-p", "no:cacheprovider",
            "-o", "pythonpath=", "-m", "not browser and not pyodide", *ignores,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert "orei from /lib/python3.14/site-packages/orei/" in output
    assert " passed" in output.splitlines()[-1]
