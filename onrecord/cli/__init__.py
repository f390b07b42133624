"""The command line: parses and prints; the library does the work.

Each command group lives in its own module here and registers on `main`.
"""
from __future__ import annotations

import click

FAST_HELP = ("Parse without spaCy's NER: about 1.7x the speed, the same statements; "
             "speaker names a little less often right (docs/extract.md).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord: who said what, where and when, in news articles and interviews."""


from . import evaluate, extract, serve, spark, store  # noqa: E402,F401
