"""Reading the knowledge files under ``newsevents/data``.

Every data file starts with ``# `` comment lines saying where its facts come
from; the first line that is not a comment is the header. Loading is explicit
(through constructors), never at import time.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import SetupError


def data_path(name: str) -> Path:
    """Path of a packaged data file, e.g. ``data_path("cameo.tsv")``."""
    return Path(str(resources.files("newsevents") / "data" / name))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a commented TSV file as dicts keyed by its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError("E002", f"cannot read data file {path}: {exc.strerror}") from exc
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        if len(cells) > len(header):
            raise SetupError(
                "E003", f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}"
            )
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=True)})
    return rows


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:
        raise SetupError("E002", f"cannot read data file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SetupError("E004", f"{path} is not valid YAML: {exc}") from exc


def file_version(*paths: Path) -> str:
    """A short content hash of data files: the version recorded on every event."""
    h = hashlib.sha1()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


def split_multi(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]
