"""The build of the Orei site, independent of any site generator.

`assets.build_assets` writes the Python runtime, the wheels, their lock file and
the widget glue into a built site; `markers` turns the Markdown markers of the
guide into widgets, examples and tables. The MkDocs hook only calls these, so
another generator can call them the same way.
"""
