"""eventatlas: news articles to geocoded, source-attributed conflict-event records."""
__version__ = "0.1.0"

__all__ = ["extract", "__version__"]


def __getattr__(name):  # no side effects at import time: models load on first use
    if name == "extract":
        from eventatlas.extract import extract
        return extract
    raise AttributeError(name)
