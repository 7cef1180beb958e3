"""Orei: when to thank, when to follow up, and what to write, after an interview in Japan.

Pure Python: dates in, dates out; templates in, text out. Nothing here touches the
browser or reads the clock, so the same rules serve the site, the CLI and the tests.
"""

__version__ = "0.1.0"
