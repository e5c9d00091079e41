"""The JSON API, in-process: every endpoint, its filters, its limits and its errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.api import Coder
from newsevents.serve.app import Settings, create_app
from tests.serve.conftest import KEY, make_store

ARTICLE = "Police detained two journalists in Minsk on Tuesday.\nThe ministry said nothing."


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code, body
    return str(body["error"]["message"])


def test_api_meta(client: TestClient) -> None:
    meta = ok(client.get("/v1/meta"))
    assert (meta["documents"], meta["mentions"], meta["events"]) == (5, 5, 4)
    assert (meta["first_day"], meta["last_day"]) == ("2005-01-01", "2024-06-30")
    assert meta["writable"] is False and meta["needs_key"] is False


def test_api_events_filters_and_pages(client: TestClient) -> None:
    page = ok(client.get("/v1/events", params={"cameo": "17", "limit": 1}))
    assert (page["total"], page["limit"], page["offset"], len(page["events"])) == (3, 1, 0, 1)
    first = page["events"][0]
    assert first["date"] == "2005" and first["status"] == "negated"
    assert isinstance(first["global_id"], str)  # 63-bit ids survive JavaScript
    assert first["sentence"].startswith("Police detained") and first["trigger"] == "detained"
    second = ok(client.get("/v1/events", params={"cameo": "17", "limit": 1, "offset": 1}))
    assert second["events"][0]["num_mentions"] == 2  # a and b tell one detention
    claimed = ok(client.get("/v1/events", params=[("status", "claimed"),
                                                  ("status", "proposed")]))
    assert [e["cameo"] for e in claimed["events"]] == ["112"]
    mentions = ok(client.get("/v1/events", params={"mentions": "true", "since": "2024-05",
                                                   "until": "2024-05"}))
    assert sorted(e["doc_id"] for e in mentions["events"]) == ["a", "b"]


def test_api_stats_map_network(client: TestClient) -> None:
    stats = ok(client.get("/v1/stats", params=[("by", "month"), ("by", "quad")]))
    assert stats["by"] == ["month", "quad"]
    assert [(r["month"], r["events"], r["mentions"]) for r in stats["rows"]] == [
        ("2005", 1, 1), ("2024-05", 1, 2), ("2024-06", 2, 2)]
    places = ok(client.get("/v1/map"))["places"]
    assert {p["name"]: p["events"] for p in places} == {"Minsk": 3, "Gomel": 1}
    net = ok(client.get("/v1/network"))
    assert {n["id"] for n in net["nodes"]} == {"BLRCOP", "BLRCVL", "BLRGOV", "RURGOV"}
    edge = next(e for e in net["edges"] if e["source"] == "BLRCOP")
    assert (edge["target"], edge["events"], edge["conflict"]) == ("BLRCVL", 3, True)


def test_api_document(client: TestClient) -> None:
    doc = ok(client.get("/v1/documents/a"))
    assert doc["url"] == "https://news.example/a" and doc["body"].startswith("Police")
    assert [s["index"] for s in doc["sentences"]] == [0, 1]
    assert doc["actors"][0]["code"] == "BLRCOP" and doc["places"][0]["name"] == "Minsk"
    assert doc["times"][0]["value"] == "2024-05-01"
    [ev] = doc["events"]
    assert ev["event_id"] == "a-0" and isinstance(ev["global_id"], str)
    assert ev["evidence"]["sentence"] == doc["body"][ev["evidence"]["start"]:
                                                     ev["evidence"]["end"]]
    message = error(client.get("/v1/documents/zzz"), 404, "not_found")
    assert "zzz" in message


def test_api_extract_codes_without_storing(client: TestClient) -> None:
    body = ok(client.post("/v1/extract", json={"text": ARTICLE, "date": "2024-03-07",
                                               "title": "<b>Minsk</b>"}))
    assert body["stored"] is False
    doc = body["document"]
    assert doc["title"] == "<b>Minsk</b>" and doc["doc_key"] is None
    [ev] = [e for e in doc["events"] if e["cameo_root"] == "17"]
    assert (ev["source"]["code"], ev["date"], ev["global_id"]) == ("BLRCOP", "2024-03-05", None)
    assert ok(client.get("/v1/meta"))["documents"] == 5  # nothing stored


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"text": ARTICLE, "date": "2024-02-30"}, 400, "invalid_date"),
    ({"text": ARTICLE, "date": "7 March"}, 400, "invalid_date"),
    ({"text": ""}, 422, "invalid_request"),
    ({"date": "2024-03-07"}, 422, "invalid_request"),
    ({"text": ARTICLE, "store": True}, 403, "read_only"),
])
def test_api_extract_errors(client: TestClient, payload: dict[str, Any], status: int,
                            code: str) -> None:
    error(client.post("/v1/extract", json=payload), status, code)


@pytest.mark.parametrize(("params", "status", "code", "words"), [
    ({"since": "last week"}, 422, "invalid_request", "since: must be YYYY, YYYY-MM or YYYY-MM"),
    ({"since": "2024-02-30"}, 400, "invalid_filter", "not a real date"),
    ({"cameo": "ab"}, 422, "invalid_request", "cameo: must be 1 to 4 digits"),
    ({"status": "rumoured"}, 422, "invalid_request", "'asserted'"),
    ({"limit": 5000}, 422, "invalid_request", "limit: Input should be less than or equal"),
    ({"quad": 9}, 422, "invalid_request", "quad"),
])
def test_api_filter_errors(client: TestClient, params: dict[str, Any], status: int,
                           code: str, words: str) -> None:
    assert words in error(client.get("/v1/events", params=params), status, code)


def test_api_stats_unknown_group(client: TestClient) -> None:
    assert "'dyad'" in error(client.get("/v1/stats", params={"by": "fortnight"}), 422,
                             "invalid_request")


def test_api_security_headers_and_unknown_paths(client: TestClient) -> None:
    response = client.get("/v1/meta")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "/v1" in error(client.get("/v2/events"), 404, "not_found")
    assert client.get("/docs").status_code == 404  # no Swagger page: it would need a CDN


def test_api_store_needs_the_key(writable: TestClient) -> None:
    payload = {"text": ARTICLE, "date": "2024-03-07", "id": "api-1", "store": True}
    error(writable.post("/v1/extract", json=payload), 403, "bad_key")
    error(writable.post("/v1/extract", json=payload, headers={"X-API-Key": "guess"}), 403,
          "bad_key")
    body = ok(writable.post("/v1/extract", json=payload, headers={"X-API-Key": KEY}))
    assert body["stored"] is True and body["document"]["doc_key"]
    assert all(e["global_id"] for e in body["document"]["events"])
    assert ok(writable.get("/v1/meta"))["documents"] == 6
    assert ok(writable.get("/v1/documents/api-1"))["events"] == body["document"]["events"]
    again = ok(writable.post("/v1/extract", json=payload, headers={"X-API-Key": KEY}))
    assert again["document"] == body["document"]  # storing twice adds nothing
    assert ok(writable.get("/v1/meta"))["documents"] == 6


def test_api_body_limit(writable: TestClient) -> None:
    big = {"text": "Police detained a man. " * 3000}
    error(writable.post("/v1/extract", json=big), 413, "too_large")

    def chunks() -> Any:  # no Content-Length: the limit still holds
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    error(writable.post("/v1/extract", content=chunks(),
                        headers={"content-type": "application/json"}), 413, "too_large")


def test_api_extract_timeout(tmp_path: Path, coder: Coder) -> None:
    app = create_app(Settings(db=make_store(tmp_path / "t.duckdb"), timeout=0.0001),
                     coder=coder)
    with TestClient(app) as c:
        message = error(c.post("/v1/extract", json={"text": ARTICLE * 50}), 503, "timeout")
        assert "shorter article" in message
        with app.state.coder_lock:  # let the abandoned coding finish before the coder is reused
            pass


def test_api_openapi_document(client: TestClient) -> None:
    spec = ok(client.get("/v1/openapi.json"))
    assert set(spec["paths"]) == {"/v1/meta", "/v1/events", "/v1/stats", "/v1/map",
                                  "/v1/network", "/v1/documents/{doc_id}", "/v1/extract"}
    params = {p["name"] for p in spec["paths"]["/v1/events"]["get"]["parameters"]}
    assert {"actor", "country", "cameo", "plover", "status", "since", "until", "place",
            "mentions", "limit", "offset"} <= params
