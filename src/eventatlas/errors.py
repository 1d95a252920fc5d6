"""The error catalogue: every failure a user can meet has a code and says what to do.

Codes are stable: users grep for them and tests pin them.
"""
from __future__ import annotations


class EventAtlasError(Exception):
    """Base class. ``code`` is stable; ``str(err)`` is one line: "EA001 path: message"."""

    code = "EA000"
    hint = ""

    def __init__(self, message: str, *, source: str | None = None):
        self.message = message
        self.source = source
        prefix = f"{self.code} {source}: " if source else f"{self.code} "
        tail = f" ({self.hint})" if self.hint else ""
        # One line, always: users grep logs for the code, and a message may quote input text.
        super().__init__(" ".join(f"{prefix}{message}{tail}".splitlines()))


class UnreadableInput(EventAtlasError):
    code = "EA001"
    hint = "check the path exists and is readable"


class EmptyDocument(EventAtlasError):
    code = "EA002"
    hint = "the input holds no text to extract from"


class BinaryInput(EventAtlasError):
    code = "EA003"
    hint = "give a text, HTML, JSONL or feed file"


class UnsupportedLanguage(EventAtlasError):
    code = "EA004"
    hint = ("the supported languages are the profiles found in eventatlas/nlp/languages and in "
            "EVENTATLAS_LANGUAGE_PATH; force one with --lang")


class BadJsonLine(EventAtlasError):
    code = "EA005"
    hint = "each JSONL line must be a JSON object with a 'text' field"


class DocumentTooLarge(EventAtlasError):
    code = "EA006"
    hint = "raise max_document_bytes if this document is genuine"


class DocumentTimeout(EventAtlasError):
    code = "EA007"
    hint = "raise document_timeout_s if this document is genuine"


class BadOption(EventAtlasError):
    code = "EA008"
    hint = "see eventatlas --help"


class UndecodableText(EventAtlasError):
    code = "EA009"
    hint = "save the file as UTF-8"


class ExtractionFailed(EventAtlasError):
    code = "EA010"
    hint = "this is a bug in eventatlas: please report it with the input that caused it"


# The store's errors (EA011...)


class BadDatabaseUrl(EventAtlasError):
    code = "EA011"
    hint = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DB"


class DatabaseUnavailable(EventAtlasError):
    code = "EA012"
    hint = "check that the database server runs and the URL, user and password are right"


class SchemaTooNew(EventAtlasError):
    code = "EA013"
    hint = "this database was written by a newer eventatlas: upgrade eventatlas"


class UnreadableFeed(EventAtlasError):
    code = "EA014"
    hint = "give an RSS or Atom file or URL"


class BadExportOption(EventAtlasError):
    code = "EA015"
    hint = "see eventatlas export --help"


class DatabaseCorrupt(EventAtlasError):
    code = "EA016"
    hint = "restore the database from a backup, or ingest the documents again into a new one"


class StorageFull(EventAtlasError):
    code = "EA017"
    hint = "free disk space, then run the same command again: stored documents are kept and skipped"


class RequestTooComplex(EventAtlasError):
    code = "EA018"
    hint = "ask for fewer results or a simpler filter (see /docs for the limits)"


class BadReview(EventAtlasError):
    code = "EA019"
    hint = "see /docs for the fields a review may change and the shape of each value"


class NotAGazetteerFile(EventAtlasError):
    code = "EA020"
    hint = ("give GeoNames dump files: allCountries.zip, XX.zip, citiesN.zip, alternateNamesV2.zip, "
            "admin1CodesASCII.txt, admin2Codes.txt")


class ModelIncompatible(EventAtlasError):
    code = "EA021"
    hint = "train the model again with this installation (`eventatlas train`), or use the scikit-learn version it names"


class BadMergeDecision(EventAtlasError):
    code = "EA022"
    hint = "give an active event id and a document of it (split), or two different active events (join)"


STORE_ERRORS = {cls.code: cls for cls in (BadDatabaseUrl, DatabaseUnavailable, SchemaTooNew, UnreadableFeed,
                                           BadExportOption, DatabaseCorrupt, StorageFull, RequestTooComplex,
                                           BadMergeDecision)}


CATALOGUE = {cls.code: cls for cls in EventAtlasError.__subclasses__()}
