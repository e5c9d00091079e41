import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.ingest import read_inputs, read_jsonl_stream, read_text_file
from newsevents.records import Article, DocError


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_readers_date_header_is_not_body(tmp_path: Path) -> None:
    p = _write(tmp_path, "a1.txt", b" date 2021-03-11 Police detained ten people.")
    [art] = list(read_text_file(p))
    assert isinstance(art, Article)
    assert art.doc_id == "a1"
    assert art.published == "2021-03-11"
    assert art.body == "Police detained ten people."


def test_readers_date_colon_header_on_own_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "b.txt", b"date: 2020-01-02\nTroops withdrew.\n")
    [art] = list(read_text_file(p))
    assert isinstance(art, Article) and art.published == "2020-01-02"
    assert art.body.startswith("Troops")


def test_readers_text_starting_with_date_word_is_body(tmp_path: Path) -> None:
    p = _write(tmp_path, "c.txt", b"Date rape cases rose, police said.")
    items = list(read_text_file(p))
    assert isinstance(items[-1], Article)
    assert items[-1].body.startswith("Date rape")


def test_readers_bad_files_give_clear_errors(tmp_path: Path) -> None:
    cases = {
        "binary.txt": (b"\x89PNG\x00\x00\x01", "binary"),
        "latin1.txt": (b" date 2021-01-01 Caf\xe9 owners protested.", "UTF-8"),
        "empty.txt": (b"", "no body"),
        "bodiless.txt": (b" date 2021-01-01   \n", "no body"),
        "impossible.txt": (b" date 2021-02-30 Police arrested him.", "not a real calendar date"),
    }
    for name, (data, needle) in cases.items():
        items = list(read_text_file(_write(tmp_path, name, data)))
        assert len(items) == 1 and isinstance(items[0], DocError), name
        assert needle in items[0].message, (name, items[0].message)
        assert items[0].origin.endswith(name)


def test_readers_missing_date_is_reported_but_coded(tmp_path: Path) -> None:
    items = list(read_text_file(_write(tmp_path, "nodate.txt", b"Police arrested him.")))
    assert isinstance(items[0], DocError) and "no publication date" in items[0].message
    assert isinstance(items[1], Article) and items[1].published is None
    items = list(read_text_file(tmp_path / "nodate.txt", require_date=False))
    assert [type(i) for i in items] == [Article]


def test_readers_jsonl_malformed_line_does_not_stop_the_rest() -> None:
    lines = [
        json.dumps({"id": "x1", "text": "Troops withdrew.", "date": "2022-05-01"}),
        "{not json",
        json.dumps({"id": "x2", "date": "2022-05-01"}),
        json.dumps(["a list"]),
        json.dumps({"text": "No id here.", "date": "2022-05-01"}),
    ]
    items = list(read_jsonl_stream(lines, "in.jsonl"))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "DocError", "DocError", "DocError", "Article"]
    assert items[1].origin == "in.jsonl:2"
    assert "malformed JSON" in items[1].message
    assert isinstance(items[4], Article) and items[4].doc_id.startswith("doc-")


def test_readers_directory_recursive_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path, "sub/a.txt", b" date 2021-01-01 One.")
    _write(tmp_path, "b.jsonl", json.dumps({"id": "j", "text": "Two.", "date": "2021-01-02"})
           .encode())
    _write(tmp_path, ".hidden.txt", b" date 2021-01-01 Hidden.")
    ids = sorted(i.doc_id for i in read_inputs([str(tmp_path)]) if isinstance(i, Article))
    assert ids == ["a", "j"]
    stdin = io.StringIO(json.dumps({"id": "s", "text": "Three.", "date": "2021-01-03"}) + "\n")
    [art] = list(read_inputs(["-"], stdin=stdin))
    assert isinstance(art, Article) and art.doc_id == "s"


def test_readers_missing_path_is_an_error(tmp_path: Path) -> None:
    [err] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(err, DocError) and "no such file" in err.message


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_readers_random_bytes_never_crash(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.txt"
        p.write_bytes(data)
        for item in read_text_file(p):
            assert isinstance(item, Article | DocError)


@given(st.lists(st.text(max_size=80), max_size=5))
def test_readers_random_jsonl_never_crash(lines: list[str]) -> None:
    for item in read_jsonl_stream(lines, "fuzz"):
        assert isinstance(item, Article | DocError)
