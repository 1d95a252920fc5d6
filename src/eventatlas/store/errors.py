"""Coded errors of the store (EA020...). Defined here so the store does not edit errors.py."""
from __future__ import annotations

from eventatlas.errors import EventAtlasError


class BadDatabaseUrl(EventAtlasError):
    code = "EA020"
    hint = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DB"


class DatabaseUnavailable(EventAtlasError):
    code = "EA021"
    hint = "check that the database server runs and the URL, user and password are right"


class SchemaTooNew(EventAtlasError):
    code = "EA022"
    hint = "this database was written by a newer eventatlas: upgrade eventatlas"


class UnreadableFeed(EventAtlasError):
    code = "EA023"
    hint = "give an RSS or Atom file or URL"


class BadExportOption(EventAtlasError):
    code = "EA024"
    hint = "see eventatlas export --help"


STORE_ERRORS = {cls.code: cls for cls in (BadDatabaseUrl, DatabaseUnavailable, SchemaTooNew, UnreadableFeed,
                                           BadExportOption)}
