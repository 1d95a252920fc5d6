"""Options and rules shared by every command: dates, the publication date, languages, the store, exit
statuses, and help that shows each option's default."""
from __future__ import annotations

import argparse
import datetime as dt


def date_arg(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def exit_status(failed_inputs: int) -> int:
    """The one rule of extract, ingest and watch: 0 when every input went through, 1 when at least one
    failed (each failure is one coded line on stderr); usage errors exit with 2 before any work."""
    return 1 if failed_inputs else 0


def run_settings(args):
    """The settings for this run: the environment's, with the command's own options over them."""
    from dataclasses import replace
    from eventatlas.settings import load_settings
    settings = load_settings()
    if getattr(args, "published", None):
        settings = replace(settings, default_published=args.published)
    return settings


def published_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                        help="publication date for inputs whose source gives none (a JSONL field, the page's "
                             "metadata or the feed entry's date win); default: the default_published setting, "
                             "else inferred from the text")


def lang_option(parser: argparse.ArgumentParser) -> None:
    from eventatlas.nlp.languages import language_choices
    parser.add_argument("--lang", choices=language_choices(), default="auto",
                        help="language of the inputs (a language profile), or auto to identify it per document")


class HelpFormatter(argparse.HelpFormatter):
    """Every option shows its default, unless it has none or its help already says it."""

    def _get_help_string(self, action):
        text = action.help or ""
        if (action.option_strings and action.default not in (None, False, argparse.SUPPRESS)
                and "default" not in text):
            text += " (default: %(default)s)"
        return text


class ArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as package_version
    try:
        return package_version("eventatlas")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from eventatlas import __version__
        return __version__


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="sqlite:///PATH or postgresql://... (default: the one store, "
                        "eventatlas.sqlite in the user data folder, or EVENTATLAS_DATA_DIR)")
