"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

A store of our example articles (and one hostile article) is served by `newsevents serve`
in its own process; the tests load the dashboard, filter, open a document, paste an article
and take screenshots (build/screenshots/). Article text must stay inert: a `<script>` and an
`<img onerror>` inside an article run nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = ("Police detained two students in Minsk on Tuesday. "
           "<script>window.__pwned = 1</script> "
           "<img src=x onerror=\"window.__pwned = 1\"> said a note left at the scene.")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need Debian's chromium; .ci/run installs it")
    pytest.skip("no chromium here (apt-get install chromium); CI installs it",
                allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    d = tmp_path_factory.mktemp("browser")
    db = d / "dash.duckdb"
    (d / "hostile.jsonl").write_text(json.dumps({"id": "hostile", "text": HOSTILE,
                                                 "date": "2024-03-07",
                                                 "title": "<b onmouseover=alert(1)>x</b>"})
                                     + "\n", encoding="utf-8")
    env = {**os.environ, "NEWSEVENTS_DB": str(db)}
    for inputs in (ROOT / "examples", d / "hostile.jsonl"):
        subprocess.run([sys.executable, "-m", "newsevents.cli.main", "extract", str(inputs),
                        "--no-progress", "--out", os.devnull], env=env, check=True,
                       capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli.main", "serve", "--db",
                             str(db), "--port", str(port)], env=env,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/v1/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {proc.stderr.read()!r}"
                                   if proc.stderr else "the server did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
          if m.type == "error" else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems  # type: ignore[attr-defined]
    pg.goto(server + "/")
    ready(pg)
    yield pg
    context.close()
    assert problems == [], problems


def ready(page: Page) -> None:
    page.wait_for_selector('body[data-state="ready"]', timeout=60_000)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def show(page: Page, view: str) -> None:
    page.goto(page.url.split("#")[0] + f"#/{view}")
    ready(page)


def test_browser_dashboard_draws_every_view(page: Page, server: str) -> None:
    meta = httpx.get(server + "/v1/meta").json()
    show(page, "timeline")
    assert page.locator('[data-testid="timeline"] svg rect').count() > 0
    shot(page, "timeline")
    show(page, "map")
    assert page.locator('[data-testid="map"] svg path').count() > 100  # country outlines
    assert page.locator('[data-testid="map"] svg circle').count() > 5
    shot(page, "map")
    show(page, "network")
    assert page.locator('[data-testid="network"] svg circle').count() > 3
    shot(page, "network")
    show(page, "events")
    assert page.locator('[data-testid="event-row"]').count() == min(50, meta["events"])
    shot(page, "events")


def test_browser_filter_the_event_table(page: Page, server: str) -> None:
    show(page, "events")
    page.fill('[data-testid="filter-cameo"]', "17")
    page.click('[data-testid="filter-apply"]')
    ready(page)
    want = httpx.get(server + "/v1/events", params={"cameo": "17"}).json()
    rows = page.locator('[data-testid="event-row"]')
    assert rows.count() == len(want["events"]) > 0
    texts = rows.all_inner_texts()
    assert all(any(e["cameo"] in t for e in want["events"]) for t in texts)
    shot(page, "events-filtered")


def test_browser_open_a_document_from_the_table(page: Page) -> None:
    show(page, "events")
    page.locator('[data-testid="event-row"]').first.click()
    ready(page)
    body = page.locator('[data-testid="document-body"]')
    body.wait_for()
    assert page.locator('[data-testid="evidence"]').count() >= 1
    assert body.locator(".actor").count() > 0 and body.locator(".place").count() > 0
    shot(page, "document")


def test_browser_paste_an_article(page: Page) -> None:
    show(page, "paste")
    page.fill('[data-testid="paste-text"]',
              "Kenyan police arrested five protesters in Nairobi on Monday.")
    page.fill('[data-testid="paste-date"]', "2024-07-09")
    page.click('[data-testid="paste-submit"]')
    ready(page)
    body = page.locator('[data-testid="document-body"]')
    body.wait_for()
    assert "Nairobi" in body.inner_text()
    assert body.locator(".place").count() >= 1
    assert page.locator('[data-testid="document-view"]').inner_text().count("173") >= 1
    shot(page, "paste")


def test_browser_article_text_runs_nothing(page: Page) -> None:
    page.goto(page.url.split("#")[0] + "#/documents/hostile")
    ready(page)
    body = page.locator('[data-testid="document-body"]')
    body.wait_for()
    assert "<script>window.__pwned = 1</script>" in body.inner_text()
    assert body.locator("img, script").count() == 0
    view = page.locator('[data-testid="document-view"]')
    assert "<b onmouseover=alert(1)>x</b>" in view.inner_text()  # the title, as text
    show(page, "paste")
    page.fill('[data-testid="paste-text"]', HOSTILE)
    page.click('[data-testid="paste-submit"]')
    ready(page)
    page.locator('[data-testid="document-body"]').wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator('[data-testid="document-view"] img').count() == 0
    shot(page, "hostile")
