"""The test suite's own rules: shared helpers live in support modules, the environment stays."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = sorted(Path(__file__).parent.glob("*.py"))


def imported_modules(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


@pytest.mark.parametrize("path", TESTS, ids=lambda path: path.name)
def test_no_test_module_imports_another(path):
    # A test module is no library: what two test files share lives in a support module.
    imported = imported_modules(ast.parse(path.read_text("utf-8")))
    modules = [name.split(".")[-1] for name in imported]
    assert [name for name in modules if name.startswith(("test_", "conftest"))] == []


def environment_changes(tree: ast.AST) -> list[int]:
    """Lines that write `os.environ` or call `os.putenv`/`os.unsetenv`."""
    lines = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AugAssign | ast.Delete):
            targets = [node.target] if isinstance(node, ast.AugAssign) else node.targets
        written = [t.value for t in targets if isinstance(t, ast.Subscript)]
        if any(ast.unparse(value) == "os.environ" for value in written):
            lines.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            called = ast.unparse(node.func)
            if called in {"os.putenv", "os.unsetenv"} or (
                ast.unparse(node.func.value) == "os.environ"
                and node.func.attr in {"update", "setdefault", "pop", "clear", "popitem"}
            ):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", TESTS, ids=lambda path: path.name)
def test_no_test_changes_the_process_environment(path):
    # A changed environment leaks into every later test; pass `env=` to a subprocess, or
    # use monkeypatch.setenv, which undoes itself.
    assert environment_changes(ast.parse(path.read_text("utf-8"))) == []


def test_the_checks_see_what_they_look_for():
    source = "import os\nimport test_x\nfrom test_y import z\nos.environ['A'] = '1'\n"
    tree = ast.parse(source + "os.environ.update(B='2')\ndel os.environ['A']\nos.putenv('C', '')\n")
    assert imported_modules(tree) == ["os", "test_x", "test_y"]
    assert sorted(environment_changes(tree)) == [4, 5, 6, 7]
