"""The store's coded errors live in the one catalogue, eventatlas.errors; re-exported here."""
from eventatlas.errors import BadDatabaseUrl, BadExportOption, DatabaseUnavailable, SchemaTooNew, UnreadableFeed

__all__ = ["BadDatabaseUrl", "BadExportOption", "DatabaseUnavailable", "SchemaTooNew", "UnreadableFeed"]
