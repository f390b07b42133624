"""The command line: parses and prints; the library does the work.

Each command group lives in its own module here and registers on `main`.
"""
from __future__ import annotations

import click

# Fast mode (no NER) is the default; --ner runs the full pipeline (docs/extract.md, "Fast mode").
NER_HELP = ("Run spaCy's statistical NER too (the full pipeline): about 1.7x slower, the same "
            "statements, speaker names a little more often right. The default, --fast, skips it.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord: who said what, where and when, in news articles and interviews."""


from . import evaluate, extract, serve, spark, store  # noqa: E402,F401
