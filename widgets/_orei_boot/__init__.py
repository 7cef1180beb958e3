"""Python the worker runs around the widgets' own: not part of any wheel.

The bundle compiler (`orei_site/compile_bundle.py`) adds this package to the bytecode
bundle as `_orei_boot`, with `stdlib_tops.txt`, the top-level names of Pyodide's full
standard library, beside it. The worker installs `lazy_stdlib` after every boot and,
after restoring the memory snapshot, calls `restored.settle()`.
"""
