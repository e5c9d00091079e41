"""The HTTP API's request and response bodies (they make its OpenAPI document)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

MAX_TEXT = 200_000  # characters of one article for /v1/extract


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable and searchable: not_found, invalid_request, ...")
    message: str = Field(description="What was wrong and what to do.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The article's body.")
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD: relative dates "
                             "in the text are resolved against it.")
    id: str | None = Field(None, min_length=1, max_length=200,
                           description="The document id (default: a hash of the text).")
    title: str | None = Field(None, max_length=1000)
    store: bool = Field(False, description="Also store the document (needs a server started "
                        "with --writable, and the API key if it has one).")


class DocumentBody(BaseModel):
    doc_id: str
    doc_key: str | None
    published: str | None
    title: str | None
    url: str | None
    source_name: str | None
    body: str
    sentences: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    places: list[dict[str, Any]]
    times: list[dict[str, Any]]
    events: list[dict[str, Any]] = Field(description="Event records (docs/records.md) with "
                                         "their deduplicated event's global_id.")
    errors: list[dict[str, Any]]


class ExtractResponse(BaseModel):
    document: DocumentBody
    stored: bool


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    mentions: bool
    events: list[dict[str, Any]]


class StatsResponse(BaseModel):
    by: list[str]
    rows: list[dict[str, Any]]


class MapResponse(BaseModel):
    places: list[dict[str, Any]]


class NetworkResponse(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class MetaResponse(BaseModel):
    documents: int
    mentions: int
    events: int
    first_day: str | None
    last_day: str | None
    versions: dict[str, str]
    writable: bool
    needs_key: bool
