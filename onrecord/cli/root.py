"""The `onrecord` command group and what its commands share; each command module registers on it."""
from __future__ import annotations

import functools

import click

# Fast mode (no NER) is the default; --ner runs the full pipeline (docs/extract.md, "Fast mode").
NER_HELP = ("Run spaCy's statistical NER too (the full pipeline): about 1.7x slower, the same "
            "statements, speaker names a little more often right.")


DB_HELP = "Database URL  [default: $ONRECORD_DB, else sqlite:///onrecord.db]"


def db_option(command):
    """--db, also read from ONRECORD_DB: every command that opens the store takes it alike."""
    return click.option("--db", "db_url", metavar="URL", envvar="ONRECORD_DB", help=DB_HELP)(command)


TAGGER_HELP = ("Add the learned cue/source/content tagger (ONNX, shipped in the package) to the "
               "rules: more reported speech found on PolNeAR dev, slower (docs/tagger.md).")


def pipeline_options(note: str = ""):
    """--fast and --ner: two flags with a help each, one setting (`fast`); --tagger beside them.
    `note` ends every help."""
    def add(command):
        command = click.option("--tagger", "tagger", is_flag=True, default=False, help=TAGGER_HELP + note)(command)
        command = click.option("--ner", "fast", flag_value=False, help=NER_HELP + note)(command)
        return click.option("--fast", "fast", flag_value=True, default=True,
                            help="Parse without spaCy's NER (the default): the same statements, about "
                                 "1.7x faster." + note)(command)
    return add


SCOPE_HELP = ("all: every attribution PolNeAR counts, stances and beliefs included; speech: "
              "statements whose cue is a verb or noun of saying; quotes: direct and mixed statements "
              "only  [default: all]")
UNIT_HELP = ("statement: a quotation that goes on after its attribution ('\"A,\" X said. \"B.\"') is one "
             "statement with parts; quote: one statement per quoted sentence run  [default: statement]")
MIN_CONFIDENCE_HELP = "Keep statements whose calibrated confidence is at least P (0 to 1)  [default: 0]."


def selection_options(note: str = ""):
    """--scope, --unit and --min-confidence, handed to the command as one `selection`."""
    from ..select import SCOPES, UNITS

    def add(command):
        @functools.wraps(command)
        def with_selection(*args, scope: str, unit: str, min_confidence: float, **kwargs):
            from ..select import Selection

            return command(*args, selection=Selection(scope, unit, min_confidence), **kwargs)

        with_selection = click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
                                      metavar="P", help=MIN_CONFIDENCE_HELP + note)(with_selection)
        with_selection = click.option("--unit", type=click.Choice(UNITS), default="statement",
                                      help=UNIT_HELP + note)(with_selection)
        return click.option("--scope", type=click.Choice(SCOPES), default="all",
                            help=SCOPE_HELP + note)(with_selection)
    return add


def shown_url(db_url: str | None) -> str:
    """The store's URL as it may be printed: the password hidden."""
    from sqlalchemy.engine import make_url

    from ..store import database_url

    url = database_url(db_url)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001  (not even a URL: say so without echoing it)
        return "(not a database URL)"


def plural(count: int, word: str) -> str:
    """'1 statement', '2 statements', '1 quote group', '0 documents'."""
    return f"{count} {word if count == 1 else word + 's'}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord: who said what, where and when, in news articles and interviews."""
