"""Store: the embedded DuckDB store of documents and events."""

from newsevents.store.duck import Store

__all__ = ["Store"]
