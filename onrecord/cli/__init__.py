"""The command line: parses and prints; the library does the work.

Each command group lives in its own module here and registers on `main`.
"""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord: who said what, where and when, in news articles and interviews."""


from . import extract  # noqa: E402,F401  (registers its commands on main)
from . import evaluate  # noqa: E402,F401
from . import serve  # noqa: E402,F401
from . import store  # noqa: E402,F401
from . import spark  # noqa: E402,F401
