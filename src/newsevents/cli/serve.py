"""`newsevents serve`: the JSON API and the dashboard, from one local process."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from newsevents.cli.common import DB, err, fail
from newsevents.errors import NewsEventsError


def serve(
    db: Path = DB,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: "
                             "every interface)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    writable: bool = typer.Option(False, "--writable", help="Open the store for writing, so "
                                  "POST /v1/extract may store articles."),
    api_key: str | None = typer.Option(None, "--api-key", envvar="NEWSEVENTS_API_KEY",
                                       help="Storing needs this key in X-API-Key."),
    max_bytes: int = typer.Option(1_000_000, "--max-bytes", help="Largest request body."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds one extract may take."),
) -> None:
    """Serve the JSON API (/v1, OpenAPI at /v1/openapi.json) and the dashboard (/)."""
    import uvicorn

    from newsevents.serve.app import Settings, create_app

    if api_key is not None and not writable:
        raise fail("--api-key guards writing; add --writable, or leave the key out")
    if not writable and not db.exists():
        raise fail(f"no store at {db}; run `newsevents extract ... --db {db}` first, or "
                   "start with --writable to create it")
    try:
        app = create_app(Settings(db=db, writable=writable, api_key=api_key,
                                  max_bytes=max_bytes, timeout=timeout))
    except NewsEventsError as exc:
        raise fail(str(exc)) from None
    err.print(f"serving {db} on http://{host}:{port}/ (API under /v1; Ctrl-C stops)")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    uvicorn.run(app, host=host, port=port, log_level="warning")
