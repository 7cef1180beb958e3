"""Write the browser runtime into a built site: Pyodide, the wheels, their lock and the glue.

Everything the widgets need is served from the site's own origin: the Pyodide
core from the npm package (installed by `npm ci`), the `orei` and
`orei-widgets` wheels built from this checkout, and their pure-Python
dependencies downloaded from the package index. Work is cached under
`.cache/orei-assets`, keyed by content, so a rebuild during `mkdocs serve`
only rebuilds the wheel whose source changed.

The fast path (README, "Performance") adds the bytecode bundle from
`orei_site.bundle`, under a versioned name that the worker is told at build time,
and brotli and gzip copies of the large runtime files for hosts that serve them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from orei_site import build_info, compression, email_form, hints, offline
from orei_site import bundle as python_bundle
from orei_site import snapshot as memory_snapshot
from orei_site.cache import publish, staging

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_VERSION = "314.0.7"
# The core of the npm package; its own lock lists packages the site does not ship.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Where the site keeps its runtime, relative to the site root.
ASSETS_PATH = "assets/orei"
# Large files served with precompressed copies beside them (`NAME.br`, `NAME.gz`).
PRECOMPRESSED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# widgets/js files that are not copied as they are: the build writes sw.js to the root
# and puts search-later.js inline into the pages that hold a widget.
NOT_GLUE = frozenset({"sw.js", "search-later.js"})
# Wheels built here carry this date so that an unchanged source gives the same bytes.
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01


class AssetError(RuntimeError):
    """A step of the asset build failed; the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class SiteAssets:
    """What `build_assets` wrote.

    Attributes:
        directory: The runtime folder inside the site (`assets/orei/runtime`).
        wheels: The wheel files, inside `directory`.
        lock: The site's `pyodide-lock.json`, which lists exactly `wheels`.
        bundle: The bytecode zip of the fast path, inside `directory`.
        snapshot: The memory snapshot and its remainder zip, inside `directory`.
    """

    directory: Path
    wheels: tuple[Path, ...]
    lock: Path
    bundle: Path
    snapshot: memory_snapshot.Snapshot


def _digest(paths: Iterable[Path], base: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(str(path.relative_to(base)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def _source_files(project: Path) -> list[Path]:
    packages = [p for p in project.glob("*/") if (p / "__init__.py").exists()]
    packages += [p for p in (project / "src").glob("*/") if (p / "__init__.py").exists()]
    found = [project / "pyproject.toml"]
    for package in packages:
        found += [
            f
            for f in package.rglob("*")
            if f.is_file()
            and f.suffix in {".py", ".toml", ".typed"}
            and "__pycache__" not in f.parts
        ]
    return found


def build_wheel(project: Path, cache: Path) -> Path:
    """Build the pure wheel of the project at `project` (PEP 517), cached by its source.

    Raises:
        AssetError: If the build fails.
    """
    key = _digest(_source_files(project), project)
    out = cache / "wheels-local" / f"{project.name}-{key}"
    existing = sorted(out.glob("*.whl"))
    if existing:
        return existing[0]
    tmp = staging(out)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp),
            str(project),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise AssetError(
            f"building the wheel of {project} failed:\n{result.stdout}\n{result.stderr}"
        )
    publish(tmp, out)
    return next(out.glob("*.whl"))


def runtime_requirements(project: Path = ROOT) -> list[str]:
    """The pinned runtime dependencies of `orei`, from its pyproject.toml."""
    data = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    return list(data["project"]["dependencies"])


def pip_download_pure(requirements: list[str], dest: Path, *, deps: bool) -> None:
    """Download pure-Python wheels for Pyodide's CPython 3.14 into `dest`.

    Raises:
        AssetError: If pip fails; the message carries pip's own.
    """
    result = subprocess.run(
        [
            sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
            "--platform", "any", "--python-version", "3.14", "--implementation", "py",
            *([] if deps else ["--no-deps"]), "--dest", str(dest), *requirements,
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise AssetError(f"downloading {', '.join(requirements)} failed:\n{result.stderr}")


def download_wheels(requirements: list[str], cache: Path) -> list[Path]:
    """Download pure wheels for `requirements` (pinned with ==) from the package index, cached.

    Raises:
        AssetError: If a requirement is not pinned, not pure Python, or cannot be downloaded.
    """
    dest = cache / "wheels-index"
    dest.mkdir(parents=True, exist_ok=True)
    found = []
    for requirement in requirements:
        name, sep, version = requirement.partition("==")
        if not sep:
            raise AssetError(
                f"pin {requirement!r} with == in pyproject.toml: the site ships exact wheels"
            )
        prefix = f"{name.strip().replace('-', '_').lower()}-{version.strip()}-"

        def cached(prefix: str = prefix) -> list[Path]:
            return [p for p in dest.glob("*.whl") if p.name.lower().startswith(prefix)]

        matches = cached()
        if not matches:
            pip_download_pure([requirement], dest, deps=False)
            matches = cached()
        if not matches or not matches[0].name.endswith("-none-any.whl"):
            raise AssetError(f"no pure-Python wheel for {requirement} ({prefix}*.whl)")
        found.append(matches[0])
    return found


def runtime_source(project: Path = ROOT) -> Path:
    """The Pyodide npm package's folder, checked against the pinned version.

    Raises:
        AssetError: If `npm ci` has not been run or installed another version.
    """
    package = project / "node_modules" / "pyodide"
    manifest = package / "package.json"
    if not manifest.exists():
        raise AssetError("the Pyodide runtime is missing: run `npm ci` (the Makefile does)")
    version = json.loads(manifest.read_text("utf-8"))["version"]
    if version != PYODIDE_VERSION:
        raise AssetError(
            f"node_modules holds pyodide {version}, the site pins {PYODIDE_VERSION}: run `npm ci`"
        )
    return package


def write_lock(runtime: Path, wheels: list[Path], target: Path) -> Path:
    """Write a `pyodide-lock.json` into `target` that lists exactly `wheels` (copied there)."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    core = PyodideLockSpec.from_json(runtime / "pyodide-lock.json")
    empty = core.clone()
    empty.packages = {}
    copied = []
    for wheel in wheels:
        shutil.copy2(wheel, target / wheel.name)
        copied.append(target / wheel.name)
    spec = add_wheels_to_spec(empty, copied, base_path=target)
    lock = target / "pyodide-lock.json"
    spec.to_json(lock, indent=0)
    return lock


def _copy_if_changed(source: Path, target: Path) -> None:
    if (
        target.exists()
        and target.stat().st_size == source.stat().st_size
        and target.stat().st_mtime_ns >= source.stat().st_mtime_ns
    ):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _write_if_changed(target: Path, text: str) -> None:
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")


def copy_glue(project: Path, target: Path) -> list[Path]:
    """Copy the widgets' JavaScript and CSS into `target`."""
    copied = []
    for folder in ("js", "css"):
        for source in sorted((project / "widgets" / folder).glob("*")):
            if source.is_file() and source.name not in NOT_GLUE:
                _copy_if_changed(source, target / source.name)
                copied.append(target / source.name)
    return copied


def _replace_versioned(built: Path, directory: Path) -> Path:
    """Copy `built` (`STEM.<hash>.EXT`) into `directory`, removing other versions of it."""
    stem = built.name.split(".")[0]
    for stale in directory.glob(f"{stem}.*"):
        if not stale.name.startswith(built.name):
            stale.unlink()
    target = directory / built.name
    _copy_if_changed(built, target)
    return target


def write_bundle(directory: Path, packages: list[str], cache: Path, project: Path) -> Path:
    """Compile the bytecode bundle into `directory`, replacing an older one."""
    built = python_bundle.build_bundle(directory, packages, cache, project=project)
    return _replace_versioned(built, directory)


def write_snapshot(
    directory: Path, bundle: Path, cache: Path, project: Path
) -> memory_snapshot.Snapshot:
    """Make the snapshot of `bundle` and its remainder in `directory`, replacing older ones."""
    built = memory_snapshot.build_snapshot(directory, bundle, cache, project=project)
    return memory_snapshot.Snapshot(
        _replace_versioned(built.memory, directory), _replace_versioned(built.remainder, directory)
    )


def build_assets(site_dir: Path, *, project: Path = ROOT, cache: Path | None = None) -> SiteAssets:
    """Write the runtime, the wheels, their lock and the widget glue into `site_dir`.

    Args:
        site_dir: The built site's root folder.
        project: The repository root.
        cache: Where to keep built and downloaded wheels (default `.cache/orei-assets`).

    Returns:
        What was written.

    Raises:
        AssetError: If a step fails; the message says which.
    """
    cache = cache or project / ".cache" / "orei-assets"
    runtime = runtime_source(project)
    assets = site_dir / ASSETS_PATH
    directory = assets / "runtime"
    if directory.exists():
        for stale in directory.glob("*.whl"):
            stale.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        _copy_if_changed(runtime / name, directory / name)
    wheels = [
        build_wheel(project, cache),
        build_wheel(project / "widgets", cache),
        *download_wheels(runtime_requirements(project), cache),
    ]
    lock = write_lock(runtime, wheels, directory)
    packages = sorted(json.loads(lock.read_text("utf-8"))["packages"])
    bundle = write_bundle(directory, packages, cache, project)
    snapshot = write_snapshot(directory, bundle, cache, project)
    copy_glue(project, assets)
    _write_if_changed(assets / email_form.CSS_NAME, email_form.visibility_css())
    runtime_path = f"{ASSETS_PATH}/runtime"
    # No preload hints: they made warm visits slower (the page and the worker both read
    # the large files) and gained nothing the early worker does not.
    search_later = (project / "widgets" / "js" / "search-later.js").read_text("utf-8")
    hints.add_hints_to_site(site_dir, preload=[], inline=[search_later])
    # What the service worker keeps for offline visits: what the snapshot boot reads. The
    # bundle is only its fallback; the service worker keeps it too if it is ever fetched.
    fast_path = [*PRECOMPRESSED, "pyodide-lock.json", *(path.name for path in snapshot.files)]
    kept = offline.write_service_worker(
        site_dir, project / "widgets" / "js" / "sw.js", [f"{runtime_path}/{n}" for n in fast_path]
    )
    build_info.write(
        assets,
        {
            "bundle": bundle.name,
            "snapshot": snapshot.memory.name,
            "rest": snapshot.remainder.name,
            "offline": kept,
        },
    )
    # Last, once every page and script is final: compressed copies of the large runtime
    # files and of the pages, scripts and styles, which a slow connection feels on a
    # first visit as much as the runtime.
    large = [*(directory / name for name in PRECOMPRESSED), bundle, *snapshot.files]
    compression.precompress(sorted({*large, *compression.site_text_files(site_dir)}), cache)
    return SiteAssets(directory, tuple(directory / w.name for w in wheels), lock, bundle, snapshot)


if __name__ == "__main__":
    # `python -m orei_site.assets SITE_DIR`: the same build without MkDocs.
    print(build_assets(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"))
