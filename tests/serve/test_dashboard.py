"""The dashboard's shipped files: built from web/'s current sources, self-contained."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
STATIC = ROOT / "src" / "newsevents" / "serve" / "static"


def sources_sha256() -> str:
    """web/README.md's algorithm: the sources, sorted by path relative to web/."""
    files = [WEB / "package.json", WEB / "package-lock.json", WEB / "build.mjs",
             *[p for p in (WEB / "src").rglob("*") if p.is_file()]]
    h = hashlib.sha256()
    for rel in sorted(p.relative_to(WEB).as_posix() for p in files):
        h.update(rel.encode("utf-8") + b"\n" + (WEB / rel).read_bytes() + b"\n")
    return h.hexdigest()


def test_dashboard_is_built_from_the_current_sources() -> None:
    info = json.loads((STATIC / "build-info.json").read_text(encoding="utf-8"))
    assert info["sources_sha256"] == sources_sha256(), (
        "src/newsevents/serve/static/ is older than web/: run `make dashboard`")


def test_dashboard_loads_nothing_from_elsewhere() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "an inline script"
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), "an inline event handler"
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert ref.startswith("/static/"), ref
        assert (STATIC / ref.removeprefix("/static/")).exists(), ref
    code = (STATIC / "app.js").read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s\"'`)]+", code))
    assert {u for u in urls if "www.w3.org" not in u} == set(), urls  # SVG namespaces only
    assert (STATIC / "countries-110m.json").stat().st_size > 50_000


def test_dashboard_writes_article_text_as_text_only() -> None:
    """Our own code never turns strings into HTML (the libraries' code is not ours)."""
    for path in (WEB / "src").rglob("*.js"):
        code = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                     ".html(", "eval(", "new Function"):
            assert sink not in code, (path.name, sink)
