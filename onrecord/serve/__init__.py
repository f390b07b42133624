"""The REST API and web pages over a store: `create_app(db_url)` builds the FastAPI app."""
from .app import create_app

__all__ = ["create_app"]
