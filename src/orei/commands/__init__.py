"""Subcommands of the `orei` command line, one module each."""
