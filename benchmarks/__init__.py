"""`make bench`: how fast Orei's widgets answer, beside a naive Pyodide page from the same files.

`python -m benchmarks` builds the site, adds a baseline page to it (plain `loadPyodide`
on the main thread, `loadPackage` of the site's wheels, one computation), serves both on
127.0.0.1 and measures them in headless Chromium, several runs each, and prints medians
with the ratio of the site to the baseline. See the README's "Performance" section.
"""
