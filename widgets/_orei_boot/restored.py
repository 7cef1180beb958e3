"""What the worker runs right after restoring the memory snapshot.

This module ships inside the bytecode bundle as `_orei_boot.restored` and is
imported before the snapshot is taken (`make_snapshot.mjs`), so it is already in
memory when the worker calls `settle()`. Two things in a restored interpreter still describe
the build machine rather than the reader's browser:

- the zip import caches hold the directory of the zip the snapshot was made with
  (the whole bundle); it restores with the bundle's remainder, a different file under
  the same name, so the old offsets would read the wrong bytes;
- `random` holds the state the build fixed (so that the same inputs make the same
  snapshot), which would be the same in every reader's browser.
"""

from __future__ import annotations

import random
import sys
import zipimport


def forget_zip_directories() -> None:
    """Make the next import read each zip's directory afresh."""
    zipimport._zip_directory_cache.clear()
    sys.path_importer_cache.clear()


def settle() -> None:
    """Fit the restored interpreter to this browser: fresh zip directories, own randomness."""
    forget_zip_directories()
    random.seed()  # from os.urandom, which Pyodide draws from crypto.getRandomValues
