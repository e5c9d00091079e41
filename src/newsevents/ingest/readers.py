"""Readers for dated text files, JSONL, directories and standard input.

Input formats are those of docs/records.md. A text file may begin with
`` date YYYY-MM-DD`` or ``date: YYYY-MM-DD``; that header is not part of the body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsevents.records import Article, DocError

DATE_HEADER = re.compile(r"\A\s*date:?[ \t]*(\S+)[ \t]*(?:\r?\n)?[ \t]*", re.IGNORECASE)
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20_000_000

Item = Article | DocError


def check_date(value: object) -> str | None:
    """Return an error message for a publication date that is not a real YYYY-MM-DD."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"publication date {value!r} is not of the form YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"publication date {value!r} is not a real calendar date"
    return None


def content_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _make_article(
    doc_id: str, body: str, date: object, origin: str, require_date: bool, **meta: Any
) -> Iterator[Item]:
    if not body.strip():
        yield DocError("ingest", "the article has no body text; nothing to code", doc_id, origin)
        return
    published: str | None = None
    if date is None or date == "":
        if require_date:
            yield DocError(
                "ingest",
                "no publication date: relative dates cannot be resolved; add a ` date "
                "YYYY-MM-DD` header (or a \"date\" field), or pass --allow-undated. "
                "The article was still coded.",
                doc_id,
                origin,
            )
    else:
        problem = check_date(date)
        if problem:
            yield DocError("ingest", problem + "; fix the date; the article was skipped",
                           doc_id, origin)
            return
        published = str(date)
    yield Article(doc_id=doc_id, body=body, published=published, origin=origin, **meta)


def parse_dated_text(text: str) -> tuple[str | None, str, bool]:
    """Split a dated text into (date, body, had_header)."""
    m = DATE_HEADER.match(text)
    if m and re.match(r"\d", m.group(1)):
        return m.group(1), text[m.end():], True
    return None, text, False


def read_text_file(path: Path, require_date: bool = True) -> Iterator[Item]:
    doc_id = path.stem
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield DocError("ingest", f"cannot read the file: {exc.strerror}", doc_id, origin)
        return
    if len(raw) > MAX_BYTES:
        yield DocError("ingest", f"file is {len(raw)} bytes, over the {MAX_BYTES} byte limit",
                       doc_id, origin)
        return
    if b"\x00" in raw[:8192]:
        yield DocError("ingest", "binary file (contains NUL bytes), not an article text",
                       doc_id, origin)
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield DocError(
            "ingest",
            f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8",
            doc_id,
            origin,
        )
        return
    date, body, _ = parse_dated_text(text)
    yield from _make_article(doc_id, body, date, origin, require_date)


def read_record(obj: Any, origin: str, require_date: bool = True) -> Iterator[Item]:
    """One article from a JSONL object or a table row: {"id", "text", "date", ...}."""
    if not isinstance(obj, dict):
        yield DocError("ingest", "a JSONL line must be an object with a \"text\" field",
                       None, origin)
        return
    text = obj.get("text")
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else None
    if not isinstance(text, str):
        yield DocError("ingest", "missing or non-string \"text\" field", doc_id, origin)
        return
    meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None
            for k in ("title", "url", "source")}
    yield from _make_article(doc_id or content_id(text), text, obj.get("date"), origin,
                             require_date, **meta)


def read_jsonl_stream(lines: Iterable[str], name: str, require_date: bool = True,
                      first_line: int = 1) -> Iterator[Item]:
    for lineno, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocError("ingest", f"malformed JSON ({exc.msg} at column {exc.colno})",
                           None, origin)
            continue
        yield from read_record(obj, origin, require_date)


def read_jsonl_file(path: Path, require_date: bool = True) -> Iterator[Item]:
    try:
        with path.open("rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield DocError("ingest", "line is not valid UTF-8", None,
                                   f"{path}:{lineno}")
                    continue
                yield from read_jsonl_stream([line], str(path), require_date, lineno)
    except OSError as exc:
        yield DocError("ingest", f"cannot read the file: {exc.strerror}", path.stem, str(path))


def read_path(path: Path, require_date: bool = True) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            yield from read_path(child, require_date)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, require_date)
    elif path.exists():
        yield from read_text_file(path, require_date)
    else:
        yield DocError("ingest", "no such file or directory; check the path", None, str(path))


def read_inputs(inputs: Iterable[str], stdin: IO[str] | None = None,
                require_date: bool = True) -> Iterator[Item]:
    """Read every input: paths, directories (recursively), or ``-`` for JSONL on stdin."""
    for name in inputs:
        if name == "-":
            if stdin is None:
                raise ValueError("'-' needs a standard input stream")
            yield from read_jsonl_stream(stdin, "<stdin>", require_date)
        else:
            yield from read_path(Path(name), require_date)
