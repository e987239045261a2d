"""The command line: the only place that prints, reads the environment and exits."""

from crisiskit.cli.app import app, main

__all__ = ["app", "main"]
