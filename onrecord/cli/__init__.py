"""The command line: parses and prints; the library does the work.

`root.main` is the group; each command group lives in its own module here and
registers on it when imported below.
"""
from __future__ import annotations

from . import evaluate, extract, serve, spark, store  # noqa: F401  (registers the commands)
from .root import main

__all__ = ["main"]
