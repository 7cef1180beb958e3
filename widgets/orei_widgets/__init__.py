"""The Python side of Orei's widgets: form state in, a view out, by calling `orei`.

The browser's worker calls `dispatch` with a JSON request and gets a JSON view
back; strings cross the boundary, so no call leaves a proxy behind. Nothing here
imports `js`: the same code runs in the tests on the host.
"""

from orei_widgets.protocol import dispatch

__all__ = ["dispatch"]
