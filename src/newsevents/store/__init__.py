"""Store: the embedded DuckDB store of documents, mentions and events (docs/store.md).

``Store`` is imported on first use, so code that only needs the store's plain helpers
(:mod:`newsevents.store.rows`) does not load DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.store.duck import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from newsevents.store.duck import Store

        return Store
    raise AttributeError(f"module 'newsevents.store' has no attribute {name!r}")
