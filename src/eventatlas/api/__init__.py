"""The web API and the map page: ``create_app(db)`` builds the FastAPI app, ``serve`` runs it."""
from __future__ import annotations

from eventatlas.api.app import create_app, serve

__all__ = ["create_app", "serve"]
