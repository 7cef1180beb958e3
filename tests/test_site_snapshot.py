"""The memory snapshot's build: its sparse format and the remainder zip it restores with."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zipimport

import pytest
from _orei_boot import restored

from orei_site.snapshot import MAGIC, PAGE, expand, remainder_of, sparse


def memory_with(size: int, writes: dict[int, bytes]) -> bytes:
    memory = bytearray(size)
    for offset, data in writes.items():
        memory[offset : offset + len(data)] = data
    return bytes(memory)


@pytest.mark.parametrize(
    ("size", "writes", "runs"),
    [
        (4 * PAGE, {}, []),
        (4 * PAGE, {0: b"\x01"}, [(0, PAGE)]),
        (4 * PAGE, {PAGE - 1: b"\x01\x02"}, [(0, 2 * PAGE)]),  # across a page boundary
        (4 * PAGE, {0: b"a", 2 * PAGE: b"b"}, [(0, PAGE), (2 * PAGE, PAGE)]),
        (4 * PAGE, {4 * PAGE - 1: b"z"}, [(3 * PAGE, PAGE)]),
        (2 * PAGE + 10, {2 * PAGE + 9: b"!"}, [(2 * PAGE, 10)]),  # a short last page
    ],
)
def test_sparse_keeps_only_pages_with_data(size, writes, runs):
    memory = memory_with(size, writes)
    stored = sparse(memory)
    assert stored[:8] == MAGIC
    assert struct.unpack_from("<II", stored, 8) == (size, len(runs))
    table = [struct.unpack_from("<II", stored, 16 + 8 * i) for i in range(len(runs))]
    assert table == runs
    assert len(stored) == 16 + 8 * len(runs) + sum(length for _, length in runs)
    assert expand(stored) == memory


def test_expand_refuses_what_is_not_a_sparse_snapshot():
    with pytest.raises(ValueError, match="not a sparse snapshot"):
        expand(bytes(64))


def zip_of(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        for name in names:
            bundle.writestr(name, name.encode())
    return out.getvalue()


def test_remainder_drops_the_bytecode_of_imported_modules_only():
    bundle = zip_of(
        [
            "json/__init__.pyc",
            "json/decoder.pyc",
            "tarfile.pyc",
            "orei/data/closures.toml",
            "tzdata/__init__.pyc",
            "tzdata/zoneinfo/__init__.pyc",
            "tzdata/zoneinfo/UTC",
            "tzdata/zoneinfo/Asia/__init__.pyc",
            "tzdata/zoneinfo/Asia/Tokyo",
            "orei/__init__.pyc",
            "orei/plan.pyc",
        ]
    )
    imported = {"json", "json.decoder", "orei", "orei.plan", "tzdata", "tzdata.zoneinfo"}
    imported |= {"tzdata.zoneinfo.Asia"}
    rest = zipfile.ZipFile(io.BytesIO(remainder_of(bundle, imported)))
    # A package with data files stays a package to the zip loader: importlib.resources
    # asks `is_package` before reading a zone table or a template.
    assert sorted(rest.namelist()) == [
        "orei/__init__.pyc",
        "orei/data/closures.toml",
        "tarfile.pyc",
        "tzdata/__init__.pyc",
        "tzdata/zoneinfo/Asia/Tokyo",
        "tzdata/zoneinfo/Asia/__init__.pyc",
        "tzdata/zoneinfo/UTC",
        "tzdata/zoneinfo/__init__.pyc",
    ]
    assert rest.read("tarfile.pyc") == b"tarfile.pyc"


def test_settling_forgets_zip_directories_and_reseeds_random(monkeypatch):
    monkeypatch.setitem(zipimport._zip_directory_cache, "/lib/python314.zip", {"x.pyc": ()})
    random.seed(0)
    fixed = [random.random() for _ in range(3)]
    random.seed(0)
    restored.settle()
    assert "/lib/python314.zip" not in zipimport._zip_directory_cache
    assert [random.random() for _ in range(3)] != fixed
