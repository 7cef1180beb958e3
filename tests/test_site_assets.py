"""The fast path's build: the bytecode bundle, the snapshot, compressed copies, hints, the SW."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _orei_boot import lazy_stdlib

from orei_site import build_info, csp, hints, offline, snapshot

RUNTIME = "assets/orei/runtime"
ROOT = Path(__file__).resolve().parents[1]
WORKER_SOURCE = ROOT / "widgets" / "js" / "worker.js"
SERVICE_WORKER_SOURCE = ROOT / "widgets" / "js" / "sw.js"


def one_of(site_dir, pattern):
    found = sorted((site_dir / RUNTIME).glob(pattern))
    assert len(found) == 1, found
    return found[0]


def bundle_of(site_dir):
    return one_of(site_dir, "orei-bundle.*.zip")


def test_fast_path_files_have_content_hash_names_and_the_worker_knows_them(site_dir):
    names = {
        "bundle": bundle_of(site_dir).name,
        "snapshot": one_of(site_dir, "orei-snapshot.*.bin").name,
        "rest": one_of(site_dir, "orei-rest.*.zip").name,
    }
    assert re.fullmatch(r"orei-bundle\.[0-9a-f]{16}\.zip", names["bundle"])
    assert re.fullmatch(r"orei-snapshot\.[0-9a-f]{16}\.bin", names["snapshot"])
    assert re.fullmatch(r"orei-rest\.[0-9a-f]{16}\.zip", names["rest"])
    build = build_info.read(site_dir / "assets/orei")
    assert {key: build[key] for key in names} == names
    # The worker's source is the repository's, untouched: the build writes no script.
    assert (site_dir / "assets/orei/worker.js").read_bytes() == WORKER_SOURCE.read_bytes()


def test_snapshot_is_a_sparse_whole_wasm_memory_with_python_in_it(site_dir):
    stored = one_of(site_dir, "orei-snapshot.*.bin").read_bytes()
    memory = snapshot.expand(stored)
    assert memory.startswith(b"\x00snp")  # Pyodide's own snapshot header
    assert len(memory) > 16 * 2**20
    assert len(stored) < len(memory) * 0.75  # the zero pages are left out
    # The warm-up ran: the widgets' modules and their data are in memory (text outside
    # Latin-1 is kept as UTF-16 by CPython).
    for text in (
        b"orei_widgets.business_day",
        b"orei.business_calendar",
        "振替休日".encode("utf-16-le"),
    ):
        assert text in memory, text


def test_remainder_lacks_what_the_snapshot_imported_and_keeps_the_data(site_dir):
    bundle = set(zipfile.ZipFile(bundle_of(site_dir)).namelist())
    rest = set(zipfile.ZipFile(one_of(site_dir, "orei-rest.*.zip")).namelist())
    assert rest < bundle
    for imported in ("orei_widgets/business_day.pyc", "email/generator.pyc", "json/__init__.pyc"):
        assert imported in bundle, imported
        assert imported not in rest, imported
    # A reader's own time zone is read only when first asked for.
    for data in ("tzdata/zoneinfo/America/Los_Angeles", "orei/locales/ja.toml"):
        assert data in rest, data


def test_bundle_holds_bytecode_and_data_but_no_sources(site_dir):
    names = zipfile.ZipFile(bundle_of(site_dir)).namelist()
    assert not [n for n in names if n.endswith(".py")]
    for needed in (
        "orei_widgets/__init__.pyc",
        "orei_widgets/business_day.pyc",
        "orei/business_calendar.pyc",
        "orei/locales/ja.toml",
        "jpholiday/__init__.pyc",
        "tzdata/zoneinfo/Asia/Tokyo",
        "encodings/utf_8.pyc",
        "_pyodide/_base.pyc",
        "_orei_boot/lazy_stdlib.pyc",
        "_orei_boot/restored.pyc",
        "_orei_boot/stdlib_tops.txt",
    ):
        assert needed in names, needed
    # Left out, and fetched only if ever imported: what the widgets never use.
    assert "unittest/__init__.pyc" not in names
    assert "pydoc_data/topics.pyc" not in names


@pytest.mark.parametrize(
    "name",
    [
        f"{RUNTIME}/pyodide.asm.wasm",
        f"{RUNTIME}/pyodide.asm.mjs",
        f"{RUNTIME}/pyodide.mjs",
        f"{RUNTIME}/orei-bundle.*.zip",
        f"{RUNTIME}/orei-snapshot.*.bin",
        f"{RUNTIME}/orei-rest.*.zip",
        "follow-up/index.html",
        "ja/calendar/index.html",
        "search/search_index.json",
        "assets/javascripts/bundle.*.min.js",
        "assets/stylesheets/main.*.min.css",
        "assets/orei/binder.js",
    ],
)
def test_large_files_have_brotli_and_gzip_copies(site_dir, name):
    (original,) = site_dir.glob(name)
    br = original.with_name(original.name + ".br")
    gz = original.with_name(original.name + ".gz")
    assert gzip.decompress(gz.read_bytes()) == original.read_bytes()
    assert 0 < br.stat().st_size < gz.stat().st_size < original.stat().st_size


def test_small_files_and_source_maps_get_no_compressed_copy(site_dir):
    # (MkDocs writes sitemap.xml.gz itself; the build's own copies come in br/gz pairs.)
    for path in site_dir.rglob("*.br"):
        original = path.with_suffix("")
        assert original.stat().st_size >= 1024, path
        assert original.suffix not in (".map", ".xml", ".whl"), path


# Prints the files whose brotli copy does not decompress to the file itself.
BROTLI_CHECK = """
const zlib = require("node:zlib"), fs = require("node:fs");
for (const file of JSON.parse(fs.readFileSync(0, "utf8"))) {
  const copy = zlib.brotliDecompressSync(fs.readFileSync(file + ".br"));
  if (!copy.equals(fs.readFileSync(file))) console.log(file);
}
"""


def test_every_compressed_copy_matches_the_final_file(site_dir):
    # Plugins that write after the build's own step would leave stale copies behind.
    originals = sorted(path.with_suffix("") for path in site_dir.rglob("*.br"))
    assert len(originals) > 50
    for original in originals:
        gz = original.with_name(original.name + ".gz")
        assert gzip.decompress(gz.read_bytes()) == original.read_bytes(), original
    result = subprocess.run(
        ["node", "-e", BROTLI_CHECK],
        input=json.dumps([str(p) for p in originals]),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == ""


def test_the_same_inputs_make_the_same_snapshot(site_dir, tmp_path):
    # A new snapshot name would make every returning reader download it again.
    runtime = site_dir / RUNTIME
    made = [
        snapshot.build_snapshot(runtime, bundle_of(site_dir), tmp_path / name, project=ROOT)
        for name in ("first", "second")
    ]
    assert made[0].memory.read_bytes() == made[1].memory.read_bytes()
    built = one_of(site_dir, "orei-snapshot.*.bin")
    assert made[0].memory.name == made[1].memory.name == built.name


def test_only_widget_pages_start_the_runtime(site_dir):
    for page in ("calendar/index.html", "ja/calendar/index.html", "follow-up/index.html"):
        html = (site_dir / page).read_text("utf-8")
        head = html[: html.index("</head>")]
        base = "../" * page.count("/")
        assert f'<script type="module" async src="{base}assets/orei/early.js"' in head
    for page in ("index.html", "faq/index.html", "ja/glossary/index.html", "404.html"):
        html = (site_dir / page).read_text("utf-8")
        assert hints.MARK not in html
        assert "pyodide" not in html


def test_widget_pages_hold_back_the_search_worker_under_their_policy(site_dir):
    shim = (ROOT / "widgets" / "js" / "search-later.js").read_text("utf-8")
    for page in ("calendar/index.html", "ja/write-email/index.html"):
        html = (site_dir / page).read_text("utf-8")
        head = html[: html.index("</head>")]
        assert f"<script {hints.MARK}>{shim}</script>" in head
        # Before the theme's bundle, which starts the search worker as it runs.
        assert head.index("oreiSearchLater") < html.index("assets/javascripts/bundle.")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1]
        assert csp.script_hash(shim) in policy
    for page in ("index.html", "faq/index.html"):
        assert "oreiSearchLater" not in (site_dir / page).read_text("utf-8")
    assert not (site_dir / "assets" / "orei" / "search-later.js").exists()


def test_an_inline_hint_is_added_to_the_pages_policy():
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        '<title>x</title></head><body><form data-orei-widget="a"></form></body>'
    )
    added = hints.add_hints(page, "", [], inline=["console.log(1)"])
    assert "<script data-orei-hint>console.log(1)</script>" in added
    assert added.count("Content-Security-Policy") == 1
    assert csp.script_hash("console.log(1)") in added


def test_hints_are_added_once_and_only_before_head_end():
    page = '<html><head><title>x</title></head><body><form data-orei-widget="a"></form></body>'
    once = hints.add_hints(page, "../", ["r/x.wasm"])
    assert hints.add_hints(once, "../", ["r/x.wasm"]) == once
    assert once.index("early.js") < once.index("r/x.wasm") < once.index("</head>")
    assert once.index("</head>") < once.index("<form")
    plain = "<html><head></head><body><p>text</p></body></html>"
    assert hints.add_hints(plain, "", ["r/x.wasm"]) == plain


def service_worker_build(site_dir) -> dict:
    return build_info.read(site_dir / "assets/orei")["offline"]


def test_service_worker_caches_every_page_and_the_fast_runtime(site_dir):
    build = service_worker_build(site_dir)
    pages = set(build["pages"])
    for page in site_dir.rglob("index.html"):
        relative = page.relative_to(site_dir).as_posix()
        if relative.startswith("bench-"):
            continue
        assert (relative[: -len("index.html")] or "./") in pages, relative
    assert "search/search_index.json" in pages
    assert "assets/orei/worker.js" in pages
    assert "assets/orei/build-info.json" in pages
    assert (site_dir / "sw.js").read_bytes() == SERVICE_WORKER_SOURCE.read_bytes()
    for name in ("orei-snapshot.*.bin", "orei-rest.*.zip"):
        assert f"{RUNTIME}/{one_of(site_dir, name).name}" in build["runtime"]
    # The bundle is the snapshot's fallback only: kept if ever fetched, not fetched ahead.
    assert f"{RUNTIME}/{bundle_of(site_dir).name}" not in build["runtime"]
    assert f"{RUNTIME}/pyodide.asm.wasm" in build["runtime"]
    assert not [p for p in pages | set(build["runtime"]) if p.endswith((".whl", ".br", ".gz"))]


def test_service_worker_version_changes_with_any_cached_file(tmp_path):
    source = tmp_path / "sw.js"
    source.write_text("// the service worker\n", "utf-8")
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "guide" / "index.html").write_text("<p>one</p>", "utf-8")
    first = offline.write_service_worker(site, source, [])
    (site / "assets/orei").mkdir(parents=True)
    build_info.write(site / "assets/orei", {"offline": first})
    again = offline.write_service_worker(site, source, [])
    (site / "guide" / "index.html").write_text("<p>two</p>", "utf-8")
    changed = offline.write_service_worker(site, source, [])
    # The build-info file holds the version, so it is kept but not part of it.
    assert first == again
    assert first["pages"] == ["guide/", "assets/orei/build-info.json"]
    assert changed["version"] != first["version"]
    assert (site / "sw.js").read_text("utf-8") == "// the service worker\n"


def test_build_info_holds_only_the_values_it_names(tmp_path):
    written = build_info.write(tmp_path, {"bundle": "orei-bundle.0123456789abcdef.zip"})
    assert written.name == "build-info.json"
    assert build_info.read(tmp_path) == {
        **build_info.EMPTY,
        "bundle": "orei-bundle.0123456789abcdef.zip",
    }
    with pytest.raises(ValueError, match="unknown build values"):
        build_info.write(tmp_path, {"bundel": "typo"})


def test_lazy_stdlib_imports_what_the_bundle_left_out(tmp_path, monkeypatch):
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w") as archive:
        archive.writestr("oreilazyprobe/__init__.py", "VALUE = 1\n")
        archive.writestr("oreilazyprobe/inner.py", "from . import VALUE\nDOUBLE = VALUE * 2\n")
    asked = []

    def download(url):
        asked.append(url)
        return full.read_bytes()

    finder = lazy_stdlib.LazyStdlib(
        "http://127.0.0.1/python_stdlib.zip",
        download,
        tops=frozenset({"oreilazyprobe"}),
        full=str(tmp_path / "fetched.zip"),
    )
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, finder])
    try:
        import oreilazyprobe.inner

        assert oreilazyprobe.inner.DOUBLE == 2
        assert finder.find_spec("not_in_the_stdlib_list") is None
        assert asked == ["http://127.0.0.1/python_stdlib.zip"]  # fetched once
    finally:
        for name in [n for n in sys.modules if n.startswith("oreilazyprobe")]:
            del sys.modules[name]
